//! A token's permissions against what its user is granted today.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::effective::Effective;

/// Scopes of OpenID Connect itself: not permissions of an API.
const OIDC_SCOPES: [&str; 6] = [
    "openid",
    "profile",
    "email",
    "address",
    "phone",
    "offline_access",
];

/// What a token carries compared with what its user is granted now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenCheck {
    /// The API the token is for.
    pub api: String,
    pub subject: Option<String>,
    /// Where the token's permissions were read: `permissions` (Auth0 RBAC
    /// with "Add Permissions in the Access Token") or `scope`.
    pub from_claim: String,
    /// In the token and granted now.
    pub matching: Vec<String>,
    /// Granted now but not in the token: granted since it was issued (or
    /// not requested). A new token would carry them.
    pub missing: Vec<String>,
    /// In the token but no longer granted: revoked since it was issued. The
    /// token still works for them until it expires.
    pub extra: Vec<String>,
    /// Seconds until the token expires (negative: expired).
    pub expires_in: Option<i64>,
}

impl TokenCheck {
    /// Revoked permissions the token still carries, while it is valid.
    pub fn stale(&self) -> bool {
        !self.extra.is_empty() && self.expires_in.is_none_or(|s| s > 0)
    }

    /// The token and today's grants agree.
    pub fn matches(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Compares the token with `claims` (verified or not: the caller says which)
/// for `api` with the user's effective permissions `granted`, at `now`.
pub fn check_token(
    claims: &Map<String, Value>,
    api: &str,
    granted: &[Effective],
    now: i64,
) -> TokenCheck {
    let (from_claim, carried) = carried(claims);
    let granted: Vec<&str> = granted
        .iter()
        .filter(|e| e.permission.api == api && e.defined)
        .map(|e| e.permission.name.as_str())
        .collect();
    let mut check = TokenCheck {
        api: api.to_owned(),
        subject: claims.get("sub").and_then(Value::as_str).map(str::to_owned),
        from_claim: from_claim.to_owned(),
        matching: Vec::new(),
        missing: Vec::new(),
        extra: Vec::new(),
        expires_in: claims
            .get("exp")
            .and_then(Value::as_i64)
            .map(|exp| exp.saturating_sub(now)),
    };
    for permission in &carried {
        if granted.contains(&permission.as_str()) {
            check.matching.push(permission.clone());
        } else {
            check.extra.push(permission.clone());
        }
    }
    for permission in granted {
        if !carried.iter().any(|c| c == permission) {
            check.missing.push(permission.to_owned());
        }
    }
    for list in [&mut check.matching, &mut check.missing, &mut check.extra] {
        list.sort();
        list.dedup();
    }
    check
}

/// The token's permissions: its `permissions` claim, else its `scope`
/// without OpenID Connect's own scopes.
fn carried(claims: &Map<String, Value>) -> (&'static str, Vec<String>) {
    if let Some(list) = claims.get("permissions").and_then(Value::as_array) {
        let names = list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        return ("permissions", names);
    }
    let names = claims
        .get("scope")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .split_whitespace()
        .filter(|s| !OIDC_SCOPES.contains(s))
        .map(str::to_owned)
        .collect();
    ("scope", names)
}
