//! Against a broken Management API of the test's own: malformed,
//! truncated and failing answers are errors that name the endpoint, and a
//! listing whose later page fails gives nothing rather than part of it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use idlens_auth0::{ManagementClient, ManagementError};
use idlens_job::Job;
use serde_json::json;

use crate::support::ClientCredentials;

async fn broken_server() -> (String, Arc<AtomicU32>) {
    let unauthorized = Arc::new(AtomicU32::new(0));
    let count = unauthorized.clone();
    let router = Router::new()
        .route("/api/v2/roles", get(|Query(q): Query<std::collections::HashMap<String, String>>| async move {
            // Page 0 is fine; page 1 is cut off mid-answer.
            match q.get("page").map(String::as_str) {
                Some("0") => json!({"roles": (0..100).map(|i| json!({"id": format!("rol_{i}"), "name": format!("r{i}")})).collect::<Vec<_>>(), "start": 0, "limit": 100, "total": 150}).to_string(),
                _ => r#"{"roles": [{"id": "rol_x", "na"#.to_owned(),
            }
        }))
        .route("/api/v2/resource-servers", get(|| async {
            (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(json!({"statusCode": 500, "error": "Internal Server Error", "message": "Something broke", "errorCode": "internal"}))).into_response()
        }))
        .route("/api/v2/users/{id}", get(|| async { "<html>a proxy's error page</html>" }))
        .route("/api/v2/users/{id}/roles", get(move || {
            let count = count.clone();
            async move {
                count.fetch_add(1, Ordering::Relaxed);
                (StatusCode::UNAUTHORIZED, axum::Json(json!({"statusCode": 401, "error": "Unauthorized", "message": "Invalid token"})))
            }
        }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api/v2/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    (base, unauthorized)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_answers_are_errors_and_never_part_of_a_list() {
    let (base, unauthorized) = broken_server().await;
    let tokens = ClientCredentials::fixed("a-token");
    let mgmt = ManagementClient::new(&base, tokens).unwrap();
    let job = Job::unwatched();

    let err = mgmt.roles(&job).await.unwrap_err();
    assert!(matches!(err, ManagementError::BadResponse { .. }), "{err}");
    assert!(err.to_string().contains("GET /api/v2/roles"), "{err}");
    assert!(err.to_string().contains("shows none of it"), "{err}");

    let err = mgmt.resource_servers(&job).await.unwrap_err();
    assert!(
        matches!(err, ManagementError::Api { status: 500, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("(internal): Something broke"),
        "{err}"
    );

    let err = mgmt.user("auth0|1", &job).await.unwrap_err();
    assert!(matches!(err, ManagementError::BadResponse { .. }), "{err}");

    // A 401 makes the client drop its token and try once more, then report it.
    let err = mgmt.user_roles("auth0|1", &job).await.unwrap_err();
    assert!(
        matches!(err, ManagementError::Api { status: 401, .. }),
        "{err}"
    );
    assert_eq!(unauthorized.load(Ordering::Relaxed), 2);
}

#[test]
fn only_https_or_loopback_addresses_are_called() {
    for base in [
        "http://tenant.example/api/v2/",
        "https://user:pw@tenant.example/api/v2/",
        "nonsense",
    ] {
        let err = ManagementClient::new(base, ClientCredentials::fixed("t"))
            .err()
            .unwrap();
        assert!(matches!(err, ManagementError::BadUrl { .. }), "{err}");
    }
}
