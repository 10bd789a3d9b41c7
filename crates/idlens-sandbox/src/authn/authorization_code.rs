//! The `authorization_code` grant at `/oauth/token`: a code redeemed once, by
//! its client, at its callback, with the PKCE verifier of its challenge.

use serde_json::Value;

use super::issue::issue;
use super::request::{param, required};
use super::{OAuthError, OAuthResult, Params};
use crate::keys::s256;
use crate::tenant::Client;
use crate::State;

pub(super) fn authorization_code(
    state: &State,
    client: &Client,
    form: &Params,
) -> OAuthResult<Value> {
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
