use idlens_graph::{BatchOutcome, CypherBatch, GraphError};
use idlens_job::Job;
use serde_json::json;

use crate::support::graph_for;

#[tokio::test(flavor = "multi_thread")]
async fn batches_commit_and_a_failing_batch_rolls_back_and_stops_the_run() {
    let graph = graph_for("apply_batches").await;
    let label = graph.mapping().label.quoted();
    let merge =
        format!("UNWIND $rows AS row MERGE (u:{label} {{sub: row.id}}) SET u.email = row.email");
    let failing = format!(
        "UNWIND $rows AS row CREATE (u:{label} {{sub: row.id}}) WITH u, row RETURN 1 / row.divisor"
    );
    let batches = [
        CypherBatch {
            statement: merge.clone(),
            rows: vec![
                json!({"id": "auth0|1", "email": "one@x.test"}),
                json!({"id": "auth0|2", "email": null}),
            ],
        },
        CypherBatch {
            statement: failing,
            rows: vec![
                json!({"id": "auth0|3", "divisor": 1}),
                json!({"id": "auth0|4", "divisor": 0}),
            ],
        },
        CypherBatch {
            statement: merge,
            rows: vec![json!({"id": "auth0|5", "email": "five@x.test"})],
        },
    ];
    let log = graph.apply(&batches, &Job::unwatched()).await;
    let outcomes: Vec<_> = log.batches.iter().map(|b| &b.outcome).collect();
    assert_eq!(outcomes[0], &BatchOutcome::Committed);
    assert!(
        matches!(outcomes[1], BatchOutcome::Failed(GraphError::QueryFailed { code, .. }) if code == "Neo.ClientError.Statement.ArithmeticError"),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[2], &BatchOutcome::Skipped);
    assert_eq!(log.committed(), 1);

    let page = graph.search("", None, 10).await.unwrap();
    let ids: Vec<_> = page
        .rows
        .iter()
        .map(|r| (r.id.as_str(), r.email.as_deref()))
        .collect();
    assert_eq!(
        ids,
        [("auth0|1", Some("one@x.test")), ("auth0|2", None)],
        "auth0|3 rolled back with auth0|4"
    );
}
