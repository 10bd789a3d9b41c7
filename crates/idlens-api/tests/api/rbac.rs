//! Roles & permissions through the `Api`, as the screen and the CLI call it,
//! against the sandbox tenant: the snapshot as a job (progress, cancel),
//! members paged from the loaded snapshot, one Management API token shared
//! by every call of a profile, and the signed-in user's token refused the
//! scopes only a machine-to-machine application gets.

use std::sync::{Arc, Mutex};

use idlens_api::types::{
    DiffRequest, ExplainRequest, ExportFormat, JobProgress, ManagementInput, MembersExport,
    MembersRequest, ProfileInput, SecretInput, SecretKindView, SnapshotRequest, SnapshotSource,
    TableExport, UserSearchRequest,
};
use idlens_api::{Api, ErrorCode};
use idlens_job::Job;
use idlens_sandbox::tenant::rbac::EVERYONE_ROLE_ID;
use idlens_sandbox::{SandboxConfig, M2M_CLIENT_ID};
use idlens_secret::Secret;
use idlens_testkit::export::assert_owner_only;

use crate::session::{config, profile_input, within, Tenant, PROFILE};

/// Points profile `sb` at the Management API with `management`.
async fn manage_with(tenant: &Tenant, management: ManagementInput) {
    let input = ProfileInput {
        management: Some(management),
        ..profile_input(tenant.sandbox(), None)
    };
    tenant
        .api
        .profile_update(input)
        .await
        .expect("the profile updates");
}

/// The tenant with profile `sb` reading it as the full M2M client.
pub(crate) async fn m2m_tenant(config: SandboxConfig) -> Tenant {
    let tenant = Tenant::start(config).await;
    manage_with(
        &tenant,
        ManagementInput::ClientCredentials {
            client_id: M2M_CLIENT_ID.into(),
        },
    )
    .await;
    let secret = tenant.sandbox().m2m_client_secret();
    tenant
        .api
        .profile_set_secret(SecretInput {
            profile: PROFILE.into(),
            kind: SecretKindView::ManagementClientSecret,
            value: Secret::new(secret.expose()),
        })
        .expect("the secret is kept");
    tenant
}

/// A job whose progress reports are recorded.
pub(crate) fn recorded_job(
    api: &Api,
) -> (idlens_api::types::JobId, Job, Arc<Mutex<Vec<JobProgress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let (id, job) = api.job_begin(move |p| sink.lock().unwrap().push(p));
    (id, job, seen)
}

/// The phases a recorded job reported, in order.
pub(crate) fn phases(seen: &Mutex<Vec<JobProgress>>) -> Vec<String> {
    seen.lock()
        .unwrap()
        .iter()
        .map(|p| p.phase.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_job_reports_progress_and_its_members_page_past_1000() {
    let mut tenant = m2m_tenant(config()).await;
    let api = Arc::clone(&tenant.api);
    let (id, job, seen) = recorded_job(&api);
    let overview = within(
        "rbac_snapshot",
        api.rbac_snapshot(SnapshotRequest::default(), job),
    )
    .await
    .expect("the snapshot loads");
    api.job_end(id);

    let phases = phases(&seen);
    assert!(
        phases.iter().any(|p| p.contains("member")),
        "phases: {phases:?}"
    );
    let everyone = overview
        .roles
        .iter()
        .find(|r| r.id == EVERYONE_ROLE_ID)
        .expect("the Everyone role");
    assert!(everyone.member_count > 1000, "{}", everyone.member_count);
    assert!(
        overview.findings.iter().any(|f| f.subject == "Unused Role"),
        "{:?}",
        overview.findings
    );

    let page = |offset, filter: Option<&str>| {
        api.rbac_role_members(MembersRequest {
            profile: None,
            role_id: EVERYONE_ROLE_ID.into(),
            filter: filter.map(str::to_owned),
            offset,
            limit: 100,
        })
        .expect("a page of members")
    };
    let last = page(1000, None);
    assert_eq!(u64::from(last.total), everyone.member_count);
    assert_eq!(
        last.members.len() as u64,
        (everyone.member_count - 1000).min(100)
    );
    // The filter matches e-mail addresses (and names, IDs) in any case.
    let someone = page(0, None).members[0].clone();
    let email = someone
        .email
        .clone()
        .expect("members have e-mail addresses");
    let found = page(0, Some(&email.to_uppercase()));
    // (a person with several accounts shows once per account)
    assert!(found
        .members
        .iter()
        .all(|m| m.email.as_deref() == Some(email.as_str())));
    assert!(found.members.iter().any(|m| m.user_id == someone.user_id));
    assert_eq!(found.total as usize, found.members.len());

    // Every later call of the profile uses the same Management API token.
    let found = api
        .users_search(UserSearchRequest {
            profile: None,
            query: "sam.support@idlens.test".into(),
            page: 0,
        })
        .await
        .expect("a search");
    let why = api
        .rbac_explain(ExplainRequest {
            profile: None,
            user_id: found.users[0].facts.user_id.clone(),
            permission: "read:tokens".into(),
            api: None,
        })
        .await
        .expect("an answer");
    assert!(why.granted);
    assert_eq!(tenant.sandbox().table_sizes().management_tokens, 1);
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_snapshot_ends_with_cancelled_and_keeps_nothing() {
    // Two requests a second: the job is still fetching when it is cancelled.
    let mut tenant = m2m_tenant(SandboxConfig {
        mgmt_rate: Some(2),
        ..config()
    })
    .await;
    let api = Arc::clone(&tenant.api);
    let (started_tx, started) = tokio::sync::oneshot::channel();
    let started_tx = Mutex::new(Some(started_tx));
    let (id, job) = api.job_begin(move |_| {
        if let Some(tx) = started_tx.lock().unwrap().take() {
            let _ = tx.send(());
        }
    });
    let running = tokio::spawn({
        let api = Arc::clone(&api);
        async move { api.rbac_snapshot(SnapshotRequest::default(), job).await }
    });
    within("the first progress report", started).await.unwrap();
    api.job_cancel(id).unwrap();
    let error = within("the cancelled job", running)
        .await
        .unwrap()
        .expect_err("a cancelled job has no result");
    api.job_end(id);
    assert_eq!(error.code, ErrorCode::Cancelled, "{error:?}");

    let nothing = api
        .rbac_role_members(MembersRequest {
            profile: None,
            role_id: EVERYONE_ROLE_ID.into(),
            filter: None,
            offset: 0,
            limit: 10,
        })
        .expect_err("a cancelled load leaves nothing to page");
    assert_eq!(nothing.code, ErrorCode::NotFound);
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_users_token_reads_only_their_own_user() {
    let mut tenant = Tenant::start(config()).await;
    manage_with(&tenant, ManagementInput::SignedInUser).await;
    let api = Arc::clone(&tenant.api);

    let not_signed_in = api
        .rbac_snapshot(SnapshotRequest::default(), Job::unwatched())
        .await
        .expect_err("no sign-in, no token");
    assert_eq!(
        not_signed_in.code,
        ErrorCode::SignInRequired,
        "{not_signed_in:?}"
    );

    tenant.sign_in().await;
    let refused = api
        .rbac_snapshot(SnapshotRequest::default(), Job::unwatched())
        .await
        .expect_err("a user's Management API token has current-user scopes only");
    assert_eq!(refused.code, ErrorCode::Forbidden, "{refused:?}");
    assert!(
        refused.message.contains("machine-to-machine"),
        "says what to use instead: {}",
        refused.message
    );
    tenant.stop().await;
}

/// The export folder of this test process (`IDLENS_EXPORT_DIR`, set once:
/// the environment is shared by every test here).
pub(crate) fn export_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary export folder");
        std::env::set_var("IDLENS_EXPORT_DIR", dir.path());
        dir
    })
    .path()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_are_whole_files_in_the_export_folder_and_snapshots_compare() {
    let dir = export_dir();
    let mut tenant = m2m_tenant(config()).await;
    let api = Arc::clone(&tenant.api);
    api.rbac_snapshot(SnapshotRequest::default(), Job::unwatched())
        .await
        .expect("the snapshot loads");

    // Every member of the role, written by the core (not sent through the UI).
    let members = api
        .rbac_members_export(MembersExport {
            profile: None,
            role_id: EVERYONE_ROLE_ID.into(),
            filter: None,
            format: ExportFormat::Csv,
        })
        .expect("the members are saved");
    assert!(
        members.path.starts_with(dir.to_str().unwrap()),
        "{}",
        members.path
    );
    let text = std::fs::read_to_string(&members.path).unwrap();
    assert!(
        text.starts_with("user_id,email,name\r\n"),
        "{}",
        &text[..80]
    );
    assert_eq!(text.lines().count() as u64, members.rows + 1);
    assert!(members.rows > 1000, "{}", members.rows);
    assert_owner_only(&members.path);

    // A table from the screen: a formula-like cell stays text.
    let table = api
        .export_table(TableExport {
            name: "roles".into(),
            format: ExportFormat::Csv,
            columns: vec!["role".into(), "note".into()],
            rows: vec![vec!["=cmd|' /C calc'!A0".into(), "a, b".into()]],
        })
        .expect("the table is saved");
    assert_eq!(
        std::fs::read_to_string(&table.path).unwrap(),
        "role,note\r\n'=cmd|' /C calc'!A0,\"a, b\"\r\n"
    );
    assert_owner_only(&table.path);
    let ragged = api
        .export_table(TableExport {
            name: "roles".into(),
            format: ExportFormat::Json,
            columns: vec!["role".into()],
            rows: vec![vec!["a".into(), "b".into()]],
        })
        .expect_err("a row wider than the table");
    assert_eq!(ragged.code, ErrorCode::InvalidInput);

    // The snapshot saved, listed, and compared with the tenant as it is now.
    let saved = api.rbac_snapshot_save(None).expect("the snapshot is saved");
    assert_owner_only(&saved.path);
    let listed = api.rbac_snapshot_files().expect("the saved snapshots");
    let file = listed
        .iter()
        .find(|f| f.path == saved.path)
        .expect("the saved snapshot is listed");
    assert_eq!(file.problem, None);
    assert_eq!(file.tenant, tenant.sandbox().issuer());
    let diff = api
        .rbac_diff(
            DiffRequest {
                a: SnapshotSource::File {
                    path: saved.path.clone(),
                },
                b: SnapshotSource::Profile {
                    name: PROFILE.into(),
                },
            },
            Job::unwatched(),
        )
        .await
        .expect("the two compare");
    assert!(diff.identical, "{diff:?}");

    // Nothing half-written is ever left in the folder (users exports of
    // other tests may be under way there).
    let partial: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".idlens-partial")
                && !name.starts_with(".idlens-partial-idlens-users-")
        })
        .collect();
    assert!(partial.is_empty(), "{partial:?}");
    tenant.stop().await;
}
