//! `GET /authorize`: the authorization code flow's request (client, exact
//! callback, `response_type=code`, PKCE S256, a known audience), held as a
//! pending sign-in while the login page is shown.

use axum::extract::{Query, State as Extract};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::error::{error_page, error_redirect};
use super::request::{known_audience, param, scopes};
use super::{OAuthError, Params, Shared};
use crate::keys::random_token;
use crate::pages;
use crate::tenant::{Client, Tenant};
use crate::Transaction;

/// A login page is answered for this long after `/authorize`.
const TRANSACTION_LIFETIME: i64 = 15 * 60;

pub(super) async fn authorize(
    Extract(state): Extract<Shared>,
    Query(q): Query<Params>,
) -> Response {
    let tenant = state.tenant();
    let (client, redirect_uri) = match checked_callback(&tenant, &q) {
        Ok(checked) => checked,
        Err(text) => return error_page(StatusCode::BAD_REQUEST, &text),
    };
    let transaction = match checked_transaction(&tenant, &q, client, redirect_uri) {
        Ok(transaction) => transaction,
        Err((error, description)) => {
            return error_redirect(redirect_uri, param(&q, "state"), error, &description)
        }
    };
    let tx = match random_token(16) {
        Ok(tx) => tx,
        Err(e) => return OAuthError::server(e).into_response(),
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

/// The request's client and callback, checked before anything is sent to
/// the callback (exact match, port included): a request that fails here gets
/// an error page with the text in `Err`, never a redirect.
fn checked_callback<'a>(
    tenant: &'a Tenant,
    q: &'a Params,
) -> Result<(&'a Client, &'a str), String> {
    let Some(client_id) = param(q, "client_id") else {
        return Err("The request has no client_id.".to_owned());
    };
    let Some(client) = tenant.client(client_id) else {
        return Err(format!("Unknown client: {client_id}."));
    };
    let Some(redirect_uri) = param(q, "redirect_uri") else {
        return Err("The request has no redirect_uri.".to_owned());
    };
    if !client.callbacks.iter().any(|c| c == redirect_uri) {
        return Err(format!(
                "Callback URL mismatch. {redirect_uri} is not in the list of Allowed Callback URLs of {client_id}."
            ));
    }
    Ok((client, redirect_uri))
}

/// The rest of the request (`response_type=code`, the grant allowed, PKCE
/// S256, a known audience) as the sign-in it starts. Its callback is known
/// good, so a request that fails here goes back to it with the `error=` and
/// description in `Err`.
fn checked_transaction(
    tenant: &Tenant,
    q: &Params,
    client: &Client,
    redirect_uri: &str,
) -> Result<Transaction, (&'static str, String)> {
    let refuse = |error: &'static str, description: &str| Err((error, description.to_owned()));
    if param(q, "response_type") != Some("code") {
        return refuse(
            "unsupported_response_type",
            "Only response_type=code is supported.",
        );
    }
    if !client.allows_grant("authorization_code") {
        return refuse(
            "unauthorized_client",
            "Grant type 'authorization_code' not allowed for the client.",
        );
    }
    let Some(challenge) = param(q, "code_challenge") else {
        return refuse("invalid_request", "A code_challenge is required (PKCE).");
    };
    if param(q, "code_challenge_method") != Some("S256") {
        return refuse("invalid_request", "code_challenge_method must be S256.");
    }
    let audience = param(q, "audience").map(str::to_owned);
    if let Some(a) = audience.as_deref().filter(|a| !known_audience(tenant, a)) {
        return refuse("access_denied", &format!("Service not found: {a}"));
    }
    Ok(Transaction {
        client_id: client.client_id.clone(),
        redirect_uri: redirect_uri.to_owned(),
        state: param(q, "state").map(str::to_owned),
        nonce: param(q, "nonce").map(str::to_owned),
        scope: scopes(param(q, "scope")),
        audience,
        code_challenge: challenge.to_owned(),
    })
}
