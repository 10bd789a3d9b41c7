//! The shared server for each test's own label, and the users seeded there.

use idlens_graph::Graph;
use idlens_testkit::neo4j::Neo4jServer;
pub use idlens_testkit::neo4j::{seed, write};
use serde_json::{json, Value};

/// A graph on the shared server for `test`'s own label, emptied first.
pub async fn graph_for(test: &str) -> Graph {
    idlens_testkit::neo4j::graph_for(Neo4jServer::shared(), test).await
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
