//! The device flow (RFC 8628): `/oauth/device/code` hands out a device and
//! user code, and the `device_code` grant at `/oauth/token` polls it
//! (`authorization_pending`, `slow_down`, `expired_token`, `access_denied`).

use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};

use super::issue::issue;
use super::request::{body_params, client, known_audience, param, required, scopes};
use super::{OAuthError, OAuthResult, Params, Shared};
use crate::keys::{random_token, user_code};
use crate::tenant::{AppType, Client};
use crate::{DeviceRecord, DeviceState, Grant, State};

pub(super) const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

pub(super) async fn device_code(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> OAuthResult<Json<Value>> {
    let form = body_params(&headers, &body)?;
    let client_id = required(&form, "client_id")?;
    let client = client(&state, client_id)?;
    if !client.allows_grant(DEVICE_GRANT) || client.app_type != AppType::Native {
        return Err(OAuthError::new(
            StatusCode::FORBIDDEN,
            "unauthorized_client",
            "Grant type 'urn:ietf:params:oauth:grant-type:device_code' not allowed for the client.",
        ));
    }
    let audience = param(&form, "audience").map(str::to_owned);
    if let Some(a) = &audience {
        if !known_audience(&state.tenant(), a) {
            return Err(OAuthError::new(
                StatusCode::FORBIDDEN,
                "access_denied",
                format!("Service not found: {a}"),
            ));
        }
    }
    let device_code = random_token(32).map_err(OAuthError::server)?;
    let code = user_code().map_err(OAuthError::server)?;
    let lifetime = state.config.device_code_lifetime.as_secs() as i64;
    let interval = state.config.device_interval.as_secs() as i64;
    let now = state.now_secs();
    state
        .flows()
        .devices
        .insert(
            device_code.clone(),
            DeviceRecord {
                user_code: code.clone(),
                client_id: client_id.to_owned(),
                scope: scopes(param(&form, "scope")),
                audience,
                expires_at: now + lifetime,
                interval,
                last_poll: None,
                polls: 0,
                state: DeviceState::Pending,
            },
            now + lifetime,
            now,
        )
        .map_err(|full| OAuthError::too_many("pending device sign-ins", full))?;
    let verification_uri = format!("{}activate", state.issuer);
    Ok(Json(json!({
        "device_code": device_code,
        "user_code": code,
        "verification_uri": verification_uri,
        "verification_uri_complete": format!("{verification_uri}?user_code={code}"),
        "expires_in": lifetime,
        "interval": interval,
    })))
}

pub(super) fn device_poll(state: &State, client: &Client, form: &Params) -> OAuthResult<Value> {
    let device_code = required(form, "device_code")?;
    let now = state.now_secs();
    let mut flows = state.flows();
    let Some(record) = flows.devices.get_mut(device_code) else {
        return Err(OAuthError::invalid_grant("Invalid or expired device code."));
    };
    if record.client_id != client.client_id {
        return Err(OAuthError::invalid_grant("Invalid or expired device code."));
    }
    if record.expires_at <= now {
        flows.devices.remove(device_code);
        return Err(OAuthError::new(
            StatusCode::FORBIDDEN,
            "expired_token",
            "The device code has expired. Request a new one.",
        ));
    }
    let too_fast = record
        .last_poll
        .is_some_and(|last| now - last < record.interval);
    record.last_poll = Some(now);
    record.polls += 1;
    if too_fast {
        // RFC 8628: the client must add 5 seconds to its interval.
        record.interval += 5;
        return Err(OAuthError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "slow_down",
            format!(
                "You are polling faster than allowed. Try again in {} seconds.",
                record.interval
            ),
        ));
    }
    match record.state.clone() {
        DeviceState::Pending => Err(OAuthError::new(
            StatusCode::FORBIDDEN,
            "authorization_pending",
            "User has yet to authorize device code.",
        )),
        DeviceState::Denied => {
            flows.devices.remove(device_code);
            Err(OAuthError::new(
                StatusCode::FORBIDDEN,
                "access_denied",
                "User cancelled the confirmation prompt or consent page; the code is no longer valid.",
            ))
        }
        DeviceState::Approved(user_id) => {
            let record = flows.devices.remove(device_code).expect("present above");
            drop(flows);
            let grant = Grant {
                user_id,
                client_id: client.client_id.clone(),
                scope: record.scope,
                audience: record.audience,
                nonce: None,
                auth_time: now,
                sid: random_token(16).map_err(OAuthError::server)?,
            };
            issue(state, &grant, None)
        }
    }
}
