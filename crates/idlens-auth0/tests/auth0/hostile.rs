//! Against a hostile Management API (`idlens_testkit::hostile_tenant`): waits a
//! header asks for are held to one ceiling and say so; listings that never
//! end, repeat themselves or end short of their total are errors after a
//! few requests, never a loop or a shorter list.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use idlens_auth0::{ManagementClient, ManagementError};
use idlens_job::{CancelHandle, Job, Progress};

use crate::support::ClientCredentials;
use idlens_testkit::hostile_tenant::{hostile, serve, Hostile, BUDGET, YEAR_2100};

/// The one-minute ceiling on any wait a header asks for.
const CEILING: u64 = 60;

pub(crate) async fn client_of(
    scenario: Hostile,
) -> (
    ManagementClient<ClientCredentials>,
    Arc<std::sync::atomic::AtomicU64>,
) {
    let tenant = hostile(scenario);
    let base = serve(tenant.router).await;
    let client = ManagementClient::new(&base, ClientCredentials::fixed("a-token")).unwrap();
    (client, tenant.requests)
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Each wait a job reported, and when (UNIX seconds) it was reported.
type Waits = Arc<Mutex<Vec<(Progress, i64)>>>;

/// A job that records every wait it reports and cancels itself at the
/// first one, so no test sleeps through a wait.
fn cancelled_at_first_wait() -> (Job, Waits) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let handle: Arc<Mutex<Option<CancelHandle>>> = Arc::new(Mutex::new(None));
    let (seen, cancel) = (waits.clone(), handle.clone());
    let (job, handle_made) = Job::new(move |p| {
        if p.waiting_until.is_some() {
            seen.lock().unwrap().push((p.clone(), now_secs()));
            if let Some(cancel) = cancel.lock().unwrap().as_ref() {
                cancel.cancel();
            }
        }
    });
    *handle.lock().unwrap() = Some(handle_made);
    (job, waits)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_in_2100_on_a_200_is_waited_a_minute_at_most_and_said_to_look_wrong() {
    let (mgmt, requests) = client_of(Hostile::FarResetOn200).await;
    let (job, waits) = cancelled_at_first_wait();
    let err = mgmt.roles(&job).await.unwrap_err();
    assert!(matches!(err, ManagementError::Cancelled), "{err}");
    let waits = waits.lock().unwrap();
    let (progress, at) = &waits[0];
    let until = progress.waiting_until.unwrap();
    assert!(
        until <= at + CEILING as i64,
        "waits until {until}, from {at}"
    );
    assert_eq!(
        progress.wait_note,
        Some(idlens_job::WaitNote::TooLong {
            header: "x-ratelimit-reset",
            asked_until: YEAR_2100 as i64,
            ceiling_secs: CEILING,
        })
    );
    assert_eq!(requests.load(Ordering::Relaxed), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_with_a_reset_in_2100_is_waited_a_minute_at_most_and_said_to_look_wrong() {
    let (mgmt, _) = client_of(Hostile::FarResetOn429 { retry_after: false }).await;
    let (job, waits) = cancelled_at_first_wait();
    let err = mgmt.roles(&job).await.unwrap_err();
    assert!(matches!(err, ManagementError::Cancelled), "{err}");
    let waits = waits.lock().unwrap();
    let (progress, at) = &waits[0];
    assert!(progress.waiting_until.unwrap() <= at + CEILING as i64);
    assert!(
        matches!(
            progress.wait_note,
            Some(idlens_job::WaitNote::TooLong { asked_until, .. }) if asked_until == YEAR_2100 as i64
        ),
        "{:?}",
        progress.wait_note
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_that_says_retry_now_is_not_followed_by_a_wait_until_2100() {
    // Retry-After: 0 with a reset in 2100: the 429's own wait is none, and
    // the reset it carried must not come back as a second, unbounded wait.
    let (mgmt, requests) = client_of(Hostile::FarResetOn429 { retry_after: true }).await;
    let (job, waits) = cancelled_at_first_wait();
    let roles = mgmt.roles(&job).await;
    let waits = waits.lock().unwrap();
    for (progress, at) in waits.iter() {
        assert!(
            progress.waiting_until.unwrap() <= at + CEILING as i64,
            "a wait until {:?}",
            progress.waiting_until
        );
    }
    assert_eq!(roles.unwrap().len(), 150);
    assert_eq!(
        requests.load(Ordering::Relaxed),
        3,
        "the 429, then two pages"
    );
}

/// A listing against `scenario`: its error and the requests it took.
async fn roles_error(scenario: Hostile) -> (ManagementError, u64) {
    let (mgmt, requests) = client_of(scenario).await;
    let err = mgmt.roles(&Job::unwatched()).await.unwrap_err();
    (err, requests.load(Ordering::Relaxed))
}

async fn members_error(scenario: Hostile) -> (ManagementError, u64) {
    let (mgmt, requests) = client_of(scenario).await;
    let mut pages = 0;
    let err = mgmt
        .role_members("rol_1", &Job::unwatched(), |_| pages += 1)
        .await
        .unwrap_err();
    assert!(pages < BUDGET, "{pages} pages handed out");
    (err, requests.load(Ordering::Relaxed))
}

fn assert_says(err: &ManagementError, needles: &[&str]) {
    let text = err.to_string();
    for needle in needles {
        assert!(text.contains(needle), "{needle:?} not in: {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checkpoint_that_repeats_after_a_page_with_data_stops_the_listing() {
    let (err, requests) = members_error(Hostile::RepeatingCheckpoint).await;
    assert!(
        matches!(
            err,
            ManagementError::ListingEndless {
                pages: 2,
                items: 200,
                ..
            }
        ),
        "{err}"
    );
    assert_says(
        &err,
        &["GET /api/v2/roles/{id}/users", "checkpoint", "repeated"],
    );
    assert_eq!(requests, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_members_already_seen_stops_the_listing() {
    let (err, requests) = members_error(Hostile::RepeatedMembers).await;
    assert!(
        matches!(
            err,
            ManagementError::ListingEndless {
                pages: 2,
                items: 100,
                ..
            }
        ),
        "{err}"
    );
    assert_says(&err, &["only items already seen"]);
    assert_eq!(requests, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offset_pages_that_repeat_themselves_stop_the_listing() {
    let (err, requests) = roles_error(Hostile::RepeatedPages).await;
    assert!(
        matches!(err, ManagementError::ListingEndless { pages: 2, .. }),
        "{err}"
    );
    assert_says(&err, &["GET /api/v2/roles", "only items already seen"]);
    assert_eq!(requests, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_total_of_10_to_the_15_is_longer_than_offset_paging_reaches_at_once() {
    let (err, requests) = roles_error(Hostile::EndlessTotal).await;
    assert!(
        matches!(
            err,
            ManagementError::ListingTooLong {
                items: 100,
                total: Some(1_000_000_000_000_000),
                ..
            }
        ),
        "{err}"
    );
    assert_says(&err, &["GET /api/v2/roles", "1,000"]);
    assert_eq!(requests, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_pages_without_a_total_stop_at_the_offset_cap() {
    let (err, requests) = roles_error(Hostile::NoTotalFullPages).await;
    assert!(
        matches!(
            err,
            ManagementError::ListingTooLong {
                items: 1000,
                total: None,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        requests, 10,
        "pages 0–9 and not page 10, which Auth0 refuses"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_past_twice_its_total_stops() {
    let (err, requests) = roles_error(Hostile::PastTotal).await;
    assert!(
        matches!(err, ManagementError::ListingEndless { items: 100, .. }),
        "{err}"
    );
    assert_says(&err, &["twice the 10"]);
    assert_eq!(requests, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_that_ends_short_of_its_total_is_an_error_naming_how_far_it_got() {
    let (err, requests) = roles_error(Hostile::ShortOfTotal).await;
    assert!(
        matches!(
            err,
            ManagementError::ListingShort {
                items: 100,
                total: 250,
                pages: 2,
                ..
            }
        ),
        "{err}"
    );
    assert_says(&err, &["GET /api/v2/roles", "100 of the 250"]);
    assert_eq!(requests, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_without_a_total_reads_to_its_end_and_says_the_count_is_unconfirmed() {
    let (mgmt, requests) = client_of(Hostile::SearchWithoutTotal { users: 300 }).await;
    let job = Job::unwatched();
    let mut listing = mgmt.users_listing("", idlens_auth0::AtCap::Fail);
    let mut read = 0;
    while let Some(users) = listing.next_page(&job).await.unwrap() {
        read += users.len();
    }
    assert_eq!(read, 300);
    assert_eq!(listing.total(), None, "Auth0 gave no total");
    assert_eq!(
        requests.load(Ordering::Relaxed),
        4,
        "three full pages, then an empty one"
    );

    let (mgmt, requests) = client_of(Hostile::SearchWithoutTotal { users: 5000 }).await;
    let mut listing = mgmt.users_listing("", idlens_auth0::AtCap::Fail);
    let err = loop {
        match listing.next_page(&job).await {
            Ok(Some(_)) => {}
            Ok(None) => panic!("5,000 users cannot be read by offset"),
            Err(e) => break e,
        }
    };
    assert!(
        matches!(err, ManagementError::ListingTooLong { items: 1000, .. }),
        "{err}"
    );
    assert_says(&err, &["users export"]);
    assert_eq!(requests.load(Ordering::Relaxed), 10);

    // Up to the cap on purpose: the first 1,000, then the end.
    let mut listing = mgmt.users_listing("", idlens_auth0::AtCap::Stop);
    let mut read = 0;
    while let Some(users) = listing.next_page(&job).await.unwrap() {
        read += users.len();
    }
    assert_eq!(read, 1000);
}

#[test]
fn the_ceiling_is_a_minute() {
    assert_eq!(idlens_auth0::WAIT_CEILING, Duration::from_secs(CEILING));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_id_that_would_change_the_address_is_refused_before_sending() {
    let (mgmt, _) = client_of(Hostile::ShortOfTotal).await;
    let job = Job::unwatched();
    for id in ["..", ".", "", "a/b", "a?b", "a#b", "a\\b", "a\nb"] {
        let err = mgmt.user(id, &job).await.unwrap_err();
        assert!(
            matches!(err, ManagementError::UnsafeId { .. }),
            "{id:?}: {err}"
        );
        assert_says(&err, &["GET /api/v2/users/{id}", "Copy the ID"]);
        let err = mgmt.role_permissions(id, &job).await.unwrap_err();
        assert!(
            matches!(err, ManagementError::UnsafeId { .. }),
            "{id:?}: {err}"
        );
    }
    assert_eq!(mgmt.requests_sent(), 0, "nothing was sent");
}
