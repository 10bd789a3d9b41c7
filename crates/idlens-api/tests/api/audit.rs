//! The sync audit through the `Api`, against the sandbox tenant and the
//! drifted demo graph (`idlens_sandbox::demo_graph`) in a real Neo4j or as a
//! CSV file: the summary against `demo_drift`, a server killed mid-stream,
//! malformed input, and the users export; and what the cases of
//! `audit_findings` (pages, filters, exports, saved reports) and `audit_fix`
//! (the fix plan previewed then applied) share.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use idlens_api::types::{
    AuditAuth0Source, AuditFindingView, AuditGraphSource, AuditOverview, AuditRequest, FindingKind,
    FindingsPage, FindingsRequest, UsersExportRequest, UsersExported,
};
use idlens_api::{Api, ErrorCode};
use idlens_job::Job;
use idlens_sandbox::{demo_drift, write_graph_csv, DemoDrift, DemoNode};
use idlens_testkit::export::{assert_owner_only, exported_users};
use idlens_testkit::neo4j::{seed, Neo4jServer, PASSWORD};
use serde_json::json;

use crate::graph::{
    demo_graph_tenant, mapping_input, patiently, store_password, test_label, use_graph,
};
use crate::rbac::{export_dir, m2m_tenant, phases, recorded_job};
use crate::session::{config, Tenant};

use FindingKind::*;

/// The counts `drift` promises, in the report's order (its fields are
/// named as the kinds).
pub(crate) fn expected(drift: &DemoDrift) -> Vec<(FindingKind, u64)> {
    let drift = serde_json::to_value(drift).unwrap();
    FindingKind::ALL
        .iter()
        .map(|&kind| {
            let count = drift[kind.as_str()].as_u64();
            (
                kind,
                count.unwrap_or_else(|| panic!("no {kind:?} in {drift}")),
            )
        })
        .collect()
}

pub(crate) fn counts(overview: &AuditOverview) -> Vec<(FindingKind, u64)> {
    overview.summary.iter().map(|k| (k.kind, k.count)).collect()
}

pub(crate) fn count_of(overview: &AuditOverview, kind: FindingKind) -> u64 {
    overview
        .summary
        .iter()
        .find(|k| k.kind == kind)
        .map_or(0, |k| k.count)
}

pub(crate) fn request(auth0: AuditAuth0Source, graph: AuditGraphSource) -> AuditRequest {
    AuditRequest {
        profile: None,
        auth0,
        graph,
        skip_bad_lines: false,
        mapping: None,
        job_deadline: None,
    }
}

/// No audit is kept for the profile: there are no findings to page.
pub(crate) fn assert_no_audit(api: &Api, why: &str) {
    let nothing = api
        .audit_findings(FindingsRequest {
            profile: None,
            kind: None,
            filter: None,
            offset: 0,
            limit: 10,
        })
        .expect_err(why);
    assert_eq!(nothing.code, ErrorCode::NotFound, "{why}: {nothing:?}");
}

pub(crate) async fn audit(api: &Api, request: AuditRequest) -> AuditOverview {
    patiently("audit_run", api.audit_run(request, Job::unwatched()))
        .await
        .expect("the audit runs")
}

/// `nodes` as Neo4j Browser exports them, in `dir`.
pub(crate) fn graph_csv(dir: &Path, nodes: &[DemoNode]) -> PathBuf {
    let path = dir.join("graph.csv");
    let file = std::fs::File::create(&path).unwrap();
    write_graph_csv(nodes, std::io::BufWriter::new(file)).unwrap();
    path
}

pub(crate) fn file_source(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}

/// The tenant's users exported into the export folder, as `job`.
async fn users_export(api: &Api, job: Job) -> UsersExported {
    patiently(
        "users_export",
        api.users_export(
            UsersExportRequest {
                profile: None,
                connection: None,
                job_deadline: None,
            },
            job,
        ),
    )
    .await
    .expect("the users are exported")
}

pub(crate) fn findings(
    api: &Api,
    kind: Option<FindingKind>,
    filter: Option<&str>,
    offset: u32,
    limit: u32,
) -> FindingsPage {
    api.audit_findings(FindingsRequest {
        profile: None,
        kind,
        filter: filter.map(str::to_owned),
        offset,
        limit,
    })
    .expect("a page of findings")
}

/// Every finding, `limit` at a time.
pub(crate) fn all_findings(
    api: &Api,
    kind: Option<FindingKind>,
    filter: Option<&str>,
    limit: u32,
) -> Vec<AuditFindingView> {
    let mut rows = Vec::new();
    loop {
        let page = findings(api, kind, filter, rows.len() as u32, limit);
        assert_eq!(page.offset as usize, rows.len());
        assert!(page.rows.len() <= limit as usize);
        let last = page.rows.is_empty();
        rows.extend(page.rows);
        assert!(rows.len() <= page.total as usize);
        if last || rows.len() == page.total as usize {
            assert_eq!(rows.len(), page.total as usize);
            return rows;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_audit_of_a_users_export_against_neo4j_finds_the_demo_drift() {
    export_dir();
    let mut demo = demo_graph_tenant("audit_drift").await;
    let drift = demo_drift(&demo.tenant.sandbox().tenant());
    let users = demo.tenant.sandbox().tenant().users.len() as u64;
    let api = Arc::clone(&demo.tenant.api);

    let (id, job, seen) = recorded_job(&api);
    let overview = patiently(
        "audit_run",
        api.audit_run(
            request(AuditAuth0Source::Export, AuditGraphSource::Neo4j),
            job,
        ),
    )
    .await
    .expect("the audit runs");
    api.job_end(id);
    assert_eq!(counts(&overview), expected(&drift));
    assert_eq!(
        overview.total,
        expected(&drift).iter().map(|(_, n)| n).sum::<u64>()
    );
    assert_eq!(
        (
            overview.auth0.kind.as_str(),
            overview.auth0.records,
            overview.auth0.bad_lines
        ),
        ("export", users, 0)
    );
    assert_eq!(
        (
            overview.graph.kind.as_str(),
            overview.graph.records,
            overview.graph.bad_lines
        ),
        ("neo4j", demo.nodes.len() as u64, 0)
    );
    let seen = seen.lock().unwrap().clone();
    for phase in [
        "Asking Auth0 to export the users",
        "Auth0 is preparing the export",
        "Downloading the export",
        "Reading Auth0's users",
        "Reading the graph's users",
    ] {
        assert!(
            seen.iter().any(|p| p.phase.starts_with(phase)),
            "{phase}: {:?}",
            seen.iter().map(|p| &p.phase).collect::<Vec<_>>()
        );
    }
    let rows = demo.nodes.len() as u64;
    assert!(
        seen.iter().any(|p| p.phase == "Reading the graph's users"
            && p.done == rows
            && p.total == Some(rows)),
        "the stream reported every row: {:?}",
        seen.iter()
            .filter(|p| p.phase.starts_with("Reading the graph"))
            .collect::<Vec<_>>()
    );

    // The same graph as a CSV file, the same users as an export file.
    let dir = tempfile::tempdir().unwrap();
    let csv = graph_csv(dir.path(), &demo.nodes);
    let exported = users_export(&api, Job::unwatched()).await;
    let from_files = audit(
        &api,
        request(
            AuditAuth0Source::File {
                path: exported.path.clone(),
            },
            AuditGraphSource::File {
                path: file_source(&csv),
            },
        ),
    )
    .await;
    assert_eq!(counts(&from_files), expected(&drift));
    assert_eq!(
        (from_files.auth0.kind.as_str(), from_files.auth0.records),
        ("file", users)
    );
    assert_eq!(
        (from_files.graph.kind.as_str(), from_files.graph.records),
        ("file", rows)
    );
    demo.tenant.stop().await;
}

/// A private server, killed (SIGKILL) from the job's progress report once
/// the graph's rows are streaming.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_neo4j_killed_mid_stream_fails_the_audit_and_keeps_no_report() {
    const ROWS: usize = 100_000;
    let server = Arc::new(
        tokio::task::spawn_blocking(Neo4jServer::start)
            .await
            .expect("a private Neo4j starts"),
    );
    let mut tenant = Tenant::start(config()).await;
    let (label, graph) = test_label(&server, "audit_killed").await;
    let rows = (0..ROWS)
        .map(|n| json!({"sub": format!("auth0|{n:06}"), "email": format!("user{n}@example.test"), "name": format!("User {n}")}))
        .collect();
    seed(&graph, rows).await;
    use_graph(&tenant, server.uri(), mapping_input(&label)).await;
    store_password(&tenant, PASSWORD);
    let files = tempfile::tempdir().unwrap();
    let auth0 = files.path().join("users.json");
    std::fs::write(
        &auth0,
        "{\"user_id\":\"auth0|000001\",\"email\":\"user1@example.test\",\"name\":\"User 1\"}\n",
    )
    .unwrap();

    let killed = Arc::new(AtomicBool::new(false));
    let (id, job) = tenant.api.job_begin({
        let (server, killed) = (Arc::clone(&server), Arc::clone(&killed));
        move |p| {
            if p.phase == "Reading the graph's users"
                && p.done > 0
                && !killed.swap(true, Ordering::SeqCst)
            {
                server.kill();
            }
        }
    });
    let result = patiently(
        "audit_run",
        tenant.api.audit_run(
            request(
                AuditAuth0Source::File {
                    path: file_source(&auth0),
                },
                AuditGraphSource::Neo4j,
            ),
            job,
        ),
    )
    .await;
    tenant.api.job_end(id);
    assert!(
        killed.load(Ordering::SeqCst),
        "the server was killed mid-stream (result: {result:?})"
    );
    let error = result.expect_err("a killed server gives no audit");
    assert_eq!(error.code, ErrorCode::Network, "{error:?}");
    assert_no_audit(&tenant.api, "no partial report is kept");
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_auth0_line_is_named_or_counted_with_skip_bad_lines() {
    let mut tenant = Tenant::start(config()).await;
    let files = tempfile::tempdir().unwrap();
    let user = |n: u32| {
        json!({
            "user_id": format!("auth0|u{n}"),
            "email": format!("u{n}@x.test"),
            "email_verified": true,
            "name": format!("U {n}"),
            "identities": [{"provider": "auth0", "user_id": format!("u{n}"), "connection": "Username-Password-Authentication", "isSocial": false}],
        })
        .to_string()
    };
    let auth0 = files.path().join("users.json");
    std::fs::write(
        &auth0,
        format!("{}\n{}\n{{\"user_id\": \n{}\n", user(1), user(2), user(3)),
    )
    .unwrap();
    let csv = files.path().join("graph.csv");
    std::fs::write(
        &csv,
        "sub,email,email_verified,name\nauth0|u1,u1@x.test,true,U 1\nauth0|u2,u2@x.test,true,U 2\n",
    )
    .unwrap();
    let sources = |skip_bad_lines| AuditRequest {
        skip_bad_lines,
        ..request(
            AuditAuth0Source::File {
                path: file_source(&auth0),
            },
            AuditGraphSource::File {
                path: file_source(&csv),
            },
        )
    };

    let error = patiently(
        "audit_run",
        tenant.api.audit_run(sources(false), Job::unwatched()),
    )
    .await
    .expect_err("a malformed line stops the audit");
    assert_eq!(error.code, ErrorCode::InvalidInput, "{error:?}");
    assert!(error.message.starts_with("Line 3 of "), "{}", error.message);
    assert!(
        error.message.contains("skip-bad-lines"),
        "{}",
        error.message
    );
    assert_no_audit(&tenant.api, "no audit is kept");

    let overview = patiently(
        "audit_run",
        tenant.api.audit_run(sources(true), Job::unwatched()),
    )
    .await
    .expect("the audit skips the line");
    assert_eq!((overview.auth0.records, overview.auth0.bad_lines), (3, 1));
    assert_eq!((overview.graph.records, overview.graph.bad_lines), (2, 0));
    assert_eq!(count_of(&overview, MissingInGraph), 1);
    assert_eq!(overview.total, 1);
    let missing = findings(&tenant.api, None, None, 0, 10);
    assert_eq!(missing.rows[0].key, "auth0|u3");
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_users_export_is_a_gzip_of_every_user_in_the_export_folder() {
    let dir = export_dir();
    let mut tenant = m2m_tenant(config()).await;
    let ids: BTreeSet<String> = tenant
        .sandbox()
        .tenant()
        .users
        .iter()
        .map(|u| u.user_id.clone())
        .collect();
    let api = Arc::clone(&tenant.api);
    let (id, job, seen) = recorded_job(&api);
    let exported = users_export(&api, job).await;
    api.job_end(id);
    let path = Path::new(&exported.path);
    assert_eq!(path.parent(), Some(dir));
    assert!(
        exported.file_name.ends_with(".json.gz"),
        "{}",
        exported.file_name
    );
    assert_eq!(
        path.file_name().unwrap().to_str(),
        Some(exported.file_name.as_str())
    );
    assert_eq!(exported.users, ids.len() as u64);
    assert_eq!(exported.bytes, std::fs::metadata(path).unwrap().len());
    assert!(!dir.join(format!("{}.part", exported.file_name)).exists());
    assert_owner_only(path);

    let mut exported_ids = BTreeSet::new();
    for user in exported_users(path) {
        assert!(exported_ids.insert(user["user_id"].as_str().unwrap().to_owned()));
    }
    assert_eq!(exported_ids, ids);
    let phases = phases(&seen);
    assert!(
        phases.iter().any(|p| p == "Checking the export file"),
        "{phases:?}"
    );
    tenant.stop().await;
}
