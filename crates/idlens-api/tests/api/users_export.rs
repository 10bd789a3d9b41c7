//! The users export's files through the `Api`, against the sandbox tenant:
//! exports started in the same second each get a file of their own, a link
//! planted where IdLens writes is never followed, the file is readable by
//! its owner only, a cancel while the file is checked leaves nothing, a job
//! that never finishes stops at the profile's deadline or the one given.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use idlens_api::types::{UsersExportRequest, UsersExported};
use idlens_api::{Api, ApiError, ErrorCode};
use idlens_job::Job;
use idlens_testkit::export::{assert_owner_only, exported_users};

use crate::graph::patiently;
use crate::rbac::{export_dir, m2m_tenant};
use crate::session::config;

fn request(connection: Option<&str>) -> UsersExportRequest {
    UsersExportRequest {
        profile: None,
        connection: connection.map(Into::into),
        job_deadline: None,
    }
}

/// A users export into the export folder.
async fn export(api: &Api, connection: Option<&str>) -> Result<UsersExported, ApiError> {
    patiently(
        "users_export",
        api.users_export(request(connection), Job::unwatched()),
    )
    .await
}

/// Nothing is left in `dir`: no file, no temporary.
fn assert_empty(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The first names an export started in this second or the next would take.
fn this_and_next_seconds_names(dir: &Path) -> Vec<PathBuf> {
    [0, 1]
        .iter()
        .map(|ahead| {
            let at = chrono::Local::now() + chrono::Duration::seconds(*ahead);
            dir.join(format!(
                "idlens-users-sb-{}.json.gz",
                at.format("%Y%m%d-%H%M%S")
            ))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_never_overwrites_a_file_of_the_same_second() {
    let dir = export_dir();
    let mut tenant = m2m_tenant(config()).await;
    let api = Arc::clone(&tenant.api);
    // An earlier export of this second (or the next) is already there.
    let earlier = this_and_next_seconds_names(dir);
    for path in &earlier {
        std::fs::write(path, "an earlier export").unwrap();
    }
    let exported = export(&api, None).await.expect("the users are exported");
    for path in &earlier {
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            "an earlier export",
            "{} was overwritten",
            path.display()
        );
        std::fs::remove_file(path).unwrap();
    }
    let path = Path::new(&exported.path);
    assert_eq!(exported_users(path).len() as u64, exported.users);
    assert_owner_only(path);
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_exports_each_write_their_own_users_to_their_own_file() {
    export_dir();
    let mut tenant = m2m_tenant(config()).await;
    let api = Arc::clone(&tenant.api);
    let github_users = {
        let t = tenant.sandbox().tenant();
        t.users
            .iter()
            .filter(|u| u.connection() == "github")
            .count() as u64
    };
    let (all, github) = tokio::join!(export(&api, None), export(&api, Some("github")));
    let (all, github) = (all.expect("every user"), github.expect("GitHub's users"));
    assert_ne!(all.path, github.path, "two exports reported one file");
    assert_eq!(github.users, github_users);
    for exported in [&all, &github] {
        let users = exported_users(Path::new(&exported.path));
        assert_eq!(users.len() as u64, exported.users, "{}", exported.path);
        assert_owner_only(Path::new(&exported.path));
    }
    let in_github_file = exported_users(Path::new(&github.path));
    assert!(in_github_file
        .iter()
        .all(|u| u["identities"][0]["connection"] == "github"));
    tenant.stop().await;
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_planted_beside_the_output_is_never_followed() {
    let folder = tempfile::tempdir().unwrap();
    let victim = folder.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let out = folder.path().join("users.json.gz");
    // The temporary name IdLens once used, predictable from --out.
    std::os::unix::fs::symlink(&victim, folder.path().join("users.json.gz.part")).unwrap();
    let mut tenant = m2m_tenant(config()).await;
    let exported = patiently(
        "users_export_file",
        tenant
            .api
            .users_export_file(request(None), out.clone(), Job::unwatched()),
    )
    .await
    .expect("the users are exported");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(exported_users(&out).len() as u64, exported.users);
    assert_owner_only(&out);
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_while_the_file_is_checked_ends_the_job_and_keeps_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("users.json.gz");
    let mut tenant = m2m_tenant(config()).await;
    // Cancel from the job's own sink the moment the check begins.
    let handle: Arc<Mutex<Option<idlens_job::CancelHandle>>> = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&handle);
    let (job, cancel) = Job::new(move |p| {
        if p.phase == "Checking the export file" {
            if let Some(cancel) = slot.lock().unwrap().as_ref() {
                cancel.cancel();
            }
        }
    });
    *handle.lock().unwrap() = Some(cancel);
    let err = patiently(
        "users_export_file",
        tenant
            .api
            .users_export_file(request(None), out.clone(), job),
    )
    .await
    .expect_err("the export is cancelled");
    assert_eq!(err.code, ErrorCode::Cancelled, "{err:?}");
    assert_empty(folder.path());
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_that_never_finishes_stops_at_the_deadline_naming_the_job() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("users.json.gz");
    let mut tenant = m2m_tenant(config()).await;
    tenant.sandbox().hold_next_exports(2);
    let api = Arc::clone(&tenant.api);

    // The profile's setting…
    let profile = api.profile_list().unwrap().profiles.remove(0);
    assert_eq!(profile.export_job_deadline, "4h");
    set_deadline(&api, &profile.name, "1s").await;
    let err = patiently(
        "users_export_file",
        api.users_export_file(request(None), out.clone(), Job::unwatched()),
    )
    .await
    .expect_err("the job never finishes");
    assert_eq!(err.code, ErrorCode::Network, "{err:?}");
    assert!(err.message.contains("after 1s"), "{}", err.message);
    assert!(
        err.message.contains("GET /api/v2/jobs/job_"),
        "{}",
        err.message
    );

    // …or the one given for this export.
    set_deadline(&api, &profile.name, "").await;
    let given = UsersExportRequest {
        job_deadline: Some("2s".into()),
        ..request(None)
    };
    let err = patiently(
        "users_export_file",
        api.users_export_file(given, out.clone(), Job::unwatched()),
    )
    .await
    .expect_err("the job never finishes");
    assert!(err.message.contains("after 2s"), "{}", err.message);

    let bad = UsersExportRequest {
        job_deadline: Some("soon".into()),
        ..request(None)
    };
    let err = api
        .users_export_file(bad, out.clone(), Job::unwatched())
        .await
        .expect_err("not a duration");
    assert_eq!(
        (err.code, err.field.as_deref()),
        (ErrorCode::InvalidInput, Some("jobDeadline"))
    );
    assert_empty(folder.path());
    tenant.stop().await;
}

/// Sets profile `name`'s users export deadline, keeping the rest.
async fn set_deadline(api: &Api, name: &str, deadline: &str) {
    let view = api
        .profile_list()
        .unwrap()
        .profiles
        .into_iter()
        .find(|p| p.name == name)
        .unwrap();
    let input = idlens_api::types::ProfileInput {
        name: view.name,
        issuer: view.issuer,
        provider: None,
        client_id: view.client_id,
        audience: view.audience,
        callback_port: None,
        scopes: view.scopes,
        management: None,
        neo4j: None,
        export_job_deadline: Some(deadline.into()),
        log_retention_days: None,
    };
    api.profile_update(input)
        .await
        .expect("the deadline is saved");
}
