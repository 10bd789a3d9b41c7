//! Handing a logs job's events on: filtered, counted, explained and
//! bounded ([`LogEventView`]), one batch per page read, up to a limit. What
//! was handed on is never kept: memory stays one page whatever the log's
//! size.

use idlens_auth0::RecentIds;
use idlens_job::Job;
use idlens_support::LogEvent;

use super::filter::LogFilter;
use super::types::{LogBatch, LogEventView, LogsMode, LogsSummary};
use crate::{ApiError, ErrorCode};

/// How many recent `log_id`s a search remembers to drop an event a later
/// page brings again (new events shift a newest-first search's pages).
const SEEN_WINDOW: usize = 2_000;

/// Whether to read on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    More,
    /// The limit was reached.
    Stop,
}

/// The delivering end of a logs job, and its running summary.
pub(super) struct Delivery<'j> {
    job: &'j Job,
    filter: LogFilter,
    limit: Option<u64>,
    seen: RecentIds,
    pub(super) summary: LogsSummary,
}

impl<'j> Delivery<'j> {
    /// Refuses a job with nowhere to send its batches: nothing is read to be
    /// dropped.
    pub(super) fn new(
        job: &'j Job,
        mode: LogsMode,
        filter: LogFilter,
        limit: Option<u64>,
    ) -> Result<Self, ApiError> {
        if !job.takes_batches::<LogBatch>() {
            return Err(ApiError::new(
                ErrorCode::Internal,
                "A logs job hands its events on as it reads them, and this one was started without a place to send them (Job::streaming with LogBatch batches).",
            ));
        }
        Ok(Self {
            job,
            filter,
            limit,
            seen: RecentIds::new(SEEN_WINDOW),
            summary: empty_summary(mode),
        })
    }

    /// Offers the events of one page, in the order read: the matching ones
    /// (once each, up to the limit) go on as one batch.
    pub(super) fn offer(&mut self, events: Vec<LogEvent>) -> Result<Flow, ApiError> {
        let mut batch = Vec::new();
        let mut flow = Flow::More;
        for event in events {
            if self.limit.is_some_and(|limit| self.summary.events >= limit) {
                self.summary.limit_reached = true;
                flow = Flow::Stop;
                break;
            }
            self.summary.read += 1;
            if let Some(id) = &event.log_id {
                self.summary.checkpoint = Some(id.clone());
            }
            if !self.seen.first_time(&event) || !self.filter.matches(&event) {
                continue;
            }
            self.note_oldest(&event);
            self.summary.events += 1;
            batch.push(LogEventView::from(event));
        }
        if !batch.is_empty() {
            self.job
                .deliver(LogBatch {
                    events: batch,
                    caught_up: false,
                })
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        }
        Ok(flow)
    }

    /// Tells the sink the reader has caught up (a tail is live).
    pub(super) fn caught_up(&self) -> Result<(), ApiError> {
        self.job
            .deliver(LogBatch {
                events: Vec::new(),
                caught_up: true,
            })
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
    }

    fn note_oldest(&mut self, event: &LogEvent) {
        let Some(at) = event.instant() else { return };
        let older = self.summary.oldest.as_deref().is_none_or(|oldest| {
            chrono::DateTime::parse_from_rfc3339(oldest).is_ok_and(|o| at < o)
        });
        if older {
            self.summary.oldest = event.date.clone();
        }
    }
}

fn empty_summary(mode: LogsMode) -> LogsSummary {
    LogsSummary {
        mode,
        events: 0,
        read: 0,
        pages: 0,
        total: None,
        cap_reached: false,
        limit_reached: false,
        category_filtered_locally: false,
        oldest: None,
        checkpoint: None,
    }
}
