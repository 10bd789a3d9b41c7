//! The sandbox's own test hooks under `/sandbox/`: approve or deny a device
//! code, stage or rotate the signing key, move the clock, make the next
//! users-export jobs fail or never finish. Auth0 has no such
//! routes; UIs and tests that drive the sandbox over HTTP use them.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{post, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::authn::{body_params, required, OAuthError, OAuthResult, Params, Shared};
use crate::State;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/sandbox/device/approve", form_hook(approve_device))
        .route("/sandbox/device/deny", form_hook(deny_device))
        .route("/sandbox/keys/stage", key_hook(State::stage_next_key))
        .route("/sandbox/keys/rotate", key_hook(State::rotate_key))
        .route("/sandbox/clock/advance", form_hook(advance_clock))
        .route("/sandbox/exports/fail-next", form_hook(fail_exports))
        .route("/sandbox/exports/hold-next", form_hook(hold_exports))
}

/// A hook that changes the sandbox as its form (or JSON body) says.
type FormHook = fn(&State, &Params) -> OAuthResult<()>;

/// `POST` with a form, made into `change`: `204` once it is made. An empty
/// body is an empty form.
fn form_hook(change: FormHook) -> MethodRouter<Shared> {
    post(
        move |Extract(state): Extract<Shared>, headers: HeaderMap, body: Bytes| async move {
            let form = if body.is_empty() {
                Params::default()
            } else {
                body_params(&headers, &body)?
            };
            change(&state, &form)?;
            OAuthResult::Ok(StatusCode::NO_CONTENT)
        },
    )
}

fn hook_error(e: crate::SandboxError) -> OAuthError {
    OAuthError::invalid_request(e.to_string())
}

/// `user_code`, `email`: the device code is approved for that user.
fn approve_device(state: &State, form: &Params) -> OAuthResult<()> {
    state
        .approve_device(required(form, "user_code")?, required(form, "email")?)
        .map_err(hook_error)
}

/// `user_code`: the device code is denied.
fn deny_device(state: &State, form: &Params) -> OAuthResult<()> {
    state
        .deny_device(required(form, "user_code")?)
        .map_err(hook_error)
}

/// `seconds` (at most ten years): the sandbox's clock moves on.
fn advance_clock(state: &State, form: &Params) -> OAuthResult<()> {
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
}

/// `count` (default 1): how many of the next users-export jobs fail.
fn fail_exports(state: &State, form: &Params) -> OAuthResult<()> {
    store_export_count(&state.fail_exports, form)
}

/// `count` (default 1): how many of the next users-export jobs never finish.
fn hold_exports(state: &State, form: &Params) -> OAuthResult<()> {
    store_export_count(&state.hold_exports, form)
}

/// Stores an export hook's `count` (1 when left out, at most 1,000).
fn store_export_count(counter: &AtomicU32, form: &Params) -> OAuthResult<()> {
    let count: u32 = match form.get("count") {
        None => 1,
        Some(n) => n.parse().ok().filter(|n| *n <= 1000).ok_or_else(|| {
            OAuthError::invalid_request("count must be a whole number from 0 to 1000.")
        })?,
    };
    counter.store(count, Ordering::Relaxed);
    Ok(())
}

/// A change that generates a key (`stage_next_key`, `rotate_key`).
type KeyChange = fn(&State) -> Result<String, crate::SandboxError>;

/// `POST` made into `change`, answering the new key's `kid`.
fn key_hook(change: KeyChange) -> MethodRouter<Shared> {
    post(move |Extract(state): Extract<Shared>| new_key(state, change))
}

/// Runs `change` on the blocking pool, as RSA key generation takes a while.
async fn new_key(state: Shared, change: KeyChange) -> OAuthResult<Json<Value>> {
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
