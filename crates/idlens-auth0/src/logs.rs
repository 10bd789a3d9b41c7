//! The tenant's logs by search (`GET logs`, a page at a time, the first
//! 1,000 results), a user's logs (`GET users/{id}/logs`, every page up to
//! the same 1,000) and one event (`GET logs/{id}`), parsed into
//! [`LogEvent`]s. Reading the whole log, past 1,000, is the checkpoint
//! stream's ([`crate::LogStream`]).

use idlens_job::Job;
use idlens_support::LogEvent;
use serde::Deserialize;

use crate::client::PAGE_SIZE;
use crate::paging::{identity, AtCap, PageGuard, OFFSET_CAP};
use crate::{ManagementClient, ManagementError, TokenSource};

/// Auth0 pages through at most this many results of a log search or of a
/// user's logs.
pub const LOG_SEARCH_CAP: u64 = OFFSET_CAP;

/// One page of a log search, newest first.
#[derive(Debug, Clone)]
pub struct LogsPage {
    pub events: Vec<LogEvent>,
    /// Events matching the search, all of them (Auth0 pages through at
    /// most 1,000); `None` when Auth0's answer gave no total.
    pub total: Option<u64>,
    pub start: u64,
}

impl LogsPage {
    /// More events match than a search can page through: narrow the
    /// search, or read the log by checkpoint.
    pub fn capped(&self) -> bool {
        self.total.is_some_and(|total| total > LOG_SEARCH_CAP)
    }
}

/// A user's events, newest first, as many as Auth0 pages through.
#[derive(Debug, Clone)]
pub struct UserLogs {
    pub events: Vec<LogEvent>,
    /// The user's events, all of them; `None` when Auth0 gave no total.
    pub total: Option<u64>,
    /// The user has more events than the 1,000 Auth0 pages through (or,
    /// without a total, exactly 1,000 were read): older ones are left out.
    pub capped: bool,
}

/// `{logs: [...], total, start}`, with `include_totals=true`.
#[derive(Deserialize)]
struct LogsEnvelope {
    logs: Vec<LogEvent>,
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    start: Option<u64>,
}

impl LogsEnvelope {
    /// The page it is; without `start`, where page `page` of `per_page`
    /// begins.
    fn into_page(self, page: u64, per_page: usize) -> LogsPage {
        LogsPage {
            total: self.total,
            start: self
                .start
                .unwrap_or(page * per_page.clamp(1, PAGE_SIZE) as u64),
            events: self.logs,
        }
    }
}

/// How an event is recognised when a page brings it again: its `log_id`,
/// or (without one) the whole event.
pub(crate) fn event_identity(event: &LogEvent) -> u64 {
    match &event.log_id {
        Some(id) => identity(id),
        None => identity(&serde_json::to_string(event).unwrap_or_default()),
    }
}

fn offset_query(page: u64, per_page: usize) -> Vec<(&'static str, String)> {
    vec![
        ("page", page.to_string()),
        ("per_page", per_page.clamp(1, PAGE_SIZE).to_string()),
        ("sort", "date:-1".to_owned()),
        ("include_totals", "true".to_owned()),
    ]
}

impl<T: TokenSource> ManagementClient<T> {
    /// One page of the events matching the Lucene query `q` (empty: every
    /// event), newest first (scope `read:logs`). Auth0 answers only the
    /// first 1,000 results: a page reaching past them is refused here,
    /// before it is sent ([`ManagementError::SearchPastCap`]).
    pub async fn search_logs(
        &self,
        q: &str,
        page: u64,
        per_page: usize,
        job: &Job,
    ) -> Result<LogsPage, ManagementError> {
        let size = per_page.clamp(1, PAGE_SIZE) as u64;
        if page.saturating_add(1).saturating_mul(size) > LOG_SEARCH_CAP {
            return Err(ManagementError::SearchPastCap {
                endpoint: crate::client::endpoint(&["logs"]),
                page,
                per_page: size,
            });
        }
        let mut query = offset_query(page, per_page);
        if !q.is_empty() {
            query.push(("q", q.to_owned()));
        }
        let envelope: LogsEnvelope = self.get(&["logs"], &query, job).await?;
        Ok(envelope.into_page(page, per_page))
    }

    /// One event by its `log_id` (scope `read:logs`).
    pub async fn log_event(&self, log_id: &str, job: &Job) -> Result<LogEvent, ManagementError> {
        self.get(&["logs", log_id], &[], job).await
    }

    /// One page of a user's events, newest first (scope `read:logs_users`):
    /// the support card reads the newest page, not all 1,000.
    pub async fn user_logs_page(
        &self,
        user_id: &str,
        page: u64,
        per_page: usize,
        job: &Job,
    ) -> Result<LogsPage, ManagementError> {
        let query = offset_query(page, per_page);
        let envelope: LogsEnvelope = self.get(&["users", user_id, "logs"], &query, job).await?;
        Ok(envelope.into_page(page, per_page))
    }

    /// A user's events, newest first, every page up to the 1,000 Auth0
    /// pages through (scope `read:logs_users`); [`UserLogs::capped`] says
    /// when there are more. Through the paging guard: pages that repeat or
    /// end short of their total are an error.
    pub async fn user_logs(&self, user_id: &str, job: &Job) -> Result<UserLogs, ManagementError> {
        let path = ["users", user_id, "logs"];
        let mut guard = PageGuard::new(crate::client::endpoint(&path));
        let mut events = Vec::new();
        let mut next = Some(0u64);
        while let Some(page) = next {
            let envelope: LogsEnvelope =
                self.get(&path, &offset_query(page, PAGE_SIZE), job).await?;
            guard.page(envelope.logs.iter().map(event_identity), envelope.total)?;
            let fetched = envelope.logs.len();
            events.extend(envelope.logs);
            next = guard.offset_next(fetched, PAGE_SIZE, AtCap::Stop)?;
        }
        let total = guard.total();
        let read = events.len() as u64;
        Ok(UserLogs {
            capped: total.map_or(read >= LOG_SEARCH_CAP, |t| t > LOG_SEARCH_CAP),
            total,
            events,
        })
    }
}
