//! One audit's findings through the `Api`, a case a row: the sandbox's users
//! export against its drifted demo graph as a CSV file, then pages, filters
//! by kind and by text, what each kind of finding holds, the exports, and
//! the report saved, listed and compared with itself.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use idlens_api::types::{
    AuditAuth0Source, AuditCompareRequest, AuditFindingView, AuditGraphSource, AuditOverview,
    ExportFormat, FindingKind, FindingsExport,
};
use idlens_api::Api;
use idlens_sandbox::{demo_drift, DemoDrift};
use idlens_testkit::export::assert_owner_only;
use serde_json::{json, Value};

use crate::audit::{
    all_findings, assert_no_audit, audit, counts, expected, file_source, findings, graph_csv,
    request,
};
use crate::rbac::{export_dir, m2m_tenant};
use crate::session::config;

use FindingKind::*;

/// The audit every case reads.
struct Audited {
    api: Arc<Api>,
    overview: AuditOverview,
    drift: DemoDrift,
    /// Every finding, read 37 at a time.
    all: Vec<AuditFindingView>,
}

/// What a case checks, and the check.
type Case = (&'static str, fn(&Audited));

/// The cases, each on the same audit; none changes what another reads.
const CASES: &[Case] = &[
    (
        "pages hold every finding once, grouped by kind in the report's order",
        pages_hold_every_finding_once,
    ),
    (
        "a kind gives exactly its findings",
        a_kind_gives_its_findings,
    ),
    (
        "text matches any case in an ID, e-mail or name of either side",
        text_matches_either_side,
    ),
    (
        "a field drift has both values of each field that differs",
        a_field_drift_has_both_values,
    ),
    (
        "a duplicate account has its accounts, the primary and why, the confidence",
        a_duplicate_account_names_its_primary,
    ),
    (
        "the CSV export has one row per finding",
        the_csv_export_has_every_finding,
    ),
    (
        "the JSON export of a kind has its findings",
        the_json_export_of_a_kind_has_its_findings,
    ),
    (
        "the report is saved, listed, and compared with itself",
        the_report_is_saved_listed_and_compared,
    ),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findings_page_filter_export_save_and_compare() {
    export_dir();
    let mut tenant = m2m_tenant(config()).await;
    let (nodes, drift) = {
        let t = tenant.sandbox().tenant();
        (idlens_sandbox::demo_graph(&t), demo_drift(&t))
    };
    let api = Arc::clone(&tenant.api);
    assert_no_audit(&api, "no audit has run");

    let files = tempfile::tempdir().unwrap();
    let csv = graph_csv(files.path(), &nodes);
    let graph = AuditGraphSource::File {
        path: file_source(&csv),
    };
    let overview = audit(&api, request(AuditAuth0Source::Export, graph)).await;
    assert_eq!(counts(&overview), expected(&drift));
    let audited = Audited {
        all: all_findings(&api, None, None, 37),
        api,
        overview,
        drift,
    };
    for (case, check) in CASES {
        eprintln!("case: {case}");
        check(&audited);
    }
    tenant.stop().await;
}

fn pages_hold_every_finding_once(a: &Audited) {
    let total = a.overview.total;
    assert_eq!(a.all.len() as u64, total);
    let kinds: Vec<FindingKind> = a.all.iter().map(|f| f.kind).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(kinds, sorted, "findings are grouped by kind, in order");
    let keys: BTreeSet<(FindingKind, &str)> =
        a.all.iter().map(|f| (f.kind, f.key.as_str())).collect();
    assert_eq!(keys.len(), a.all.len(), "no finding twice");
    let beyond = findings(&a.api, None, None, total as u32, 10);
    assert_eq!((beyond.total as u64, beyond.rows.len()), (total, 0));
    let clamped = findings(&a.api, None, None, 0, 100_000);
    assert_eq!(clamped.rows.len(), (total as usize).min(500));
}

fn a_kind_gives_its_findings(a: &Audited) {
    for (kind, count) in expected(&a.drift) {
        let page = findings(&a.api, Some(kind), None, 0, 500);
        assert_eq!(page.total as u64, count, "{kind:?}");
        assert!(page.rows.iter().all(|f| f.kind == kind), "{kind:?}");
    }
}

/// A field drift of the e-mail, and the e-mail Auth0 has.
fn an_email_drift(a: &Audited) -> (&AuditFindingView, String) {
    let drifted = a
        .all
        .iter()
        .find(|f| f.kind == FieldDrift && f.fields.iter().any(|d| d.field == "email"))
        .expect("an e-mail drift");
    let email = drifted.auth0[0]
        .facts
        .email
        .clone()
        .expect("Auth0's e-mail");
    (drifted, email)
}

fn text_matches_either_side(a: &Audited) {
    let (drifted, email) = an_email_drift(a);
    for needle in [email.to_uppercase(), "OLD.".to_owned()] {
        let lower = needle.to_lowercase();
        let found = all_findings(&a.api, None, Some(&needle), 50);
        let expected: Vec<(FindingKind, &str)> = a
            .all
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
    let both = findings(&a.api, Some(FieldDrift), Some("OLD."), 0, 500);
    assert!(both.total > 0);
    assert!(both
        .rows
        .iter()
        .all(|f| f.kind == FieldDrift && holds(f, "old.")));
    let none = findings(&a.api, None, Some("no-such-user-anywhere"), 0, 10);
    assert_eq!(none.total, 0);
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
            .map(|u| &u.facts)
            .any(|u| u.user_id.to_lowercase().contains(needle) || has(&u.email) || has(&u.name))
        || view
            .graph
            .iter()
            .any(|n| n.id.to_lowercase().contains(needle) || has(&n.email) || has(&n.name))
}

fn a_field_drift_has_both_values(a: &Audited) {
    for finding in a.all.iter().filter(|f| f.kind == FieldDrift) {
        assert!(!finding.fields.is_empty(), "{finding:?}");
        let (user, node) = (&finding.auth0[0].facts, &finding.graph[0]);
        assert_eq!(
            (user.user_id.as_str(), node.id.as_str()),
            (finding.key.as_str(), finding.key.as_str())
        );
        for field in &finding.fields {
            assert_ne!(field.auth0, field.graph, "{finding:?}");
            let (auth0, graph) = match field.field.as_str() {
                "email" => (user.email.clone(), node.email.clone()),
                "name" => (user.name.clone(), node.name.clone()),
                "email_verified" => (
                    user.email_verified.map(|v| v.to_string()),
                    node.email_verified.map(|v| v.to_string()),
                ),
                other => panic!("{other} is not a compared field"),
            };
            assert_eq!((&field.auth0, &field.graph), (&auth0, &graph));
        }
    }
    let (drifted, email) = an_email_drift(a);
    let email_drift = drifted.fields.iter().find(|d| d.field == "email").unwrap();
    assert_eq!(email_drift.graph, Some(format!("old.{email}")));
}

fn a_duplicate_account_names_its_primary(a: &Audited) {
    for finding in a.all.iter().filter(|f| f.kind == DuplicateAccount) {
        assert!(finding.auth0.len() >= 2, "{finding:?}");
        let primary = finding.primary_id.as_deref().expect("a primary");
        assert!(
            finding.auth0.iter().any(|u| u.facts.user_id == primary),
            "{finding:?}"
        );
        assert!(
            ["verified", "most_logins", "oldest", "user_id"]
                .contains(&finding.primary_rule.as_deref().unwrap()),
            "{finding:?}"
        );
        let high = finding
            .auth0
            .iter()
            .all(|u| u.facts.email_verified == Some(true));
        assert_eq!(
            finding.confidence.as_deref(),
            Some(if high { "high" } else { "low" })
        );
        for user in &finding.auth0 {
            assert_eq!(
                user.facts.email.as_deref().map(|e| e.trim().to_lowercase()),
                Some(finding.key.clone())
            );
        }
    }
}

fn the_csv_export_has_every_finding(a: &Audited) {
    let saved = a
        .api
        .audit_export(FindingsExport {
            profile: None,
            kind: None,
            filter: None,
            format: ExportFormat::Csv,
        })
        .expect("the findings are saved");
    let dir = export_dir();
    assert!(
        saved.path.starts_with(dir.to_str().unwrap()),
        "{}",
        saved.path
    );
    assert_eq!(saved.rows, a.overview.total);
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
    let want: BTreeMap<String, u64> = expected(&a.drift)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (json!(k).as_str().unwrap().to_owned(), n))
        .collect();
    assert_eq!(per_kind, want);
}

fn the_json_export_of_a_kind_has_its_findings(a: &Audited) {
    let some = a
        .api
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
        Some(a.drift.orphan_in_graph)
    );
    assert_eq!(some.rows, a.drift.orphan_in_graph as u64);
}

fn the_report_is_saved_listed_and_compared(a: &Audited) {
    let report = a.api.audit_report_save(None).expect("the report is saved");
    assert_owner_only(&report.path);
    let listed = a.api.audit_report_files().expect("the saved reports");
    let file = listed
        .iter()
        .find(|f| f.path == report.path)
        .expect("the saved report is listed");
    assert_eq!(file.problem, None);
    assert_eq!(
        (file.total, file.created_at.as_str()),
        (a.overview.total, a.overview.created_at.as_str())
    );
    let same = a
        .api
        .audit_compare(AuditCompareRequest {
            profile: None,
            path: report.path.clone(),
        })
        .expect("the audit compares with its own report");
    assert_eq!(
        (same.new_findings, same.fixed, same.unchanged),
        (0, 0, a.overview.total)
    );
    assert!(same.new_rows.is_empty() && same.fixed_rows.is_empty());
    assert!(same
        .by_kind
        .iter()
        .all(|k| k.new_findings == 0 && k.fixed == 0));
}
