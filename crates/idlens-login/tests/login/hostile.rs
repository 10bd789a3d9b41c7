//! A hostile identity provider on 127.0.0.1: answers that never end, absurd
//! intervals and lifetimes, terminal escapes and `javascript:` in what the
//! user is shown. Sign-in must fail clearly and quickly, never hang or fill
//! memory.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use idlens_login::{Cancellation, LoginClient, LoginError, LoginSettings, ProviderKind};
use idlens_profile::Issuer;
use serde_json::{json, Value};

/// What the hostile provider does wrong.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Trick {
    EndlessDiscovery,
    EndlessDeviceAnswer,
    EndlessTokenAnswer,
    /// `interval: u64::MAX`, `expires_in: 2`.
    EndlessInterval,
    /// `expires_in: 10^12`.
    EndlessLifetime,
    EscapeInUserCode,
    ScriptVerificationUri,
}

struct Hostile {
    trick: Trick,
    issuer: String,
    /// Bytes the endless answers have produced.
    served: AtomicU64,
}

type Shared = Arc<Hostile>;

/// An answer that never ends, counting what it sent.
fn endless(state: &Shared) -> Body {
    let state = state.clone();
    Body::from_stream(futures_util::stream::repeat_with(move || {
        state.served.fetch_add(65_536, Ordering::Relaxed);
        Ok::<_, Infallible>(Bytes::from(vec![b' '; 65_536]))
    }))
}

async fn discovery(State(state): State<Shared>) -> axum::response::Response {
    use axum::response::IntoResponse;
    if state.trick == Trick::EndlessDiscovery {
        return endless(&state).into_response();
    }
    let base = state.issuer.trim_end_matches('/');
    Json(json!({
        "issuer": state.issuer,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/oauth/token"),
        "device_authorization_endpoint": format!("{base}/oauth/device/code"),
        "jwks_uri": format!("{base}/.well-known/jwks.json"),
    }))
    .into_response()
}

async fn device_code(State(state): State<Shared>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let base = state.issuer.trim_end_matches('/');
    let mut answer = json!({
        "device_code": "dc",
        "user_code": "ABCD-EFGH",
        "verification_uri": format!("{base}/activate"),
        "expires_in": 900,
        "interval": 1,
    });
    match state.trick {
        Trick::EndlessDeviceAnswer => return endless(&state).into_response(),
        Trick::EndlessInterval => {
            answer["interval"] = json!(u64::MAX);
            answer["expires_in"] = json!(2);
        }
        Trick::EndlessLifetime => answer["expires_in"] = json!(1_000_000_000_000u64),
        Trick::EscapeInUserCode => answer["user_code"] = json!("\u{1b}[2J\u{1b}[32mVALID"),
        Trick::ScriptVerificationUri => answer["verification_uri"] = json!("javascript:alert(1)"),
        _ => {}
    }
    Json(answer).into_response()
}

async fn token(State(state): State<Shared>) -> axum::response::Response {
    use axum::response::IntoResponse;
    if state.trick == Trick::EndlessTokenAnswer {
        return endless(&state).into_response();
    }
    (
        axum::http::StatusCode::BAD_REQUEST,
        Json(json!({"error": "authorization_pending"})),
    )
        .into_response()
}

async fn start(trick: Trick) -> (Shared, LoginSettings) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!(
        "http://127.0.0.1:{}/",
        listener.local_addr().unwrap().port()
    );
    let state = Arc::new(Hostile {
        trick,
        issuer: issuer.clone(),
        served: AtomicU64::new(0),
    });
    let router = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route(
            "/.well-known/jwks.json",
            get(|| async { Json::<Value>(json!({"keys": []})) }),
        )
        .route("/oauth/device/code", post(device_code))
        .route("/oauth/token", post(token))
        .with_state(state.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    let settings = LoginSettings {
        issuer: Issuer::parse(&issuer).unwrap(),
        client_id: "idlens-desktop".to_owned(),
        audience: None,
        scopes: Vec::new(),
        callback_port: 0,
        provider: ProviderKind::Auth0,
        callback_timeout: Duration::from_secs(10),
        request_timeout: Duration::from_secs(10),
    };
    (state, settings)
}

/// The client gave up long before an unbounded read would have finished.
#[track_caller]
fn assert_read_little(state: &Hostile) {
    let served = state.served.load(Ordering::Relaxed);
    assert!(served < 64 << 20, "the provider sent {served} bytes");
}

/// At most 20 s for anything here: a hang is a failure, not a stuck suite.
async fn bounded<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), future)
        .await
        .expect("sign-in hung on a hostile provider")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_discovery_document_is_cut_off() {
    let (state, settings) = start(Trick::EndlessDiscovery).await;
    let err = match bounded(LoginClient::discover(settings)).await {
        Err(err) => err,
        Ok(_) => panic!("an endless discovery document was accepted"),
    };
    assert!(matches!(err, LoginError::BadResponse { .. }), "{err}");
    assert!(err.to_string().contains("larger than 512 KiB"), "{err}");
    assert_read_little(&state);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_device_answer_is_cut_off() {
    let (state, settings) = start(Trick::EndlessDeviceAnswer).await;
    let client = LoginClient::discover(settings).await.unwrap();
    let err = bounded(client.start_device_login()).await.unwrap_err();
    assert!(matches!(err, LoginError::BadResponse { .. }), "{err}");
    assert!(err.to_string().contains("larger than 256 KiB"), "{err}");
    assert_read_little(&state);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_token_answer_is_cut_off() {
    let (state, settings) = start(Trick::EndlessTokenAnswer).await;
    let client = LoginClient::discover(settings).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    let err = bounded(client.finish_device_login(login, Cancellation::never()))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::BadResponse { .. }), "{err}");
    assert!(err.to_string().contains("larger than 256 KiB"), "{err}");
    assert_read_little(&state);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_interval_still_ends_when_the_code_expires() {
    let (_state, settings) = start(Trick::EndlessInterval).await;
    let client = LoginClient::discover(settings).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    assert_eq!(login.authorization().interval, 60);
    let started = Instant::now();
    let err = bounded(client.finish_device_login(login, Cancellation::never()))
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::DeviceCodeExpired), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_lifetime_is_capped_at_thirty_minutes() {
    let (_state, settings) = start(Trick::EndlessLifetime).await;
    let client = LoginClient::discover(settings).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    assert_eq!(login.authorization().expires_in, 30 * 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_user_is_shown_must_be_readable_and_https() {
    for (trick, words) in [
        (Trick::EscapeInUserCode, "user code"),
        (
            Trick::ScriptVerificationUri,
            "verification address \"javascript:alert(1)\"",
        ),
    ] {
        let (_state, settings) = start(trick).await;
        let client = LoginClient::discover(settings).await.unwrap();
        let err = client.start_device_login().await.unwrap_err();
        assert!(matches!(err, LoginError::BadResponse { .. }), "{err}");
        assert!(err.to_string().contains(words), "{err}");
    }
}
