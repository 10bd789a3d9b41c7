//! A hostile Management API for tests: listings that never end or end
//! short, and rate-limit headers that ask to wait until 2100, for the tests
//! of `idlens-auth0` and of the CLI. Serve it alone ([`serve`], any token accepted) or in
//! front of the sandbox (`Sandbox::start_fronted`), which then answers every
//! route it does not have (tokens, the other endpoints).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

/// 2100-01-01T00:00:00Z, as UNIX seconds.
pub const YEAR_2100: u64 = 4_102_444_800;

/// Requests answered before the tenant gives up with a `503`: a client that
/// keeps paging fails a test with that error instead of hanging it.
pub const BUDGET: u64 = 50;

/// How the tenant misbehaves. Each names the endpoint it misbehaves on
/// (the role listings also serve empty permissions and members).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hostile {
    /// `GET roles`: 150 roles in two pages, each a 200 with
    /// `x-ratelimit-remaining: 0` and a reset in 2100.
    FarResetOn200,
    /// `GET roles`: first a 429 with `x-ratelimit-remaining: 0` and a reset
    /// in 2100 (and `retry-after: 0` when `retry_after`), then the roles of
    /// [`Hostile::FarResetOn200`] with no rate-limit headers.
    FarResetOn429 { retry_after: bool },
    /// `GET roles/{id}/users`: new members on every page, and always the
    /// same checkpoint `next`.
    RepeatingCheckpoint,
    /// `GET roles/{id}/users`: a new checkpoint `next` on every page, and
    /// always the same members.
    RepeatedMembers,
    /// `GET roles`: every page the same 100 roles (`total` 250).
    RepeatedPages,
    /// `GET roles`: `total` 10^15, every page full of new roles.
    EndlessTotal,
    /// `GET roles`: no `total`, every page full of new roles.
    NoTotalFullPages,
    /// `GET roles`: `total` 10, and 100 roles on the first page.
    PastTotal,
    /// `GET roles`: `total` 250, 100 roles on page 0, page 1 empty.
    ShortOfTotal,
    /// `GET users` (the search): `users` users, 100 a page, never a `total`.
    SearchWithoutTotal { users: u64 },
    /// `GET logs` by checkpoint: always the same three events, under a new
    /// `Link` rel=next on every page.
    LogsSamePage,
    /// `GET logs` by checkpoint: three new events on every page, and always
    /// the same `Link` rel=next (`from=the-same-checkpoint`).
    LogsStuckCheckpoint,
    /// `GET logs` by checkpoint: two events whose `Link` rel=next points at
    /// another host (`203.0.113.9`) with `from=next-1`; asked `from=next-1`
    /// here, an empty page (caught up).
    LogsForeignLink,
    /// `GET logs/{id}`: an event whose description is `bytes` bytes long,
    /// starting with terminal escapes (`ESC[31m`, `ESC]0;…BEL`).
    LogsLoudEvent { bytes: usize },
    /// `GET logs` by checkpoint: one page of two events (`loud-1`, the
    /// description of [`Hostile::LogsLoudEvent`]; `odd-1`, of a type no
    /// table knows, `zz_future_code`), then caught up.
    LogsLoudPage { bytes: usize },
    /// `GET logs`: always `429` with `retry-after: 0`.
    LogsRateLimitStorm,
}

/// The hostile routes and how many requests reached them.
pub struct HostileTenant {
    pub router: Router,
    pub requests: Arc<AtomicU64>,
}

struct Shared {
    scenario: Hostile,
    requests: Arc<AtomicU64>,
}

type Params = Query<HashMap<String, String>>;

/// The routes of `scenario`.
pub fn hostile(scenario: Hostile) -> HostileTenant {
    let requests = Arc::new(AtomicU64::new(0));
    let shared = Arc::new(Shared {
        scenario,
        requests: requests.clone(),
    });
    let router = match scenario {
        Hostile::RepeatingCheckpoint | Hostile::RepeatedMembers => {
            Router::new().route("/api/v2/roles/{id}/users", get(members))
        }
        Hostile::SearchWithoutTotal { .. } => Router::new().route("/api/v2/users", get(users)),
        Hostile::LogsSamePage
        | Hostile::LogsStuckCheckpoint
        | Hostile::LogsForeignLink
        | Hostile::LogsLoudPage { .. }
        | Hostile::LogsRateLimitStorm => Router::new().route("/api/v2/logs", get(logs)),
        Hostile::LogsLoudEvent { .. } => Router::new().route("/api/v2/logs/{id}", get(loud_event)),
        // The roles' permissions and members are empty, so a snapshot
        // gets as far as the roles listing lets it.
        _ => Router::new()
            .route("/api/v2/roles", get(roles))
            .route("/api/v2/roles/{id}/permissions", get(no_permissions))
            .route("/api/v2/roles/{id}/users", get(no_members)),
    }
    .with_state(shared.clone())
    .layer(axum::middleware::from_fn_with_state(shared, within_budget));
    HostileTenant { router, requests }
}

/// Serves `router` on 127.0.0.1 until the test's runtime ends; the
/// Management API's base URL (`http://127.0.0.1:PORT/api/v2/`).
pub async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port on 127.0.0.1");
    let base = format!("http://{}/api/v2/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

/// Past [`BUDGET`] requests, `503` for everything.
async fn within_budget(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if shared.requests.load(Ordering::Relaxed) >= BUDGET {
        let body = json!({"statusCode": 503, "error": "Service Unavailable",
                          "message": "the hostile tenant's budget of requests is spent"});
        return (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response();
    }
    next.run(request).await
}

fn number(q: &HashMap<String, String>, name: &str) -> u64 {
    q.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Roles `first..first + count`.
fn role_list(first: u64, count: u64) -> Vec<Value> {
    (first..first + count)
        .map(|i| json!({"id": format!("rol_{i}"), "name": format!("Role {i}")}))
        .collect()
}

fn with_headers(body: Value, status: StatusCode, headers: &[(&'static str, String)]) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    for (name, value) in headers {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    response
}

fn far_reset() -> Vec<(&'static str, String)> {
    vec![
        ("x-ratelimit-limit", "10".to_owned()),
        ("x-ratelimit-remaining", "0".to_owned()),
        ("x-ratelimit-reset", YEAR_2100.to_string()),
    ]
}

async fn roles(State(shared): State<Arc<Shared>>, Query(q): Params) -> Response {
    let n = shared.requests.fetch_add(1, Ordering::Relaxed);
    let page = number(&q, "page");
    let per_page = number(&q, "per_page").max(1);
    let start = page * per_page;
    let envelope = |roles: Vec<Value>, total: Option<u64>| {
        let mut body = json!({"roles": roles, "start": start, "limit": per_page});
        if let Some(total) = total {
            body["total"] = json!(total);
        }
        body
    };
    // 150 roles as Auth0 pages them.
    let honest = || {
        let count = 150u64.saturating_sub(start).min(per_page);
        envelope(role_list(start, count), Some(150))
    };
    match shared.scenario {
        Hostile::FarResetOn200 => with_headers(honest(), StatusCode::OK, &far_reset()),
        Hostile::FarResetOn429 { retry_after } if n == 0 => {
            let mut headers = far_reset();
            if retry_after {
                headers.push(("retry-after", "0".to_owned()));
            }
            let body = json!({"statusCode": 429, "error": "Too Many Requests",
                              "message": "Global limit has been reached", "errorCode": "too_many_requests"});
            with_headers(body, StatusCode::TOO_MANY_REQUESTS, &headers)
        }
        Hostile::FarResetOn429 { .. } => with_headers(honest(), StatusCode::OK, &[]),
        Hostile::RepeatedPages => with_headers(
            envelope(role_list(0, per_page), Some(250)),
            StatusCode::OK,
            &[],
        ),
        Hostile::EndlessTotal => with_headers(
            envelope(role_list(start, per_page), Some(1_000_000_000_000_000)),
            StatusCode::OK,
            &[],
        ),
        Hostile::NoTotalFullPages => with_headers(
            envelope(role_list(start, per_page), None),
            StatusCode::OK,
            &[],
        ),
        Hostile::PastTotal => with_headers(
            envelope(role_list(start, per_page), Some(10)),
            StatusCode::OK,
            &[],
        ),
        Hostile::ShortOfTotal => {
            let roles = if page == 0 {
                role_list(0, per_page)
            } else {
                Vec::new()
            };
            with_headers(envelope(roles, Some(250)), StatusCode::OK, &[])
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn no_permissions() -> Response {
    axum::Json(json!({"permissions": [], "start": 0, "limit": 100, "total": 0})).into_response()
}

async fn no_members() -> Response {
    axum::Json(json!({"users": []})).into_response()
}

async fn members(State(shared): State<Arc<Shared>>, Query(q): Params) -> Response {
    let n = shared.requests.fetch_add(1, Ordering::Relaxed);
    let take = number(&q, "take").max(1);
    let member = |i: u64| json!({"user_id": format!("auth0|m{i}"), "email": format!("m{i}@hostile.test"), "name": format!("Member {i}")});
    let (first, next) = match shared.scenario {
        Hostile::RepeatingCheckpoint => (n * take, "the-same-checkpoint".to_owned()),
        _ => (0, format!("checkpoint-{n}")),
    };
    let users: Vec<Value> = (first..first + take).map(member).collect();
    axum::Json(json!({"users": users, "next": next})).into_response()
}

async fn users(State(shared): State<Arc<Shared>>, Query(q): Params) -> Response {
    shared.requests.fetch_add(1, Ordering::Relaxed);
    let Hostile::SearchWithoutTotal { users: all } = shared.scenario else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let page = number(&q, "page");
    let per_page = number(&q, "per_page").max(1);
    let start = page * per_page;
    let count = all.saturating_sub(start).min(per_page);
    let users: Vec<Value> = (start..start + count)
        .map(|i| {
            json!({"user_id": format!("auth0|u{i}"), "email": format!("u{i}@hostile.test"),
                   "email_verified": true, "name": format!("User {i}"),
                   "identities": [{"provider": "auth0", "user_id": format!("u{i}"),
                                   "connection": "Username-Password-Authentication", "isSocial": false}]})
        })
        .collect();
    // Auth0's envelope, but without the `total` it promises with include_totals.
    axum::Json(json!({"users": users, "start": start, "limit": per_page, "length": count}))
        .into_response()
}

/// A log event `log_id`, as Auth0 sends one.
fn log_event(log_id: &str, description: &str) -> Value {
    json!({"log_id": log_id, "date": "2026-12-01T10:00:00.000Z", "type": "fp",
           "description": description, "user_id": "auth0|h1", "ip": "203.0.113.7"})
}

/// A checkpoint page of `events` with `Link: <{link}>; rel="next"`.
fn log_page(events: Vec<Value>, link: &str) -> Response {
    with_headers(
        Value::Array(events),
        StatusCode::OK,
        &[("link", format!("<{link}>; rel=\"next\""))],
    )
}

async fn logs(State(shared): State<Arc<Shared>>, Query(q): Params) -> Response {
    let n = shared.requests.fetch_add(1, Ordering::Relaxed);
    let here = "http://127.0.0.1/api/v2/logs";
    let numbered = |first: u64| -> Vec<Value> {
        (first..first + 3)
            .map(|i| log_event(&format!("l{i}"), "Wrong email or password."))
            .collect()
    };
    match shared.scenario {
        Hostile::LogsSamePage => {
            log_page(numbered(0), &format!("{here}?from=checkpoint-{n}&take=100"))
        }
        Hostile::LogsStuckCheckpoint => log_page(
            numbered(n * 3),
            &format!("{here}?from=the-same-checkpoint&take=100"),
        ),
        Hostile::LogsForeignLink if q.get("from").map(String::as_str) == Some("next-1") => {
            log_page(Vec::new(), &format!("{here}?from=next-1&take=100"))
        }
        Hostile::LogsForeignLink => log_page(
            vec![log_event("f1", "a"), log_event("f2", "b")],
            "http://203.0.113.9/elsewhere/logs?from=next-1&take=100",
        ),
        Hostile::LogsLoudPage { .. } if q.contains_key("from") => {
            log_page(Vec::new(), &format!("{here}?from=odd-1&take=100"))
        }
        Hostile::LogsLoudPage { bytes } => {
            let mut odd = log_event("odd-1", "Something new.");
            odd["type"] = json!("zz_future_code");
            log_page(
                vec![log_event("loud-1", &loud_description(bytes)), odd],
                &format!("{here}?from=odd-1&take=100"),
            )
        }
        Hostile::LogsRateLimitStorm => with_headers(
            json!({"statusCode": 429, "error": "Too Many Requests", "message": "Global limit has been reached"}),
            StatusCode::TOO_MANY_REQUESTS,
            &[("retry-after", "0".to_owned())],
        ),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn loud_event(State(shared): State<Arc<Shared>>) -> Response {
    shared.requests.fetch_add(1, Ordering::Relaxed);
    let Hostile::LogsLoudEvent { bytes } = shared.scenario else {
        return StatusCode::NOT_FOUND.into_response();
    };
    axum::Json(log_event("loud-1", &loud_description(bytes))).into_response()
}

/// `bytes` bytes of description, starting with terminal escapes.
fn loud_description(bytes: usize) -> String {
    let mut description = "\u{1b}[31m\u{1b}]0;owned\u{7}".to_owned();
    description.push_str(&"x".repeat(bytes.saturating_sub(description.len())));
    description
}
