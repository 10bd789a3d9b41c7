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
use idlens_support::{phrase_term, Field, LogEvent, Plan};

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
    let names = names(user).into_iter().map(|name| {
        let q = phrase_term(Field::UserName, &name);
        async move { client.search_logs(&q, 0, EVENTS_PER_LIST, job).await }
    });
    let (own, by_name) = futures::try_join!(own, try_join_all(names))?;
    let mut lists = Lists::default();
    lists.add(own, &user.user_id);
    for page in by_name {
        lists.add(page, &user.user_id);
    }
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

/// The lists as the card shows them, judged against the plan's retention
/// when it is known.
pub(super) fn view(lists: Lists, searched_ips: Vec<String>, plan: Option<Plan>) -> TimelineView {
    let more_available = lists.more_available;
    let assumed = plan.unwrap_or(Plan::Enterprise);
    let merged = idlens_support::timeline(lists.lists, assumed, Utc::now());
    TimelineView {
        events: merged.events,
        more_available: more_available || merged.window_full,
        at_retention_edge: plan.is_some() && merged.at_retention_edge,
        retention_days: plan.map(|p| p.retention_days() as u32),
        searched_ips,
    }
}

/// The names the tenant's events may carry for this user: e-mail and
/// username, each once.
fn names(user: &User) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in [&user.email, &user.username].into_iter().flatten() {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.clone());
        }
    }
    names
}
