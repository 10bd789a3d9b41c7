//! `POST /oauth/token`: authenticates the client and hands the request to
//! its grant.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State as Extract};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use super::authorization_code::authorization_code;
use super::client_credentials::client_credentials;
use super::device_code::{device_poll, DEVICE_GRANT};
use super::refresh_token::refresh;
use super::request::{authenticate_client, body_params, required};
use super::{OAuthError, OAuthResult, Shared};
use crate::logs::{EventBuilder, LogEvent, Origin};
use crate::tenant::Client;
use crate::State;

/// Each grant's Auth0 log types: success, failure, and its description.
fn log_types(grant_type: &str) -> (&'static str, &'static str, &'static str) {
    match grant_type {
        "authorization_code" => ("seacft", "feacft", "Authorization Code for Access Token"),
        "refresh_token" => ("sertft", "fertft", "Refresh Token for Access Token"),
        "client_credentials" => ("seccft", "feccft", "Client Credentials for Access Token"),
        _ => ("sede", "fede", "Device Code for Access Token"),
    }
}

pub(super) async fn token(
    Extract(state): Extract<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> OAuthResult<Response> {
    let form = body_params(&headers, &body)?;
    let grant_type = required(&form, "grant_type")?;
    let client = authenticate_client(&state, &headers, &form)?;
    let known = [
        "authorization_code",
        "refresh_token",
        DEVICE_GRANT,
        "client_credentials",
    ];
    if !known.contains(&grant_type) {
        return Err(OAuthError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            format!("Unsupported grant type: {grant_type}"),
        ));
    }
    if !client.allows_grant(grant_type) {
        return Err(OAuthError::new(
            StatusCode::FORBIDDEN,
            "unauthorized_client",
            format!("Grant type '{grant_type}' not allowed for the client."),
        ));
    }
    let answer = match grant_type {
        "authorization_code" => authorization_code(&state, &client, &form),
        "refresh_token" => refresh(&state, &client, &form),
        "client_credentials" => client_credentials(&state, &client, &form),
        _ => device_poll(&state, &client, &form),
    };
    let origin = state.origin(peer, &headers);
    log_exchange(&state, &client, grant_type, &origin, &answer);
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(answer?)).into_response())
}

/// Logs a token exchange as Auth0 does: its grant's success or failure
/// type. A device flow still waiting (`authorization_pending`,
/// `slow_down`) is not an exchange and is not logged.
fn log_exchange(
    state: &State,
    client: &Client,
    grant_type: &str,
    origin: &Origin,
    answer: &OAuthResult<Value>,
) {
    let (success, failure, what) = log_types(grant_type);
    let (kind, description, user_id) = match answer {
        Ok(answer) => (
            success,
            format!("Successful exchange of {what}"),
            subject(answer),
        ),
        Err(e) if matches!(e.error(), "authorization_pending" | "slow_down") => return,
        Err(e) => match e.log_override() {
            Some((kind, user_id)) => (*kind, e.description().to_owned(), Some(user_id.clone())),
            None => (failure, e.description().to_owned(), None),
        },
    };
    let event = {
        let tenant = state.tenant();
        let event = LogEvent::new(kind, description)
            .client(client)
            .origin(origin);
        match user_id.as_deref().and_then(|id| tenant.user(id)) {
            Some(user) => event.user(&tenant, user),
            None => event,
        }
    };
    state.log(event);
}

/// The user an answer's access token was issued to (the sandbox's own
/// token, read without verifying it); `None` for an application's token.
fn subject(answer: &Value) -> Option<String> {
    let token = answer.get("access_token")?.as_str()?;
    let payload = URL_SAFE_NO_PAD.decode(token.split('.').nth(1)?).ok()?;
    let claims: Value = serde_json::from_slice(&payload).ok()?;
    let sub = claims.get("sub")?.as_str()?;
    (!sub.ends_with("@clients")).then(|| sub.to_owned())
}
