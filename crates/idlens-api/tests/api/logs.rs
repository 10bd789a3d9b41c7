//! The logs jobs through the `Api`, against the sandbox tenant: events go
//! to the job's batch sink a page at a time (nothing held), a job with
//! nowhere to send them is refused, and a tail waiting out its polling
//! interval ends at once when cancelled.

use std::sync::{mpsc, Arc, Mutex};

use idlens_api::types::{LogBatch, LogsSearchRequest, LogsTailRequest};
use idlens_api::ErrorCode;
use idlens_job::Job;

use crate::rbac::m2m_tenant;
use crate::session::config;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_log_goes_to_the_sink_a_page_at_a_time() {
    let mut tenant = m2m_tenant(config()).await;
    let sizes = Arc::new(Mutex::new(Vec::new()));
    let into = Arc::clone(&sizes);
    let (job, _cancel) = Job::streaming(
        |_| {},
        move |batch: LogBatch| into.lock().unwrap().push(batch.events.len()),
    );
    let request = LogsSearchRequest {
        query: "type:s".to_owned(),
        all: true,
        ..LogsSearchRequest::default()
    };
    let summary = tenant.api.logs_search(request, job).await.unwrap();
    let sizes = sizes.lock().unwrap().clone();
    assert!(summary.events > 1_000, "{summary:?}");
    assert_eq!(sizes.iter().sum::<usize>() as u64, summary.events);
    assert!(sizes.iter().all(|n| (1..=100).contains(n)), "{sizes:?}");
    assert_eq!(summary.pages, summary.read.div_ceil(100), "{summary:?}");
    assert!(summary.checkpoint.is_some());
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logs_job_with_nowhere_to_send_its_events_is_refused() {
    let mut tenant = m2m_tenant(config()).await;
    let err = tenant
        .api
        .logs_search(LogsSearchRequest::default(), Job::unwatched())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Internal, "{err:?}");
    assert!(
        err.message.contains("without a place to send them"),
        "{err:?}"
    );
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tail_waiting_for_new_events_ends_when_cancelled() {
    let mut tenant = m2m_tenant(config()).await;
    let (caught_up, seen) = mpsc::channel();
    let caught_up = Mutex::new(caught_up);
    let (job, cancel) = Job::streaming(
        |_| {},
        move |batch: LogBatch| {
            if batch.caught_up {
                caught_up.lock().unwrap().send(()).unwrap();
            }
        },
    );
    let request = LogsTailRequest {
        // An hour: only a cancel ends this wait.
        poll_interval_ms: Some(3_600_000),
        ..LogsTailRequest::default()
    };
    let api = Arc::clone(&tenant.api);
    let tail = tokio::spawn(async move { api.logs_tail(request, job).await });
    tokio::task::spawn_blocking(move || seen.recv().unwrap())
        .await
        .unwrap();
    cancel.cancel();
    let err = tail.await.unwrap().unwrap_err();
    assert_eq!(err.code, ErrorCode::Cancelled, "{err:?}");
    tenant.stop().await;
}
