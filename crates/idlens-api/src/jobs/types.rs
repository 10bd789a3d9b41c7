//! Boundary types of long work: a job's id, its progress and its end.

use idlens_job::WaitNote;
use serde::Serialize;
use ts_rs::TS;

use crate::types::LogBatch;
use crate::ApiError;

/// A running job, for `job_cancel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[ts(type = "number")]
pub struct JobId(pub u64);

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JobProgress {
    /// What it is doing: "Fetching the members of role Everyone".
    pub phase: String,
    #[ts(type = "number")]
    pub done: u64,
    /// Items in this phase, when known.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// While it waits for the Management API's rate limit: until when (UNIX seconds).
    #[ts(type = "number | null")]
    pub waiting_until: Option<i64>,
    /// While it waits: why the wait is not what the tenant's headers asked
    /// for (they look wrong), as a sentence to show beside it.
    pub wait_note: Option<String>,
}

impl From<&idlens_job::Progress> for JobProgress {
    fn from(p: &idlens_job::Progress) -> Self {
        Self {
            phase: p.phase.clone(),
            done: p.done,
            total: p.total,
            waiting_until: p.waiting_until,
            wait_note: p.wait_note.as_ref().map(wait_note_text),
        }
    }
}

/// A wait's note as a sentence: "The tenant asked to wait until
/// 2100-01-01 00:00 UTC (x-ratelimit-reset); IdLens waits at most 60 s: …".
pub fn wait_note_text(note: &WaitNote) -> String {
    match *note {
        WaitNote::TooLong {
            header,
            asked_until,
            ceiling_secs,
        } => format!(
            "The tenant asked to wait until {} ({header}); IdLens waits at most {ceiling_secs} s: its rate-limit headers look wrong.",
            utc(asked_until)
        ),
        WaitNote::LongPast {
            header,
            asked_until,
            waited_secs,
        } => format!(
            "The tenant's rate limit named {} ({header}), long past; IdLens waits {waited_secs} s instead: its rate-limit headers (or this computer's clock) look wrong.",
            utc(asked_until)
        ),
        WaitNote::Unreadable {
            header,
            waited_secs,
        } => format!(
            "The tenant's {header} header is not a time; IdLens waits {waited_secs} s instead: its rate-limit headers look wrong."
        ),
    }
}

/// UNIX seconds as "2100-01-01 00:00 UTC".
fn utc(secs: i64) -> String {
    match chrono::DateTime::from_timestamp(secs, 0) {
        Some(at) => at.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => format!("{secs} seconds after 1970, an impossible date"),
    }
}

/// What a job reports: progress any number of times, then exactly one of
/// `done` (with the result) or `failed`. A `stream_job` (the logs jobs) also
/// reports its partial results as `batch`es, in the order made, each before
/// the `done` that ends it; other jobs never send one. (`LogBatch` is the
/// only batch a job streams today: a second would make it a type parameter.)
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum JobEvent<T: TS> {
    Progress { progress: JobProgress },
    Batch { batch: LogBatch },
    Done { result: T },
    Failed { error: ApiError },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_note_says_what_was_asked_and_what_idlens_does() {
        let too_long = WaitNote::TooLong {
            header: "x-ratelimit-reset",
            asked_until: 4_102_444_800,
            ceiling_secs: 60,
        };
        assert_eq!(
            wait_note_text(&too_long),
            "The tenant asked to wait until 2100-01-01 00:00 UTC (x-ratelimit-reset); IdLens waits at most 60 s: its rate-limit headers look wrong."
        );
        let past = WaitNote::LongPast {
            header: "x-ratelimit-reset",
            asked_until: 5,
            waited_secs: 1,
        };
        assert!(wait_note_text(&past).contains("1970-01-01 00:00 UTC"));
        let absurd = WaitNote::TooLong {
            header: "retry-after",
            asked_until: i64::MAX,
            ceiling_secs: 60,
        };
        assert!(wait_note_text(&absurd).contains("an impossible date"));
        let progress = idlens_job::Progress {
            waiting_until: Some(1),
            wait_note: Some(too_long),
            ..Default::default()
        };
        assert!(JobProgress::from(&progress)
            .wait_note
            .unwrap()
            .starts_with("The tenant asked to wait until 2100"));
    }
}
