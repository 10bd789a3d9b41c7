//! Boundary types of long work: a job's id, its progress and its end.

use serde::Serialize;
use ts_rs::TS;

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
}

impl From<&idlens_job::Progress> for JobProgress {
    fn from(p: &idlens_job::Progress) -> Self {
        Self {
            phase: p.phase.clone(),
            done: p.done,
            total: p.total,
            waiting_until: p.waiting_until,
        }
    }
}

/// What a job reports: progress any number of times, then exactly one of
/// `done` (with the result) or `failed`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum JobEvent<T: TS> {
    Progress { progress: JobProgress },
    Done { result: T },
    Failed { error: ApiError },
}
