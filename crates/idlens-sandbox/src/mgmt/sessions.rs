//! A user's sessions and refresh tokens (`GET/DELETE users/{id}/sessions`,
//! `GET/DELETE users/{id}/refresh-tokens`): Enterprise-plan features, so on
//! other plans (`SandboxConfig::plan`) they answer `403`
//! `operation_not_supported`. Listed with checkpoint paging (`from`,
//! `take`, `{sessions|tokens, next?}`); deleting ends the sessions, or
//! revokes every refresh token (a revoked one then fails its exchange,
//! logged `fertft`).

use axum::extract::{Path, Query, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};

use super::by_id::find;
use super::paging::checkpoint;
use super::{read_tenant, MgmtError};
use crate::authn::{Params, Shared};
use crate::logs::Plan;
use crate::tenant::{timestamp_secs, User};
use crate::{RefreshRecord, RefreshState};

/// Checks the scope, the plan and the user, in that order.
fn check(
    state: &Shared,
    headers: &HeaderMap,
    scope: &str,
    id: &str,
    feature: &str,
) -> Result<(), MgmtError> {
    let tenant = read_tenant(state, headers, &[scope])?;
    if state.config.plan != Plan::Enterprise {
        return Err(MgmtError::not_on_plan(feature));
    }
    find::<User>(&tenant, id).map(drop)
}

pub(super) async fn sessions(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<Value>, MgmtError> {
    check(&state, &headers, "read:sessions", &id, "A user's sessions")?;
    let now = state.now_secs();
    let mut flows = state.flows();
    flows.sessions.sweep(now);
    let mut mine: Vec<_> = flows
        .sessions
        .values_mut()
        .filter(|s| s.user_id == id)
        .map(|s| s.clone())
        .collect();
    drop(flows);
    mine.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    let listed: Vec<Value> = mine.iter().map(|s| s.json()).collect();
    Ok(Json(checkpoint(&params, &listed, "sessions")?))
}

pub(super) async fn delete_sessions(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, MgmtError> {
    check(
        &state,
        &headers,
        "delete:sessions",
        &id,
        "A user's sessions",
    )?;
    let mut flows = state.flows();
    let ids: Vec<String> = flows
        .sessions
        .values_mut()
        .filter(|s| s.user_id == id)
        .map(|s| s.id.clone())
        .collect();
    for sid in ids {
        flows.sessions.remove(&sid);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// One listed refresh token: its family (rotation keeps the family's ID).
fn token_json(record: &RefreshRecord) -> Value {
    let grant = &record.grant;
    let audience = grant.audience.clone().unwrap_or_default();
    json!({
        "id": record.family,
        "user_id": grant.user_id,
        "created_at": timestamp_secs(grant.auth_time),
        "expires_at": timestamp_secs(record.expires_at),
        "client_id": grant.client_id,
        "session_id": grant.sid,
        "rotating": true,
        "resource_servers": [{ "audience": audience, "scopes": grant.scope.join(" ") }],
    })
}

pub(super) async fn refresh_tokens(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<Value>, MgmtError> {
    check(
        &state,
        &headers,
        "read:refresh_tokens",
        &id,
        "A user's refresh tokens",
    )?;
    let now = state.now_secs();
    let mut live: Vec<RefreshRecord> = state
        .flows()
        .refresh
        .values_mut()
        .filter(|r| r.grant.user_id == id && r.state == RefreshState::Active && r.expires_at > now)
        .map(|r| r.clone())
        .collect();
    live.sort_by(|a, b| (a.grant.auth_time, &a.family).cmp(&(b.grant.auth_time, &b.family)));
    let listed: Vec<Value> = live.iter().map(token_json).collect();
    Ok(Json(checkpoint(&params, &listed, "tokens")?))
}

pub(super) async fn delete_refresh_tokens(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, MgmtError> {
    check(
        &state,
        &headers,
        "delete:refresh_tokens",
        &id,
        "A user's refresh tokens",
    )?;
    for record in state.flows().refresh.values_mut() {
        if record.grant.user_id == id {
            record.state = RefreshState::Revoked;
        }
    }
    Ok(StatusCode::NO_CONTENT)
}
