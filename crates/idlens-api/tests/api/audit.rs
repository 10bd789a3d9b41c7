//! The sync audit through the `Api`, against the sandbox tenant and the
//! drifted demo graph (`idlens_sandbox::demo_graph`) in a real Neo4j or as a
//! CSV file: the summary against `demo_drift`, findings pages and filters,
//! exports and saved reports, the fix plan previewed then applied, a server
//! killed mid-stream, malformed input, and the users export.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use idlens_api::types::{
    AuditAuth0Source, AuditCompareRequest, AuditFindingView, AuditGraphSource, AuditOverview,
    AuditRequest, ExportFormat, FindingKind, FindingsExport, FindingsPage, FindingsRequest,
    FixApplyRequest, FixPlanRequest, GraphNodeRequest, UsersExportRequest, UsersExported,
};
use idlens_api::{Api, ErrorCode};
use idlens_job::Job;
use idlens_sandbox::{demo_drift, write_graph_csv, DemoDrift, DemoNode};
use idlens_testkit::export::{assert_owner_only, exported_users};
use idlens_testkit::neo4j::{seed, Neo4jServer, PASSWORD};
use serde_json::{json, Value};

use crate::graph::{
    demo_graph_tenant, mapping_input, patiently, store_password, test_label, use_graph,
};
use crate::rbac::{export_dir, m2m_tenant, recorded_job};
use crate::session::{config, Tenant};

use FindingKind::*;

/// The counts `drift` promises, in the report's order.
fn expected(drift: &DemoDrift) -> Vec<(FindingKind, u64)> {
    vec![
        (MissingInGraph, drift.missing_in_graph as u64),
        (OrphanInGraph, drift.orphan_in_graph as u64),
        (
            LinkedSecondaryInGraph,
            drift.linked_secondary_in_graph as u64,
        ),
        (FieldDrift, drift.field_drift as u64),
        (DuplicateNode, drift.duplicate_node as u64),
        (DuplicateAccount, drift.duplicate_account as u64),
    ]
}

fn counts(overview: &AuditOverview) -> Vec<(FindingKind, u64)> {
    overview.summary.iter().map(|k| (k.kind, k.count)).collect()
}

fn count_of(overview: &AuditOverview, kind: FindingKind) -> u64 {
    overview
        .summary
        .iter()
        .find(|k| k.kind == kind)
        .map_or(0, |k| k.count)
}

fn request(auth0: AuditAuth0Source, graph: AuditGraphSource) -> AuditRequest {
    AuditRequest {
        profile: None,
        auth0,
        graph,
        skip_bad_lines: false,
        mapping: None,
        job_deadline: None,
    }
}

async fn audit(api: &Api, request: AuditRequest) -> AuditOverview {
    patiently("audit_run", api.audit_run(request, Job::unwatched()))
        .await
        .expect("the audit runs")
}

/// `nodes` as Neo4j Browser exports them, in `dir`.
fn graph_csv(dir: &Path, nodes: &[DemoNode]) -> PathBuf {
    let path = dir.join("graph.csv");
    let file = std::fs::File::create(&path).unwrap();
    write_graph_csv(nodes, std::io::BufWriter::new(file)).unwrap();
    path
}

fn file_source(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}

async fn users_export(api: &Api) -> UsersExported {
    patiently(
        "users_export",
        api.users_export(
            UsersExportRequest {
                profile: None,
                connection: None,
                job_deadline: None,
            },
            Job::unwatched(),
        ),
    )
    .await
    .expect("the users are exported")
}

fn findings(
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
fn all_findings(
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

/// Whether `view` holds `needle` (lower-case) in an ID, e-mail or name.
fn holds(view: &AuditFindingView, needle: &str) -> bool {
    let has = |t: &Option<String>| {
        t.as_deref()
            .is_some_and(|t| t.to_lowercase().contains(needle))
    };
    view.key.to_lowercase().contains(needle)
        || view
            .auth0
            .iter()
            .any(|u| u.user_id.to_lowercase().contains(needle) || has(&u.email) || has(&u.name))
        || view
            .graph
            .iter()
            .any(|n| n.id.to_lowercase().contains(needle) || has(&n.email) || has(&n.name))
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
    let exported = users_export(&api).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findings_page_filter_export_save_and_compare() {
    let dir = export_dir();
    let mut tenant = m2m_tenant(config()).await;
    let (nodes, drift) = {
        let t = tenant.sandbox().tenant();
        (idlens_sandbox::demo_graph(&t), demo_drift(&t))
    };
    let api = Arc::clone(&tenant.api);
    let nothing = api
        .audit_findings(FindingsRequest {
            profile: None,
            kind: None,
            filter: None,
            offset: 0,
            limit: 10,
        })
        .expect_err("no audit has run");
    assert_eq!(nothing.code, ErrorCode::NotFound);

    let files = tempfile::tempdir().unwrap();
    let csv = graph_csv(files.path(), &nodes);
    let overview = audit(
        &api,
        request(
            AuditAuth0Source::Export,
            AuditGraphSource::File {
                path: file_source(&csv),
            },
        ),
    )
    .await;
    assert_eq!(counts(&overview), expected(&drift));

    // Pages: every finding once, by kind in the report's order.
    let all = all_findings(&api, None, None, 37);
    assert_eq!(all.len() as u64, overview.total);
    let kinds: Vec<FindingKind> = all.iter().map(|f| f.kind).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(kinds, sorted, "findings are grouped by kind, in order");
    let keys: BTreeSet<(FindingKind, &str)> =
        all.iter().map(|f| (f.kind, f.key.as_str())).collect();
    assert_eq!(keys.len(), all.len(), "no finding twice");
    let beyond = findings(&api, None, None, overview.total as u32, 10);
    assert_eq!(
        (beyond.total as u64, beyond.rows.len()),
        (overview.total, 0)
    );
    let clamped = findings(&api, None, None, 0, 100_000);
    assert_eq!(clamped.rows.len(), (overview.total as usize).min(500));

    // A kind: exactly its findings.
    for (kind, count) in expected(&drift) {
        let page = findings(&api, Some(kind), None, 0, 500);
        assert_eq!(page.total as u64, count, "{kind:?}");
        assert!(page.rows.iter().all(|f| f.kind == kind), "{kind:?}");
    }

    // Text: any case, in an ID, e-mail or name of either side.
    let drifted = all
        .iter()
        .find(|f| f.kind == FieldDrift && f.fields.iter().any(|d| d.field == "email"))
        .expect("an e-mail drift");
    let email = drifted.auth0[0].email.clone().unwrap();
    for needle in [email.to_uppercase(), "OLD.".to_owned()] {
        let lower = needle.to_lowercase();
        let found = all_findings(&api, None, Some(&needle), 50);
        let expected: Vec<(FindingKind, &str)> = all
            .iter()
            .filter(|f| holds(f, &lower))
            .map(|f| (f.kind, f.key.as_str()))
            .collect();
        let found_keys: Vec<(FindingKind, &str)> =
            found.iter().map(|f| (f.kind, f.key.as_str())).collect();
        assert_eq!(found_keys, expected, "{needle}");
        assert!(
            found_keys.contains(&(FieldDrift, drifted.key.as_str())),
            "{needle}"
        );
    }
    let both = findings(&api, Some(FieldDrift), Some("OLD."), 0, 500);
    assert!(both.total > 0);
    assert!(both
        .rows
        .iter()
        .all(|f| f.kind == FieldDrift && holds(f, "old.")));
    assert_eq!(
        findings(&api, None, Some("no-such-user-anywhere"), 0, 10).total,
        0
    );

    // A field drift has both values of each field that differs.
    for finding in all.iter().filter(|f| f.kind == FieldDrift) {
        assert!(!finding.fields.is_empty(), "{finding:?}");
        let (user, node) = (&finding.auth0[0], &finding.graph[0]);
        assert_eq!(
            (user.user_id.as_str(), node.id.as_str()),
            (finding.key.as_str(), finding.key.as_str())
        );
        for field in &finding.fields {
            assert_ne!(field.auth0, field.graph, "{finding:?}");
            match field.field.as_str() {
                "email" => {
                    assert_eq!(field.auth0, user.email);
                    assert_eq!(field.graph, node.email);
                }
                "name" => {
                    assert_eq!(field.auth0, user.name);
                    assert_eq!(field.graph, node.name);
                }
                "email_verified" => {
                    assert_eq!(field.auth0, user.email_verified.map(|v| v.to_string()));
                    assert_eq!(field.graph, node.email_verified.map(|v| v.to_string()));
                }
                other => panic!("{other} is not a compared field"),
            }
        }
    }
    let email_drift = &drifted.fields.iter().find(|d| d.field == "email").unwrap();
    assert_eq!(email_drift.graph, Some(format!("old.{email}")));

    // A duplicate account: its accounts, the primary and why, the confidence.
    for finding in all.iter().filter(|f| f.kind == DuplicateAccount) {
        assert!(finding.auth0.len() >= 2, "{finding:?}");
        let primary = finding.primary_id.as_deref().expect("a primary");
        assert!(
            finding.auth0.iter().any(|u| u.user_id == primary),
            "{finding:?}"
        );
        assert!(
            ["verified", "most_logins", "oldest", "user_id"]
                .contains(&finding.primary_rule.as_deref().unwrap()),
            "{finding:?}"
        );
        let high = finding.auth0.iter().all(|u| u.email_verified == Some(true));
        assert_eq!(
            finding.confidence.as_deref(),
            Some(if high { "high" } else { "low" })
        );
        for user in &finding.auth0 {
            assert_eq!(
                user.email.as_deref().map(|e| e.trim().to_lowercase()),
                Some(finding.key.clone())
            );
        }
    }

    // The export: one row per finding the request matches.
    let saved = api
        .audit_export(FindingsExport {
            profile: None,
            kind: None,
            filter: None,
            format: ExportFormat::Csv,
        })
        .expect("the findings are saved");
    assert!(
        saved.path.starts_with(dir.to_str().unwrap()),
        "{}",
        saved.path
    );
    assert_eq!(saved.rows, overview.total);
    assert_owner_only(&saved.path);
    let text = std::fs::read_to_string(&saved.path).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("kind,key,summary,auth0_user_ids,auth0_emails,graph_ids,graph_emails,fields")
    );
    let mut per_kind: BTreeMap<String, u64> = BTreeMap::new();
    for line in lines {
        *per_kind
            .entry(line.split(',').next().unwrap().to_owned())
            .or_default() += 1;
    }
    let want: BTreeMap<String, u64> = expected(&drift)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (json!(k).as_str().unwrap().to_owned(), n))
        .collect();
    assert_eq!(per_kind, want);
    let some = api
        .audit_export(FindingsExport {
            profile: None,
            kind: Some(OrphanInGraph),
            filter: None,
            format: ExportFormat::Json,
        })
        .expect("the orphans are saved");
    let orphans: Value =
        serde_json::from_str(&std::fs::read_to_string(&some.path).unwrap()).unwrap();
    assert_eq!(
        orphans.as_array().map(Vec::len),
        Some(drift.orphan_in_graph)
    );
    assert_eq!(some.rows, drift.orphan_in_graph as u64);

    // The report saved, listed, and compared with itself.
    let report = api.audit_report_save(None).expect("the report is saved");
    assert_owner_only(&report.path);
    let listed = api.audit_report_files().expect("the saved reports");
    let file = listed
        .iter()
        .find(|f| f.path == report.path)
        .expect("the saved report is listed");
    assert_eq!(file.problem, None);
    assert_eq!(
        (file.total, file.created_at.as_str()),
        (overview.total, overview.created_at.as_str())
    );
    let same = api
        .audit_compare(AuditCompareRequest {
            profile: None,
            path: report.path.clone(),
        })
        .expect("the audit compares with its own report");
    assert_eq!(
        (same.new_findings, same.fixed, same.unchanged),
        (0, 0, overview.total)
    );
    assert!(same.new_rows.is_empty() && same.fixed_rows.is_empty());
    assert!(same
        .by_kind
        .iter()
        .all(|k| k.new_findings == 0 && k.fixed == 0));
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fix_plan_is_previewed_then_applied_only_when_confirmed() {
    export_dir();
    let mut demo = demo_graph_tenant("audit_fix").await;
    let drift = demo_drift(&demo.tenant.sandbox().tenant());
    let users = demo.tenant.sandbox().tenant().users.len();
    let api = Arc::clone(&demo.tenant.api);
    let live = || request(AuditAuth0Source::Export, AuditGraphSource::Neo4j);
    let before = audit(&api, live()).await;
    assert_eq!(counts(&before), expected(&drift));
    let pre_fix = api.audit_report_save(None).expect("the report is saved");

    // The preview, for an apply that links the accounts too.
    let plan_for = |link_accounts: bool| {
        api.audit_fix_plan(FixPlanRequest {
            profile: None,
            overrides: Vec::new(),
            link_accounts,
        })
        .expect("a fix plan")
    };
    let plan = plan_for(true);
    let accounts = findings(&api, Some(DuplicateAccount), None, 0, 500).rows;
    let secondaries: usize = accounts.iter().map(|f| f.auth0.len() - 1).sum();
    assert_eq!(plan.links.len(), secondaries);
    let linked: BTreeSet<(String, String)> = plan
        .links
        .iter()
        .map(|l| (l.secondary_id.clone(), l.primary_id.clone()))
        .collect();
    // Linked accounts missing from the graph get no node: after the link
    // they are no users of their own.
    let missing: BTreeSet<String> = all_findings(&api, Some(MissingInGraph), None, 500)
        .into_iter()
        .map(|f| f.key)
        .collect();
    let missing_secondaries = linked
        .iter()
        .filter(|(secondary, _)| missing.contains(secondary))
        .count();
    assert!(missing_secondaries > 0 && missing_secondaries < secondaries);
    for link in &plan.links {
        let finding = accounts
            .iter()
            .find(|f| f.key == link.email)
            .expect("a duplicate account");
        assert_eq!(Some(&link.primary_id), finding.primary_id.as_ref());
        assert_ne!(link.secondary_id, link.primary_id);
        assert!(finding.auth0.iter().any(|u| u.user_id == link.secondary_id));
        assert!(
            link.request.starts_with("POST /api/v2/users/"),
            "{}",
            link.request
        );
    }
    let rows_of = |part: &str| -> u32 {
        plan.graph_sections
            .iter()
            .filter(|s| s.title.contains(part))
            .map(|s| s.rows)
            .sum()
    };
    assert_eq!(
        rows_of("missing from the graph") as usize,
        drift.missing_in_graph - missing_secondaries
    );
    assert_eq!(rows_of("Field drift") as usize, drift.field_drift);
    assert_eq!(rows_of("Duplicate nodes") as usize, drift.duplicate_node);
    assert_eq!(
        rows_of("Linked secondary") as usize,
        drift.linked_secondary_in_graph
    );
    assert_eq!(
        rows_of("links in Auth0") as usize,
        secondaries - missing_secondaries
    );
    // Without the links, the graph part is the report's alone.
    let unlinked = plan_for(false);
    assert_eq!(unlinked.links.len(), secondaries);
    let unlinked_rows = |part: &str| -> u32 {
        unlinked
            .graph_sections
            .iter()
            .filter(|s| s.title.contains(part))
            .map(|s| s.rows)
            .sum()
    };
    assert_eq!(
        unlinked_rows("missing from the graph") as usize,
        drift.missing_in_graph
    );
    assert_eq!(unlinked_rows("links in Auth0"), 0);
    let script = &plan.cypher_script;
    assert!(
        script.contains(&format!("`{}`", demo.label)),
        "{}",
        &script[..300]
    );
    assert!(script.contains("`sub`"));
    let statements: Vec<&str> = script
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//") && !l.starts_with(":param"))
        .collect();
    assert!(statements
        .iter()
        .any(|l| l.contains(&format!("(u:`{}` {{`sub`: row.id}})", demo.label))));
    for line in &statements {
        assert!(!line.contains('@'), "a value in a statement: {line}");
        assert!(
            !line.contains(&format!(":{} ", demo.label)),
            "an unquoted label: {line}"
        );
    }
    let deletions: Vec<&str> = script
        .lines()
        .filter(|l| l.contains("DETACH DELETE"))
        .collect();
    assert_eq!(deletions.len(), drift.orphan_in_graph);
    assert!(
        deletions.iter().all(|l| l.starts_with("// MATCH")),
        "{deletions:?}"
    );

    // Not confirmed: nothing is done.
    let duplicate = findings(&api, Some(DuplicateNode), None, 0, 1).rows[0]
        .key
        .clone();
    let nodes_now = |api: Arc<Api>| async move {
        patiently("graph_status", api.graph_status(None))
            .await
            .unwrap()
            .user_nodes
    };
    let aliases = |api: Arc<Api>, id: String| async move {
        patiently(
            "graph_node",
            api.graph_node(GraphNodeRequest { profile: None, id }),
        )
        .await
        .unwrap()
        .nodes
        .iter()
        .flat_map(|n| n.relationships.iter())
        .filter(|r| r.rel_type == "HAS_ALIAS" && r.direction == "outgoing")
        .map(|r| r.count)
        .sum::<u64>()
    };
    let refused = patiently(
        "audit_fix_apply",
        api.audit_fix_apply(
            FixApplyRequest {
                profile: None,
                overrides: Vec::new(),
                link_accounts: true,
                apply_graph: true,
                confirmed: false,
            },
            Job::unwatched(),
        ),
    )
    .await
    .expect_err("nothing is applied unconfirmed");
    assert_eq!(refused.code, ErrorCode::InvalidInput, "{refused:?}");
    assert!(refused.message.contains("confirm"), "{}", refused.message);
    assert_eq!(demo.tenant.sandbox().tenant().users.len(), users);
    assert_eq!(nodes_now(Arc::clone(&api)).await, demo.nodes.len() as u64);
    assert_eq!(aliases(Arc::clone(&api), duplicate.clone()).await, 0);

    // Confirmed: the links in Auth0, then the Cypher.
    let (id, job, seen) = recorded_job(&api);
    let applied = patiently(
        "audit_fix_apply",
        api.audit_fix_apply(
            FixApplyRequest {
                profile: None,
                overrides: Vec::new(),
                link_accounts: true,
                apply_graph: true,
                confirmed: true,
            },
            job,
        ),
    )
    .await
    .expect("the plan is applied");
    api.job_end(id);
    let batches: u32 = plan.graph_sections.iter().map(|s| s.batches).sum();
    let rows: u32 = plan.graph_sections.iter().map(|s| s.rows).sum();
    assert_eq!(applied.linked as usize, secondaries);
    assert_eq!(
        (applied.batches, applied.graph_rows),
        (batches, u64::from(rows))
    );
    assert!(
        applied.log.iter().all(|l| !l.starts_with("rolled back")),
        "{:?}",
        applied.log
    );
    assert_eq!(
        demo.tenant.sandbox().tenant().users.len(),
        users - secondaries
    );
    let phases: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|p| p.phase.clone())
        .collect();
    assert!(phases.iter().any(|p| p.contains("Linking")), "{phases:?}");
    assert!(
        phases.iter().any(|p| p == "Writing to the graph"),
        "{phases:?}"
    );
    assert_eq!(aliases(Arc::clone(&api), duplicate.clone()).await, 1);
    // Nodes are created for the missing users but the linked ones (a
    // primary given a secondary's node has it already); a linked account's
    // node is now an alias of its primary's.
    let rekeyed = rows_of("whose primary has no node") as usize;
    assert_eq!(
        nodes_now(Arc::clone(&api)).await,
        (demo.nodes.len() + drift.missing_in_graph - missing_secondaries - rekeyed) as u64
    );
    let (kept, _) = linked
        .iter()
        .find(|(secondary, _)| !missing.contains(secondary))
        .expect("a linked account with a node")
        .clone();
    assert_eq!(aliases(Arc::clone(&api), kept).await, 1);

    // Audited again, once: every finding but the orphans is gone, and the
    // accounts just linked are no new linked secondaries.
    let after = audit(&api, live()).await;
    let left: Vec<(FindingKind, u64)> =
        counts(&after).into_iter().filter(|(_, n)| *n > 0).collect();
    assert_eq!(left, vec![(OrphanInGraph, drift.orphan_in_graph as u64)]);
    let comparison = api
        .audit_compare(AuditCompareRequest {
            profile: None,
            path: pre_fix.path.clone(),
        })
        .expect("the fixed audit compares with the one before");
    for change in &comparison.by_kind {
        let fixed = match change.kind {
            OrphanInGraph => 0,
            kind => count_of(&before, kind),
        };
        assert_eq!(
            (change.fixed, change.new_findings),
            (fixed, 0),
            "{:?}",
            change.kind
        );
    }
    assert_eq!(
        (
            comparison.new_findings,
            comparison.fixed,
            comparison.unchanged
        ),
        (
            0,
            before.total - drift.orphan_in_graph as u64,
            drift.orphan_in_graph as u64
        )
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
    let nothing = tenant
        .api
        .audit_findings(FindingsRequest {
            profile: None,
            kind: None,
            filter: None,
            offset: 0,
            limit: 10,
        })
        .expect_err("no partial report is kept");
    assert_eq!(nothing.code, ErrorCode::NotFound, "{nothing:?}");
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
    let nothing = tenant
        .api
        .audit_findings(FindingsRequest {
            profile: None,
            kind: None,
            filter: None,
            offset: 0,
            limit: 10,
        })
        .expect_err("no audit is kept");
    assert_eq!(nothing.code, ErrorCode::NotFound);

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
    let exported = patiently(
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
    .expect("the users are exported");
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
    let phases: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|p| p.phase.clone())
        .collect();
    assert!(
        phases.iter().any(|p| p == "Checking the export file"),
        "{phases:?}"
    );
    tenant.stop().await;
}
