//! The tenant's logs as jobs that stream: `logs_search` (Auth0's search,
//! or with `all` the whole log by checkpoint, filtered here) and
//! `logs_tail` (new events until cancelled). Each hands its events on in
//! batches ([`LogBatch`](types::LogBatch), one per page read) to the sink
//! its [`Job`] was made with (`Job::streaming`, or
//! [`Api::job_begin_streaming`]), and ends with a
//! [`LogsSummary`](types::LogsSummary): nothing is held but one page.
//!
//! A cancel ends either with a `cancelled` error, as every job: a tail's
//! caller counts what it was handed.

mod delivery;
mod filter;
mod search;
mod tail;
pub mod types;
mod view;

use idlens_job::Job;

use crate::types::{JobId, JobProgress, LogBatch, LogsSearchRequest, LogsSummary, LogsTailRequest};
use crate::{Api, ApiError};

pub use view::{MAX_DESCRIPTION_CHARS, MAX_FIELD_CHARS};

/// How long a tail waits, once caught up, before asking for new events.
pub const DEFAULT_POLL_MS: u64 = 5_000;

impl Api {
    /// Searches the tenant's logs (scope `read:logs`); see
    /// [`LogsSearchRequest`]. The events go to the job's batch sink.
    pub async fn logs_search(
        &self,
        request: LogsSearchRequest,
        job: Job,
    ) -> Result<LogsSummary, ApiError> {
        let profile = self.load_profile(request.profile.clone()).await?;
        let client = self.management(&profile)?;
        if request.all {
            search::whole_log(&client, &request, &job).await
        } else {
            search::search(&client, &request, &job).await
        }
    }

    /// New events of the tenant's logs as they come, until cancelled (then
    /// a `cancelled` error). The events go to the job's batch sink.
    pub async fn logs_tail(
        &self,
        request: LogsTailRequest,
        job: Job,
    ) -> Result<LogsSummary, ApiError> {
        let profile = self.load_profile(request.profile.clone()).await?;
        let client = self.management(&profile)?;
        tail::tail(&client, &request, &job).await
    }

    /// [`Api::job_begin`] for a job that streams: its progress goes to
    /// `on_progress`, its batches of events to `on_batch` (in order).
    pub fn job_begin_streaming(
        &self,
        on_progress: impl Fn(JobProgress) + Send + Sync + 'static,
        on_batch: impl Fn(LogBatch) + Send + Sync + 'static,
    ) -> (JobId, Job) {
        let (job, cancel) = Job::streaming(move |p| on_progress(p.into()), on_batch);
        (self.job_register(cancel), job)
    }
}
