use std::fmt;
use std::time::{Duration, SystemTime};

use idlens_secret::Secret;
use oauth2::basic::BasicTokenType;
use oauth2::{ExtraTokenFields, StandardTokenResponse, TokenResponse as _};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The OpenID Connect addition to a token response.
#[derive(Clone, Deserialize, Serialize)]
pub(crate) struct IdTokenField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id_token: Option<String>,
}

impl fmt::Debug for IdTokenField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdTokenField(<redacted>)")
    }
}

impl ExtraTokenFields for IdTokenField {}

pub(crate) type TokenResponse = StandardTokenResponse<IdTokenField, BasicTokenType>;

/// Tokens from a sign-in or refresh, validated locally.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: Secret,
    /// Present after a sign-in; a refresh may not return a new one.
    pub id_token: Option<Secret>,
    /// The refresh token to keep: the newest one (rotation replaces it on every refresh).
    pub refresh_token: Option<Secret>,
    /// When the access token expires, from `expires_in`.
    pub expires_at: Option<SystemTime>,
    /// The granted scopes, when the provider said.
    pub scopes: Vec<String>,
    /// The ID token's claims, verified (signature, `iss`, `aud`, `exp`, `nonce`, `azp`).
    pub id_claims: Option<Map<String, Value>>,
    /// The access token's claims, verified for the configured API; `None`
    /// when no API is configured (the access token may then be opaque).
    pub access_claims: Option<Map<String, Value>>,
}

impl Tokens {
    pub(crate) fn from_response(response: TokenResponse) -> Self {
        let expires_at = response
            .expires_in()
            .map(|d| SystemTime::now() + d.min(Duration::from_secs(10 * 365 * 24 * 3600)));
        let scopes = response
            .scopes()
            .map(|s| s.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        let refresh_token = response
            .refresh_token()
            .map(|t| Secret::new(t.secret().as_str()));
        let access_token = Secret::new(response.access_token().secret().as_str());
        let id_token = response.extra_fields().id_token.as_deref().map(Secret::new);
        Self {
            access_token,
            id_token,
            refresh_token,
            expires_at,
            scopes,
            id_claims: None,
            access_claims: None,
        }
    }

    /// The signed-in user's `sub`, from the validated ID token.
    pub fn subject(&self) -> Option<&str> {
        self.id_claims.as_ref()?.get("sub")?.as_str()
    }
}
