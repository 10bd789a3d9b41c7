//! The customer's story from the tenant's logs: their own events, the
//! events under their e-mail or username that carry no user ID (a mistyped
//! password before the account was found, an unknown user), and the
//! events without a user from the IPs they signed in from (`limit_wc`,
//! `limit_mu`). Each list is the newest page Auth0 gives; they are merged
//! once per `log_id`, newest first.

use chrono::Utc;
use futures::future::try_join_all;
use idlens_auth0::models::User;
use idlens_auth0::{LogsPage, ManagementError};
use idlens_job::Job;
use idlens_support::{phrase_term, prefix_term, Field, LogEvent, Plan, Timeline};

use super::types::TimelineView;
use crate::rbac::tokens::Management;

/// Events read per list: one page, Auth0's largest.
pub(super) const EVENTS_PER_LIST: usize = 100;
/// The most IPs whose user-less events are added to the story.
const IPS_SEARCHED: usize = 3;

/// The lists read, and whether any had more than one page.
#[derive(Default)]
pub(super) struct Lists {
    lists: Vec<Vec<LogEvent>>,
    more_available: bool,
}

impl Lists {
    /// Adds a page's events of this user or of no user (another user's
    /// events are not this customer's story, and not support's to read
    /// here); whether Auth0 had more is judged on the page as it came.
    fn add(&mut self, mut page: LogsPage, user_id: &str) {
        let read = page.events.len() as u64;
        self.more_available |= page.total.is_some_and(|total| total > read)
            || (page.total.is_none() && read >= EVENTS_PER_LIST as u64);
        page.events
            .retain(|e| e.user_id.as_deref().is_none_or(|id| id == user_id));
        self.lists.push(page.events);
    }

    /// The IPs of the events read so far, newest first, each once.
    fn ips(&self, user: &User) -> Vec<String> {
        let mut events: Vec<&LogEvent> = self.lists.iter().flatten().collect();
        events.sort_by_cached_key(|e| std::cmp::Reverse(e.instant()));
        let mut ips: Vec<String> = user.last_ip.iter().cloned().collect();
        for ip in events.iter().filter_map(|e| e.ip.as_ref()) {
            if ips.len() >= IPS_SEARCHED {
                break;
            }
            if !ips.contains(ip) {
                ips.push(ip.clone());
            }
        }
        ips.truncate(IPS_SEARCHED);
        ips
    }
}

/// The user's own events and those under their names: read side by side.
pub(super) async fn by_user(
    client: &Management,
    user: &User,
    job: &Job,
) -> Result<Lists, ManagementError> {
    let own = client.user_logs_page(&user.user_id, 0, EVENTS_PER_LIST, job);
    let names = name_queries(user)
        .into_iter()
        .map(|q| async move { client.search_logs(&q, 0, EVENTS_PER_LIST, job).await });
    let (own, by_name) = futures::try_join!(own, try_join_all(names))?;
    let mut lists = Lists::default();
    lists.add(own, &user.user_id);
    for page in by_name {
        lists.add(page, &user.user_id);
    }
    Ok(lists)
}

/// The events under a name no account has: a mistyped e-mail, a username
/// in another connection (`fu`), newest first.
pub(super) async fn by_name(
    client: &Management,
    name: &str,
    job: &Job,
) -> Result<Lists, ManagementError> {
    let q = phrase_term(Field::UserName, name);
    let page = client.search_logs(&q, 0, EVENTS_PER_LIST, job).await?;
    let mut lists = Lists::default();
    // No account: only events of no user are this story's.
    lists.add(page, "");
    Ok(lists)
}

/// Adds the user-less events of the IPs seen so far.
pub(super) async fn by_ip(
    client: &Management,
    user: &User,
    mut lists: Lists,
    job: &Job,
) -> Result<(Lists, Vec<String>), ManagementError> {
    let ips = lists.ips(user);
    let pages = try_join_all(ips.iter().map(|ip| {
        let q = phrase_term(Field::Ip, ip);
        async move { client.search_logs(&q, 0, EVENTS_PER_LIST, job).await }
    }))
    .await?;
    for page in pages {
        lists.add(page, &user.user_id);
    }
    Ok((lists, ips))
}

/// The lists merged, newest first and each event once, judged against the
/// days of logs the tenant keeps (when the profile does not say, the edge
/// is not claimed); whether Auth0 had more.
pub(super) fn merged(lists: Lists, retention_days: Option<u16>) -> (Timeline, bool) {
    let more_available = lists.more_available;
    let kept = retention_days.map_or(Plan::Enterprise.retention_days(), i64::from);
    let mut merged = idlens_support::timeline_kept(lists.lists, kept, Utc::now());
    merged.at_retention_edge &= retention_days.is_some();
    let more = more_available || merged.window_full;
    (merged, more)
}

/// The timeline as the card shows it.
pub(super) fn view(
    timeline: Timeline,
    more_available: bool,
    searched_ips: Vec<String>,
    retention_days: Option<u16>,
) -> TimelineView {
    TimelineView {
        events: timeline.events,
        more_available,
        at_retention_edge: timeline.at_retention_edge,
        retention_days: retention_days.map(u32::from),
        searched_ips,
    }
}

/// The searches for events under the user's names: the e-mail's local
/// part with any domain (`jane@*`, which also finds attempts with a
/// mistyped domain, `fu`) and the username.
fn name_queries(user: &User) -> Vec<String> {
    let mut queries = Vec::new();
    if let Some(email) = &user.email {
        match email.split_once('@') {
            Some((local, _)) if !local.is_empty() => {
                queries.push(prefix_term(Field::UserName, &format!("{local}@")));
            }
            _ => queries.push(phrase_term(Field::UserName, email)),
        }
    }
    if let Some(username) = user
        .username
        .as_ref()
        .filter(|u| Some(*u) != user.email.as_ref())
    {
        queries.push(phrase_term(Field::UserName, username));
    }
    queries
}
