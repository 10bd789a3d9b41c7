use std::time::{Duration, Instant};

use idlens_graph::{Graph, GraphError, Timeouts};
use idlens_job::Job;
use idlens_testkit::neo4j::Neo4jServer;

use crate::support::{seed, user};

/// A server of its own, killed (SIGKILL) while the stream is half read.
#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_mid_stream_ends_in_an_error_not_a_short_result() {
    let server = Neo4jServer::start();
    let mapping = Neo4jServer::mapping_for("killed");
    let timeouts = Timeouts {
        answer: Duration::from_secs(10),
        ..Timeouts::default()
    };
    let graph = Graph::connect_with(server.settings(), mapping, timeouts)
        .await
        .unwrap();
    seed(&graph, (0..20_000).map(user).collect()).await;

    let mut rows = 0u64;
    let mut killed_at = None;
    let result = graph
        .stream_users(&Job::unwatched(), |_| {
            rows += 1;
            if rows == 2_500 {
                server.kill();
                killed_at = Some(Instant::now());
            }
        })
        .await;
    let waited = killed_at.expect("the server was killed").elapsed();
    let err = result.expect_err("a killed server must not give a result");
    assert!(
        matches!(
            err,
            GraphError::ConnectionLost { .. } | GraphError::Timeout { .. }
        ),
        "{err:?}"
    );
    assert!(
        waited < Duration::from_secs(15),
        "the error took {waited:?}"
    );
    assert!(rows < 20_000, "{rows} rows came after the kill");
    eprintln!("killed server: {err} after {waited:?} ({rows} rows)");
}
