//! A user's events as one timeline: several lists (a user's logs, a search
//! by e-mail, a search by IP, a checkpoint read) merged, each event once by
//! `log_id`, newest first, with what the timeline cannot show said plainly:
//! a list that stopped at Auth0's search limit, or an oldest event at the
//! edge of the plan's log retention (anything older is already gone).

use std::cmp::Reverse;
use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::LogEvent;

/// Auth0's log search pages through at most this many results
/// (`GET logs` with `q`, `GET users/{id}/logs`).
pub const SEARCH_RESULT_LIMIT: usize = 1000;

/// How close to the retention limit the oldest event must be for the
/// timeline to say older events may have been deleted.
pub const RETENTION_EDGE: TimeDelta = TimeDelta::hours(1);

/// The tenant's plan, for how long Auth0 keeps its logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Plan {
    Free,
    Essentials,
    Professional,
    Enterprise,
}

impl Plan {
    pub const ALL: [Plan; 4] = [
        Plan::Free,
        Plan::Essentials,
        Plan::Professional,
        Plan::Enterprise,
    ];

    /// Days of logs Auth0 keeps on this plan.
    pub fn retention_days(self) -> i64 {
        match self {
            Plan::Free => 1,
            Plan::Essentials => 5,
            Plan::Professional => 10,
            Plan::Enterprise => 30,
        }
    }
}

/// Events merged, newest first, with what may be missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub events: Vec<LogEvent>,
    /// A list held [`SEARCH_RESULT_LIMIT`] events: older matching events
    /// exist that Auth0's search would not return. Narrow the search (a
    /// date range) to see them.
    pub window_full: bool,
    /// The oldest event is within [`RETENTION_EDGE`] of the plan's
    /// retention: what happened before it has been deleted by Auth0.
    pub at_retention_edge: bool,
}

/// `lists` merged into one timeline, judged against `plan` at `now`.
pub fn timeline(lists: Vec<Vec<LogEvent>>, plan: Plan, now: DateTime<Utc>) -> Timeline {
    timeline_kept(lists, plan.retention_days(), now)
}

/// `lists` merged into one timeline, judged against `retention_days` of
/// logs kept (a plan's, or what the tenant's settings say) at `now`.
pub fn timeline_kept(
    lists: Vec<Vec<LogEvent>>,
    retention_days: i64,
    now: DateTime<Utc>,
) -> Timeline {
    let window_full = lists.iter().any(|list| list.len() >= SEARCH_RESULT_LIMIT);
    let events = merge(lists);
    let at_retention_edge = oldest(&events).is_some_and(|at| kept_edge(at, retention_days, now));
    Timeline {
        events,
        window_full,
        at_retention_edge,
    }
}

/// Every event once (the first seen of each `log_id`; events without one
/// are all kept), newest first. Events with the same date, or none, are
/// ordered by `log_id`, newest first too (Auth0's ids grow with time);
/// events without a valid date come last.
pub fn merge(lists: Vec<Vec<LogEvent>>) -> Vec<LogEvent> {
    let mut seen = HashSet::new();
    let mut events: Vec<LogEvent> = lists
        .into_iter()
        .flatten()
        .filter(|e| e.log_id.as_ref().is_none_or(|id| seen.insert(id.clone())))
        .collect();
    events.sort_by_cached_key(|e| Reverse((e.instant(), e.log_id.clone())));
    events
}

/// The date of the oldest dated event.
fn oldest(events: &[LogEvent]) -> Option<DateTime<Utc>> {
    events.iter().filter_map(LogEvent::instant).min()
}

/// Whether an event at `at` is close enough to the retention limit that
/// older ones may already be gone.
pub fn at_retention_edge(at: DateTime<Utc>, plan: Plan, now: DateTime<Utc>) -> bool {
    kept_edge(at, plan.retention_days(), now)
}

fn kept_edge(at: DateTime<Utc>, retention_days: i64, now: DateTime<Utc>) -> bool {
    let kept_since = now - TimeDelta::days(retention_days);
    at <= kept_since + RETENTION_EDGE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(date)
            .expect("a date")
            .with_timezone(&Utc)
    }

    fn event(log_id: Option<&str>, date: Option<&str>, kind: &str) -> LogEvent {
        LogEvent {
            log_id: log_id.map(str::to_owned),
            date: date.map(str::to_owned),
            kind: Some(kind.to_owned()),
            ..LogEvent::default()
        }
    }

    fn ids(events: &[LogEvent]) -> Vec<String> {
        events
            .iter()
            .map(|e| {
                format!(
                    "{}:{}",
                    e.log_id.as_deref().unwrap_or("-"),
                    e.kind.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    #[test]
    fn lists_merge_once_per_log_id_newest_first() {
        let by_user = vec![
            event(Some("3"), Some("2026-12-07T10:00:00Z"), "s"),
            event(Some("1"), Some("2026-12-05T10:00:00Z"), "fp"),
        ];
        let by_ip = vec![
            event(Some("2"), Some("2026-12-06T10:00:00Z"), "limit_wc"),
            // The same event read twice: the first seen is kept.
            event(Some("1"), Some("2026-12-05T10:00:00Z"), "fp-again"),
            // Same date as 3: ordered by log_id.
            event(Some("4"), Some("2026-12-07T10:00:00Z"), "ublkdu"),
            event(None, Some("2026-12-06T12:00:00Z"), "no-id"),
            event(Some("0"), Some("not a date"), "undated"),
        ];
        assert_eq!(
            ids(&merge(vec![by_user, by_ip])),
            [
                "4:ublkdu",
                "3:s",
                "-:no-id",
                "2:limit_wc",
                "1:fp",
                "0:undated"
            ]
        );
    }

    #[test]
    fn a_list_at_the_search_limit_marks_the_window_full() {
        let now = at("2026-12-08T00:00:00Z");
        let list = |n: usize| -> Vec<LogEvent> {
            (0..n)
                .map(|i| event(Some(&format!("{i:05}")), Some("2026-12-07T00:00:00Z"), "s"))
                .collect()
        };
        let under = timeline(vec![list(SEARCH_RESULT_LIMIT - 1)], Plan::Enterprise, now);
        assert!(!under.window_full);
        let full = timeline(
            vec![list(SEARCH_RESULT_LIMIT), list(3)],
            Plan::Enterprise,
            now,
        );
        assert!(full.window_full);
        assert_eq!(full.events.len(), SEARCH_RESULT_LIMIT);
    }

    #[test]
    fn the_oldest_event_near_the_retention_limit_is_flagged() {
        let now = at("2026-12-08T12:00:00Z");
        let list = |date: &str| vec![vec![event(Some("1"), Some(date), "fp")]];
        // Free keeps a day: an event 23.5 hours old is at the edge.
        assert!(timeline(list("2026-12-07T12:30:00Z"), Plan::Free, now).at_retention_edge);
        assert!(!timeline(list("2026-12-07T13:30:00Z"), Plan::Free, now).at_retention_edge);
        // The same event is well inside Essentials' five days.
        assert!(!timeline(list("2026-12-07T12:30:00Z"), Plan::Essentials, now).at_retention_edge);
        assert!(timeline(list("2026-12-03T12:30:00Z"), Plan::Essentials, now).at_retention_edge);
        assert!(!timeline(vec![], Plan::Free, now).at_retention_edge);
    }

    #[test]
    fn retention_follows_the_plans() {
        let days: Vec<i64> = Plan::ALL.iter().map(|p| p.retention_days()).collect();
        assert_eq!(days, [1, 5, 10, 30]);
    }
}
