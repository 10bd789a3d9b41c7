//! The sandbox's own test hooks under `/sandbox/`: approve or deny a device
//! code, stage or rotate the signing key, move the clock, make the next
//! users-export jobs fail or never finish. Auth0 has no such
//! routes; UIs and tests that drive the sandbox over HTTP use them.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::authn::{body_params, required, OAuthError, OAuthResult, Params, Shared};
use crate::State;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/sandbox/device/approve", post(hook_approve))
        .route("/sandbox/device/deny", post(hook_deny))
        .route("/sandbox/keys/stage", post(hook_stage_key))
        .route("/sandbox/keys/rotate", post(hook_rotate_key))
        .route("/sandbox/clock/advance", post(hook_advance_clock))
        .route("/sandbox/exports/fail-next", post(hook_fail_exports))
        .route("/sandbox/exports/hold-next", post(hook_hold_exports))
}

/// `count` (default 1): how many of the next users-export jobs fail.
async fn hook_fail_exports(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> OAuthResult<StatusCode> {
    store_export_count(&state.fail_exports, &headers, &body)
}

/// `count` (default 1): how many of the next users-export jobs never finish.
async fn hook_hold_exports(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> OAuthResult<StatusCode> {
    store_export_count(&state.hold_exports, &headers, &body)
}

/// Stores an export hook's `count` (1 when left out, at most 1,000).
fn store_export_count(
    counter: &std::sync::atomic::AtomicU32,
    headers: &HeaderMap,
    body: &Bytes,
) -> OAuthResult<StatusCode> {
    let form = if body.is_empty() {
        Default::default()
    } else {
        body_params(headers, body)?
    };
    let count: u32 = match form.get("count") {
        None => 1,
        Some(n) => n.parse().ok().filter(|n| *n <= 1000).ok_or_else(|| {
            OAuthError::invalid_request("count must be a whole number from 0 to 1000.")
        })?,
    };
    counter.store(count, std::sync::atomic::Ordering::Relaxed);
    Ok(StatusCode::NO_CONTENT)
}

fn hook_error(e: crate::SandboxError) -> OAuthError {
    OAuthError::invalid_request(e.to_string())
}

/// Reads a hook's form and makes its change with it: `204` once made.
fn with_form(
    headers: &HeaderMap,
    body: &Bytes,
    change: impl FnOnce(&Params) -> OAuthResult<()>,
) -> OAuthResult<StatusCode> {
    change(&body_params(headers, body)?)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn hook_approve(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> OAuthResult<StatusCode> {
    with_form(&headers, &body, |form| {
        state
            .approve_device(required(form, "user_code")?, required(form, "email")?)
            .map_err(hook_error)
    })
}

async fn hook_deny(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> OAuthResult<StatusCode> {
    with_form(&headers, &body, |form| {
        state
            .deny_device(required(form, "user_code")?)
            .map_err(hook_error)
    })
}

async fn hook_stage_key(Extract(state): Extract<Shared>) -> OAuthResult<Json<Value>> {
    new_key(state, State::stage_next_key).await
}

async fn hook_rotate_key(Extract(state): Extract<Shared>) -> OAuthResult<Json<Value>> {
    new_key(state, State::rotate_key).await
}

/// Runs a key change that generates a key (`stage_next_key`, `rotate_key`)
/// on the blocking pool, as RSA key generation takes a while, and answers
/// the new key's `kid`.
async fn new_key(
    state: Shared,
    change: fn(&State) -> Result<String, crate::SandboxError>,
) -> OAuthResult<Json<Value>> {
    let kid = tokio::task::spawn_blocking(move || change(&state))
        .await
        .map_err(|_| {
            OAuthError::server(crate::SandboxError::Crypto(
                "key generation was interrupted",
            ))
        })?
        .map_err(OAuthError::server)?;
    Ok(Json(json!({ "kid": kid })))
}

async fn hook_advance_clock(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> OAuthResult<StatusCode> {
    with_form(&headers, &body, |form| {
        let max = crate::MAX_CLOCK_OFFSET.as_secs();
        let seconds: u64 = required(form, "seconds")?
            .parse()
            .ok()
            .filter(|s| *s <= max)
            .ok_or_else(|| {
                OAuthError::invalid_request(format!(
                    "seconds must be a whole number from 0 to {max} (ten years)."
                ))
            })?;
        state
            .advance_clock(Duration::from_secs(seconds))
            .map_err(hook_error)
    })
}
