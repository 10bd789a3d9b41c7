//! Auth0's Authentication API: discovery, JWKS, `/authorize` with its login
//! page, the device flow and `/activate`, `/oauth/token`, `/userinfo`,
//! `/oauth/revoke`, `/v2/logout`.
//!
//! One module per endpoint or grant: [`authorize`] and [`login`] (the
//! authorization code flow's request and login page), [`device_code`] and
//! [`activate`] (the device flow and its page), [`token`] (the token endpoint,
//! which hands each grant to [`authorization_code`], [`device_code`],
//! [`refresh_token`] or [`client_credentials`]), [`issue`] (the tokens a
//! user's grant gets), [`userinfo`], [`revoke`], [`logout`] and [`discovery`].
//! [`request`] reads what a request carries and [`error`] answers in Auth0's
//! error shapes. [`password`] checks a sign-in against brute-force
//! protection and admin blocks; sign-ins, token exchanges and logouts log
//! their Auth0 event codes (see `crate::logs`).

mod activate;
mod authorization_code;
mod authorize;
mod client_credentials;
mod device_code;
mod discovery;
mod error;
mod issue;
mod login;
mod logout;
mod password;
mod refresh_token;
mod request;
mod revoke;
mod token;
mod userinfo;

use std::collections::HashMap;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::State;

pub(crate) use error::{OAuthError, OAuthResult};
pub(crate) use request::{body_params, required};

pub(crate) type Shared = Arc<State>;
pub(crate) type Params = HashMap<String, String>;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(discovery::discovery),
        )
        .route("/.well-known/jwks.json", get(discovery::jwks))
        .route("/authorize", get(authorize::authorize))
        .route("/authorize/login", post(login::authorize_login))
        .route("/oauth/device/code", post(device_code::device_code))
        .route(
            "/activate",
            get(activate::activate_page).post(activate::activate_submit),
        )
        .route("/oauth/token", post(token::token))
        .route(
            "/userinfo",
            get(userinfo::userinfo).post(userinfo::userinfo),
        )
        .route("/oauth/revoke", post(revoke::revoke))
        .route("/v2/logout", get(logout::logout))
}
