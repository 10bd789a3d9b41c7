//! Auth0's Authentication API: discovery, JWKS, `/authorize` with its login
//! page, the device flow and `/activate`, `/oauth/token`, `/userinfo`,
//! `/oauth/revoke`, `/v2/logout`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State as Extract};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

use crate::keys::{random_token, s256, user_code};
use crate::pages;
use crate::tenant::{AppType, Client, ResourceServer, Tenant, User};
use crate::{
    AccessRecord, CodeRecord, DeviceRecord, DeviceState, Grant, RefreshRecord, RefreshState, State,
    Transaction,
};

pub(crate) type Shared = Arc<State>;
pub(crate) type Params = HashMap<String, String>;

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// Authorization codes live this long, as in Auth0.
const CODE_LIFETIME: i64 = 60;
/// A login page is answered for this long after `/authorize`.
const TRANSACTION_LIFETIME: i64 = 15 * 60;
/// Refresh tokens' absolute lifetime, Auth0's default for rotating ones.
const REFRESH_LIFETIME: i64 = 30 * 86_400;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/.well-known/jwks.json", get(jwks))
        .route("/authorize", get(authorize))
        .route("/authorize/login", post(authorize_login))
        .route("/oauth/device/code", post(device_code))
        .route("/activate", get(activate_page).post(activate_submit))
        .route("/oauth/token", post(token))
        .route("/userinfo", get(userinfo).post(userinfo))
        .route("/oauth/revoke", post(revoke))
        .route("/v2/logout", get(logout))
}

/// An error in Auth0's shape: `{"error", "error_description"}` with a status.
pub(crate) struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl OAuthError {
    fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            error,
            description: description.into(),
        }
    }
    pub(crate) fn invalid_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }
    fn invalid_grant(description: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "invalid_grant", description)
    }
    /// A table of pending things is at its cap: Auth0 would rate-limit.
    fn too_many(what: &str, full: crate::expiring::Full) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            format!(
                "The sandbox already holds {} {what}; finish some or wait for them to expire, then try again.",
                full.cap
            ),
        )
    }
    pub(crate) fn server(error: crate::SandboxError) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            error.to_string(),
        )
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CACHE_CONTROL, "no-store")],
            Json(json!({"error": self.error, "error_description": self.description})),
        )
            .into_response()
    }
}

pub(crate) type OAuthResult<T> = Result<T, OAuthError>;

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

fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
}

pub(crate) fn required<'a>(params: &'a Params, name: &str) -> OAuthResult<&'a str> {
    param(params, name)
        .ok_or_else(|| OAuthError::invalid_request(format!("Missing required parameter: {name}")))
}

fn scopes(text: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in text.unwrap_or("").split_whitespace() {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

async fn discovery(Extract(state): Extract<Shared>) -> Json<Value> {
    let i = &state.issuer;
    Json(json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}authorize"),
        "token_endpoint": format!("{i}oauth/token"),
        "device_authorization_endpoint": format!("{i}oauth/device/code"),
        "userinfo_endpoint": format!("{i}userinfo"),
        "jwks_uri": format!("{i}.well-known/jwks.json"),
        "revocation_endpoint": format!("{i}oauth/revoke"),
        "scopes_supported": ["openid", "profile", "offline_access", "name", "given_name",
            "family_name", "nickname", "email", "email_verified", "picture", "created_at",
            "identities", "phone", "address"],
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
        "response_modes_supported": ["query"],
        "subject_types_supported": ["public"],
        "grant_types_supported": ["authorization_code", "refresh_token", DEVICE_GRANT,
            "client_credentials"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "claims_supported": ["aud", "auth_time", "created_at", "email", "email_verified", "exp",
            "family_name", "given_name", "iat", "identities", "iss", "name", "nickname",
            "picture", "sub"],
        "request_uri_parameter_supported": false,
        "request_parameter_supported": false,
    }))
}

async fn jwks(Extract(state): Extract<Shared>) -> Json<Value> {
    Json(state.keys().jwks())
}

/// Sends the browser back to the client with `error=` (only after the
/// redirect URI was validated, as OAuth requires).
fn error_redirect(
    redirect_uri: &str,
    state: Option<&str>,
    error: &str,
    description: &str,
) -> Response {
    let mut url = match url::Url::parse(redirect_uri) {
        Ok(url) => url,
        Err(_) => return error_page(StatusCode::BAD_REQUEST, description),
    };
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("error", error);
        q.append_pair("error_description", description);
        if let Some(state) = state {
            q.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

fn error_page(status: StatusCode, text: &str) -> Response {
    (status, Html(pages::message("Something is not right", text))).into_response()
}

/// The registered client (a copy: the tenant may change while it is used).
fn client(state: &State, client_id: &str) -> OAuthResult<Client> {
    let tenant = state.tenant();
    tenant.client(client_id).cloned().ok_or_else(|| {
        OAuthError::new(
            StatusCode::UNAUTHORIZED,
            "access_denied",
            format!("Unknown client: {client_id}"),
        )
    })
}

async fn authorize(Extract(state): Extract<Shared>, Query(q): Query<Params>) -> Response {
    let tenant = state.tenant();
    let Some(client_id) = param(&q, "client_id") else {
        return error_page(StatusCode::BAD_REQUEST, "The request has no client_id.");
    };
    let Some(client) = tenant.client(client_id) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            &format!("Unknown client: {client_id}."),
        );
    };
    let Some(redirect_uri) = param(&q, "redirect_uri") else {
        return error_page(StatusCode::BAD_REQUEST, "The request has no redirect_uri.");
    };
    // Exact match, port included: a mismatched callback never gets a redirect.
    if !client.callbacks.iter().any(|c| c == redirect_uri) {
        return error_page(
            StatusCode::BAD_REQUEST,
            &format!(
                "Callback URL mismatch. {redirect_uri} is not in the list of Allowed Callback URLs of {client_id}."
            ),
        );
    }
    let st = param(&q, "state");
    if param(&q, "response_type") != Some("code") {
        return error_redirect(
            redirect_uri,
            st,
            "unsupported_response_type",
            "Only response_type=code is supported.",
        );
    }
    if !client.allows_grant("authorization_code") {
        return error_redirect(
            redirect_uri,
            st,
            "unauthorized_client",
            "Grant type 'authorization_code' not allowed for the client.",
        );
    }
    let Some(challenge) = param(&q, "code_challenge") else {
        return error_redirect(
            redirect_uri,
            st,
            "invalid_request",
            "A code_challenge is required (PKCE).",
        );
    };
    if param(&q, "code_challenge_method") != Some("S256") {
        return error_redirect(
            redirect_uri,
            st,
            "invalid_request",
            "code_challenge_method must be S256.",
        );
    }
    let audience = param(&q, "audience").map(str::to_owned);
    if let Some(a) = &audience {
        if !known_audience(&tenant, a) {
            return error_redirect(
                redirect_uri,
                st,
                "access_denied",
                &format!("Service not found: {a}"),
            );
        }
    }
    let tx = match random_token(16) {
        Ok(tx) => tx,
        Err(e) => return OAuthError::server(e).into_response(),
    };
    let transaction = Transaction {
        client_id: client_id.to_owned(),
        redirect_uri: redirect_uri.to_owned(),
        state: st.map(str::to_owned),
        nonce: param(&q, "nonce").map(str::to_owned),
        scope: scopes(param(&q, "scope")),
        audience,
        code_challenge: challenge.to_owned(),
    };
    let page = pages::login(
        &tx,
        &client.name,
        &transaction.scope,
        transaction.audience.as_deref(),
        &tenant.sign_in_users,
        None,
    );
    let now = state.now_secs();
    let stored =
        state
            .flows()
            .transactions
            .insert(tx, transaction, now + TRANSACTION_LIFETIME, now);
    match stored {
        Ok(()) => Html(page).into_response(),
        Err(full) => OAuthError::too_many("pending sign-ins", full).into_response(),
    }
}

/// Whether `audience` names one of the tenant's APIs. Takes the tenant the
/// caller already holds: taking the lock again while holding it could wait
/// forever behind a change that waits for the first hold.
fn known_audience(tenant: &Tenant, audience: &str) -> bool {
    tenant.resource_server(audience).is_some()
}

/// Scopes of the Management API a user's own token may carry: Auth0 grants
/// user tokens for it only current-user scopes, never `read:roles` and the like.
const CURRENT_USER_SCOPES: [&str; 2] = ["read:current_user", "update:current_user_metadata"];

async fn authorize_login(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let tenant = state.tenant();
    let form = match body_params(&headers, &body) {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let tx_id = param(&form, "tx").unwrap_or_default().to_owned();
    let Some(tx) = state.flows().transactions.get(&tx_id).cloned() else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "This sign-in has expired or was already used. Start again from the application.",
        );
    };
    if param(&form, "action") == Some("deny") {
        state.flows().transactions.remove(&tx_id);
        return error_redirect(
            &tx.redirect_uri,
            tx.state.as_deref(),
            "access_denied",
            "User did not authorize the request",
        );
    }
    let email = param(&form, "email").unwrap_or_default();
    let password = param(&form, "password").unwrap_or_default();
    let Some(user) = tenant.sign_in(email, password) else {
        let client_name = tenant
            .client(&tx.client_id)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let page = pages::login(
            &tx_id,
            &client_name,
            &tx.scope,
            tx.audience.as_deref(),
            &tenant.sign_in_users,
            Some("Wrong email or password."),
        );
        return (StatusCode::UNAUTHORIZED, Html(page)).into_response();
    };
    state.flows().transactions.remove(&tx_id);
    let (code, sid) = match (random_token(24), random_token(16)) {
        (Ok(c), Ok(s)) => (c, s),
        (Err(e), _) | (_, Err(e)) => return OAuthError::server(e).into_response(),
    };
    let now = state.now_secs();
    let stored = state.flows().codes.insert(
        code.clone(),
        CodeRecord {
            grant: Grant {
                user_id: user.user_id.clone(),
                client_id: tx.client_id.clone(),
                scope: tx.scope.clone(),
                audience: tx.audience.clone(),
                nonce: tx.nonce.clone(),
                auth_time: now,
                sid,
            },
            redirect_uri: tx.redirect_uri.clone(),
            code_challenge: tx.code_challenge.clone(),
            expires_at: now + CODE_LIFETIME,
        },
        now + CODE_LIFETIME,
        now,
    );
    if let Err(full) = stored {
        return OAuthError::too_many("unredeemed authorization codes", full).into_response();
    }
    let mut url = match url::Url::parse(&tx.redirect_uri) {
        Ok(u) => u,
        Err(_) => return error_page(StatusCode::BAD_REQUEST, "The callback URL is invalid."),
    };
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("code", &code);
        if let Some(st) = &tx.state {
            q.append_pair("state", st);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

async fn device_code(
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

async fn activate_page(Extract(state): Extract<Shared>, Query(q): Query<Params>) -> Html<String> {
    let tenant = state.tenant();
    Html(pages::activate(
        param(&q, "user_code").unwrap_or_default(),
        &tenant.sign_in_users,
        None,
    ))
}

async fn activate_submit(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match body_params(&headers, &body) {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let code = param(&form, "user_code").unwrap_or_default();
    let sign_in_users = state.tenant().sign_in_users.clone();
    let again = |status: StatusCode, error: &str| {
        (
            status,
            Html(pages::activate(code, &sign_in_users, Some(error))),
        )
            .into_response()
    };
    if param(&form, "action") == Some("deny") {
        return match state.deny_device(code) {
            Ok(()) => Html(pages::message(
                "Access denied",
                "You denied the device's request. You can close this page.",
            ))
            .into_response(),
            Err(e) => again(StatusCode::BAD_REQUEST, &e.to_string()),
        };
    }
    let email = param(&form, "email").unwrap_or_default();
    let password = param(&form, "password").unwrap_or_default();
    let signed_in = state
        .tenant()
        .sign_in(email, password)
        .map(|u| u.email.clone());
    let Some(email) = signed_in else {
        return again(StatusCode::UNAUTHORIZED, "Wrong email or password.");
    };
    match state.approve_device(code, &email) {
        Ok(()) => Html(pages::message(
            "Congratulations, you're all set!",
            "Your device is now connected. You can close this page.",
        ))
        .into_response(),
        Err(e) => again(StatusCode::BAD_REQUEST, &e.to_string()),
    }
}

/// The client that authenticated at the token endpoint: a public client by
/// its ID, a confidential one by its secret (in the body or HTTP Basic).
fn authenticate_client(state: &State, headers: &HeaderMap, form: &Params) -> OAuthResult<Client> {
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

async fn token(
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

fn authorization_code(state: &State, client: &Client, form: &Params) -> OAuthResult<Value> {
    let code = required(form, "code")?;
    let verifier = required(form, "code_verifier")?;
    // One use only: the code is gone whatever happens next.
    let record = state
        .flows()
        .codes
        .remove(code)
        .ok_or_else(|| OAuthError::invalid_grant("Invalid authorization code"))?;
    if record.grant.client_id != client.client_id {
        return Err(OAuthError::invalid_grant("Invalid authorization code"));
    }
    if record.expires_at < state.now_secs() {
        return Err(OAuthError::invalid_grant("Invalid authorization code"));
    }
    if param(form, "redirect_uri") != Some(record.redirect_uri.as_str()) {
        return Err(OAuthError::invalid_grant(
            "redirect_uri does not match the one used to get the authorization code.",
        ));
    }
    if s256(verifier) != record.code_challenge {
        return Err(OAuthError::invalid_grant("Failed to verify code verifier"));
    }
    issue(state, &record.grant, None)
}

fn device_poll(state: &State, client: &Client, form: &Params) -> OAuthResult<Value> {
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

fn refresh(state: &State, client: &Client, form: &Params) -> OAuthResult<Value> {
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
            return Err(unknown());
        }
    }
    if let Some(r) = flows.refresh.get_mut(token) {
        r.state = RefreshState::Rotated;
    }
    drop(flows);
    issue_for(state, &record.grant, Some(&record.family), audience)
}

fn client_credentials(state: &State, client: &Client, form: &Params) -> OAuthResult<Value> {
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

/// Mints the tokens for a grant: an access token (a JWT for an API, opaque
/// without an audience), an ID token with `openid`, a refresh token with
/// `offline_access` (in `family` when this is a rotation).
fn issue(state: &State, grant: &Grant, family: Option<&str>) -> OAuthResult<Value> {
    issue_for(state, grant, family, None)
}

/// [`issue`], with the access token for `audience` instead of the grant's
/// (a refresh that names another API: Auth0's multi-resource refresh
/// tokens). The refresh token stays one for the grant's own API.
fn issue_for(
    state: &State,
    grant: &Grant,
    family: Option<&str>,
    audience: Option<&str>,
) -> OAuthResult<Value> {
    let tenant = state.tenant();
    let audience = audience.or(grant.audience.as_deref());
    let user = tenant
        .user(&grant.user_id)
        .ok_or_else(|| OAuthError::invalid_grant("The user no longer exists."))?;
    let client = tenant
        .client(&grant.client_id)
        .ok_or_else(|| OAuthError::invalid_grant("The client no longer exists."))?;
    let now = state.now_secs();
    let lifetime = state.config.token_lifetime.as_secs() as i64;
    let openid = grant.scope.iter().any(|s| s == "openid");
    let api = audience.and_then(|a| tenant.resource_server(a));
    let (scope, permissions) = granted(&tenant, user, grant, api);

    let access_token = match audience {
        Some(audience) => {
            let aud = if openid {
                json!([audience, format!("{}userinfo", state.issuer)])
            } else {
                json!(audience)
            };
            let mut claims = json!({
                "iss": state.issuer,
                "sub": user.user_id,
                "aud": aud,
                "iat": now,
                "exp": now + lifetime,
                "scope": scope.join(" "),
                "azp": client.client_id,
            });
            if api.is_some_and(|api| api.adds_permissions()) {
                claims["permissions"] = json!(permissions);
            }
            state.keys().sign(&claims).map_err(OAuthError::server)?
        }
        None => opaque_access_token(state)?,
    };
    if api.is_some_and(|api| api.is_system) {
        remember_management_token(state, &access_token, &scope, now + lifetime)?;
    }
    let userinfo = audience.is_none() || openid;
    remember_access_token(state, grant, &access_token, userinfo, now + lifetime)?;

    let mut answer = json!({
        "access_token": access_token,
        "scope": scope.join(" "),
        "expires_in": lifetime,
        "token_type": "Bearer",
    });
    if openid {
        answer["id_token"] = json!(id_token(state, grant, user, &client.client_id, now)?);
    }
    let offline = grant.scope.iter().any(|s| s == "offline_access");
    if offline && client.allows_grant("refresh_token") {
        answer["refresh_token"] = json!(new_refresh_token(state, grant, family, now)?);
    }
    Ok(answer)
}

/// The scopes an access token for `api` carries, and the user's permissions
/// on it: OIDC scopes as asked; API scopes only where RBAC grants them (for
/// the Management API, only current-user ones, as in Auth0).
fn granted(
    tenant: &Tenant,
    user: &User,
    grant: &Grant,
    api: Option<&ResourceServer>,
) -> (Vec<String>, Vec<String>) {
    let permissions = match api {
        Some(api) if api.is_system => CURRENT_USER_SCOPES.map(str::to_owned).to_vec(),
        Some(api) => tenant.permissions(user, &api.identifier),
        None => Vec::new(),
    };
    let is_api_scope = |s: &str| api.is_some_and(|api| api.scopes.iter().any(|x| x.value == s));
    let mut scope: Vec<String> = grant
        .scope
        .iter()
        .filter(|s| !is_api_scope(s) || permissions.contains(s))
        .cloned()
        .collect();
    if api.is_some_and(|api| api.is_system) {
        scope.extend(CURRENT_USER_SCOPES.iter().map(|s| (*s).to_owned()));
        scope.dedup();
    }
    (scope, permissions)
}

/// Records an issued access token, for `/userinfo` (when it works there).
fn remember_access_token(
    state: &State,
    grant: &Grant,
    access_token: &str,
    userinfo: bool,
    expires_at: i64,
) -> OAuthResult<()> {
    let now = state.now_secs();
    state
        .flows()
        .access
        .insert(
            s256(access_token),
            AccessRecord {
                grant: grant.clone(),
                expires_at,
                userinfo,
            },
            expires_at,
            now,
        )
        .map_err(|full| OAuthError::too_many("unexpired access tokens", full))
}

/// The ID token of a grant: the user's profile claims the scopes ask for.
fn id_token(
    state: &State,
    grant: &Grant,
    user: &User,
    client_id: &str,
    now: i64,
) -> OAuthResult<String> {
    let mut claims = profile_claims(user, &grant.scope);
    claims.insert("iss".into(), json!(state.issuer));
    claims.insert("aud".into(), json!(client_id));
    claims.insert("azp".into(), json!(client_id));
    claims.insert("iat".into(), json!(now));
    claims.insert("exp".into(), json!(now + 36_000));
    claims.insert("sid".into(), json!(grant.sid));
    claims.insert("auth_time".into(), json!(grant.auth_time));
    if let Some(nonce) = &grant.nonce {
        claims.insert("nonce".into(), json!(nonce));
    }
    state
        .keys()
        .sign(&Value::Object(claims))
        .map_err(OAuthError::server)
}

/// A new refresh token for the grant, in `family` (a rotation) or a new one.
fn new_refresh_token(
    state: &State,
    grant: &Grant,
    family: Option<&str>,
    now: i64,
) -> OAuthResult<String> {
    let token = format!("v1.{}", random_token(48).map_err(OAuthError::server)?);
    let family = match family {
        Some(f) => f.to_owned(),
        None => random_token(16).map_err(OAuthError::server)?,
    };
    state
        .flows()
        .refresh
        .insert(
            token.clone(),
            RefreshRecord {
                family,
                grant: grant.clone(),
                state: RefreshState::Active,
                expires_at: now + REFRESH_LIFETIME,
            },
            now + REFRESH_LIFETIME,
            now,
        )
        .map_err(|full| OAuthError::too_many("refresh tokens", full))?;
    Ok(token)
}

/// Lets the Management API accept `token` with `scopes` until `expires_at`.
fn remember_management_token(
    state: &State,
    token: &str,
    scopes: &[String],
    expires_at: i64,
) -> OAuthResult<()> {
    let issued = crate::mgmt::IssuedToken {
        scopes: scopes.to_vec(),
        expires_at,
    };
    state
        .flows()
        .management
        .insert(s256(token), issued, expires_at, state.now_secs())
        .map_err(|full| OAuthError::too_many("unexpired Management API tokens", full))
}

/// Auth0's opaque access token: a JWE it encrypts to itself (`alg: dir`,
/// `enc: A256GCM`, its issuer in the header), unreadable to anyone else.
fn opaque_access_token(state: &State) -> OAuthResult<String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = json!({"alg": "dir", "enc": "A256GCM", "iss": state.issuer});
    let part = |n| random_token(n).map_err(OAuthError::server);
    Ok(format!(
        "{}..{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        part(12)?,
        part(96)?,
        part(16)?
    ))
}

/// The user's claims for an ID token or `/userinfo`, by the scopes granted.
fn profile_claims(user: &User, scope: &[String]) -> serde_json::Map<String, Value> {
    let has = |s: &str| scope.iter().any(|x| x == s);
    let mut claims = serde_json::Map::new();
    claims.insert("sub".into(), json!(user.user_id));
    if has("profile") {
        claims.insert("given_name".into(), json!(user.given_name));
        claims.insert("family_name".into(), json!(user.family_name));
        claims.insert("nickname".into(), json!(user.nickname));
        claims.insert("name".into(), json!(user.name));
        claims.insert("picture".into(), json!(user.picture));
        claims.insert("updated_at".into(), json!(user.updated_at));
    }
    if has("email") {
        claims.insert("email".into(), json!(user.email));
        claims.insert("email_verified".into(), json!(user.email_verified));
    }
    claims
}

async fn userinfo(Extract(state): Extract<Shared>, headers: HeaderMap) -> Response {
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

async fn revoke(
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

async fn logout(Extract(state): Extract<Shared>, Query(q): Query<Params>) -> Response {
    let Some(return_to) = param(&q, "returnTo") else {
        return Html(pages::message(
            "Signed out",
            "You are signed out of the sandbox.",
        ))
        .into_response();
    };
    // Allowed logout URLs: the origins of the registered callbacks.
    let tenant = state.tenant();
    let allowed = tenant.clients.iter().flat_map(|c| &c.callbacks).any(|cb| {
        match (url::Url::parse(cb), url::Url::parse(return_to)) {
            (Ok(cb), Ok(to)) => cb.origin() == to.origin(),
            _ => false,
        }
    });
    if allowed {
        Redirect::to(return_to).into_response()
    } else {
        error_page(
            StatusCode::BAD_REQUEST,
            &format!("{return_to} is not an Allowed Logout URL of any application."),
        )
    }
}
