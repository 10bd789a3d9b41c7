//! The fix plan through the `Api`, a case a row, on an audit of the sandbox
//! tenant against its drifted demo graph in a real Neo4j: the preview (the
//! links, the graph's sections with and without them, the Cypher script),
//! then nothing done unconfirmed, everything done confirmed, and an audit
//! again that finds only what the plan leaves alone.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use idlens_api::types::{
    AuditAuth0Source, AuditCompareRequest, AuditFindingView, AuditGraphSource, AuditOverview,
    ExportSaved, FindingKind, FixApplyRequest, FixPlanRequest, FixPlanView, GraphNodeRequest,
};
use idlens_api::{Api, ErrorCode};
use idlens_job::Job;
use idlens_sandbox::{demo_drift, DemoDrift};

use crate::audit::{all_findings, audit, count_of, counts, expected, findings, request};
use crate::graph::{demo_graph_tenant, patiently, DemoGraph};
use crate::rbac::{export_dir, phases, recorded_job};

use FindingKind::*;

/// The audit before the fix, its plan, and what the cases compare with.
struct Planned {
    demo: DemoGraph,
    api: Arc<Api>,
    drift: DemoDrift,
    /// The tenant's users before any link.
    users: usize,
    before: AuditOverview,
    /// The report of `before`, saved.
    pre_fix: ExportSaved,
    /// The plan with the accounts linked, and without.
    plan: FixPlanView,
    unlinked: FixPlanView,
    /// The duplicate-account findings.
    accounts: Vec<AuditFindingView>,
    /// Accounts the links fold into a primary.
    secondaries: usize,
    /// (secondary, primary) of every link.
    linked: BTreeSet<(String, String)>,
    /// The users missing from the graph.
    missing: BTreeSet<String>,
    /// Linked accounts missing from the graph: they get no node.
    missing_secondaries: usize,
    /// A user with duplicate nodes.
    duplicate: String,
}

/// What a case checks, and the check.
type Preview = (&'static str, fn(&Planned));
type Step = (
    &'static str,
    for<'a> fn(&'a Planned) -> Pin<Box<dyn Future<Output = ()> + 'a>>,
);

/// The preview's cases: none changes anything.
const PREVIEW: &[Preview] = &[
    (
        "each link joins a duplicate account's secondary to its primary",
        each_link_joins_a_secondary_to_its_primary,
    ),
    (
        "with the links, the graph's sections leave the linked accounts out",
        the_sections_leave_the_linked_accounts_out,
    ),
    (
        "without the links, the graph's part is the report's alone",
        without_the_links_the_graph_part_is_the_reports,
    ),
    (
        "the script quotes the label, keeps values in parameters and orphans as comments",
        the_script_is_quoted_and_keeps_orphans_as_comments,
    ),
];

/// Then, in this order (each sees what the one before did):
const STEPS: &[Step] = &[
    ("unconfirmed, nothing is done", |p| {
        Box::pin(nothing_is_done_unconfirmed(p))
    }),
    ("confirmed, the links in Auth0, then the Cypher", |p| {
        Box::pin(confirmed_the_plan_is_applied(p))
    }),
    (
        "audited again, only the orphans are left and the comparison says so",
        |p| Box::pin(audited_again_only_the_orphans_are_left(p)),
    ),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fix_plan_is_previewed_then_applied_only_when_confirmed() {
    export_dir();
    let mut planned = plan().await;
    for (case, check) in PREVIEW {
        eprintln!("case: {case}");
        check(&planned);
    }
    for (step, run) in STEPS {
        eprintln!("step: {step}");
        run(&planned).await;
    }
    planned.demo.tenant.stop().await;
}

fn live() -> idlens_api::types::AuditRequest {
    request(AuditAuth0Source::Export, AuditGraphSource::Neo4j)
}

/// The demo graph audited, its report saved, and the plan previewed.
async fn plan() -> Planned {
    let demo = demo_graph_tenant("audit_fix").await;
    let drift = demo_drift(&demo.tenant.sandbox().tenant());
    let users = demo.tenant.sandbox().tenant().users.len();
    let api = Arc::clone(&demo.tenant.api);
    let before = audit(&api, live()).await;
    assert_eq!(counts(&before), expected(&drift));
    let pre_fix = api.audit_report_save(None).expect("the report is saved");
    let plan_for = |link_accounts: bool| {
        api.audit_fix_plan(FixPlanRequest {
            profile: None,
            overrides: Vec::new(),
            link_accounts,
        })
        .expect("a fix plan")
    };
    let (plan, unlinked) = (plan_for(true), plan_for(false));
    let accounts = findings(&api, Some(DuplicateAccount), None, 0, 500).rows;
    let secondaries = accounts.iter().map(|f| f.auth0.len() - 1).sum();
    let linked: BTreeSet<(String, String)> = plan
        .links
        .iter()
        .map(|l| (l.secondary_id.clone(), l.primary_id.clone()))
        .collect();
    let missing: BTreeSet<String> = all_findings(&api, Some(MissingInGraph), None, 500)
        .into_iter()
        .map(|f| f.key)
        .collect();
    let missing_secondaries = linked
        .iter()
        .filter(|(secondary, _)| missing.contains(secondary))
        .count();
    let duplicate = findings(&api, Some(DuplicateNode), None, 0, 1).rows[0]
        .key
        .clone();
    Planned {
        demo,
        api,
        drift,
        users,
        before,
        pre_fix,
        plan,
        unlinked,
        accounts,
        secondaries,
        linked,
        missing,
        missing_secondaries,
        duplicate,
    }
}

/// The rows of `plan`'s graph sections whose title holds `part`.
fn section_rows(plan: &FixPlanView, part: &str) -> usize {
    plan.graph_sections
        .iter()
        .filter(|s| s.title.contains(part))
        .map(|s| s.rows as usize)
        .sum()
}

fn each_link_joins_a_secondary_to_its_primary(p: &Planned) {
    assert_eq!(p.plan.links.len(), p.secondaries);
    assert!(p.missing_secondaries > 0 && p.missing_secondaries < p.secondaries);
    for link in &p.plan.links {
        let finding = p
            .accounts
            .iter()
            .find(|f| f.key == link.email)
            .expect("a duplicate account");
        assert_eq!(Some(&link.primary_id), finding.primary_id.as_ref());
        assert_ne!(link.secondary_id, link.primary_id);
        assert!(finding
            .auth0
            .iter()
            .any(|u| u.facts.user_id == link.secondary_id));
        assert!(
            link.request.starts_with("POST /api/v2/users/"),
            "{}",
            link.request
        );
    }
}

fn the_sections_leave_the_linked_accounts_out(p: &Planned) {
    let d = &p.drift;
    let rows = [
        (
            "missing from the graph",
            d.missing_in_graph - p.missing_secondaries,
        ),
        ("Field drift", d.field_drift),
        ("Duplicate nodes", d.duplicate_node),
        ("Linked secondary", d.linked_secondary_in_graph),
        ("links in Auth0", p.secondaries - p.missing_secondaries),
    ];
    for (part, want) in rows {
        assert_eq!(section_rows(&p.plan, part), want, "{part}");
    }
}

fn without_the_links_the_graph_part_is_the_reports(p: &Planned) {
    assert_eq!(p.unlinked.links.len(), p.secondaries);
    let rows = [
        ("missing from the graph", p.drift.missing_in_graph),
        ("links in Auth0", 0),
    ];
    for (part, want) in rows {
        assert_eq!(section_rows(&p.unlinked, part), want, "{part}");
    }
}

fn the_script_is_quoted_and_keeps_orphans_as_comments(p: &Planned) {
    let (script, label) = (&p.plan.cypher_script, &p.demo.label);
    assert!(script.contains(&format!("`{label}`")), "{}", &script[..300]);
    assert!(script.contains("`sub`"));
    let statements: Vec<&str> = script
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//") && !l.starts_with(":param"))
        .collect();
    assert!(statements
        .iter()
        .any(|l| l.contains(&format!("(u:`{label}` {{`sub`: row.id}})"))));
    for line in &statements {
        assert!(!line.contains('@'), "a value in a statement: {line}");
        assert!(
            !line.contains(&format!(":{label} ")),
            "an unquoted label: {line}"
        );
    }
    let deletions: Vec<&str> = script
        .lines()
        .filter(|l| l.contains("DETACH DELETE"))
        .collect();
    assert_eq!(deletions.len(), p.drift.orphan_in_graph);
    assert!(
        deletions.iter().all(|l| l.starts_with("// MATCH")),
        "{deletions:?}"
    );
}

fn apply_request(confirmed: bool) -> FixApplyRequest {
    FixApplyRequest {
        profile: None,
        overrides: Vec::new(),
        link_accounts: true,
        apply_graph: true,
        confirmed,
    }
}

/// How many user nodes the graph holds.
async fn user_nodes(api: &Api) -> u64 {
    patiently("graph_status", api.graph_status(None))
        .await
        .unwrap()
        .user_nodes
}

/// How many aliases the nodes of `id` point to.
async fn aliases(api: &Api, id: &str) -> u64 {
    let request = GraphNodeRequest {
        profile: None,
        id: id.to_owned(),
    };
    patiently("graph_node", api.graph_node(request))
        .await
        .unwrap()
        .nodes
        .iter()
        .flat_map(|n| n.relationships.iter())
        .filter(|r| r.rel_type == "HAS_ALIAS" && r.direction == "outgoing")
        .map(|r| r.count)
        .sum()
}

async fn nothing_is_done_unconfirmed(p: &Planned) {
    let refused = patiently(
        "audit_fix_apply",
        p.api
            .audit_fix_apply(apply_request(false), Job::unwatched()),
    )
    .await
    .expect_err("nothing is applied unconfirmed");
    assert_eq!(refused.code, ErrorCode::InvalidInput, "{refused:?}");
    assert!(refused.message.contains("confirm"), "{}", refused.message);
    assert_eq!(p.demo.tenant.sandbox().tenant().users.len(), p.users);
    assert_eq!(user_nodes(&p.api).await, p.demo.nodes.len() as u64);
    assert_eq!(aliases(&p.api, &p.duplicate).await, 0);
}

async fn confirmed_the_plan_is_applied(p: &Planned) {
    let (id, job, seen) = recorded_job(&p.api);
    let applied = patiently(
        "audit_fix_apply",
        p.api.audit_fix_apply(apply_request(true), job),
    )
    .await
    .expect("the plan is applied");
    p.api.job_end(id);
    let batches: u32 = p.plan.graph_sections.iter().map(|s| s.batches).sum();
    let rows: u32 = p.plan.graph_sections.iter().map(|s| s.rows).sum();
    assert_eq!(applied.linked as usize, p.secondaries);
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
        p.demo.tenant.sandbox().tenant().users.len(),
        p.users - p.secondaries
    );
    let phases = phases(&seen);
    assert!(phases.iter().any(|p| p.contains("Linking")), "{phases:?}");
    assert!(
        phases.iter().any(|p| p == "Writing to the graph"),
        "{phases:?}"
    );
    assert_eq!(aliases(&p.api, &p.duplicate).await, 1);
    // Nodes are created for the missing users but the linked ones (a
    // primary given a secondary's node has it already); a linked account's
    // node is now an alias of its primary's.
    let rekeyed = section_rows(&p.plan, "whose primary has no node");
    let created = p.drift.missing_in_graph - p.missing_secondaries - rekeyed;
    assert_eq!(
        user_nodes(&p.api).await,
        (p.demo.nodes.len() + created) as u64
    );
    let (kept, _) = p
        .linked
        .iter()
        .find(|(secondary, _)| !p.missing.contains(secondary))
        .expect("a linked account with a node");
    assert_eq!(aliases(&p.api, kept).await, 1);
}

/// Every finding but the orphans is gone, and the accounts just linked are
/// no new linked secondaries.
async fn audited_again_only_the_orphans_are_left(p: &Planned) {
    let orphans = p.drift.orphan_in_graph as u64;
    let after = audit(&p.api, live()).await;
    let left: Vec<(FindingKind, u64)> =
        counts(&after).into_iter().filter(|(_, n)| *n > 0).collect();
    assert_eq!(left, vec![(OrphanInGraph, orphans)]);
    let comparison = p
        .api
        .audit_compare(AuditCompareRequest {
            profile: None,
            path: p.pre_fix.path.clone(),
        })
        .expect("the fixed audit compares with the one before");
    for change in &comparison.by_kind {
        let fixed = match change.kind {
            OrphanInGraph => 0,
            kind => count_of(&p.before, kind),
        };
        let seen = (change.fixed, change.new_findings);
        assert_eq!(seen, (fixed, 0), "{:?}", change.kind);
    }
    assert_eq!(
        (
            comparison.new_findings,
            comparison.fixed,
            comparison.unchanged
        ),
        (0, p.before.total - orphans, orphans)
    );
}
