//! Connecting to the shared server and seeding a test's label.

use idlens_graph::testing::Neo4jServer;
use idlens_graph::{CypherBatch, Graph, Mapping};
use idlens_job::Job;
use serde_json::{json, Value};

/// A graph on the shared server for `test`'s own label, emptied first.
pub async fn graph_for(test: &str) -> Graph {
    let server = Neo4jServer::shared();
    let mapping = Neo4jServer::mapping_for(test);
    let graph = Graph::connect(server.settings(), mapping.clone())
        .await
        .expect("connect to the test server");
    write(
        &graph,
        &format!("MATCH (u:{}) DETACH DELETE u", mapping.label.quoted()),
        vec![json!({})],
    )
    .await;
    graph
}

/// Runs `statement` with `$rows` in one committed transaction, or panics.
pub async fn write(graph: &Graph, statement: &str, rows: Vec<Value>) {
    let batch = CypherBatch {
        statement: statement.to_owned(),
        rows,
    };
    let log = graph.apply(&[batch], &Job::unwatched()).await;
    assert!(log.is_complete(), "{statement}: {:?}", log.error());
}

/// Creates one node per row (a map of properties) with the mapping's label,
/// in batches of 10,000.
pub async fn seed(graph: &Graph, mapping: &Mapping, rows: Vec<Value>) {
    let statement = format!(
        "UNWIND $rows AS row CREATE (u:{}) SET u = row",
        mapping.label.quoted()
    );
    let batches: Vec<CypherBatch> = rows
        .chunks(10_000)
        .map(|chunk| CypherBatch {
            statement: statement.clone(),
            rows: chunk.to_vec(),
        })
        .collect();
    let log = graph.apply(&batches, &Job::unwatched()).await;
    assert!(log.is_complete(), "seeding: {:?}", log.error());
}

/// `auth0|000042`-style ids: sortable, so id order is numeric order.
pub fn user(n: usize) -> Value {
    json!({
        "sub": format!("auth0|{n:06}"),
        "email": format!("User{n}@Example.test"),
        "name": format!("User {n}"),
        "email_verified": n.is_multiple_of(2),
    })
}
