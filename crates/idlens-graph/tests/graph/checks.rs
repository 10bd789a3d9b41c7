use idlens_audit::MappingText;
use idlens_graph::{MappedAs, Mapping};
use serde_json::json;

use crate::support::{graph_for, seed, write};

#[tokio::test(flavor = "multi_thread")]
async fn a_typo_in_the_mapping_shows_in_the_checks() {
    let good = graph_for("checks_typo").await;
    seed(&good, vec![json!({"sub": "auth0|1", "email": "a@x.test"})]).await;
    let checks = good.checks().await.unwrap();
    assert!(checks.server_version.starts_with("5.26"), "{checks:?}");
    assert_eq!(checks.edition, "community");
    assert_eq!(checks.database, "neo4j");
    assert_eq!(checks.user_nodes, 1);
    let ids = &checks.properties[0];
    assert_eq!((ids.mapped_as, ids.nodes_with_it), (MappedAs::Id, 1));
    // name and email_verified are mapped but absent: reported too.
    let problems = checks.problems(good.mapping());
    assert_eq!(problems.len(), 2, "{problems:?}");

    let typo = Mapping::parse(&MappingText {
        label: "User_checks_typo".into(),
        id: "auth0id".into(),
        name: None,
        email_verified: None,
        ..MappingText::default()
    })
    .unwrap();
    let graph = idlens_graph::Graph::connect(
        idlens_testkit::neo4j::Neo4jServer::shared().settings(),
        typo.clone(),
    )
    .await
    .unwrap();
    let problems = graph.checks().await.unwrap().problems(&typo);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("no User_checks_typo node has property auth0id (mapped as id)"),
        "{problems:?}"
    );
}

#[test]
fn names_that_could_escape_quoting_never_reach_cypher() {
    let err = Mapping::parse(&MappingText {
        label: "User) DETACH DELETE (n".into(),
        ..MappingText::default()
    })
    .unwrap_err();
    let err = idlens_graph::GraphError::from(err).to_string();
    assert!(
        err.starts_with("the graph mapping is invalid: label"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_id_uniqueness_constraint_is_detected() {
    let graph = graph_for("checks_constraint").await;
    let label = graph.mapping().label.quoted();
    assert!(!graph.checks().await.unwrap().id_unique_constraint);

    // An index is not a constraint.
    write(
        &graph,
        &format!("CREATE INDEX checks_index IF NOT EXISTS FOR (u:{label}) ON (u.`sub`)"),
        vec![],
    )
    .await;
    assert!(!graph.checks().await.unwrap().id_unique_constraint);
    write(&graph, "DROP INDEX checks_index", vec![]).await;

    // A constraint on another property is not one on the id.
    let on_email =
        format!("CREATE CONSTRAINT checks_email FOR (u:{label}) REQUIRE u.`email` IS UNIQUE");
    write(&graph, &on_email, vec![]).await;
    assert!(!graph.checks().await.unwrap().id_unique_constraint);

    let on_id = format!("CREATE CONSTRAINT checks_id FOR (u:{label}) REQUIRE u.`sub` IS UNIQUE");
    write(&graph, &on_id, vec![]).await;
    assert!(graph.checks().await.unwrap().id_unique_constraint);
    write(&graph, "DROP CONSTRAINT checks_id", vec![]).await;
    write(&graph, "DROP CONSTRAINT checks_email", vec![]).await;
}
