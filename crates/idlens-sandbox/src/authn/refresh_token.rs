//! The `refresh_token` grant: rotation, reuse detection (a rotated token used
//! again revokes its family), and a refresh that names another API.

use axum::http::StatusCode;
use serde_json::Value;

use super::issue::issue_for;
use super::request::{known_audience, param, required};
use super::{OAuthError, OAuthResult, Params};
use crate::tenant::Client;
use crate::{RefreshState, State};

pub(super) fn refresh(state: &State, client: &Client, form: &Params) -> OAuthResult<Value> {
    let token = required(form, "refresh_token")?;
    let unknown = || OAuthError::invalid_grant("Unknown or invalid refresh token.");
    // The tenant before the flows, never while holding them (lock order).
    let audience = param(form, "audience");
    if let Some(audience) = audience.filter(|a| !known_audience(&state.tenant(), a)) {
        return Err(OAuthError::new(
            StatusCode::FORBIDDEN,
            "access_denied",
            format!("Service not found: {audience}"),
        ));
    }
    let mut flows = state.flows();
    let record = flows.refresh.get(token).cloned().ok_or_else(unknown)?;
    if record.grant.client_id != client.client_id || record.expires_at <= state.now_secs() {
        return Err(unknown());
    }
    match record.state {
        RefreshState::Active => {}
        RefreshState::Revoked => return Err(unknown()),
        RefreshState::Rotated => {
            // Reuse of a rotated token: someone else may hold the family, so
            // every token of it stops working (Auth0's reuse detection).
            for r in flows.refresh.values_mut() {
                if r.family == record.family {
                    r.state = RefreshState::Revoked;
                }
            }
            return Err(unknown().logged_as("ferrt", &record.grant.user_id));
        }
    }
    if let Some(r) = flows.refresh.get_mut(token) {
        r.state = RefreshState::Rotated;
    }
    drop(flows);
    issue_for(state, &record.grant, Some(&record.family), audience)
}
