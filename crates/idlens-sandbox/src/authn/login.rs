//! `POST /authorize/login`: the login page's answer. A denial or a sign-in
//! goes back to the client's callback (with an authorization code on success);
//! a wrong password shows the page again.

use axum::body::Bytes;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::error::{error_page, error_redirect};
use super::password::{self, Refused};
use super::request::{body_params, param};
use super::{OAuthError, OAuthResult, Shared};
use crate::keys::random_token;
use crate::pages;
use crate::sessions;
use crate::tenant::Tenant;
use crate::{CodeRecord, Grant, State, Transaction};

/// Authorization codes live this long, as in Auth0.
const CODE_LIFETIME: i64 = 60;

pub(super) async fn authorize_login(
    Extract(state): Extract<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
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
    let origin = state.origin(peer, &headers);
    let user = match password::sign_in(&state, &tenant, &tx.client_id, (email, password), &origin) {
        Ok(user) => user,
        Err(refused) => return login_again(&tenant, &tx_id, &tx, refused),
    };
    // The session is recorded with the tenant and flows released (lock order).
    drop(tenant);
    state.flows().transactions.remove(&tx_id);
    match new_code(&state, &tx, &user.user_id) {
        Ok((code, sid)) => {
            sessions::record_sign_in(&state, &user.user_id, &tx.client_id, &sid, &origin);
            redirect_with_code(&tx, &code)
        }
        Err(e) => e.into_response(),
    }
}

/// The login page again, saying why the sign-in was refused.
fn login_again(tenant: &Tenant, tx_id: &str, tx: &Transaction, refused: Refused) -> Response {
    let client_name = tenant
        .client(&tx.client_id)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let page = pages::login(
        tx_id,
        &client_name,
        &tx.scope,
        tx.audience.as_deref(),
        &tenant.sign_in_users,
        Some(refused.message()),
    );
    (StatusCode::UNAUTHORIZED, Html(page)).into_response()
}

/// A new authorization code for the signed-in user, redeemable once within
/// [`CODE_LIFETIME`] with the sign-in's PKCE verifier at its callback, and
/// the sign-in's session ID.
fn new_code(state: &State, tx: &Transaction, user_id: &str) -> OAuthResult<(String, String)> {
    let (code, sid) = match (random_token(24), random_token(16)) {
        (Ok(c), Ok(s)) => (c, s),
        (Err(e), _) | (_, Err(e)) => return Err(OAuthError::server(e)),
    };
    let now = state.now_secs();
    let record = CodeRecord {
        grant: Grant {
            user_id: user_id.to_owned(),
            client_id: tx.client_id.clone(),
            scope: tx.scope.clone(),
            audience: tx.audience.clone(),
            nonce: tx.nonce.clone(),
            auth_time: now,
            sid: sid.clone(),
        },
        redirect_uri: tx.redirect_uri.clone(),
        code_challenge: tx.code_challenge.clone(),
        expires_at: now + CODE_LIFETIME,
    };
    state
        .flows()
        .codes
        .insert(code.clone(), record, now + CODE_LIFETIME, now)
        .map_err(|full| OAuthError::too_many("unredeemed authorization codes", full))?;
    Ok((code, sid))
}

/// Back to the callback with the code (and the client's `state`).
fn redirect_with_code(tx: &Transaction, code: &str) -> Response {
    let mut url = match url::Url::parse(&tx.redirect_uri) {
        Ok(u) => u,
        Err(_) => return error_page(StatusCode::BAD_REQUEST, "The callback URL is invalid."),
    };
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("code", code);
        if let Some(st) = &tx.state {
            q.append_pair("state", st);
        }
    }
    Redirect::to(url.as_str()).into_response()
}
