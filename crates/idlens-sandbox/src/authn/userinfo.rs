//! `/userinfo`: the profile claims of the user an access token was issued to.

use axum::extract::State as Extract;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::issue::profile_claims;
use super::Shared;
use crate::keys::s256;

pub(super) async fn userinfo(Extract(state): Extract<Shared>, headers: HeaderMap) -> Response {
    let tenant = state.tenant();
    let unauthorized = || {
        (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")],
            "Unauthorized",
        )
            .into_response()
    };
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return unauthorized();
    };
    let record = state.flows().access.get(&s256(token.trim())).cloned();
    let Some(record) = record.filter(|r| r.userinfo && r.expires_at > state.now_secs()) else {
        return unauthorized();
    };
    let Some(user) = tenant.user(&record.grant.user_id) else {
        return unauthorized();
    };
    Json(Value::Object(profile_claims(user, &record.grant.scope))).into_response()
}
