//! Boundary types of the tenant's logs: what a search or a tail asks for,
//! each event with its explanation, the batches a running job hands on,
//! and the summary it ends with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use idlens_support::{LogCategory, LogCode as LogCodeInfo, Outcome as LogOutcome};

/// `logs_search`: Auth0's log search (`q`), or with `all` the whole log by
/// checkpoint, filtered here.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogsSearchRequest {
    #[serde(default)]
    pub profile: Option<String>,
    /// Lucene, as Auth0's log search reads it (`type:fp AND ip:203.0.113.7`);
    /// empty: every event.
    #[serde(default)]
    pub query: String,
    /// Past Auth0's 1,000 results: the whole log by checkpoint, oldest
    /// first, the query applied here.
    #[serde(default)]
    pub all: bool,
    /// Only events of this category.
    #[serde(default)]
    pub category: Option<LogCategory>,
    /// With `all`: start after this `log_id` (a summary's `checkpoint`)
    /// instead of at the oldest event kept.
    #[serde(default)]
    pub from: Option<String>,
    /// Stop after this many matching events.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub limit: Option<u64>,
}

/// `logs_tail`: new events as they come, until cancelled.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogsTailRequest {
    #[serde(default)]
    pub profile: Option<String>,
    /// Lucene, applied here to each new event (the checkpoint ignores `q`).
    #[serde(default)]
    pub filter: Option<String>,
    #[serde(default)]
    pub category: Option<LogCategory>,
    /// How long to wait, once caught up, before asking again (default
    /// [`DEFAULT_POLL_MS`](crate::logs::DEFAULT_POLL_MS)).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub poll_interval_ms: Option<u64>,
}

/// One log event with what its type means. Text from the tenant is
/// bounded: a field past its limit is cut and named in `truncated`, so a
/// cut value is never shown as whole.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogEventView {
    pub log_id: Option<String>,
    pub date: Option<String>,
    /// The type code as the event gave it (`fp`, or an unknown one, raw).
    pub code: String,
    /// Auth0's name for the event, or "Unknown event type \"…\"".
    pub event: String,
    /// What the code means; `None` for a code not in `LOG_CODES`.
    pub explanation: Option<LogCodeInfo>,
    pub description: Option<String>,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
    pub ip: Option<String>,
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    pub connection: Option<String>,
    pub user_agent: Option<String>,
    /// Auth0's free-form details (at most 16 KiB of JSON, else a marker
    /// `{"omitted": true, "bytes": n}`).
    #[ts(type = "unknown")]
    pub details: Option<serde_json::Value>,
    /// The fields cut at their limit (`description`, …).
    pub truncated: Vec<String>,
}

/// Events a running logs job hands on as it reads them (in order).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogBatch {
    pub events: Vec<LogEventView>,
    /// A tail has read everything there is (no events in this batch): it
    /// is live now, waiting for new ones. Sent when it first catches up
    /// and again after each run of new events.
    pub caught_up: bool,
}

/// How the events were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LogsMode {
    /// Auth0's search, newest first, at most 1,000 results.
    Search,
    /// The whole log by checkpoint, oldest first, filtered here.
    All,
    /// New events by checkpoint, until cancelled.
    Tail,
}

/// How a logs job ended (its events went out in batches).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogsSummary {
    pub mode: LogsMode,
    /// Events handed on (matching the query and category).
    #[ts(type = "number")]
    pub events: u64,
    /// Events read from Auth0, before any filter applied here.
    #[ts(type = "number")]
    pub read: u64,
    /// Pages asked of Auth0.
    #[ts(type = "number")]
    pub pages: u64,
    /// Search: events matching, as Auth0 counted them (all of them, also
    /// past the 1,000 it pages through).
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// Search: more events match than Auth0's search pages through (1,000):
    /// older ones were not read. Use `all`, or a narrower date range.
    pub cap_reached: bool,
    /// The request's `limit` stopped it: more may match.
    pub limit_reached: bool,
    /// The category could not go into Auth0's query (too long) and was
    /// applied here to what the search returned.
    pub category_filtered_locally: bool,
    /// The oldest event handed on (its date), to judge against the plan's
    /// log retention: anything older may already be deleted.
    pub oldest: Option<String>,
    /// All and tail: where to resume (`from`) to read only what came after.
    pub checkpoint: Option<String>,
}
