//! Reading a request: form or JSON bodies, parameters, scopes, and the
//! registered client and API a request names.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::Value;

use super::{OAuthError, OAuthResult, Params};
use crate::tenant::{Client, Tenant};
use crate::State;

/// Reads a form or JSON body (Auth0's token endpoint takes both).
pub(crate) fn body_params(headers: &HeaderMap, body: &Bytes) -> OAuthResult<Params> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        let value: serde_json::Map<String, Value> = serde_json::from_slice(body)
            .map_err(|e| OAuthError::invalid_request(format!("The JSON body is invalid: {e}")))?;
        Ok(value
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k, s)),
                Value::Null => None,
                other => Some((k, other.to_string())),
            })
            .collect())
    } else {
        Ok(url::form_urlencoded::parse(body).into_owned().collect())
    }
}

pub(super) fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
}

pub(crate) fn required<'a>(params: &'a Params, name: &str) -> OAuthResult<&'a str> {
    param(params, name)
        .ok_or_else(|| OAuthError::invalid_request(format!("Missing required parameter: {name}")))
}

pub(super) fn scopes(text: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in text.unwrap_or("").split_whitespace() {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

/// The registered client (a copy: the tenant may change while it is used).
pub(super) fn client(state: &State, client_id: &str) -> OAuthResult<Client> {
    let tenant = state.tenant();
    tenant.client(client_id).cloned().ok_or_else(|| {
        OAuthError::new(
            StatusCode::UNAUTHORIZED,
            "access_denied",
            format!("Unknown client: {client_id}"),
        )
    })
}

/// Whether `audience` names one of the tenant's APIs. Takes the tenant the
/// caller already holds: taking the lock again while holding it could wait
/// forever behind a change that waits for the first hold.
pub(super) fn known_audience(tenant: &Tenant, audience: &str) -> bool {
    tenant.resource_server(audience).is_some()
}

/// The client that authenticated at the token endpoint: a public client by
/// its ID, a confidential one by its secret (in the body or HTTP Basic).
pub(super) fn authenticate_client(
    state: &State,
    headers: &HeaderMap,
    form: &Params,
) -> OAuthResult<Client> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| STANDARD.decode(b.trim()).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.split_once(':').map(|(a, b)| (a.to_owned(), b.to_owned())));
    let (client_id, secret) = match &basic {
        Some((id, secret)) => (id.as_str(), Some(secret.as_str())),
        None => (required(form, "client_id")?, param(form, "client_secret")),
    };
    let client = client(state, client_id)?;
    if let Some(expected) = &client.client_secret {
        if secret != Some(expected.expose()) {
            return Err(OAuthError::new(
                StatusCode::UNAUTHORIZED,
                "access_denied",
                "Unauthorized",
            ));
        }
    }
    Ok(client)
}
