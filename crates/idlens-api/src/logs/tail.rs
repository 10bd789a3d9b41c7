//! A live tail: from the newest event, checkpoint pages until cancelled,
//! waiting a polling interval (cancellable) each time it catches up.

use std::time::Duration;

use idlens_job::Job;

use super::delivery::Delivery;
use super::filter::LogFilter;
use super::DEFAULT_POLL_MS;
use crate::rbac::tokens::Management;
use crate::types::{LogsMode, LogsSummary, LogsTailRequest};
use crate::{ApiError, ErrorCode};

/// Follows the log until the job is cancelled: the only way it ends
/// without an error from the tenant.
pub(super) async fn tail(
    client: &Management,
    request: &LogsTailRequest,
    job: &Job,
) -> Result<LogsSummary, ApiError> {
    let filter = LogFilter::new(request.filter.as_deref().unwrap_or(""), request.category)?;
    let mut out = Delivery::new(job, LogsMode::Tail, filter, None)?;
    let interval = Duration::from_millis(request.poll_interval_ms.unwrap_or(DEFAULT_POLL_MS));
    job.phase("Finding the newest event", None);
    let newest = client.search_logs("", 0, 1, job).await?;
    let start = newest.events.first().and_then(|e| e.log_id.clone());
    let mut stream = client.log_stream(start.as_deref());
    job.phase("Following the tenant's logs", None);
    let mut live = false;
    loop {
        match stream.next_batch(job).await? {
            Some(batch) => {
                live = false;
                out.offer(batch)?;
            }
            None => {
                if !live {
                    out.caught_up()?;
                    live = true;
                }
                job.flush();
                job.sleep(interval).await.map_err(|_| cancelled())?;
                stream.resume();
            }
        }
    }
}

fn cancelled() -> ApiError {
    ApiError::new(ErrorCode::Cancelled, "The tail was stopped.")
}
