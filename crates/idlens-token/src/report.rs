//! The verdict on one input: what it is, what each claim means, and every
//! check with its outcome. These types cross to the UI (camelCase, ts-rs).
//!
//! A report never holds key material or an HMAC secret. It does hold the
//! token's own header and claims, which the user pasted to see.

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

/// Everything IdLens can say about one input.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// True only when the signature verified with a trusted key and no check failed.
    pub valid: bool,
    /// True unless the signature was verified: `header`, `claims` and
    /// `explanations` are then only what the token says about itself.
    pub unverified: bool,
    pub kind: TokenKind,
    /// One line for a status bar or a CLI: the kind, the verdict and the first failure.
    pub summary: String,
    /// What this kind of token is for, and what to do when it is the wrong kind.
    pub about: String,
    /// The tenant that issued it, read from `iss` (unverified unless `valid`).
    pub tenant: Option<Tenant>,
    #[ts(type = "Record<string, unknown> | null")]
    pub header: Option<Map<String, Value>>,
    #[ts(type = "Record<string, unknown> | null")]
    pub claims: Option<Map<String, Value>>,
    /// One entry per claim, in the order of `claims`.
    pub explanations: Vec<ClaimExplanation>,
    /// Every check, in the order they apply.
    pub checks: Vec<Check>,
    /// The key whose signature verified.
    pub key: Option<KeyUsed>,
    /// Where the keys came from and how fresh they are.
    pub keys: Option<KeysStatus>,
}

impl Report {
    /// The first failed check, which the summary names.
    pub fn first_failure(&self) -> Option<&Check> {
        self.checks.iter().find(|c| c.status == CheckStatus::Failed)
    }

    /// The check called `name`, if it was run.
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.name == name)
    }
}

/// What the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TokenKind {
    /// An access token for an API (`aud` is the API identifier).
    AccessToken,
    /// An OpenID Connect ID token (`aud` is the client ID).
    IdToken,
    /// An access token from the client-credentials grant (`gty: client-credentials`).
    MachineToMachine,
    /// An access token for Auth0's Management API (`aud` is `https://{domain}/api/v2/`).
    ManagementApi,
    /// A signed JWT that is none of the above.
    Jwt,
    /// An Auth0 opaque access token: no `audience` was requested, so it only works at `/userinfo`.
    OpaqueAccessToken,
    /// An Auth0 refresh token (`v1.…`), pasted by mistake.
    RefreshToken,
    /// An opaque string that IdLens cannot read.
    Opaque,
    /// An encrypted token (JWE): only its header can be read.
    Encrypted,
    /// Not a token; the `format` check says what is wrong.
    Malformed,
    /// Larger than the size bound; not parsed at all.
    TooLarge,
}

/// The tenant a token names in `iss`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub issuer: String,
    /// The issuer's host, e.g. `dev-abc.us.auth0.com` or a custom domain.
    pub domain: String,
    /// The tenant name for `*.auth0.com` domains (`dev-abc`).
    pub name: Option<String>,
    /// The region label for `*.auth0.com` domains (`us`, `eu`, …).
    pub region: Option<String>,
    /// True when the domain is not an `auth0.com` one (a custom domain or another IdP).
    pub custom_domain: bool,
}

/// Where a claim is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ClaimCategory {
    /// RFC 7519 registered claims (`iss`, `sub`, `aud`, `exp`, …).
    Registered,
    /// OpenID Connect claims (`nonce`, `auth_time`, profile and email claims, …).
    Oidc,
    /// Claims Auth0 adds (`azp`, `gty`, `scope`, `permissions`, `org_id`, …).
    Auth0,
    /// Claims added by the tenant (Actions, rules), usually namespaced URLs.
    Custom,
}

/// One claim, explained.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimExplanation {
    pub name: String,
    #[ts(type = "unknown")]
    pub value: Value,
    pub meaning: String,
    pub category: ClaimCategory,
    /// Personal data that the redact toggle masks (email, name, sub, custom claims).
    pub personal: bool,
    /// Set for time claims (`exp`, `nbf`, `iat`, `auth_time`, `updated_at`).
    pub time: Option<TimeExplanation>,
}

/// A point in time, for a badge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeExplanation {
    #[ts(type = "number")]
    pub unix: i64,
    /// `2025-01-02 03:04:05 UTC`.
    pub utc: String,
    /// RFC 3339 in UTC, `2025-01-02T03:04:05Z`.
    pub rfc3339: String,
    /// RFC 3339 in this machine's time zone.
    pub local: String,
    /// Relative to the inspection time: "expires in 4 min", "expired 3 h ago".
    pub relative: String,
}

/// The name of a check; the order here is the order they run in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CheckName {
    /// The input is within the size bound.
    Size,
    /// The input is a compact JWS whose parts decode.
    Format,
    /// `alg` is on the allowlist (never `none`; HS* only with an explicit secret).
    Algorithm,
    /// No `crit` header names an extension IdLens does not understand.
    Critical,
    /// The header does not carry or point at its own key (`jwk`, `jku`, `x5u`, `x5c`).
    HeaderKeys,
    /// A trusted key fits the token's `kid` and `alg`.
    Key,
    /// The signature verifies with that key.
    Signature,
    /// `iss` is exactly the expected issuer.
    Issuer,
    /// `aud` holds an expected audience.
    Audience,
    /// `exp` is in the future (with leeway).
    Expiry,
    /// `nbf`, if present, is in the past (with leeway).
    NotBefore,
    /// `iat`, if present, is not in the future (with leeway).
    IssuedAt,
    /// `azp` is the expected client (ID tokens, when one is expected).
    AuthorizedParty,
    /// `nonce` is the expected one (ID tokens, when one is expected).
    Nonce,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CheckStatus {
    Passed,
    Failed,
    Skipped,
}

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub name: CheckName,
    pub status: CheckStatus,
    /// One line: what was found.
    pub reason: String,
    /// On failure: what to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hint: Option<String>,
}

impl Check {
    pub(crate) fn passed(name: CheckName, reason: impl Into<String>) -> Self {
        Self {
            name,
            status: CheckStatus::Passed,
            reason: reason.into(),
            hint: None,
        }
    }

    pub(crate) fn skipped(name: CheckName, reason: impl Into<String>) -> Self {
        Self {
            name,
            status: CheckStatus::Skipped,
            reason: reason.into(),
            hint: None,
        }
    }

    /// A passed check with a warning the user should still read.
    pub(crate) fn passed_with_hint(
        name: CheckName,
        reason: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            hint: Some(hint.into()),
            ..Self::passed(name, reason)
        }
    }

    pub(crate) fn failed(
        name: CheckName,
        reason: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            name,
            status: CheckStatus::Failed,
            reason: reason.into(),
            hint: Some(hint.into()),
        }
    }
}

/// The key whose signature verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyUsed {
    pub kid: Option<String>,
    pub alg: String,
    /// RFC 7638 SHA-256 thumbprint, base64url; absent for HMAC secrets.
    pub thumbprint: Option<String>,
}

/// Where the keys came from and whether they are current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeysStatus {
    /// "JWKS https://…/.well-known/jwks.json (discovered from https://…/)", "PEM file keys.pem", …
    pub source: String,
    pub key_count: usize,
    pub freshness: KeyFreshness,
    /// E.g. why an unknown `kid` did not trigger a refetch.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum KeyFreshness {
    /// Given locally (file, pasted text, secret): nothing to refresh.
    Local,
    /// Fetched for this inspection.
    Fetched,
    /// From the cache, within its lifetime.
    #[serde(rename_all = "camelCase")]
    Cached {
        #[ts(type = "number")]
        age_seconds: u64,
    },
    /// The endpoint failed; these cached keys are older than their lifetime.
    #[serde(rename_all = "camelCase")]
    Stale {
        #[ts(type = "number")]
        age_seconds: u64,
        error: String,
    },
}
