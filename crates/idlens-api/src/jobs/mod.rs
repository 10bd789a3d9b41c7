//! Long work as jobs: an id, progress, cancel, one result or error. The
//! shell streams a job's events to the UI over a channel; the CLI runs the
//! same operations with a job whose progress it prints on stderr.

pub mod types;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use idlens_job::{CancelHandle, Job};

use crate::types::{JobId, JobProgress};
use crate::{lock, Api, ApiError};

/// The jobs running in this process, by id.
#[derive(Default)]
pub(crate) struct Jobs {
    next: AtomicU64,
    running: Mutex<HashMap<u64, CancelHandle>>,
}

impl Api {
    /// Registers a job whose progress goes to `on_progress`: its id, and the
    /// [`Job`] to run the operation with. Call [`job_end`](Self::job_end)
    /// when the operation returns.
    pub fn job_begin(
        &self,
        on_progress: impl Fn(JobProgress) + Send + Sync + 'static,
    ) -> (JobId, Job) {
        let (job, cancel) = Job::new(move |p| on_progress(p.into()));
        (self.job_register(cancel), job)
    }

    /// A new job id for the job `cancel` cancels.
    pub(crate) fn job_register(&self, cancel: CancelHandle) -> JobId {
        let id = self.jobs.next.fetch_add(1, Ordering::Relaxed) + 1;
        lock(&self.jobs.running).insert(id, cancel);
        JobId(id)
    }

    /// Forgets a finished job.
    pub fn job_end(&self, id: JobId) {
        lock(&self.jobs.running).remove(&id.0);
    }

    /// Cancels a running job; it ends with a `cancelled` error. Cancelling
    /// one that already ended does nothing.
    pub fn job_cancel(&self, job_id: JobId) -> Result<(), ApiError> {
        if let Some(cancel) = lock(&self.jobs.running).get(&job_id.0) {
            cancel.cancel();
        }
        Ok(())
    }
}
