//! `idlens audit` (docs/audit.md) on files written here by hand, on hostile
//! files, with a fix plan, and on a real users export of the sandbox tenant
//! against its drifted demo graph; `idlens users export` itself.

use std::path::{Path, PathBuf};

use idlens_api::types::FindingKind;
use idlens_sandbox::{demo_drift, demo_graph, write_graph_csv};
use serde_json::{json, Value};

use crate::idlens::{Run, TestUser};
use idlens_testkit::export::{assert_owner_only, exported_users, gzip};
use idlens_testkit::keychain_session::KeychainSession;

/// Every kind, in the report's order: the engine's.
fn kinds() -> impl Iterator<Item = &'static str> {
    FindingKind::ALL.iter().map(|kind| kind.as_str())
}

/// Auth0 users with every finding kind once against [`DRIFTED_GRAPH`]:
///
/// - `auth0|alice`: e-mail with spaces and capitals; the graph's is trimmed
///   and lower-cased, which is not drift;
/// - `auth0|bob`: another name in the graph (`field_drift`);
/// - `google-oauth2|carol`: a social sign-up with no node (`missing_in_graph`);
/// - `auth0|dave`: linked GitHub identity with a *numeric* `user_id`, whose
///   old node `github|4242` is in the graph (`linked_secondary_in_graph`);
/// - `auth0|erin`, `google-oauth2|erin`: one person, two accounts, the same
///   e-mail up to case and spaces (`duplicate_account`);
/// - `auth0|frank`: two nodes in the graph (`duplicate_node`).
///
/// The graph also has `auth0|gone`, deleted from Auth0 (`orphan_in_graph`).
fn auth0_users() -> Vec<Value> {
    let database = |id: &str| {
        json!([{"provider": "auth0", "user_id": id,
                "connection": "Username-Password-Authentication", "isSocial": false}])
    };
    let google = |id: &str| {
        json!([{"provider": "google-oauth2", "user_id": id,
                "connection": "google-oauth2", "isSocial": true}])
    };
    vec![
        json!({"user_id": "auth0|alice", "email": "  Alice@X.Test ", "email_verified": true,
               "name": "Alice", "identities": database("alice")}),
        json!({"user_id": "auth0|bob", "email": "bob@x.test", "email_verified": true,
               "name": "Bob", "identities": database("bob")}),
        json!({"user_id": "google-oauth2|carol", "email": "carol@x.test", "email_verified": true,
               "name": "Carol", "identities": google("carol")}),
        json!({"user_id": "auth0|dave", "email": "dave@x.test", "email_verified": true,
        "name": "Dave", "identities": [
            {"provider": "auth0", "user_id": "dave",
             "connection": "Username-Password-Authentication", "isSocial": false},
            {"provider": "github", "user_id": 4242, "connection": "github", "isSocial": true}
        ]}),
        json!({"user_id": "auth0|erin", "email": "erin@x.test", "email_verified": true,
               "name": "Erin", "identities": database("erin"), "logins_count": 3}),
        json!({"user_id": "google-oauth2|erin", "email": " ERIN@x.test", "email_verified": true,
               "name": "Erin", "identities": google("erin"), "logins_count": 9}),
        json!({"user_id": "auth0|frank", "email": "frank@x.test", "email_verified": false,
               "name": "Frank", "identities": database("frank")}),
    ]
}

/// The graph of [`auth0_users`] with one finding of each kind.
const DRIFTED_GRAPH: &str = "\
sub,email,email_verified,name
auth0|alice,alice@x.test,True,Alice
auth0|bob,bob@x.test,true,Robert
auth0|dave,dave@x.test,true,Dave
github|4242,dave@x.test,,Dave on GitHub
auth0|erin,erin@x.test,true,Erin
google-oauth2|erin,erin@x.test,,Erin
auth0|frank,FRANK@x.test,false,Frank
auth0|frank,frank@x.test,,Frank again
auth0|gone,gone@x.test,true,Gone
";

/// Auth0 users and a graph that agree (a linked secondary without a node is fine).
const IN_SYNC_USERS: [&str; 3] = ["auth0|alice", "auth0|bob", "auth0|dave"];
const IN_SYNC_GRAPH: &str = "\
sub,email,email_verified,name
auth0|alice,alice@x.test,true,Alice
auth0|bob,bob@x.test,true,Bob
auth0|dave,DAVE@x.test,,Dave
";

fn ndjson(users: &[Value]) -> String {
    users.iter().map(|u| format!("{u}\n")).collect()
}

/// A folder for a test's input and output files.
struct Files(tempfile::TempDir);

impl Files {
    fn new() -> Self {
        Self(tempfile::tempdir().expect("a temp dir"))
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).expect("write a test file");
        path_text(&path)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.0.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn path_text(path: &Path) -> String {
    path.to_str().expect("a UTF-8 temp path").to_owned()
}

/// A user with no keychain and one profile in use: the audit of files needs
/// a profile (for the graph mapping) but no secret.
/// `idlens audit --auth0 AUTH0 --graph GRAPH`, then `extra`, as `user`.
fn audit(user: &TestUser, auth0: &str, graph: &str, extra: &[&str]) -> Run {
    let mut args = vec!["audit", "--auth0", auth0, "--graph", graph];
    args.extend_from_slice(extra);
    user.run(&args)
}

fn files_user(extra: &[&str]) -> TestUser {
    let user = TestUser::without_keychain();
    user.add_profile("files", "http://127.0.0.1:4000/", extra);
    user.run(&["profile", "use", "files"]).expect_code(0);
    user
}

/// `{kind: count}` for every kind: `n` each.
fn every_kind(n: u64) -> Value {
    Value::Object(kinds().map(|k| (k.to_owned(), json!(n))).collect())
}

/// The ids (or e-mail) of the report's findings of `kind`, in order.
fn finding_keys<'a>(report: &'a Value, kind: &str) -> Vec<&'a str> {
    report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("findings is a list: {report}"))
        .iter()
        .filter(|f| f["kind"] == kind)
        .map(|f| {
            f.get("id")
                .or_else(|| f.get("email"))
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("a finding with an id or e-mail: {f}"))
        })
        .collect()
}

#[test]
fn an_audit_of_files_reports_each_kind_of_finding_and_exits_1() {
    let files = Files::new();
    let auth0 = files.write("users.ndjson", ndjson(&auth0_users()));
    let graph = files.write("graph.csv", DRIFTED_GRAPH);

    // Two files need no profile: the default mapping reads them. A source
    // that needs the tenant or the graph names the missing profile.
    let nobody = TestUser::without_keychain();
    let report = audit(&nobody, &auth0, &graph, &["--json"])
        .expect_code(1)
        .json();
    assert_eq!(report["summary"], every_kind(1), "{report:#}");
    let refused = audit(&nobody, "export", &graph, &[]).expect_code(2);
    refused.assert_mentions(&["no profile is in use", "idlens profile add"]);

    let user = files_user(&[]);
    let report = audit(&user, &auth0, &graph, &["--json"])
        .expect_code(1)
        .json();
    assert_eq!(report["summary"], every_kind(1), "{report:#}");
    let expected: [(&str, &str); 6] = [
        ("missing_in_graph", "google-oauth2|carol"),
        ("orphan_in_graph", "auth0|gone"),
        ("linked_secondary_in_graph", "github|4242"),
        ("field_drift", "auth0|bob"),
        ("duplicate_node", "auth0|frank"),
        ("duplicate_account", "erin@x.test"),
    ];
    for (kind, key) in expected {
        assert_eq!(finding_keys(&report, kind), vec![key], "{report:#}");
    }
    let found: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(
        found.iter().copied().eq(kinds()),
        "findings in the engine's order: {found:?}"
    );

    let find = |kind: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == kind)
            .unwrap()
    };
    assert_eq!(find("missing_in_graph")["cause"], "social_connection");
    assert_eq!(
        find("linked_secondary_in_graph")["primary_id"],
        "auth0|dave"
    );
    assert_eq!(
        find("field_drift")["fields"],
        json!([{"field": "name", "auth0": "Bob", "graph": "Robert"}])
    );
    assert_eq!(find("duplicate_node")["count"], 2);
    let duplicate = find("duplicate_account");
    assert_eq!(duplicate["confidence"], "high", "{duplicate}");
    assert_eq!(duplicate["primary_id"], "google-oauth2|erin", "{duplicate}");
    assert_eq!(duplicate["primary_rule"], "most_logins", "{duplicate}");

    let auth0_source = &report["sources"]["auth0"];
    assert_eq!(auth0_source["kind"], "file");
    assert_eq!(auth0_source["users"], 7);
    assert_eq!(auth0_source["bad_lines"], 0);
    assert_eq!(report["sources"]["graph"]["rows"], 9);
    assert_eq!(report["sources"]["graph"]["mapping"]["label"], "User");
    assert!(report["created_at"].is_string(), "{report}");
}

#[test]
fn the_column_flags_read_a_file_without_a_profile_and_absent_optional_columns_are_not_compared() {
    let files = Files::new();
    let auth0 = files.write("users.ndjson", ndjson(&auth0_users()));
    let nobody = TestUser::without_keychain();
    let help = nobody.run(&["audit", "--help"]).expect_code(0);
    for flag in ["--graph-id-property", "--graph-name-property <PROP|none>"] {
        assert!(help.stdout.contains(flag), "{flag}:\n{}", help.stdout);
    }

    // Other names for the id and e-mail columns, given as flags.
    let renamed = files.write(
        "renamed.csv",
        DRIFTED_GRAPH.replacen("sub,email,", "auth0Id,mail,", 1),
    );
    let report_of = |graph: &str, flags: &[&str]| {
        let mut args = vec!["--json"];
        args.extend_from_slice(flags);
        audit(&nobody, &auth0, graph, &args).expect_code(1).json()
    };
    let report = report_of(
        &renamed,
        &[
            "--graph-id-property",
            "auth0Id",
            "--graph-email-property",
            "mail",
        ],
    );
    assert_eq!(report["summary"], every_kind(1), "{report:#}");
    assert_eq!(report["sources"]["graph"]["mapping"]["id"], "auth0Id");
    assert_eq!(report["sources"]["graph"]["not_compared"], json!([]));

    // No name or email_verified column: those fields are left out (Bob's
    // other name is no drift), not an error, and the output says so.
    let id_and_email: String = DRIFTED_GRAPH
        .lines()
        .map(|line| line.split(',').take(2).collect::<Vec<_>>().join(",") + "\n")
        .collect();
    let narrow = files.write("narrow.csv", id_and_email);
    let report = report_of(&narrow, &[]);
    assert_eq!(report["summary"]["field_drift"], 0, "{report:#}");
    assert_eq!(
        report["sources"]["graph"]["not_compared"],
        json!(["email_verified", "name"])
    );
    let text = audit(&nobody, &auth0, &narrow, &[]).expect_code(1);
    assert!(
        text.stdout
            .contains("Not compared: email_verified, name (not in the mapping"),
        "{}",
        text.stdout
    );
    let out = path_text(&files.path("narrow-report.json"));
    let printed = audit(&nobody, &auth0, &narrow, &["--out", &out, "--json"])
        .expect_code(1)
        .json();
    assert_eq!(printed["not_compared"], json!(["email_verified", "name"]));

    // `none` leaves out a column the file has.
    let graph = files.write("graph.csv", DRIFTED_GRAPH);
    let report = report_of(&graph, &["--graph-name-property", "none"]);
    assert_eq!(report["summary"]["field_drift"], 0, "{report:#}");
    assert_eq!(report["sources"]["graph"]["mapping"]["name"], Value::Null);
    assert_eq!(report["sources"]["graph"]["not_compared"], json!(["name"]));

    // The id column stays required, and the flags name a file's columns:
    // the live graph is read with the profile's mapping.
    let refused = audit(&nobody, &auth0, &renamed, &[]).expect_code(2);
    refused.assert_mentions(&["renamed.csv has the wrong header", "--graph-id-property"]);
    let user = files_user(&["--neo4j-uri", "bolt://127.0.0.1:1", "--neo4j-user", "neo"]);
    let refused = audit(&user, &auth0, "neo4j", &["--graph-id-property", "auth0Id"]).expect_code(2);
    refused.assert_mentions(&["name the columns of a graph file"]);
}

#[test]
fn files_in_sync_give_no_findings_and_exit_0() {
    let files = Files::new();
    let users: Vec<Value> = auth0_users()
        .into_iter()
        .filter(|u| IN_SYNC_USERS.contains(&u["user_id"].as_str().unwrap()))
        .collect();
    let auth0 = files.write("users.ndjson", ndjson(&users));
    let graph = files.write("graph.csv", IN_SYNC_GRAPH);
    let user = files_user(&[]);

    let report = audit(&user, &auth0, &graph, &["--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["summary"], every_kind(0), "{report:#}");
    assert_eq!(report["findings"], json!([]));
    assert_eq!(report["sources"]["auth0"]["users"], 3);

    // The counts table says the same to a person.
    let text = audit(&user, &auth0, &graph, &[]).expect_code(0).stdout;
    for kind in kinds().chain(["total"]) {
        assert!(
            text.lines().any(|l| l.split_whitespace().eq([kind, "0"])),
            "{kind} 0 in the table:\n{text}"
        );
    }
}

#[test]
fn out_writes_the_report_and_prints_the_counts() {
    let files = Files::new();
    let auth0 = files.write("users.ndjson", ndjson(&auth0_users()));
    let graph = files.write("graph.csv", DRIFTED_GRAPH);
    let out = files.path("report.json");
    let user = files_user(&[]);

    let run = audit(&user, &auth0, &graph, &["--out", &path_text(&out)]).expect_code(1);
    let report: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("the report is written"))
            .expect("the report is JSON");
    assert_eq!(report["summary"], every_kind(1), "{report:#}");
    assert_eq!(
        report["findings"].as_array().unwrap().len(),
        FindingKind::ALL.len()
    );
    for kind in kinds() {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.split_whitespace().eq([kind, "1"])),
            "{kind} 1 in the table:\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout
            .lines()
            .any(|l| l.split_whitespace().eq(["total", "6"])),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("report.json"), "{}", run.stdout);
    // Only the report beside the inputs: no temporary file left over.
    assert_eq!(files.names(), ["graph.csv", "report.json", "users.ndjson"]);

    // With --json and --out: the summary on stdout, the report in the file.
    let run = audit(
        &user,
        &auth0,
        &graph,
        &["--out", &path_text(&out), "--json"],
    )
    .expect_code(1)
    .json();
    assert_eq!(run["summary"], every_kind(1), "{run}");
    assert_eq!(run["report"], path_text(&out));
}

#[test]
fn a_malformed_line_stops_the_audit_unless_bad_lines_are_skipped() {
    let files = Files::new();
    let mut lines: Vec<String> = auth0_users().iter().map(Value::to_string).collect();
    lines.insert(2, "{\"user_id\": \"auth0|broken\", \"email\": ".to_owned());
    let auth0 = files.write("users.ndjson", lines.join("\n") + "\n");
    let graph = files.write("graph.csv", DRIFTED_GRAPH);
    let user = files_user(&[]);

    let stopped = audit(&user, &auth0, &graph, &[]).expect_code(2);
    stopped.assert_mentions(&[
        "Line 3 of /",
        "/users.ndjson is not a user object",
        "--skip-bad-lines",
    ]);

    let skipped = audit(&user, &auth0, &graph, &["--skip-bad-lines", "--json"])
        .expect_code(1)
        .json();
    assert_eq!(skipped["sources"]["auth0"]["bad_lines"], 1, "{skipped:#}");
    assert_eq!(skipped["sources"]["auth0"]["users"], 7, "{skipped:#}");
    assert_eq!(skipped["summary"], every_kind(1), "{skipped:#}");

    // A failed audit leaves no report, whole or partial, behind.
    let out = files.path("report.json");
    audit(&user, &auth0, &graph, &["--out", &path_text(&out)]).expect_code(2);
    assert_eq!(files.names(), ["graph.csv", "users.ndjson"]);
}

#[test]
fn a_gzipped_export_is_read_and_a_truncated_one_refused() {
    let files = Files::new();
    let whole = gzip(ndjson(&auth0_users()).as_bytes());
    let gzipped = files.write("users.json.gz", &whole);
    let truncated = files.write("truncated.json.gz", &whole[..whole.len() / 2]);
    let graph = files.write("graph.csv", DRIFTED_GRAPH);
    let user = files_user(&[]);

    let report = audit(&user, &gzipped, &graph, &["--json"])
        .expect_code(1)
        .json();
    assert_eq!(report["summary"], every_kind(1), "{report:#}");

    let refused = audit(&user, &truncated, &graph, &[]).expect_code(2);
    refused.assert_mentions(&["truncated.json.gz ends early"]);
}

#[test]
fn hostile_inputs_and_outputs_are_errors_not_findings() {
    let files = Files::new();
    let auth0 = files.write("users.ndjson", ndjson(&auth0_users()));
    let graph = files.write("graph.csv", DRIFTED_GRAPH);
    let user = files_user(&[]);

    // A graph export whose id column is not the mapping's.
    let no_id = files.write("no-id.csv", DRIFTED_GRAPH.replacen("sub,", "auth0Id,", 1));
    let refused = audit(&user, &auth0, &no_id, &[]).expect_code(2);
    refused.assert_mentions(&["no-id.csv has the wrong header", "needs `sub`"]);

    // Files that are not there.
    let nowhere = path_text(&files.path("nowhere.ndjson"));
    let missing = audit(&user, &nowhere, &graph, &[]).expect_code(2);
    missing.assert_mentions(&["nowhere.ndjson"]);
    let nowhere = path_text(&files.path("nowhere.csv"));
    let missing = audit(&user, &auth0, &nowhere, &[]).expect_code(2);
    missing.assert_mentions(&["nowhere.csv"]);

    // A report into a folder that does not exist: an error, and no file.
    let out = files.path("no-such-folder").join("report.json");
    let unwritable = audit(&user, &auth0, &graph, &["--out", &path_text(&out)]).expect_code(2);
    unwritable.assert_mentions(&["no-such-folder"]);
    assert!(!out.exists());
    assert_eq!(
        files.names(),
        ["graph.csv", "no-id.csv", "users.ndjson"],
        "nothing written"
    );
}

#[test]
fn a_fix_plan_is_written_with_quoted_names_and_nothing_is_changed() {
    let files = Files::new();
    let auth0 = files.write("users.ndjson", ndjson(&auth0_users()));
    // The profile maps users to `(:Member {auth0Id})`.
    let graph = files.write("graph.csv", DRIFTED_GRAPH.replacen("sub,", "auth0Id,", 1));
    let plan = files.path("plan.cypher");
    let user = files_user(&[
        "--neo4j-uri",
        "bolt://127.0.0.1:7687",
        "--neo4j-user",
        "neo4j",
        "--graph-label",
        "Member",
        "--graph-id-property",
        "auth0Id",
    ]);

    let run = audit(
        &user,
        &auth0,
        &graph,
        &["--fix-plan", &path_text(&plan), "--json"],
    )
    .expect_code(1);
    let report = run.json();
    assert_eq!(report["summary"], every_kind(1), "{report:#}");
    assert_eq!(report["sources"]["graph"]["mapping"]["label"], "Member");
    run.assert_mentions(&["Nothing was changed (dry run)", "plan.cypher"]);

    let text = std::fs::read_to_string(&plan).expect("the plan is written");
    assert!(text.contains(":`Member`"), "{text}");
    assert!(text.contains("`auth0Id`"), "{text}");
    assert!(
        !text.contains(":Member") && !text.contains(":User"),
        "every label quoted, the mapping's only:\n{text}"
    );
    // The duplicate account is linked to its primary (an Auth0 call, as a
    // comment); the missing user is merged; the orphan only commented out.
    assert!(
        text.contains("google-oauth2|erin") || text.contains("google-oauth2%7Cerin"),
        "{text}"
    );
    assert!(text.contains("MERGE"), "{text}");
    let deletes: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("DETACH DELETE"))
        .collect();
    assert!(!deletes.is_empty(), "{text}");
    assert!(
        deletes.iter().all(|l| l.trim_start().starts_with("//")),
        "{text}"
    );
}

#[test]
fn users_export_writes_every_user_or_one_connections() {
    let session = KeychainSession::start();
    let (tenant, user) = crate::rbac::tenant_and_admin(&session);
    let files = Files::new();
    let (all, github) = {
        let t = tenant.sandbox().tenant();
        let github = t
            .users
            .iter()
            .filter(|u| u.connection() == "github")
            .count();
        (t.users.len(), github)
    };
    assert!(github > 0 && github < all);

    let out = files.path("users.json.gz");
    let run = user
        .run(&["users", "export", "--out", &path_text(&out), "--json"])
        .expect_code(0)
        .json();
    let users = exported_users(&out);
    assert_eq!(users.len(), all);
    assert_eq!(run["users"], all, "{run}");
    assert_owner_only(&out);
    assert!(users.iter().all(|u| u["user_id"].is_string()));

    let out = files.path("github.json.gz");
    user.run(&[
        "users",
        "export",
        "--out",
        &path_text(&out),
        "--connection",
        "github",
    ])
    .expect_code(0);
    let users = exported_users(&out);
    assert_eq!(users.len(), github);
    assert!(
        users
            .iter()
            .all(|u| u["identities"][0]["connection"] == "github"),
        "only GitHub users"
    );

    let out = files.path("nothing.json.gz");
    let refused = user
        .run(&[
            "users",
            "export",
            "--out",
            &path_text(&out),
            "--connection",
            "no-such-connection",
        ])
        .expect_code(2);
    refused.assert_mentions(&["no connection named", "no-such-connection"]);
    assert!(!out.exists());
    assert_eq!(files.names(), ["github.json.gz", "users.json.gz"]);
}

#[test]
fn a_users_export_job_that_never_finishes_stops_at_the_job_deadline() {
    let session = KeychainSession::start();
    let (tenant, user) = crate::rbac::tenant_and_admin(&session);
    let files = Files::new();
    tenant.sandbox().hold_next_exports(2);
    let out = files.path("users.json.gz");
    let stopped = user
        .run(&[
            "users",
            "export",
            "--out",
            &path_text(&out),
            "--job-deadline",
            "1s",
        ])
        .expect_code(2);
    stopped.assert_mentions(&["after 1s", "GET /api/v2/jobs/job_", "--job-deadline"]);
    assert!(!out.exists());

    let graph = files.write("graph.csv", "sub,email\n");
    let stopped = audit(&user, "export", &graph, &["--job-deadline", "1s"]).expect_code(2);
    stopped.assert_mentions(&["after 1s", "GET /api/v2/jobs/job_"]);

    // The profile's setting, from the command line.
    let profile = user.run(&["status", "--json"]).expect_code(0).json();
    assert_eq!(profile["profile"]["exportJobDeadline"], "4h", "{profile}");
    user.add_profile("slow", &tenant.issuer(), &["--export-job-deadline", "720m"]);
    let slow = user
        .run(&["status", "--profile", "slow", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(slow["profile"]["exportJobDeadline"], "12h", "{slow}");
    let refused = user
        .run(&["users", "export", "--job-deadline", "soon"])
        .expect_code(2);
    refused.assert_mentions(&["\"soon\" is not a duration", "4h"]);
    let refused = audit(&user, "api", &graph, &["--job-deadline", "1h"]).expect_code(2);
    refused.assert_mentions(&["--auth0 export"]);
    assert_eq!(files.names(), ["graph.csv"]);
}

#[test]
fn the_audit_of_the_tenant_finds_the_demo_graphs_drift() {
    let session = KeychainSession::start();
    let (tenant, user) = crate::rbac::tenant_and_admin(&session);
    let files = Files::new();
    let (graph, expected) = {
        let t = tenant.sandbox().tenant();
        let mut csv = Vec::new();
        write_graph_csv(&demo_graph(&t), &mut csv).unwrap();
        let drift = serde_json::to_value(demo_drift(&t)).unwrap();
        (files.write("demo.csv", csv), drift)
    };
    for kind in kinds() {
        assert!(expected[kind].as_u64().unwrap() > 0, "{kind}: {expected}");
    }

    let export = files.path("users.json.gz");
    user.run(&["users", "export", "--out", &path_text(&export)])
        .expect_code(0);
    let from_file = audit(&user, &path_text(&export), &graph, &["--json"])
        .expect_code(1)
        .json();
    assert_eq!(from_file["summary"], expected, "{:#}", from_file["sources"]);

    let from_job = audit(&user, "export", &graph, &["--json"])
        .expect_code(1)
        .json();
    assert_eq!(from_job["summary"], expected, "{:#}", from_job["sources"]);
    assert_eq!(from_job["sources"]["auth0"]["kind"], "export");
    assert_eq!(
        from_job["sources"]["auth0"]["users"],
        from_file["sources"]["auth0"]["users"]
    );
}

#[test]
fn a_search_without_a_total_is_read_to_its_end_and_its_count_said_to_be_unconfirmed() {
    let session = KeychainSession::start();
    let (_tenant, user, requests) = crate::rbac::hostile_tenant_and_admin(
        &session,
        idlens_testkit::hostile_tenant::Hostile::SearchWithoutTotal { users: 300 },
    );
    let files = Files::new();
    let rows: String = (0..300)
        .map(|i| format!("auth0|u{i},u{i}@hostile.test,true,User {i}\n"))
        .collect();
    let graph = files.write(
        "graph.csv",
        format!("sub,email,email_verified,name\n{rows}"),
    );

    let report = audit(&user, "api", &graph, &["--json"])
        .expect_code(0)
        .json();
    assert_eq!(
        report["sources"]["auth0"]["users"], 300,
        "{:#}",
        report["sources"]
    );
    assert_eq!(report["sources"]["auth0"]["count_unconfirmed"], true);
    assert_eq!(report["summary"], every_kind(0));

    let text = audit(&user, "api", &graph, &[]).expect_code(0);
    text.assert_mentions(&["300 users", "unconfirmed", "--auth0 export"]);
    assert_eq!(
        requests.load(std::sync::atomic::Ordering::Relaxed),
        8,
        "three full pages and an empty one, twice"
    );
}
