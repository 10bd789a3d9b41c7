//! `POST /oauth/revoke` (RFC 7009): revokes a refresh token's whole family.

use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, StatusCode};

use super::request::{authenticate_client, body_params, required};
use super::{OAuthError, OAuthResult, Shared};
use crate::RefreshState;

pub(super) async fn revoke(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> OAuthResult<StatusCode> {
    let form = body_params(&headers, &body)?;
    let client = authenticate_client(&state, &headers, &form)?;
    let token = required(&form, "token")?;
    let mut flows = state.flows();
    let Some(record) = flows.refresh.get(token).cloned() else {
        // RFC 7009: an unknown token is not an error.
        return Ok(StatusCode::OK);
    };
    if record.grant.client_id != client.client_id {
        return Err(OAuthError::invalid_request(
            "The refresh token was not issued to this client.",
        ));
    }
    for r in flows.refresh.values_mut() {
        if r.family == record.family {
            r.state = RefreshState::Revoked;
        }
    }
    Ok(StatusCode::OK)
}
