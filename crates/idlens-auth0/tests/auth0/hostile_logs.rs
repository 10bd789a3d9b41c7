//! The log checkpoint stream and log events against a hostile Management
//! API: a checkpoint that repeats its page or never advances ends the
//! stream with an error after two requests; a `Link` to another host is
//! not followed; a huge event with terminal escapes is read or refused by
//! the answer limit, never a panic.

use std::sync::atomic::Ordering;

use idlens_auth0::{Endless, ManagementError};
use idlens_job::Job;
use idlens_testkit::hostile_tenant::Hostile;

use crate::hostile::client_of;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checkpoint_that_serves_the_same_page_again_ends_the_stream_with_an_error() {
    let (mgmt, requests) = client_of(Hostile::LogsSamePage).await;
    let job = Job::unwatched();
    let mut stream = mgmt.log_stream(None);
    assert_eq!(stream.next_batch(&job).await.unwrap().unwrap().len(), 3);
    let err = stream.next_batch(&job).await.unwrap_err();
    assert!(
        matches!(
            err,
            ManagementError::CheckpointStuck {
                problem: Endless::RepeatedItems,
                events: 3,
                pages: 2,
                ..
            }
        ),
        "{err}"
    );
    let text = err.to_string();
    assert!(text.contains("GET /api/v2/logs"), "{text}");
    assert!(text.contains("only items already seen"), "{text}");
    assert_eq!(requests.load(Ordering::Relaxed), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checkpoint_that_never_advances_ends_the_stream_with_an_error() {
    let (mgmt, requests) = client_of(Hostile::LogsStuckCheckpoint).await;
    let job = Job::unwatched();
    let mut stream = mgmt.log_stream(None);
    assert_eq!(stream.next_batch(&job).await.unwrap().unwrap().len(), 3);
    assert_eq!(stream.checkpoint(), Some("the-same-checkpoint"));
    let err = stream.next_batch(&job).await.unwrap_err();
    assert!(
        matches!(
            err,
            ManagementError::CheckpointStuck {
                problem: Endless::CheckpointUnchanged,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("checkpoint just read"), "{err}");
    assert_eq!(requests.load(Ordering::Relaxed), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_next_link_to_another_host_is_asked_of_the_tenant_not_followed() {
    let (mgmt, requests) = client_of(Hostile::LogsForeignLink).await;
    let job = Job::unwatched();
    let mut stream = mgmt.log_stream(None);
    let batch = stream.next_batch(&job).await.unwrap().unwrap();
    assert_eq!(batch.len(), 2);
    assert_eq!(stream.checkpoint(), Some("next-1"));
    assert!(
        stream.next_batch(&job).await.unwrap().is_none(),
        "caught up"
    );
    assert_eq!(
        requests.load(Ordering::Relaxed),
        2,
        "the tenant answered from=next-1"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_megabyte_of_description_with_terminal_escapes_is_read_as_text_or_refused_by_the_limit() {
    const MEGABYTE: usize = 1024 * 1024;
    let (mgmt, _) = client_of(Hostile::LogsLoudEvent { bytes: MEGABYTE }).await;
    let job = Job::unwatched();
    let event = mgmt.log_event("loud-1", &job).await.unwrap();
    let description = event.description.unwrap();
    // Cut where `LogEvent` reads it, saying so; escaping is the output's job.
    assert_eq!(
        description.chars().count(),
        idlens_support::MAX_DESCRIPTION_CHARS + idlens_support::CUT_MARK.chars().count()
    );
    assert!(description.ends_with(idlens_support::CUT_MARK));
    assert!(description.starts_with("\u{1b}[31m"));
    assert_eq!(idlens_auth0::MAX_ANSWER, 16 * 1024 * 1024);

    let (small, _) = client_of(Hostile::LogsLoudEvent { bytes: MEGABYTE }).await;
    let small = small.with_answer_limit(64 * 1024);
    let err = small.log_event("loud-1", &job).await.unwrap_err();
    match &err {
        ManagementError::BadResponse { endpoint, detail } => {
            assert_eq!(endpoint, "GET /api/v2/logs/{id}");
            assert!(
                detail.contains("65536") || detail.contains("64"),
                "{detail}"
            );
        }
        other => panic!("expected BadResponse, got {other}"),
    }
}
