//! Logs, blocks and brute-force settings against the sandbox tenant: its
//! seeded support stories read back as `idlens_support::LogEvent`s.

use std::collections::HashSet;

use idlens_auth0::{ManagementError, LOG_SEARCH_CAP};
use idlens_job::Job;
use idlens_sandbox::{LIMITED_M2M_CLIENT_ID, M2M_CLIENT_ID};

use crate::support::{client, sandbox, sandbox_with, story};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_users_logs_a_search_page_and_one_event_read_into_log_events() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    let locked = story(&sb, "locked_out");

    let mine = mgmt.user_logs(&locked.user_id, &job).await.unwrap();
    assert!(!mine.capped);
    assert_eq!(mine.total, Some(mine.events.len() as u64));
    assert!(mine
        .events
        .iter()
        .all(|e| e.user_id.as_deref() == Some(locked.user_id.as_str())));
    let kinds: Vec<&str> = mine
        .events
        .iter()
        .filter_map(|e| e.kind.as_deref())
        .collect();
    assert!(kinds.contains(&"limit_wc"), "{kinds:?}");
    assert!(
        kinds.iter().filter(|k| **k == "fp").count() >= 10,
        "{kinds:?}"
    );
    let dates: Vec<_> = mine.events.iter().map(|e| e.instant().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    let page = mgmt.search_logs("", 0, 100, &job).await.unwrap();
    assert_eq!(page.events.len(), 100);
    assert!(
        page.capped(),
        "{:?} events: more than the search pages",
        page.total
    );
    assert!(page.total.unwrap() > LOG_SEARCH_CAP);

    let first = &page.events[0];
    let again = mgmt
        .log_event(first.log_id.as_deref().unwrap(), &job)
        .await
        .unwrap();
    assert_eq!(&again, first);
    let missing = mgmt
        .log_event("90020000000000000000", &job)
        .await
        .unwrap_err();
    assert!(missing.is_not_found(), "{missing}");

    let nobody = mgmt.user_logs("auth0|nobody", &job).await.unwrap_err();
    assert!(nobody.is_not_found(), "{nobody}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkpoint_stream_reads_the_whole_log_in_batches_and_resumes_where_it_stopped() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let (job, _cancel) = Job::new(|_| {});
    let mut stream = mgmt.log_stream(None);
    let mut seen = HashSet::new();
    let mut last_date = None;
    while let Some(batch) = stream.next_batch(&job).await.unwrap() {
        assert!(!batch.is_empty() && batch.len() <= 100, "{}", batch.len());
        for event in batch {
            assert!(seen.insert(event.log_id.clone().unwrap()), "an event twice");
            let date = event.instant().unwrap();
            assert!(last_date.is_none_or(|d| d <= date), "oldest first");
            last_date = Some(date);
        }
    }
    assert!(
        seen.len() as u64 > LOG_SEARCH_CAP,
        "past the search's 1,000"
    );
    assert_eq!(stream.events_read(), seen.len() as u64);
    assert_eq!(job.progress().done, seen.len() as u64);
    assert_eq!(
        mgmt.requests_sent(),
        seen.len().div_ceil(100) as u64 + 1,
        "every page once, then the empty one"
    );
    assert!(
        stream.next_batch(&job).await.unwrap().is_none(),
        "caught up"
    );

    // Something happens; a stream from the checkpoint reads only that.
    let locked = story(&sb, "locked_out");
    let checkpoint = stream.checkpoint().unwrap().to_owned();
    mgmt.unblock_user(&locked.user_id, &job).await.unwrap();
    let mut resumed = mgmt.log_stream(Some(&checkpoint));
    let batch = resumed.next_batch(&job).await.unwrap().unwrap();
    assert!(batch
        .iter()
        .all(|e| !seen.contains(e.log_id.as_deref().unwrap())));
    assert!(
        batch.iter().any(|e| e.kind.as_deref() == Some("ublkdu")
            && e.user_id.as_deref() == Some(locked.user_id.as_str())),
        "{batch:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_stops_the_stream_between_batches() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let (job, cancel) = Job::new(|_| {});
    let mut stream = mgmt.log_stream(None);
    assert!(stream.next_batch(&job).await.unwrap().is_some());
    cancel.cancel();
    let err = stream.next_batch(&job).await.unwrap_err();
    assert!(matches!(err, ManagementError::Cancelled), "{err}");
    assert_eq!(mgmt.requests_sent(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocks_are_read_by_identifier_and_user_and_removed_and_settings_read() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    let locked = story(&sb, "locked_out");

    let by_user = mgmt.blocks_of_user(&locked.user_id, &job).await.unwrap();
    assert_eq!(by_user.len(), 1, "{by_user:?}");
    assert_eq!(by_user[0].identifier, locked.email.to_lowercase());
    assert_eq!(by_user[0].ip.as_deref(), Some("203.0.113.7"));
    assert!(by_user[0].connection.is_some());
    let by_identifier = mgmt
        .blocks_of_identifier(&locked.email, &job)
        .await
        .unwrap();
    assert_eq!(by_identifier, by_user);

    mgmt.unblock_identifier(&locked.email, &job).await.unwrap();
    assert!(mgmt
        .blocks_of_user(&locked.user_id, &job)
        .await
        .unwrap()
        .is_empty());
    // Removing none is no error.
    mgmt.unblock_user(&locked.user_id, &job).await.unwrap();

    let typo = story(&sb, "mistyped_email");
    assert!(mgmt
        .blocks_of_user(&typo.user_id, &job)
        .await
        .unwrap()
        .is_empty());
    let missing = mgmt.blocks_of_user("auth0|nobody", &job).await.unwrap_err();
    assert!(missing.is_not_found(), "{missing}");

    let settings = mgmt.brute_force_protection(&job).await.unwrap();
    assert!(settings.enabled);
    assert_eq!(settings.max_attempts, Some(10));
    assert!(settings.shields.iter().any(|s| s == "block"));
    assert_eq!(
        settings.mode.as_deref(),
        Some("count_per_identifier_and_ip")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_without_the_logs_scopes_is_told_which_one_it_needs() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, LIMITED_M2M_CLIENT_ID);
    let job = Job::unwatched();
    let user = story(&sb, "locked_out").user_id.clone();
    let scope_of = |err: ManagementError| match err {
        ManagementError::InsufficientScope { scope, endpoint } => (scope, endpoint),
        other => panic!("expected InsufficientScope, got {other}"),
    };

    let search = mgmt.search_logs("", 0, 10, &job).await.unwrap_err();
    assert_eq!(
        scope_of(search),
        ("read:logs".into(), "GET /api/v2/logs".into())
    );
    let stream = mgmt.log_stream(None).next_batch(&job).await.unwrap_err();
    assert_eq!(scope_of(stream).0, "read:logs");
    let one = mgmt
        .log_event("90020000000000000000", &job)
        .await
        .unwrap_err();
    assert_eq!(
        scope_of(one),
        ("read:logs".into(), "GET /api/v2/logs/{id}".into())
    );
    let err = mgmt.user_logs(&user, &job).await.unwrap_err();
    assert!(err.to_string().contains("read:logs_users"), "{err}");
    assert_eq!(
        scope_of(err),
        (
            "read:logs_users".into(),
            "GET /api/v2/users/{id}/logs".into()
        )
    );
    let settings = mgmt.brute_force_protection(&job).await.unwrap_err();
    assert_eq!(
        scope_of(settings),
        (
            "read:attack_protection".into(),
            "GET /api/v2/attack-protection/brute-force-protection".into()
        )
    );
    let unblock = mgmt.unblock_user(&user, &job).await.unwrap_err();
    assert_eq!(
        scope_of(unblock),
        (
            "update:users".into(),
            "DELETE /api/v2/user-blocks/{id}".into()
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_log_search_sends_its_query_as_auth0_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("requests.log");
    let sb = sandbox_with(idlens_sandbox::SandboxConfig {
        request_log: Some(log.clone()),
        ..idlens_sandbox::SandboxConfig::default()
    })
    .await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    mgmt.search_logs("type:limit_wc AND ip:\"203.0.113.7\"", 2, 20, &job)
        .await
        .unwrap();
    mgmt.search_logs("", 0, 500, &job).await.unwrap();
    let sent = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = sent.lines().collect();
    assert_eq!(lines.len(), 2, "{sent}");
    assert!(
        lines[0].contains(
            "GET /api/v2/logs?page=2&per_page=20&sort=date%3A-1&include_totals=true&q=type%3Alimit_wc+AND+ip%3A%22203.0.113.7%22 200"
        ),
        "{sent}"
    );
    assert!(
        lines[1].contains(
            "GET /api/v2/logs?page=0&per_page=100&sort=date%3A-1&include_totals=true 200"
        ),
        "an empty query is not sent, a page is at most 100: {sent}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stream_is_paced_by_the_rate_limit_and_its_waits_are_reported() {
    let sb = sandbox(Some(5)).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let waits = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let seen = waits.clone();
    let (job, _cancel) = Job::new(move |p| {
        if p.waiting_until.is_some() {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    });
    let mut stream = mgmt.log_stream(None);
    let mut read = 0;
    while let Some(batch) = stream.next_batch(&job).await.unwrap() {
        read += batch.len();
    }
    assert!(read as u64 > LOG_SEARCH_CAP);
    assert!(
        mgmt.rate_limited() <= 1,
        "{} 429s: pacing did not hold",
        mgmt.rate_limited()
    );
    assert_eq!(
        mgmt.requests_sent(),
        read.div_ceil(100) as u64 + 1 + mgmt.rate_limited(),
        "only 429s were sent again"
    );
    assert!(
        waits.load(std::sync::atomic::Ordering::Relaxed) > 0,
        "the waits were reported"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_page_past_the_1000_results_is_refused_before_it_is_sent() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    let last = mgmt.search_logs("", 9, 100, &job).await.unwrap();
    assert_eq!(
        last.events.len(),
        100,
        "page 9 of 100 is the last Auth0 pages"
    );
    let sent = mgmt.requests_sent();
    for (page, per_page) in [(10, 100), (20, 50), (u64::MAX, 100)] {
        let err = mgmt
            .search_logs("", page, per_page, &job)
            .await
            .unwrap_err();
        assert!(
            matches!(err, ManagementError::SearchPastCap { page: p, .. } if p == page),
            "{err}"
        );
        assert!(err.to_string().contains("--all"), "{err}");
    }
    assert_eq!(mgmt.requests_sent(), sent, "nothing sent past the cap");
}
