//! `POST /oauth/token`: authenticates the client and hands the request to
//! its grant.

use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::authorization_code::authorization_code;
use super::client_credentials::client_credentials;
use super::device_code::{device_poll, DEVICE_GRANT};
use super::refresh_token::refresh;
use super::request::{authenticate_client, body_params, required};
use super::{OAuthError, OAuthResult, Shared};

pub(super) async fn token(
    Extract(state): Extract<Shared>,
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
        "authorization_code" => authorization_code(&state, &client, &form)?,
        "refresh_token" => refresh(&state, &client, &form)?,
        "client_credentials" => client_credentials(&state, &client, &form)?,
        _ => device_poll(&state, &client, &form)?,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(answer)).into_response())
}
