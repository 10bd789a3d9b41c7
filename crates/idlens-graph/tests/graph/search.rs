use idlens_graph::{Direction, RelationshipCount};
use serde_json::json;

use crate::support::{graph_for, seed, user, write};

#[tokio::test(flavor = "multi_thread")]
async fn prefix_search_matches_ids_and_emails_ignoring_the_emails_case() {
    let graph = graph_for("search_prefix").await;
    let mut rows: Vec<_> = (0..300).map(user).collect();
    rows.push(json!({"sub": "google-oauth2|7", "email": "ALICE@Example.test"}));
    rows.push(json!({"email": "no-id@example.test"}));
    seed(&graph, rows).await;

    let ids = |page: &idlens_graph::SearchPage| {
        page.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>()
    };
    let page = graph.search("auth0|00012", None, 100).await.unwrap();
    let expected: Vec<String> = (120..130).map(|n| format!("auth0|{n:06}")).collect();
    assert_eq!(ids(&page), expected);
    assert_eq!(page.next_after, None);

    let page = graph.search("alice@example", None, 100).await.unwrap();
    assert_eq!(ids(&page), ["google-oauth2|7"]);
    assert_eq!(page.rows[0].email.as_deref(), Some("ALICE@Example.test"));
    assert_eq!(page.rows[0].name, None);
    assert_eq!(page.rows[0].email_verified, None);

    let page = graph.search("user29", None, 100).await.unwrap();
    assert_eq!(
        ids(&page),
        [
            "auth0|000029",
            "auth0|000290",
            "auth0|000291",
            "auth0|000292",
            "auth0|000293",
            "auth0|000294",
            "auth0|000295",
            "auth0|000296",
            "auth0|000297",
            "auth0|000298",
            "auth0|000299"
        ]
    );
    let row = &page.rows[0];
    assert_eq!(
        (row.name.as_deref(), row.email_verified),
        (Some("User 29"), Some(false))
    );

    // Ids are case-sensitive.
    assert!(graph
        .search("AUTH0|", None, 10)
        .await
        .unwrap()
        .rows
        .is_empty());
    assert_eq!(graph.count("auth0|0001").await.unwrap(), 100);
    assert_eq!(
        graph.count("").await.unwrap(),
        301,
        "the node without an id is not listed"
    );
    assert_eq!(graph.count("nobody").await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_node_shows_its_properties_and_relationships_and_duplicates_all_show() {
    let graph = graph_for("search_node").await;
    let label = graph.mapping().label.quoted();
    seed(
        &graph,
        vec![
            json!({"sub": "auth0|a", "email": "a@x.test", "logins": 3, "tags": ["x", "y"]}),
            json!({"sub": "auth0|a"}),
            json!({"sub": "auth0|b"}),
        ],
    )
    .await;
    let link = format!(
        "MATCH (a:{label} {{sub: 'auth0|a', logins: 3}}), (b:{label} {{sub: 'auth0|b'}}) \
         CREATE (a)-[:HAS_ALIAS]->(b), (a)-[:MEMBER_OF]->(:Team_search_node), (a)-[:MEMBER_OF]->(:Team_search_node), (b)-[:FOLLOWS]->(a) \
         SET a.seen = date('2026-11-26')"
    );
    write(&graph, &link, vec![]).await;

    let nodes = graph.node("auth0|a").await.unwrap();
    assert_eq!(nodes.len(), 2);
    let full = nodes
        .iter()
        .find(|n| n.properties.contains_key("logins"))
        .unwrap();
    assert_eq!(full.labels, ["User_search_node"]);
    assert_eq!(full.properties["logins"], json!(3));
    assert_eq!(full.properties["tags"], json!(["x", "y"]));
    assert_eq!(full.properties["seen"], json!("2026-11-26"));
    let rel = |t: &str, direction, count| RelationshipCount {
        rel_type: t.into(),
        direction,
        count,
    };
    assert_eq!(
        full.relationships,
        [
            rel("FOLLOWS", Direction::Incoming, 1),
            rel("HAS_ALIAS", Direction::Outgoing, 1),
            rel("MEMBER_OF", Direction::Outgoing, 2)
        ]
    );
    assert!(graph.node("auth0|nobody").await.unwrap().is_empty());
    write(&graph, "MATCH (t:Team_search_node) DETACH DELETE t", vec![]).await;
}
