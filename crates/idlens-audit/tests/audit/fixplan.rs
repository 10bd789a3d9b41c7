//! The fix plan: linking calls, Cypher batches with every value a
//! parameter, and the script.

use std::collections::BTreeMap;

use expect_test::expect;
use idlens_audit::{
    fix_plan, Finding, FixOptions, FixPlan, FixSection, Mapping, MappingText, Report,
};

use crate::fixture::*;

fn report() -> Report {
    let users = [
        user(
            "auth0|p",
            Some("p@x.test"),
            Some(true),
            Some("P"),
            "auth0:p:0,github:#42:1,github:#43:1",
        ),
        user(
            "auth0|q",
            Some("q@x.test"),
            Some(true),
            Some("Q"),
            "auth0:q:0,google-oauth2:9:1",
        ),
        user(
            "auth0|m",
            Some("m@x.test"),
            Some(true),
            Some("M \"the\" `one`"),
            "auth0:m:0",
        ),
        user(
            "google-oauth2|d",
            Some("M@x.test"),
            Some(false),
            None,
            "google-oauth2:d:1",
        ),
        user(
            "auth0|x",
            Some("x@x.test"),
            Some(true),
            Some("X"),
            "auth0:x:0",
        ),
    ];
    let csv = "sub,email,name,email_verified\n\
        github|42,p@x.test,,true\n\
        github|43,p@x.test,,true\n\
        auth0|q,q@x.test,Q,true\n\
        google-oauth2|9,q@x.test,,\n\
        auth0|x,old@x.test,X,true\n\
        auth0|x,x@x.test,X,true\n\
        \"auth0|gone\"\",\"\"x\nDETACH\",,,\n";
    run(&users, csv, &options())
}

fn mapping() -> Mapping {
    Mapping::parse(&MappingText {
        label: "Person".into(),
        id: "auth0Id".into(),
        ..MappingText::default()
    })
    .unwrap()
}

#[test]
fn statements_hold_quoted_names_and_parameters_never_values() {
    let report = report();
    let options = FixOptions {
        batch_size: 1,
        ..FixOptions::default()
    };
    let plan = fix_plan(&report.findings, &mapping(), &options).unwrap();
    for batch in &plan.batches {
        assert!(
            batch.statement.starts_with("UNWIND $rows AS row\n"),
            "{}",
            batch.statement
        );
        assert!(batch.statement.contains("`Person`") && batch.statement.contains("`auth0Id`"));
        for row in &batch.rows {
            for value in row
                .as_object()
                .unwrap()
                .values()
                .filter_map(|v| v.as_str())
                .filter(|v| v.len() > 3)
            {
                assert!(
                    !batch.statement.contains(value),
                    "{value} in {}",
                    batch.statement
                );
            }
        }
    }
    let links: Vec<String> = plan
        .links
        .iter()
        .map(|l| format!("POST {} {}", l.path(), l.body()))
        .collect();
    expect![[
        r#"POST /api/v2/users/auth0%7Cm/identities {"provider":"google-oauth2","user_id":"d"}"#
    ]]
    .assert_eq(&links.join("\n"));
    expect![[r#"
        // IdLens fix plan for the graph: label `Person`, id property `auth0Id`.
        // Review it first. Each batch sets $rows, then runs one statement.

        // == Linked secondary accounts whose primary has no node: give the node the primary's id ==
        // batch 1 (1 rows)
        :param rows => [{`id`: "github|42", `primary_id`: "auth0|p"}];
        UNWIND $rows AS row
        MATCH (s:`Person` {`auth0Id`: row.id})
        OPTIONAL MATCH (p:`Person` {`auth0Id`: row.primary_id})
        WITH row, s, p WHERE p IS NULL
        SET s.`auth0Id` = row.primary_id;

        // == Linked secondary accounts: join the node to the primary's node with HAS_ALIAS ==
        // batch 2 (1 rows)
        :param rows => [{`id`: "github|43", `primary_id`: "auth0|p"}];
        UNWIND $rows AS row
        MATCH (s:`Person` {`auth0Id`: row.id})
        MATCH (p:`Person` {`auth0Id`: row.primary_id})
        WHERE s <> p AND NOT (p)-[:`HAS_ALIAS`]->()
        WITH s, collect(p)[0] AS keep
        MERGE (s)-[:`HAS_ALIAS`]->(keep);
        // batch 3 (1 rows)
        :param rows => [{`id`: "google-oauth2|9", `primary_id`: "auth0|q"}];
        UNWIND $rows AS row
        MATCH (s:`Person` {`auth0Id`: row.id})
        MATCH (p:`Person` {`auth0Id`: row.primary_id})
        WHERE s <> p AND NOT (p)-[:`HAS_ALIAS`]->()
        WITH s, collect(p)[0] AS keep
        MERGE (s)-[:`HAS_ALIAS`]->(keep);

        // == Users missing from the graph: create their nodes ==
        // batch 4 (1 rows)
        :param rows => [{`email`: "m@x.test", `email_verified`: true, `id`: "auth0|m", `name`: "M \"the\" `one`"}];
        UNWIND $rows AS row
        MERGE (u:`Person` {`auth0Id`: row.id})
        SET u.`email` = row.email, u.`name` = row.name, u.`email_verified` = row.email_verified;
        // batch 5 (1 rows)
        :param rows => [{`email`: "p@x.test", `email_verified`: true, `id`: "auth0|p", `name`: "P"}];
        UNWIND $rows AS row
        MERGE (u:`Person` {`auth0Id`: row.id})
        SET u.`email` = row.email, u.`name` = row.name, u.`email_verified` = row.email_verified;
        // batch 6 (1 rows)
        :param rows => [{`email`: "M@x.test", `email_verified`: false, `id`: "google-oauth2|d", `name`: null}];
        UNWIND $rows AS row
        MERGE (u:`Person` {`auth0Id`: row.id})
        SET u.`email` = row.email, u.`name` = row.name, u.`email_verified` = row.email_verified;

        // == Field drift: set the graph's fields to Auth0's ==
        // batch 7 (1 rows)
        :param rows => [{`email`: "x@x.test", `email_verified`: true, `id`: "auth0|x", `name`: "X"}];
        UNWIND $rows AS row
        MATCH (u:`Person` {`auth0Id`: row.id})
        SET u.`email` = row.email, u.`name` = row.name, u.`email_verified` = row.email_verified;

        // == Duplicate nodes: keep the first, join the others to it with HAS_ALIAS ==
        // batch 8 (1 rows)
        :param rows => [{`id`: "auth0|x"}];
        UNWIND $rows AS row
        MATCH (n:`Person` {`auth0Id`: row.id})
        WHERE NOT (n)-[:`HAS_ALIAS`]->()
        WITH row, collect(n) AS nodes
        WHERE size(nodes) > 1
        WITH nodes[0] AS keep, nodes[1..] AS others
        UNWIND others AS other
        MERGE (other)-[:`HAS_ALIAS`]->(keep);

        // == Orphan nodes: no Auth0 user has these ids. Never applied; uncomment to delete ==
        // MATCH (n:`Person` {`auth0Id`: "auth0|gone\",\"x\nDETACH"}) DETACH DELETE n;
    "#]].assert_eq(&plan.script(&mapping()));
}

#[test]
fn the_primary_can_be_overridden() {
    let report = report();
    let mut options = FixOptions::default();
    options
        .primary_overrides
        .insert("m@x.test".into(), "google-oauth2|d".into());
    let plan = fix_plan(&report.findings, &mapping(), &options).unwrap();
    let link = &plan.links[0];
    assert_eq!(
        (
            link.primary_id.as_str(),
            link.provider.as_str(),
            link.user_id.as_str()
        ),
        ("google-oauth2|d", "auth0", "m")
    );
    let options = FixOptions {
        primary_overrides: BTreeMap::from([("m@x.test".to_owned(), "auth0|nobody".to_owned())]),
        ..FixOptions::default()
    };
    expect![[r#"the primary chosen for m@x.test is "auth0|nobody", which is not one of its accounts (auth0|m, google-oauth2|d). Choose one of them"#]].assert_eq(&fix_plan(&report.findings, &mapping(), &options).unwrap_err().to_string());
}

/// Duplicate accounts in every graph state: `a2` has a node and its primary
/// too; `b2` has two nodes and its primary none; `c2` has no node of its
/// own but its linked identity `github|77` has one (re-keyed to `c2`); `e2`
/// and its primary have no node.
fn linking_report() -> Report {
    let users = [
        user(
            "auth0|a",
            Some("a@x.test"),
            Some(true),
            Some("A"),
            "auth0:a:0",
        ),
        user(
            "github|a2",
            Some("A@x.test"),
            Some(false),
            None,
            "github:a2:1",
        ),
        user(
            "auth0|b",
            Some("b@x.test"),
            Some(true),
            Some("B"),
            "auth0:b:0",
        ),
        user(
            "google-oauth2|b2",
            Some("b@x.test"),
            Some(false),
            None,
            "google-oauth2:b2:1",
        ),
        user(
            "auth0|c",
            Some("c@x.test"),
            Some(true),
            Some("C"),
            "auth0:c:0",
        ),
        user(
            "google-oauth2|c2",
            Some("c@x.test"),
            Some(false),
            None,
            "google-oauth2:c2:1,github:#77:1",
        ),
        user(
            "auth0|e",
            Some("e@x.test"),
            Some(true),
            Some("E"),
            "auth0:e:0",
        ),
        user(
            "auth0|e2",
            Some("e@x.test"),
            Some(false),
            None,
            "auth0:e2:0",
        ),
    ];
    let csv = "sub,email,name,email_verified\n\
        auth0|a,a@x.test,A,true\n\
        github|a2,a@x.test,,false\n\
        google-oauth2|b2,b@x.test,,false\n\
        google-oauth2|b2,b@x.test,,false\n\
        auth0|c,c@x.test,C,true\n\
        github|77,c@x.test,,\n";
    run(&users, csv, &options())
}

/// One line per batch: its section and rows.
fn outline(plan: &FixPlan) -> String {
    let mut lines: Vec<String> = plan
        .links
        .iter()
        .map(|l| format!("link {}|{} -> {}", l.provider, l.user_id, l.primary_id))
        .collect();
    lines.extend(plan.batches.iter().map(|b| {
        format!(
            "{:?}: {}",
            b.section,
            serde_json::Value::Array(b.rows.clone())
        )
    }));
    lines.join("\n")
}

#[test]
fn without_the_links_the_graph_part_is_the_reports() {
    let plan = fix_plan(
        &linking_report().findings,
        &Mapping::default(),
        &FixOptions::default(),
    )
    .unwrap();
    expect![[r#"
        link github|a2 -> auth0|a
        link google-oauth2|b2 -> auth0|b
        link google-oauth2|c2 -> auth0|c
        link auth0|e2 -> auth0|e
        RekeyLinkedSecondary: [{"id":"github|77","primary_id":"google-oauth2|c2"}]
        CreateMissing: [{"email":"b@x.test","email_verified":true,"id":"auth0|b","name":"B"},{"email":"e@x.test","email_verified":true,"id":"auth0|e","name":"E"},{"email":"e@x.test","email_verified":false,"id":"auth0|e2","name":null},{"email":"c@x.test","email_verified":false,"id":"google-oauth2|c2","name":null}]
        AliasDuplicateNodes: [{"id":"google-oauth2|b2"}]"#]]
    .assert_eq(&outline(&plan));
}

#[test]
fn with_the_links_linked_accounts_get_no_node_and_their_nodes_join_the_primarys() {
    let options = FixOptions {
        link_accounts: true,
        ..FixOptions::default()
    };
    let plan = fix_plan(&linking_report().findings, &Mapping::default(), &options).unwrap();
    expect![[r#"
        link github|a2 -> auth0|a
        link google-oauth2|b2 -> auth0|b
        link google-oauth2|c2 -> auth0|c
        link auth0|e2 -> auth0|e
        RekeyLinkedSecondary: [{"id":"github|77","primary_id":"google-oauth2|c2"}]
        CreateMissing: [{"email":"b@x.test","email_verified":true,"id":"auth0|b","name":"B"},{"email":"e@x.test","email_verified":true,"id":"auth0|e","name":"E"}]
        AliasDuplicateNodes: [{"id":"google-oauth2|b2"}]
        AliasLinkedAccounts: [{"id":"github|a2","primary_id":"auth0|a"},{"id":"google-oauth2|b2","primary_id":"auth0|b"},{"id":"google-oauth2|c2","primary_id":"auth0|c"}]"#]].assert_eq(&outline(&plan));
    let alias = plan
        .batches
        .iter()
        .find(|b| b.section == FixSection::AliasLinkedAccounts)
        .unwrap();
    expect![[r#"
        // Accounts this plan links in Auth0: join their nodes to the primary's node with HAS_ALIAS
        UNWIND $rows AS row
        MATCH (s:`User` {`sub`: row.id})
        WHERE NOT (s)-[:`HAS_ALIAS`]->()
        MATCH (p:`User` {`sub`: row.primary_id})
        WHERE s <> p AND NOT (p)-[:`HAS_ALIAS`]->()
        WITH s, collect(p)[0] AS keep
        MERGE (s)-[:`HAS_ALIAS`]->(keep)"#]]
    .assert_eq(&format!(
        "// {}\n{}",
        alias.section.describe(),
        alias.statement
    ));
    // The links are the same either way.
    assert_eq!(
        plan.links,
        fix_plan(
            &linking_report().findings,
            &Mapping::default(),
            &FixOptions::default()
        )
        .unwrap()
        .links
    );
}

#[test]
fn a_linked_accounts_node_takes_the_primarys_id_when_the_primary_gets_none() {
    // A hand-edited report: `auth0|b`, the primary of `google-oauth2|b2`,
    // is also linked into `auth0|a`, so no node is created for it: one
    // node of `b2` takes its id, and is joined to `auth0|a`'s.
    let mut report = linking_report();
    let b = report
        .findings
        .iter()
        .find_map(|f| match f {
            Finding::DuplicateAccount {
                email, accounts, ..
            } if email == "b@x.test" => accounts.iter().find(|a| a.user_id == "auth0|b").cloned(),
            _ => None,
        })
        .expect("auth0|b");
    for finding in &mut report.findings {
        if let Finding::DuplicateAccount {
            email, accounts, ..
        } = finding
        {
            if email == "a@x.test" {
                accounts.push(b.clone());
            }
        }
    }
    let options = FixOptions {
        link_accounts: true,
        ..FixOptions::default()
    };
    let plan = fix_plan(&report.findings, &Mapping::default(), &options).unwrap();
    expect![[r#"
        link github|a2 -> auth0|a
        link auth0|b -> auth0|a
        link google-oauth2|b2 -> auth0|b
        link google-oauth2|c2 -> auth0|c
        link auth0|e2 -> auth0|e
        RekeyLinkedSecondary: [{"id":"github|77","primary_id":"google-oauth2|c2"},{"id":"google-oauth2|b2","primary_id":"auth0|b"}]
        CreateMissing: [{"email":"e@x.test","email_verified":true,"id":"auth0|e","name":"E"}]
        AliasDuplicateNodes: [{"id":"google-oauth2|b2"}]
        AliasLinkedAccounts: [{"id":"github|a2","primary_id":"auth0|a"},{"id":"google-oauth2|c2","primary_id":"auth0|c"},{"id":"auth0|b","primary_id":"auth0|a"}]"#]].assert_eq(&outline(&plan));
}
