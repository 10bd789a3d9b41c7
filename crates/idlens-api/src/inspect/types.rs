//! Boundary types of the token inspector.

use idlens_secret::Secret;
use serde::Deserialize;
use ts_rs::TS;

/// A token to inspect, and what to verify it against.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InspectRequest {
    /// The pasted input. It stays on this machine: only key fetches go out,
    /// and they carry no token.
    #[ts(type = "string")]
    pub token: Secret,
    #[serde(flatten)]
    pub settings: InspectSettings,
}

/// What tokens are verified against: the keys and the expected claims. One
/// token ([`InspectRequest`]) or a whole batch uses them.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InspectSettings {
    pub keys: KeySourceInput,
    /// The `iss` to expect, exactly. Default: the issuer the keys came from.
    #[serde(default)]
    pub issuer: Option<String>,
    /// `aud` must hold one of these. Default with profile keys: the profile's
    /// audience and client ID.
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Clock skew tolerated for `exp`, `nbf`, `iat` (default 60 s, at most a day).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub leeway_secs: Option<u64>,
    /// For ID tokens: the `nonce` the sign-in sent.
    #[serde(default)]
    pub nonce: Option<String>,
    /// For ID tokens: the client ID expected in `azp`.
    #[serde(default)]
    pub authorized_party: Option<String>,
    /// Inputs longer than this many bytes are refused unread (default 16 KiB,
    /// at most 1 MiB).
    #[serde(default)]
    #[ts(optional)]
    pub max_len: Option<u32>,
}

/// Where the keys to verify against come from.
#[derive(Debug, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum KeySourceInput {
    /// Decode and explain only; the report says the token is unverified.
    None,
    /// The issuer of a profile (default: the one in use), by OIDC discovery.
    Profile { name: Option<String> },
    /// Any issuer, by OIDC discovery.
    Issuer { url: String },
    /// A JWKS URL, used as is.
    JwksUrl { url: String },
    /// A pasted JWKS document or PEM public key(s).
    Text { text: String },
    /// A JWKS or PEM file on this machine (read up to 1 MiB).
    File { path: String },
    /// An HMAC secret, for HS256/384/512 tokens only.
    HmacSecret {
        #[ts(type = "string")]
        secret: Secret,
    },
}
