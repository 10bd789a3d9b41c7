//! A token's permissions against what its user is granted today.

use idlens_auth0::models::User;
use idlens_job::Job;
use idlens_profile::Profile;
use idlens_rbac::{ApiDef, Snapshot, UserAccess};
use idlens_secret::Secret;
use idlens_token::Report;
use serde_json::Value;

use super::views;
use crate::types::{
    InspectSettings, KeySourceInput, TokenCheckRequest, TokenCheckView, TokenToCheck,
};
use crate::{Api, ApiError, ErrorCode};

impl Api {
    /// Checks a token (pasted, or the session's) against its user's
    /// effective permissions now: matching, granted since it was issued,
    /// revoked since (a stale token that works until it expires). The token
    /// is verified against the profile's tenant first; it never leaves this
    /// machine.
    pub async fn rbac_token_check(
        &self,
        request: TokenCheckRequest,
    ) -> Result<TokenCheckView, ApiError> {
        let profile = self.load_profile(request.profile.clone()).await?;
        let token = match request.token {
            TokenToCheck::Pasted { token } => token,
            TokenToCheck::Session => self.sessions.current(&profile).await?.tokens.access_token,
        };
        let report = self.inspect_for_tenant(&profile, &token).await?;
        let subject = user_of(&report)?;
        let client = self.management(&profile)?;
        let (user, access, apis) = self
            .user_access(&client, &subject, &Job::unwatched())
            .await?;
        check_view(&report, &user, &access, apis)
    }

    /// A token verified against the profile's tenant (its keys, its
    /// issuer, the audiences it names); it never leaves this machine.
    pub(crate) async fn inspect_for_tenant(
        &self,
        profile: &Profile,
        token: &Secret,
    ) -> Result<Report, ApiError> {
        let settings = InspectSettings {
            keys: KeySourceInput::Profile {
                name: Some(profile.name.to_string()),
            },
            issuer: None,
            audiences: audiences_of(token.expose()),
            leeway_secs: None,
            nonce: None,
            authorized_party: None,
            max_len: None,
        };
        self.token_inspect_input(token.expose().trim().as_bytes(), settings)
            .await
    }
}

/// The user a token is for (`sub`): refused for a token IdLens cannot read
/// and for a machine-to-machine token, whose permissions are no user's.
pub(crate) fn user_of(report: &Report) -> Result<String, ApiError> {
    let claims = claims_of(report)?;
    let subject = claims
        .get("sub")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if subject.ends_with("@clients") {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "This is a machine-to-machine token: its permissions come from the application's grant, not from a user's roles.",
        ));
    }
    if subject.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "The token names no user (`sub`): paste the customer's access or ID token.",
        ));
    }
    Ok(subject)
}

fn claims_of(report: &Report) -> Result<&serde_json::Map<String, Value>, ApiError> {
    report.claims.as_ref().ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("This is not a token IdLens can read: {}", report.summary),
        )
    })
}

/// A token's permissions against what its user is granted now.
pub(crate) fn check_view(
    report: &Report,
    user: &User,
    access: &UserAccess,
    apis: Vec<ApiDef>,
) -> Result<TokenCheckView, ApiError> {
    let claims = claims_of(report)?;
    let api = api_of(claims)?;
    let snapshot = Snapshot::new("", "", apis, Vec::new(), None);
    let granted = idlens_rbac::effective(access, &snapshot.apis);
    let now = idlens_token::unix_seconds(std::time::SystemTime::now());
    let check = idlens_rbac::check_token(claims, &api, &granted, now);
    Ok(TokenCheckView {
        verdict: verdict(&check, report.valid),
        api,
        subject: user.user_id.clone(),
        user: Some(views::user_summary(user)),
        verified: report.valid,
        from_claim: check.from_claim.clone(),
        stale: check.stale(),
        matches: check.matches(),
        matching: check.matching,
        missing: check.missing,
        extra: check.extra,
        expires_in: check.expires_in,
    })
}

/// The token's `aud` values, read without trusting them: what it is
/// verified for is then its signature and issuer.
fn audiences_of(token: &str) -> Vec<String> {
    match idlens_token::unverified::decode(token.trim()) {
        idlens_token::unverified::UnverifiedInput::Jws(jws) => match jws.claims.get("aud") {
            Some(Value::String(a)) => vec![a.clone()],
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The API a token is for: its `aud` other than `/userinfo`.
fn api_of(claims: &serde_json::Map<String, Value>) -> Result<String, ApiError> {
    let auds: Vec<&str> = match claims.get("aud") {
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    auds.into_iter()
        .find(|a| !a.ends_with("/userinfo"))
        .map(str::to_owned)
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidInput, "The token names no API in `aud` (an ID token, or an opaque token): check an access token for an API."))
}

fn verdict(check: &idlens_rbac::TokenCheck, verified: bool) -> String {
    let mut parts = Vec::new();
    if !verified {
        parts.push(
            "The token did not verify against the tenant's keys; its claims are only what it says."
                .to_owned(),
        );
    }
    if check.stale() {
        parts.push(format!(
            "Stale: it still carries {} though the user no longer has {}; it works until it expires.",
            check.extra.join(", "),
            if check.extra.len() == 1 { "it" } else { "them" }
        ));
    }
    if !check.missing.is_empty() {
        parts.push(format!(
            "Missing {}: granted since it was issued (or not requested); a new token would carry {}.",
            check.missing.join(", "),
            if check.missing.len() == 1 { "it" } else { "them" }
        ));
    }
    if check.matches() {
        parts.push("The token's permissions match what the user is granted now.".to_owned());
    }
    parts.join(" ")
}
