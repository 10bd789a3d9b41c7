//! `PATCH /api/v2/users/{id}`: an administrator's block (`blocked`), the
//! e-mail's verified flag, profile names and metadata. The fields given
//! change (metadata merged key by key, `null` removing one, as Auth0
//! merges); anything else is refused with Auth0's validation error.
//! Answers the updated user.

use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{Map, Value};

use super::by_id::missing;
use super::{authorize, MgmtError};
use crate::authn::Shared;
use crate::tenant::{timestamp_secs, User};

/// The fields the sandbox changes, with what each takes.
const BOOLEAN_FIELDS: &[&str] = &["blocked", "email_verified"];
const TEXT_FIELDS: &[&str] = &["name", "given_name", "family_name", "nickname", "picture"];
const METADATA_FIELDS: &[&str] = &["app_metadata", "user_metadata"];

fn invalid(message: impl std::fmt::Display) -> MgmtError {
    MgmtError::bad_body(format!("Payload validation error: {message}"))
}

/// The body, checked field by field before anything changes.
fn parse_patch(body: &[u8]) -> Result<Map<String, Value>, MgmtError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| MgmtError::bad_body("Invalid request payload JSON format"))?;
    let Value::Object(patch) = value else {
        return Err(invalid("'Expected type object' on property ."));
    };
    if patch.is_empty() {
        return Err(invalid("'Too few properties defined (0), minimum 1'."));
    }
    for (key, value) in &patch {
        let fits = if BOOLEAN_FIELDS.contains(&key.as_str()) {
            value.is_boolean()
        } else if TEXT_FIELDS.contains(&key.as_str()) {
            value.as_str().is_some_and(|s| !s.is_empty())
        } else if METADATA_FIELDS.contains(&key.as_str()) {
            value.is_object()
        } else {
            return Err(invalid(format!(
                "'Additional properties not allowed: {key}'."
            )));
        };
        if !fits {
            let wanted = if BOOLEAN_FIELDS.contains(&key.as_str()) {
                "boolean"
            } else if TEXT_FIELDS.contains(&key.as_str()) {
                "non-empty string"
            } else {
                "object"
            };
            return Err(invalid(format!(
                "'Expected type {wanted}' on property {key}."
            )));
        }
    }
    Ok(patch)
}

fn apply(user: &mut User, patch: Map<String, Value>) {
    for (key, value) in patch {
        match (key.as_str(), value) {
            ("blocked", Value::Bool(b)) => user.blocked = b,
            ("email_verified", Value::Bool(b)) => user.email_verified = b,
            ("name", Value::String(s)) => user.name = s,
            ("given_name", Value::String(s)) => user.given_name = s,
            ("family_name", Value::String(s)) => user.family_name = s,
            ("nickname", Value::String(s)) => user.nickname = s,
            ("picture", Value::String(s)) => user.picture = s,
            ("app_metadata", Value::Object(m)) => merge(&mut user.app_metadata, m),
            ("user_metadata", Value::Object(m)) => merge(&mut user.user_metadata, m),
            _ => {}
        }
    }
}

/// Auth0's metadata merge: top-level keys replace, `null` removes.
fn merge(metadata: &mut Value, changes: Map<String, Value>) {
    if !metadata.is_object() {
        *metadata = Value::Object(Map::new());
    }
    if let Value::Object(existing) = metadata {
        for (key, value) in changes {
            if value.is_null() {
                existing.remove(&key);
            } else {
                existing.insert(key, value);
            }
        }
    }
}

pub(super) async fn update(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<User>, MgmtError> {
    authorize(&state, &headers, "update:users")?;
    let patch = parse_patch(&body)?;
    let now = state.now_secs();
    let mut tenant = state.tenant_mut();
    let user = tenant.user_mut(&id).ok_or_else(missing::<User>)?;
    apply(user, patch);
    user.updated_at = timestamp_secs(now);
    Ok(Json(user.clone()))
}
