//! Brute-force protection over the Management API: its settings
//! (`attack-protection/brute-force-protection`) and the blocks it set
//! (`user-blocks`, by identifier or by user ID). Removing blocks never
//! clears an administrator's block (`blocked: true` on the user).

use axum::body::Bytes;
use axum::extract::{Path, Query, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};

use super::{authorize, read_tenant, MgmtError};
use crate::authn::{Params, Shared};
use crate::brute_force::{Block, Settings, SettingsPatch};
use crate::logs::{EventBuilder, LogEvent};
use crate::tenant::User;

/// The largest `max_attempts` Auth0 accepts.
const MAX_ATTEMPTS: u32 = 100;

fn identifier(params: &Params) -> Result<String, MgmtError> {
    params
        .get("identifier")
        .map(|i| i.trim().to_lowercase())
        .filter(|i| !i.is_empty())
        .ok_or_else(|| {
            MgmtError::bad_query("Query validation error: 'Missing required property: identifier'.")
        })
}

fn blocked_for(blocks: &[Block]) -> Json<Value> {
    Json(json!({ "blocked_for": blocks }))
}

/// `GET user-blocks?identifier=`: the identifier's blocks, every IP.
pub(super) async fn by_identifier(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Result<Json<Value>, MgmtError> {
    authorize(&state, &headers, "read:users")?;
    let identifier = identifier(&params)?;
    let now = state.now_secs();
    let blocks = state
        .brute_force()
        .blocks(now, |b| b.identifier == identifier);
    Ok(blocked_for(&blocks))
}

/// `DELETE user-blocks?identifier=`: removes them all (any IP), `204`.
pub(super) async fn unblock_identifier(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Result<StatusCode, MgmtError> {
    authorize(&state, &headers, "update:users")?;
    let identifier = identifier(&params)?;
    let now = state.now_secs();
    let removed = state
        .brute_force()
        .remove(now, |b| b.identifier == identifier);
    log_released(&state, &removed);
    Ok(StatusCode::NO_CONTENT)
}

/// The identifiers a user's blocks are kept under (their e-mail).
fn user_identifier(
    state: &Shared,
    headers: &HeaderMap,
    scope: &str,
    id: &str,
) -> Result<String, MgmtError> {
    let tenant = read_tenant(state, headers, &[scope])?;
    tenant
        .user(id)
        .map(|u| u.email.to_lowercase())
        .ok_or_else(super::by_id::missing::<User>)
}

/// `GET user-blocks/{id}`.
pub(super) async fn of_user(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, MgmtError> {
    let email = user_identifier(&state, &headers, "read:users", &id)?;
    let now = state.now_secs();
    let blocks = state
        .brute_force()
        .blocks(now, |b| b.user_id == id || b.identifier == email);
    Ok(blocked_for(&blocks))
}

/// `DELETE user-blocks/{id}`, `204`.
pub(super) async fn unblock_user(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, MgmtError> {
    let email = user_identifier(&state, &headers, "update:users", &id)?;
    let now = state.now_secs();
    let removed = state
        .brute_force()
        .remove(now, |b| b.user_id == id || b.identifier == email);
    log_released(&state, &removed);
    Ok(StatusCode::NO_CONTENT)
}

/// `ublkdu` for each released block.
fn log_released(state: &Shared, removed: &[Block]) {
    for block in removed {
        let event = {
            let tenant = state.tenant();
            let event = LogEvent::new("ublkdu", "User block released")
                .user_name(&block.identifier)
                .details(json!({ "ip": block.ip }));
            match tenant.user(&block.user_id) {
                Some(user) => event.user(&tenant, user),
                None => event,
            }
        };
        state.log(event);
    }
}

/// `GET attack-protection/brute-force-protection`.
pub(super) async fn settings(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
) -> Result<Json<Settings>, MgmtError> {
    authorize(&state, &headers, "read:attack_protection")?;
    Ok(Json(state.brute_force().settings.clone()))
}

/// `PATCH attack-protection/brute-force-protection`: the fields given
/// change; answers the settings.
pub(super) async fn update_settings(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Settings>, MgmtError> {
    authorize(&state, &headers, "update:attack_protection")?;
    let patch: SettingsPatch = serde_json::from_slice(&body)
        .map_err(|e| MgmtError::bad_body(format!("Payload validation error: {e}")))?;
    if patch
        .max_attempts
        .is_some_and(|m| m == 0 || m > MAX_ATTEMPTS)
    {
        return Err(MgmtError::bad_body(format!(
            "Payload validation error: 'max_attempts' must be between 1 and {MAX_ATTEMPTS}."
        )));
    }
    let shields_ok = |s: &Vec<String>| s.iter().all(|s| s == "block" || s == "user_notification");
    if patch.shields.as_ref().is_some_and(|s| !shields_ok(s)) {
        return Err(MgmtError::bad_body(
            "Payload validation error: 'shields' may hold only \"block\" and \"user_notification\".",
        ));
    }
    let mut guard = state.brute_force();
    let settings = &mut guard.settings;
    if let Some(v) = patch.enabled {
        settings.enabled = v;
    }
    if let Some(v) = patch.shields {
        settings.shields = v;
    }
    if let Some(v) = patch.mode {
        settings.mode = v;
    }
    if let Some(v) = patch.max_attempts {
        settings.max_attempts = v;
    }
    if let Some(v) = patch.allowlist {
        settings.allowlist = v;
    }
    Ok(Json(settings.clone()))
}
