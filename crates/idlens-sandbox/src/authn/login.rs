//! `POST /authorize/login`: the login page's answer. A denial or a sign-in
//! goes back to the client's callback (with an authorization code on success);
//! a wrong password shows the page again.

use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::error::{error_page, error_redirect};
use super::request::{body_params, param};
use super::{OAuthError, Shared};
use crate::keys::random_token;
use crate::pages;
use crate::{CodeRecord, Grant};

/// Authorization codes live this long, as in Auth0.
const CODE_LIFETIME: i64 = 60;

pub(super) async fn authorize_login(
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
