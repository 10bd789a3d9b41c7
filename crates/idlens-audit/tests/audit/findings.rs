//! Every finding kind and its edge cases.

use expect_test::{expect, Expect};

use idlens_audit::DriftField;

use crate::fixture::*;

fn check(users: &[String], csv: &str, expected: Expect) {
    expected.assert_eq(&render(&run(users, csv, &options())));
}

const HEADER: &str = "sub,email,name,email_verified\n";

#[test]
fn each_kind_in_the_spec_order() {
    let users = [
        user(
            "auth0|abc",
            Some("a@x.test"),
            Some(true),
            Some("Ann"),
            "auth0:abc:0,github:#123:1",
        ),
        user(
            "google-oauth2|1",
            Some("g@x.test"),
            Some(true),
            Some("Gus"),
            "google-oauth2:1:1",
        ),
        user("email|2", Some("p@x.test"), Some(true), None, "email:2:0"),
        user(
            "samlp|acme|3",
            Some("s@x.test"),
            Some(true),
            None,
            "samlp:acme|3:0",
        ),
        user(
            "auth0|4",
            Some("d@x.test"),
            Some(true),
            Some("Dee"),
            "auth0:4:0",
        ),
        user("auth0|5", None, None, None, ""),
        user(
            "google-oauth2|6",
            Some(" A@X.test"),
            Some(false),
            Some("Ann G"),
            "google-oauth2:6:1",
        ),
    ];
    let csv = format!(
        "{HEADER}auth0|abc,a@x.test,Ann,true\n\
         github|123,a@x.test,Ann,true\n\
         auth0|gone,gone@x.test,,\n\
         auth0|4,old@x.test,Dee,true\n\
         auth0|4,d@x.test,Dee,true\n\
         auth0|5,,,\n\
         google-oauth2|6,a@x.test,Ann G,false\n"
    );
    check(
        &users,
        &csv,
        expect![[r#"
            total 8
            missing_in_graph email|2 cause=Passwordless
            missing_in_graph google-oauth2|1 cause=SocialConnection
            missing_in_graph samlp|acme|3 cause=EnterpriseConnection
            orphan_in_graph auth0|gone email="gone@x.test"
            linked_secondary_in_graph github|123 primary=auth0|abc
            field_drift auth0|4 Email: "d@x.test" -> "old@x.test"
            duplicate_node auth0|4 count=2 rows=["old@x.test", "d@x.test"] in_auth0=true
            duplicate_account a@x.test Low [auth0|abc, google-oauth2|6] primary=auth0|abc (Verified)"#]],
    );
}

#[test]
fn emails_are_compared_trimmed_and_lower_cased() {
    let users = [
        user(
            "auth0|1",
            Some("  Mixed.Case@X.Test "),
            Some(true),
            None,
            "auth0:1:0",
        ),
        user("auth0|2", Some("b@x.test"), Some(true), None, "auth0:2:0"),
        user("auth0|3", Some(""), None, None, "auth0:3:0"),
        user("auth0|4", Some("   "), None, None, "auth0:4:0"),
    ];
    // auth0|2 has no e-mail in the graph: a difference. auth0|3 and |4
    // have "no e-mail" on both sides, and never match each other.
    let csv = format!(
        "{HEADER}auth0|1,mixed.case@x.test,,true\nauth0|2,,,true\nauth0|3,,,\nauth0|4, ,,\n"
    );
    check(
        &users,
        &csv,
        expect![[r#"
        total 1
        field_drift auth0|2 Email: "b@x.test" -> null"#]],
    );
}

#[test]
fn drift_in_each_field() {
    let users = [
        user("auth0|e", Some("e@x.test"), Some(true), Some("E"), ""),
        user("auth0|v", Some("v@x.test"), Some(true), Some("V"), ""),
        user("auth0|n", Some("n@x.test"), Some(true), Some("N"), ""),
        user(
            "auth0|null-name",
            Some("m@x.test"),
            Some(true),
            Some("M"),
            "",
        ),
        user(
            "auth0|verified-null",
            Some("q@x.test"),
            Some(true),
            Some("Q"),
            "",
        ),
        user("auth0|no-verified", Some("r@x.test"), None, Some("R"), ""),
        user("auth0|all", Some("z@x.test"), Some(false), Some("Z"), ""),
    ];
    let csv = format!(
        "{HEADER}auth0|e,other@x.test,E,true\n\
         auth0|v,v@x.test,V,FALSE\n\
         auth0|n,n@x.test,Nn,true\n\
         auth0|null-name,m@x.test,,true\n\
         auth0|verified-null,q@x.test,Q,\n\
         auth0|no-verified,r@x.test,R,false\n\
         auth0|all,,Y,True\n"
    );
    check(
        &users,
        &csv,
        expect![[r#"
        total 6
        field_drift auth0|all Email: "z@x.test" -> null; EmailVerified: false -> true; Name: "Z" -> "Y"
        field_drift auth0|e Email: "e@x.test" -> "other@x.test"
        field_drift auth0|n Name: "N" -> "Nn"
        field_drift auth0|no-verified EmailVerified: null -> false
        field_drift auth0|null-name Name: "M" -> null
        field_drift auth0|v EmailVerified: true -> false"#]],
    );
}

#[test]
fn unmapped_name_and_email_verified_are_not_compared() {
    let users = [user(
        "auth0|1",
        Some("a@x.test"),
        Some(true),
        Some("Ann"),
        "",
    )];
    let csv = "sub,email\nauth0|1,a@x.test\n";
    let mut options = options();
    options.mapping = mapping_without(true, true);
    expect!["total 0"].assert_eq(&render(&run(&users, csv, &options)));
    // Mapped but differing: drift.
    let csv = format!("{HEADER}auth0|1,a@x.test,Bob,false\n");
    check(
        &users,
        &csv,
        expect![[r#"
        total 1
        field_drift auth0|1 EmailVerified: true -> false; Name: "Ann" -> "Bob""#]],
    );
}

#[test]
fn duplicate_accounts_are_high_only_when_all_verified() {
    let users = [
        user(
            "auth0|a",
            Some("same@x.test"),
            Some(true),
            None,
            "auth0:a:0",
        ),
        user(
            "google-oauth2|b",
            Some("SAME@x.test"),
            Some(true),
            None,
            "google-oauth2:b:1",
        ),
        user("auth0|c", Some("low@x.test"), Some(true), None, "auth0:c:0"),
        user(
            "github|d",
            Some("Low@x.test "),
            Some(false),
            None,
            "github:#9:1",
        ),
        user("sms|e", Some("low@x.test"), None, None, "sms:e:0"),
        user("auth0|f", None, None, None, ""),
        user("auth0|g", None, None, None, ""),
    ];
    check(
        &users,
        HEADER,
        expect![[r#"
        total 9
        missing_in_graph auth0|a cause=SyncFailed
        missing_in_graph auth0|c cause=SyncFailed
        missing_in_graph auth0|f cause=Unknown
        missing_in_graph auth0|g cause=Unknown
        missing_in_graph github|d cause=SocialConnection
        missing_in_graph google-oauth2|b cause=SocialConnection
        missing_in_graph sms|e cause=Passwordless
        duplicate_account low@x.test Low [auth0|c, github|d, sms|e] primary=auth0|c (Verified)
        duplicate_account same@x.test High [auth0|a, google-oauth2|b] primary=auth0|a (UserId)"#]],
    );
}

#[test]
fn linked_secondaries_and_orphans() {
    let users = [user(
        "auth0|p",
        Some("p@x.test"),
        Some(true),
        None,
        "auth0:p:0,github:#4242:1,google-oauth2:77:1",
    )];
    // The primary's own first identity (auth0|p) is not a secondary.
    let csv = format!(
        "{HEADER}auth0|p,p@x.test,,true\n\
         github|4242,p@x.test,,\n\
         google-oauth2|77,p@x.test,,\n\
         github|4243,p@x.test,,\n"
    );
    check(
        &users,
        &csv,
        expect![[r#"
        total 3
        orphan_in_graph github|4243 email="p@x.test"
        linked_secondary_in_graph github|4242 primary=auth0|p
        linked_secondary_in_graph google-oauth2|77 primary=auth0|p"#]],
    );
}

#[test]
fn duplicate_nodes_of_an_orphan_id_are_both_findings() {
    let csv =
        format!("{HEADER}auth0|ghost,one@x.test,,\nauth0|ghost,two@x.test,,\nauth0|ghost,,,\n");
    check(
        &[],
        &csv,
        expect![[r#"
        total 2
        orphan_in_graph auth0|ghost email="one@x.test"
        duplicate_node auth0|ghost count=3 rows=["one@x.test", "two@x.test", null] in_auth0=false"#]],
    );
}

#[test]
fn empty_sides() {
    let users = [user(
        "auth0|1",
        Some("a@x.test"),
        Some(true),
        None,
        "auth0:1:0",
    )];
    check(
        &users,
        HEADER,
        expect![[r#"
        total 1
        missing_in_graph auth0|1 cause=SyncFailed"#]],
    );
    check(
        &[],
        &format!("{HEADER}auth0|1,a@x.test,,true\n"),
        expect![[r#"
        total 1
        orphan_in_graph auth0|1 email="a@x.test""#]],
    );
    check(&[], HEADER, expect!["total 0"]);
}

#[test]
fn a_repeated_user_id_keeps_the_first_line() {
    let users = [
        user("auth0|1", Some("first@x.test"), Some(true), None, ""),
        user("auth0|1", Some("second@x.test"), Some(true), None, ""),
    ];
    let report = run(
        &users,
        &format!("{HEADER}auth0|1,second@x.test,,true\n"),
        &options(),
    );
    assert_eq!(report.sources.auth0.users, 1);
    assert_eq!(report.sources.auth0.repeated_ids, 1);
    expect![[r#"
        total 1
        field_drift auth0|1 Email: "first@x.test" -> "second@x.test""#]]
    .assert_eq(&render(&report));
}

/// Pairs of addresses that some Unicode normalisation (case mapping or
/// folding, compatibility or canonical forms) makes equal, but that a mail
/// system delivers to different mailboxes.
const CONFUSABLES: [(&str, &str, &str); 10] = [
    ("kelvin", "kate@x.test", "\u{212A}ATE@X.TEST"),
    ("long-s", "sam@x.test", "\u{17F}AM@x.test"),
    ("dotless-i", "ines@x.test", "\u{131}nes@x.test"),
    ("dotted-i", "iris@x.test", "\u{130}RIS@x.test"),
    ("fullwidth", "\u{FF41}nn@x.test", "\u{FF21}NN@x.test"),
    ("cyrillic", "anna@x.test", "\u{430}nna@x.test"),
    ("combining", "\u{E9}mile@x.test", "e\u{301}mile@x.test"),
    ("sharp-s", "stra\u{DF}e@x.test", "STRA\u{1E9E}E@x.test"),
    ("angstrom", "\u{E5}sa@x.test", "\u{212B}SA@x.test"),
    ("accent-case", "\u{E9}lodie@x.test", "\u{C9}LODIE@x.test"),
];

#[test]
fn emails_equal_only_under_a_unicode_normalisation_are_different_accounts() {
    let mut users = Vec::new();
    let mut csv = HEADER.to_owned();
    for (tag, first, second) in CONFUSABLES {
        for (provider, email) in [("auth0", first), ("google-oauth2", second)] {
            let id = format!("{provider}|{tag}");
            users.push(user(&id, Some(email), Some(true), None, ""));
            csv.push_str(&format!("{id},{email},,true\n"));
        }
    }
    check(&users, &csv, expect!["total 0"]);
}

#[test]
fn the_kelvin_sign_does_not_make_kate_a_duplicate_of_mallory() {
    // The red-team case: Mallory's address is Kate's with a Kelvin sign;
    // folded, the two would be one account with Mallory as its primary
    // (most logins), and the fix plan would link Kate's into Mallory's.
    let users = [
        r#"{"user_id":"auth0|kate","email":"kate@x.test","email_verified":true,"logins_count":3}"#.to_owned(),
        r#"{"user_id":"google-oauth2|mallory","email":"\u212AATE@X.TEST","email_verified":true,"logins_count":500}"#.to_owned(),
    ];
    let report = run(&users, HEADER, &options());
    let plan = idlens_audit::fix_plan(
        &report.findings,
        &idlens_audit::Mapping::default(),
        &idlens_audit::FixOptions::default(),
    )
    .unwrap();
    assert!(plan.links.is_empty(), "{:?}", plan.links);
    expect![[r#"
        total 2
        missing_in_graph auth0|kate cause=Unknown
        missing_in_graph google-oauth2|mallory cause=Unknown"#]]
    .assert_eq(&render(&report));
}

#[test]
fn a_duplicate_among_non_ascii_addresses_is_never_high() {
    // Equal once ASCII letters are lower-cased, the É kept as it is: a
    // duplicate, but its confidence is low even though both are verified.
    let users = [
        user("auth0|1", Some("\u{C9}va@X.Test"), Some(true), None, ""),
        user("github|2", Some(" \u{C9}VA@x.test"), Some(true), None, ""),
        user("auth0|3", Some("same@x.test"), Some(true), None, ""),
        user("github|4", Some("SAME@X.TEST"), Some(true), None, ""),
    ];
    let csv = format!(
        "{HEADER}auth0|1,\u{C9}va@X.Test,,true\ngithub|2,\u{C9}VA@x.test,,true\n\
         auth0|3,same@x.test,,true\ngithub|4,same@x.test,,true\n"
    );
    check(
        &users,
        &csv,
        expect![[r#"
            total 2
            duplicate_account same@x.test High [auth0|3, github|4] primary=auth0|3 (UserId)
            duplicate_account Éva@x.test Low [auth0|1, github|2] primary=auth0|1 (UserId)"#]],
    );
}

#[test]
fn a_non_ascii_difference_in_case_is_e_mail_drift() {
    let users = [
        user(
            "auth0|emile",
            Some("\u{C9}MILE@x.test"),
            Some(true),
            None,
            "",
        ),
        user("auth0|kate", Some("kate@x.test"), Some(true), None, ""),
    ];
    let csv = format!(
        "{HEADER}auth0|emile,\u{E9}mile@X.TEST,,true\nauth0|kate,\u{212A}ate@x.test,,true\n"
    );
    check(
        &users,
        &csv,
        // The graph's K for auth0|kate is the Kelvin sign.
        expect![[r#"
            total 2
            field_drift auth0|emile Email: "ÉMILE@x.test" -> "émile@X.TEST"
            field_drift auth0|kate Email: "kate@x.test" -> "Kate@x.test""#]],
    );
}

#[test]
fn logins_past_four_billion_keep_their_value_and_order() {
    // Held in 32 bits, 2^32 and 2^32 + 5 would both be 2^32 - 1, tie, and
    // leave the choice to the user_id rule (auth0|a).
    let users = [
        r#"{"user_id":"auth0|a","email":"big@x.test","email_verified":true,"logins_count":4294967296}"#,
        r#"{"user_id":"google-oauth2|b","email":"big@x.test","email_verified":true,"logins_count":4294967301}"#,
        r#"{"user_id":"auth0|c","email":"max@x.test","email_verified":true,"logins_count":18446744073709551615}"#,
        r#"{"user_id":"auth0|d","email":"max@x.test","email_verified":true,"logins_count":4294967295}"#,
    ]
    .map(str::to_owned);
    let report = run(&users, HEADER, &options());
    let shown: Vec<String> = report
        .findings
        .iter()
        .filter_map(|f| match f {
            idlens_audit::Finding::DuplicateAccount {
                accounts,
                primary_id,
                primary_rule,
                ..
            } => Some(format!(
                "{:?} primary={primary_id} ({primary_rule:?})",
                accounts.iter().map(|a| a.logins_count).collect::<Vec<_>>()
            )),
            _ => None,
        })
        .collect();
    expect![[r#"
        [Some(4294967296), Some(4294967301)] primary=google-oauth2|b (MostLogins)
        [Some(18446744073709551615), Some(4294967295)] primary=auth0|c (MostLogins)"#]]
    .assert_eq(&shown.join("\n"));
}

#[test]
fn mapped_optional_columns_absent_from_a_csv_are_not_compared() {
    // The default mapping has name and email_verified; this export has
    // neither column. Refusing it would leave no way to audit it, and
    // comparing the missing columns as nulls would make every user drift.
    let users = [
        user("auth0|1", Some("a@x.test"), Some(true), Some("Ann"), ""),
        user("auth0|2", Some("b@x.test"), Some(false), Some("Bo"), ""),
    ];
    let report = run(
        &users,
        "sub,email\nauth0|1,a@x.test\nauth0|2,old@x.test\n",
        &options(),
    );
    expect![[r#"
        total 1
        field_drift auth0|2 Email: "b@x.test" -> "old@x.test""#]]
    .assert_eq(&render(&report));
    assert_eq!(
        report.sources.graph.not_compared,
        [DriftField::EmailVerified, DriftField::Name]
    );
    // With the column, name is compared again; email_verified is not.
    let report = run(
        &users,
        "sub,email,name\nauth0|1,a@x.test,Ann\nauth0|2,b@x.test,Bob\n",
        &options(),
    );
    expect![[r#"
        total 1
        field_drift auth0|2 Name: "Bo" -> "Bob""#]]
    .assert_eq(&render(&report));
    assert_eq!(
        report.sources.graph.not_compared,
        [DriftField::EmailVerified]
    );
}

#[test]
fn mapped_optional_keys_absent_from_every_json_element_are_not_compared() {
    let users = [
        user("auth0|1", Some("a@x.test"), Some(true), Some("Ann"), ""),
        user("auth0|2", Some("b@x.test"), Some(true), Some("Bo"), ""),
    ];
    let audit_json = |json: &str| {
        let mut out = Vec::new();
        idlens_audit::audit(
            users.join("\n").as_bytes(),
            idlens_audit::GraphInput::Json(Box::new(json.as_bytes())),
            &options(),
            &mut out,
        )
        .unwrap();
        idlens_audit::Report::from_json(std::str::from_utf8(&out).unwrap()).unwrap()
    };
    // Neo4j Browser's node form leaves out properties a node does not have.
    let report = audit_json(
        r#"[{"u": {"identity": 1, "labels": ["User"], "properties": {"sub": "auth0|1", "email": "a@x.test"}}},
            {"u": {"identity": 2, "labels": ["User"], "properties": {"sub": "auth0|2", "email": "b@x.test", "email_verified": false}}}]"#,
    );
    expect![[r#"
        total 1
        field_drift auth0|2 EmailVerified: true -> false"#]]
    .assert_eq(&render(&report));
    assert_eq!(report.sources.graph.not_compared, [DriftField::Name]);
    // A key present in one element is compared in every element.
    let report = audit_json(
        r#"[{"sub": "auth0|1", "email": "a@x.test", "name": "Ann"}, {"sub": "auth0|2", "email": "b@x.test"}]"#,
    );
    expect![[r#"
        total 1
        field_drift auth0|2 Name: "Bo" -> null"#]]
    .assert_eq(&render(&report));
    assert_eq!(
        report.sources.graph.not_compared,
        [DriftField::EmailVerified]
    );
}
