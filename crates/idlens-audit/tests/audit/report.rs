//! The report's shape, reading it back, and comparing two reports.

use expect_test::expect;
use idlens_audit::{audit, compare, GraphInput, Report};

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
        {"version":2,"summary":{"missing_in_graph":1,"orphan_in_graph":1,"linked_secondary_in_graph":0,"field_drift":0,"duplicate_node":0,"duplicate_account":0},"findings":[
        {"kind":"missing_in_graph","id":"google-oauth2|1","auth0":{"user_id":"google-oauth2|1","email":"g@x.test","email_verified":true,"name":"Gus","connection":"google-oauth2","provider":"google-oauth2","is_social":true,"logins_count":3,"created_at":"2024-01-01T00:00:00.000Z","last_login":null},"cause":"social_connection"},
        {"kind":"orphan_in_graph","id":"auth0|gone","graph":{"id":"auth0|gone","email":null,"email_verified":null,"name":null}}
        ],"sources":{"auth0":{"kind":"file","name":"users.json","users":2,"bad_lines":0,"repeated_ids":0},"graph":{"kind":"file","name":"graph.csv","rows":2,"bad_lines":0,"mapping":{"label":"User","id":"sub","email":"email","name":"name","email_verified":"email_verified"},"not_compared":[]}},"created_at":"2026-11-26T21:30:00Z"}
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

/// The inputs `report_v1.json` was made from, by IdLens before the report
/// had a version (e-mails lower-cased with Unicode's case mapping).
const V1_USERS: &str = r#"{"user_id":"auth0|kate","email":"kate@x.test","email_verified":true,"logins_count":3,"created_at":"2024-01-01T00:00:00.000Z"}
{"user_id":"google-oauth2|mallory","email":"\u212AATE@X.TEST","email_verified":true,"logins_count":500,"created_at":"2024-02-01T00:00:00.000Z"}
{"user_id":"auth0|emile","email":"\u00c9MILE@x.test","email_verified":true,"logins_count":1}
{"user_id":"auth0|eva","email":"\u00c9va@x.test","email_verified":true,"logins_count":2}
{"user_id":"github|eva","email":"\u00c9VA@X.TEST","email_verified":true,"logins_count":1}
{"user_id":"auth0|sam","email":"sam@x.test","email_verified":true,"logins_count":1}
{"user_id":"github|sam","email":"SAM@X.TEST","email_verified":false,"logins_count":1}
"#;
const V1_GRAPH: &str = "sub,email,name,email_verified\nauth0|kate,kate@x.test,,true\ngoogle-oauth2|mallory,\u{212A}ATE@X.TEST,,true\nauth0|emile,\u{E9}mile@x.test,,true\nauth0|eva,\u{C9}va@x.test,,true\ngithub|eva,\u{C9}VA@X.TEST,,true\nauth0|sam,sam@x.test,,true\ngithub|sam,SAM@X.TEST,,false\n";

#[test]
fn a_report_from_before_the_e_mail_rule_changed_compares_as_unchanged_data() {
    // The same data audited by the earlier version and by this one: the
    // rule change (Kate and Mallory no longer one account, Éva's key keeps
    // its É, Émile's É against é now drift) is neither new nor fixed.
    let before = Report::from_json(include_str!("report_v1.json")).unwrap();
    let mut later = options();
    later.created_at = "2026-11-27T08:00:00Z".into();
    let users: Vec<String> = V1_USERS.lines().map(str::to_owned).collect();
    let after = run(&users, V1_GRAPH, &later);
    expect![[r#"
        total 3
        field_drift auth0|emile Email: "ÉMILE@x.test" -> "émile@x.test"
        duplicate_account sam@x.test Low [auth0|sam, github|sam] primary=auth0|sam (Verified)
        duplicate_account Éva@x.test Low [auth0|eva, github|eva] primary=auth0|eva (MostLogins)"#]]
    .assert_eq(&render(&after));
    let comparison = compare(&before, &after);
    expect!["0 new since 2026-11-26T21:30:00Z, 0 fixed, 3 unchanged"]
        .assert_eq(&comparison.to_string());
}

#[test]
fn a_report_of_a_later_version_is_refused() {
    let earlier = include_str!("report_v1.json");
    assert_eq!(Report::from_json(earlier).unwrap().version, 1);
    let later = earlier.replacen('{', r#"{"version":3,"#, 1);
    expect![
        "it was made by a later IdLens (report version 3; this one reads up to 2): update IdLens"
    ]
    .assert_eq(&Report::from_json(&later).unwrap_err().to_string());
}
