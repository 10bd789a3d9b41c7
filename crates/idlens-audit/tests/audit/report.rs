//! The report's shape, reading it back, and comparing two reports.

use expect_test::expect;
use idlens_audit::{audit, compare, GraphInput};

use crate::fixture::*;

#[test]
fn the_report_has_the_spec_shape() {
    let users = [
        user(
            "google-oauth2|1",
            Some("g@x.test"),
            Some(true),
            Some("Gus"),
            "google-oauth2:1:1",
        ),
        user("auth0|2", Some("d@x.test"), Some(true), None, "auth0:2:0"),
    ];
    let csv = "sub,email,name,email_verified\nauth0|2,d@x.test,,\nauth0|gone,,,\n";
    let mut out = Vec::new();
    audit(
        users.join("\n").as_bytes(),
        GraphInput::Csv(Box::new(csv.as_bytes())),
        &options(),
        &mut out,
    )
    .unwrap();
    expect![[r#"
        {"summary":{"missing_in_graph":1,"orphan_in_graph":1,"linked_secondary_in_graph":0,"field_drift":0,"duplicate_node":0,"duplicate_account":0},"findings":[
        {"kind":"missing_in_graph","id":"google-oauth2|1","auth0":{"user_id":"google-oauth2|1","email":"g@x.test","email_verified":true,"name":"Gus","connection":"google-oauth2","provider":"google-oauth2","is_social":true,"logins_count":3,"created_at":"2024-01-01T00:00:00.000Z","last_login":null},"cause":"social_connection"},
        {"kind":"orphan_in_graph","id":"auth0|gone","graph":{"id":"auth0|gone","email":null,"email_verified":null,"name":null}}
        ],"sources":{"auth0":{"kind":"file","name":"users.json","users":2,"bad_lines":0,"repeated_ids":0},"graph":{"kind":"file","name":"graph.csv","rows":2,"bad_lines":0,"mapping":{"label":"User","id":"sub","email":"email","name":"name","email_verified":"email_verified"}}},"created_at":"2026-11-26T21:30:00Z"}
    "#]].assert_eq(std::str::from_utf8(&out).unwrap());
}

#[test]
fn comparing_reports_counts_new_fixed_and_unchanged() {
    let users = [
        user("auth0|1", Some("a@x.test"), Some(true), None, ""),
        user("auth0|2", Some("b@x.test"), Some(true), None, ""),
    ];
    let before = run(
        &users,
        "sub,email,name,email_verified\nauth0|x,,,\n",
        &options(),
    );
    let mut later = options();
    later.created_at = "2026-11-27T08:00:00Z".into();
    let after = run(
        &users,
        "sub,email,name,email_verified\nauth0|1,a@x.test,,\nauth0|y,,,\n",
        &later,
    );
    let comparison = compare(&before, &after);
    expect!["1 new since 2026-11-26T21:30:00Z, 2 fixed, 1 unchanged"]
        .assert_eq(&comparison.to_string());
    let keys: Vec<String> = comparison
        .new
        .iter()
        .chain(&comparison.fixed)
        .map(|k| format!("{} {}", k.kind.as_str(), k.key))
        .collect();
    expect![[r#"
        orphan_in_graph auth0|y
        missing_in_graph auth0|1
        orphan_in_graph auth0|x"#]]
    .assert_eq(&keys.join("\n"));
}
