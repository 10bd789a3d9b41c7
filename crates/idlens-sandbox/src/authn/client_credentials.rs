//! The `client_credentials` grant: an application's own token for the
//! Management API or the tenant's API, with the scopes granted to it.

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::issue::remember_management_token;
use super::request::{known_audience, param, required, scopes};
use super::{OAuthError, OAuthResult, Params};
use crate::tenant::Client;
use crate::State;

pub(super) fn client_credentials(
    state: &State,
    client: &Client,
    form: &Params,
) -> OAuthResult<Value> {
    let tenant = state.tenant();
    let audience = required(form, "audience")?;
    let management = format!("{}api/v2/", state.issuer);
    let granted: &[String] = if audience == management {
        &client.management_scopes
    } else if audience == tenant.api().identifier {
        &client.api_scopes
    } else if known_audience(&tenant, audience) {
        &[]
    } else {
        return Err(OAuthError::new(
            StatusCode::FORBIDDEN,
            "access_denied",
            format!("Service not found: {audience}"),
        ));
    };
    if granted.is_empty() {
        return Err(OAuthError::new(
            StatusCode::FORBIDDEN,
            "access_denied",
            format!(
                "Client has not been granted scopes: the client {} is not authorized to access {audience}.",
                client.client_id
            ),
        ));
    }
    let requested = scopes(param(form, "scope"));
    let scope: Vec<String> = if requested.is_empty() {
        granted.to_vec()
    } else {
        granted
            .iter()
            .filter(|g| requested.contains(g))
            .cloned()
            .collect()
    };
    let now = state.now_secs();
    let lifetime = state.config.token_lifetime.as_secs() as i64;
    let mut claims = json!({
        "iss": state.issuer,
        "sub": format!("{}@clients", client.client_id),
        "aud": audience,
        "iat": now,
        "exp": now + lifetime,
        "scope": scope.join(" "),
        "gty": "client-credentials",
        "azp": client.client_id,
    });
    if audience == tenant.api().identifier && tenant.api().adds_permissions() {
        claims["permissions"] = json!(scope);
    }
    let access_token = state.keys().sign(&claims).map_err(OAuthError::server)?;
    if audience == management {
        remember_management_token(state, &access_token, &scope, now + lifetime)?;
    }
    Ok(json!({
        "access_token": access_token,
        "scope": scope.join(" "),
        "expires_in": lifetime,
        "token_type": "Bearer",
    }))
}
