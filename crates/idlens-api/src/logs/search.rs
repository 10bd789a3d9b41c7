//! Search mode (Auth0's `q`, newest first, the first 1,000 results) and
//! the whole log by checkpoint (oldest first, past 1,000, the query run
//! here because the checkpoint ignores `q`).

use idlens_auth0::LOG_SEARCH_CAP;
use idlens_job::Job;

use super::delivery::{Delivery, Flow};
use super::filter::LogFilter;
use crate::rbac::tokens::Management;
use crate::types::{LogsMode, LogsSearchRequest, LogsSummary};
use crate::ApiError;

/// Events asked for per page (Auth0's most).
const PAGE: u64 = 100;

/// Auth0's search, page after page up to its cap or the request's limit.
pub(super) async fn search(
    client: &Management,
    request: &LogsSearchRequest,
    job: &Job,
) -> Result<LogsSummary, ApiError> {
    let filter = LogFilter::new(&request.query, request.category)?;
    let (q, category_here) = filter.search_query();
    let local = if category_here {
        filter.category_only()
    } else {
        LogFilter::new("", None)?
    };
    let mut out = Delivery::new(job, LogsMode::Search, local, request.limit)?;
    out.summary.category_filtered_locally = category_here;
    job.phase("Searching the tenant's logs", None);
    let mut page = 0;
    loop {
        let found = client.search_logs(&q, page, PAGE as usize, job).await?;
        out.summary.pages += 1;
        out.summary.total = found.total;
        job.set_total(found.total.map(|t| t.min(LOG_SEARCH_CAP)));
        let read = found.events.len() as u64;
        job.advance(read);
        let flow = out.offer(found.events)?;
        let seen = (page + 1) * PAGE;
        let last = read < PAGE || seen >= LOG_SEARCH_CAP || found.total.is_some_and(|t| seen >= t);
        if flow == Flow::Stop || last {
            break;
        }
        page += 1;
    }
    let summary = &mut out.summary;
    summary.cap_reached = !summary.limit_reached
        && summary
            .total
            .map_or(summary.read >= LOG_SEARCH_CAP, |t| t > LOG_SEARCH_CAP);
    summary.checkpoint = None;
    job.flush();
    Ok(out.summary)
}

/// The whole log by checkpoint, from `from` (or the oldest event kept) to
/// the end (caught up) or the limit.
pub(super) async fn whole_log(
    client: &Management,
    request: &LogsSearchRequest,
    job: &Job,
) -> Result<LogsSummary, ApiError> {
    let filter = LogFilter::new(&request.query, request.category)?;
    let mut out = Delivery::new(job, LogsMode::All, filter, request.limit)?;
    job.phase("Reading the whole log by checkpoint", None);
    let mut stream = client.log_stream(request.from.as_deref());
    let mut flow = Flow::More;
    while flow == Flow::More {
        let Some(batch) = stream.next_batch(job).await? else {
            break;
        };
        flow = out.offer(batch)?;
    }
    out.summary.pages = stream.pages_read();
    if flow == Flow::More {
        out.summary.checkpoint = stream.checkpoint().map(str::to_owned);
    }
    job.flush();
    Ok(out.summary)
}
