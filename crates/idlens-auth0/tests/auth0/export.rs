//! Users exports against the sandbox: progress over several polls, the
//! gzipped NDJSON whole, a connection's users only, a failed job, a job
//! that never finishes stopped at its deadline, an expired link renewed, a
//! cancel while polling; connections by name and account linking, with and
//! without the scope.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use idlens_auth0::models::{ExportField, UsersExportRequest};
use idlens_auth0::{ExportError, ExportLimits, ManagementError};
use idlens_job::{Job, Progress};
use idlens_sandbox::{RunningSandbox, SandboxConfig, LIMITED_M2M_CLIENT_ID, M2M_CLIENT_ID};
use idlens_testkit::export::ndjson_lines;

use crate::support::{client, sandbox_with};

async fn start() -> Arc<RunningSandbox> {
    Arc::new(
        sandbox_with(SandboxConfig {
            mgmt_rate: None,
            ..SandboxConfig::default()
        })
        .await,
    )
}

/// Polls as fast as the test runs: time is the sandbox's steps, not a clock.
fn fast() -> ExportLimits {
    ExportLimits {
        poll_min: Duration::ZERO,
        poll_max: Duration::ZERO,
        ..ExportLimits::default()
    }
}

fn collecting() -> (Job, idlens_job::CancelHandle, Arc<Mutex<Vec<Progress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let (job, cancel) = Job::new(move |p| sink.lock().unwrap().push(p.clone()));
    (job, cancel, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_reports_its_progress_and_downloads_every_user() {
    let sb = start().await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let (job, _cancel, seen) = collecting();
    let request = UsersExportRequest {
        connection_id: None,
        fields: vec![
            ExportField::new("user_id"),
            ExportField::new("email"),
            ExportField::renamed("email_verified", "verified"),
            ExportField::new("identities"),
        ],
    };
    let mut out = Vec::new();
    let done = mgmt
        .export_users(&request, &mut out, &fast(), &job)
        .await
        .unwrap();
    assert!(done.gzip, "the file is gzipped");
    assert_eq!(done.bytes, out.len() as u64);
    assert_eq!((done.polls, done.renewed_links), (3, 0));
    assert!(done.job_id.starts_with("job_"));

    let rows = ndjson_lines(&out);
    let tenant = sb.tenant();
    assert_eq!(rows.len(), tenant.users.len());
    for (row, user) in rows.iter().zip(&tenant.users) {
        assert_eq!(row["user_id"], user.user_id.as_str());
        assert_eq!(row["verified"], user.email_verified);
        assert!(row.get("email_verified").is_none(), "renamed by export_as");
        assert!(row.get("name").is_none(), "only the fields asked for");
        assert_eq!(
            row["identities"].as_array().unwrap().len(),
            user.identities.len()
        );
    }

    let phases: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|p| p.phase.clone())
        .collect();
    assert!(
        phases.contains(&"Auth0 is preparing the export (33%, about 4 s left)".to_owned()),
        "{phases:?}"
    );
    assert!(phases.contains(&"Auth0 is preparing the export (66%, about 2 s left)".to_owned()));
    let at_66 = seen
        .lock()
        .unwrap()
        .iter()
        .rev()
        .find(|p| p.phase.contains("66%"))
        .map(|p| (p.done, p.total));
    assert_eq!(at_66, Some((66, Some(100))));
    let last = job.progress();
    assert_eq!(last.phase, "Downloading the export");
    assert_eq!(last.done, out.len() as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_by_name_narrows_the_export() {
    let sb = start().await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    let github = mgmt
        .connection_id_by_name("github", &job)
        .await
        .unwrap()
        .expect("the tenant has a github connection");
    assert!(github.starts_with("con_"));
    assert_eq!(
        mgmt.connection_id_by_name("no-such-connection", &job)
            .await
            .unwrap(),
        None
    );
    let request = UsersExportRequest {
        connection_id: Some(github),
        fields: Vec::new(),
    };
    let mut out = Vec::new();
    mgmt.export_users(&request, &mut out, &fast(), &job)
        .await
        .unwrap();
    let rows = ndjson_lines(&out);
    let expected = sb
        .tenant()
        .users
        .iter()
        .filter(|u| u.connection() == "github")
        .count();
    assert_eq!(rows.len(), expected);
    assert!(rows
        .iter()
        .all(|r| r["identities"][0]["connection"] == "github" && r["email"].is_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_job_is_an_error_with_auth0s_details() {
    let sb = start().await;
    sb.fail_next_exports(1);
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let mut out = Vec::new();
    let err = mgmt
        .export_users(
            &UsersExportRequest::default(),
            &mut out,
            &fast(),
            &Job::unwatched(),
        )
        .await
        .unwrap_err();
    match &err {
        ExportError::Failed { job_id, details } => {
            assert!(job_id.starts_with("job_"));
            assert!(details.contains("Failed to export users"), "{details}");
        }
        other => panic!("expected ExportFailed, got {other}"),
    }
    assert!(err.to_string().contains("Start the export again"), "{err}");
    assert!(out.is_empty(), "nothing was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_that_never_finishes_stops_at_its_deadline_naming_the_job() {
    let sb = start().await;
    sb.hold_next_exports(1);
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let limits = ExportLimits {
        job_deadline: Duration::from_millis(300),
        poll_min: Duration::from_millis(20),
        poll_max: Duration::from_millis(20),
        ..ExportLimits::default()
    };
    let mut out = Vec::new();
    let (job, request) = (Job::unwatched(), UsersExportRequest::default());
    let export = mgmt.export_users(&request, &mut out, &limits, &job);
    // A guard for the test itself: without a deadline the export polls forever.
    let err = tokio::time::timeout(Duration::from_secs(60), export)
        .await
        .expect("the export stopped at its deadline")
        .unwrap_err();
    let ExportError::DeadlinePassed { job_id, .. } = &err else {
        panic!("expected DeadlinePassed, got {err}");
    };
    assert!(job_id.starts_with("job_"), "{job_id}");
    let text = err.to_string();
    assert!(
        text.contains(&format!("GET /api/v2/jobs/{job_id}")),
        "the message says how to check the job later: {text}"
    );
    assert!(text.contains("--job-deadline"), "{text}");
    assert!(out.is_empty(), "nothing was downloaded");
    assert!(
        mgmt.requests_sent() >= 2,
        "it polled the job before giving up"
    );
    assert_eq!(
        ExportLimits::default().job_deadline,
        Duration::from_secs(4 * 3600)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_link_is_renewed_once() {
    let sb = start().await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    // The moment the client starts downloading, the link's minute passes.
    let clock = sb.clone();
    let advanced = Arc::new(AtomicBool::new(false));
    let once = advanced.clone();
    let (job, _cancel) = Job::new(move |p| {
        if p.phase == "Downloading the export" && !once.swap(true, Ordering::SeqCst) {
            clock.advance_clock(Duration::from_secs(61)).unwrap();
        }
    });
    let mut out = Vec::new();
    let done = mgmt
        .export_users(&UsersExportRequest::default(), &mut out, &fast(), &job)
        .await
        .unwrap();
    assert!(advanced.load(Ordering::SeqCst));
    assert_eq!((done.renewed_links, done.polls), (1, 4));
    assert_eq!(ndjson_lines(&out).len(), sb.tenant().users.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_while_polling_stops_before_the_download() {
    let sb = start().await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    // Cancel from the job's own sink when Auth0 says 33%: the client is
    // about to wait an hour before its next poll.
    let (job, cancel) = {
        let slot: Arc<Mutex<Option<idlens_job::CancelHandle>>> = Arc::new(Mutex::new(None));
        let inner = slot.clone();
        let (job, cancel) = Job::new(move |p| {
            if p.phase.contains("33%") {
                if let Some(c) = inner.lock().unwrap().as_ref() {
                    c.cancel();
                }
            }
        });
        *slot.lock().unwrap() = Some(cancel.clone());
        (job, cancel)
    };
    let mut out = Vec::new();
    let started = std::time::Instant::now();
    let slow = ExportLimits {
        poll_min: Duration::from_secs(3600),
        poll_max: Duration::from_secs(3600),
        ..ExportLimits::default()
    };
    let err = mgmt
        .export_users(&UsersExportRequest::default(), &mut out, &slow, &job)
        .await
        .unwrap_err();
    assert!(err.is_cancelled(), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the wait ended at once"
    );
    assert!(out.is_empty());
    assert!(job.is_cancelled());
    drop(cancel);
    // create + one poll: nothing after the cancel.
    assert_eq!(mgmt.requests_sent(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linking_needs_update_users_and_the_secondary_leaves_the_user_list() {
    let sb = start().await;
    let job = Job::unwatched();
    let (primary, secondary_id, email) = {
        let tenant = sb.tenant();
        let mut by_email = std::collections::HashMap::<&str, Vec<&str>>::new();
        for u in &tenant.users {
            by_email.entry(&u.email).or_default().push(&u.user_id);
        }
        let (email, ids) = by_email
            .into_iter()
            .find(|(_, ids)| {
                ids.len() == 2
                    && ids[0].starts_with("auth0|")
                    && ids[1].starts_with("google-oauth2|")
            })
            .expect("one person with a database and a Google user");
        (ids[0].to_owned(), ids[1].to_owned(), email.to_owned())
    };
    let (provider, user_id) = secondary_id.split_once('|').unwrap();

    let limited = client(&sb, LIMITED_M2M_CLIENT_ID);
    let err = limited
        .link_identity(&primary, provider, user_id, &job)
        .await
        .unwrap_err();
    match &err {
        ManagementError::InsufficientScope { scope, endpoint } => {
            assert_eq!(scope, "update:users");
            assert_eq!(endpoint, "POST /api/v2/users/{id}/identities");
        }
        other => panic!("expected InsufficientScope, got {other}"),
    }
    let err = limited
        .connection_id_by_name("github", &job)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ManagementError::InsufficientScope { scope, .. } if scope == "read:connections"),
        "{err}"
    );

    let mgmt = client(&sb, M2M_CLIENT_ID);
    assert_eq!(mgmt.users_by_email(&email, &job).await.unwrap().len(), 2);
    let identities = mgmt
        .link_identity(&primary, provider, user_id, &job)
        .await
        .unwrap();
    assert_eq!(identities.len(), 2);
    assert_eq!(identities[1].full_id(), secondary_id);
    let err = mgmt.user(&secondary_id, &job).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let left = mgmt.users_by_email(&email, &job).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].user_id, primary);
    assert_eq!(left[0].identities.len(), 2);

    let err = mgmt
        .link_identity(
            &primary,
            "auth0",
            primary.trim_start_matches("auth0|"),
            &job,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ManagementError::Api { status: 400, .. }),
        "{err}"
    );
}
