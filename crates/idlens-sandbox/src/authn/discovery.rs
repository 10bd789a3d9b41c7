//! `/.well-known/openid-configuration` and `/.well-known/jwks.json`.

use axum::extract::State as Extract;
use axum::Json;
use serde_json::{json, Value};

use super::device_code::DEVICE_GRANT;
use super::Shared;

pub(super) async fn discovery(Extract(state): Extract<Shared>) -> Json<Value> {
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

pub(super) async fn jwks(Extract(state): Extract<Shared>) -> Json<Value> {
    Json(state.keys().jwks())
}
