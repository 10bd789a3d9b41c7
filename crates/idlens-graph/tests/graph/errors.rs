use std::time::{Duration, Instant};

use idlens_graph::{Graph, GraphError, Mapping};
use idlens_secret::Secret;
use idlens_testkit::neo4j::Neo4jServer;

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_an_authentication_error_that_hides_the_password() {
    let mut settings = Neo4jServer::shared().settings();
    settings.password = Secret::new("wrong-password-xyz");
    let err = Graph::connect(settings, Mapping::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, GraphError::AuthenticationFailed { .. }),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("Update the password"), "{text}");
    assert!(
        !text.contains("wrong-password-xyz") && !format!("{err:?}").contains("wrong-password-xyz")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_database_says_so() {
    let mut settings = Neo4jServer::shared().settings();
    settings.database = Some("nosuchdb".into());
    let err = Graph::connect(settings, Mapping::default())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        GraphError::DatabaseNotFound {
            database: "nosuchdb".into()
        }
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_closed_port_is_unreachable_at_once() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mut settings = Neo4jServer::shared().settings();
    settings.uri = format!("neo4j://127.0.0.1:{port}");
    let started = Instant::now();
    let err = Graph::connect(settings, Mapping::default())
        .await
        .unwrap_err();
    assert!(matches!(err, GraphError::Unreachable { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}
