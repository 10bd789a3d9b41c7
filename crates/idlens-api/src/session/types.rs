//! Boundary types of sign-in and sessions. None holds a token but
//! [`RevealedToken`], made only when the user asks to see one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which profile to sign in to, and how.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest {
    /// Default: the profile in use.
    #[serde(default)]
    pub profile: Option<String>,
    /// Browser flow: how long to wait for the browser's redirect (default 300 s).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub timeout_secs: Option<u64>,
    /// Browser flow: do not open the system browser (the caller shows the URL).
    #[serde(default)]
    pub no_browser: bool,
}

/// A started device sign-in: what the user needs to approve it elsewhere.
/// The device code itself stays in the core.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeviceLoginStarted {
    /// Pass to `login_wait` and `login_cancel`.
    pub login_id: u32,
    pub profile: String,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: Option<String>,
    /// Seconds the code stays valid.
    #[ts(type = "number")]
    pub expires_in: u64,
    /// Seconds between polls.
    #[ts(type = "number")]
    pub interval: u64,
    /// A QR code of `verification_uri_complete` (or `verification_uri`).
    pub qr: Option<QrCodeView>,
}

/// A QR code as an SVG path: dark modules of a `size` × `size` grid, to be
/// drawn in a `0 0 size size` viewBox (the caller adds the quiet zone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QrCodeView {
    pub size: u32,
    pub path: String,
}

/// A started browser sign-in: the loopback listener is open.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BrowserLoginStarted {
    /// Pass to `login_wait` and `login_cancel`.
    pub login_id: u32,
    pub profile: String,
    /// The authorization URL (no secrets: the PKCE verifier stays in the core).
    pub authorize_url: String,
    /// Where the browser comes back; the application must allow exactly this callback URL.
    pub redirect_uri: String,
    /// Whether the system browser was opened, and if not, why.
    pub browser: BrowserOpened,
    /// Seconds IdLens waits for the browser.
    #[ts(type = "number")]
    pub timeout_secs: u64,
}

/// The outcome of opening the system browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum BrowserOpened {
    Opened,
    /// The caller asked not to open it.
    NotRequested,
    /// No browser could be started; the user opens the URL by hand.
    Failed {
        reason: String,
    },
}

/// A profile's sign-in, as the Session screen shows it. Holds no token: the
/// claims come from tokens IdLens validated itself.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub profile: String,
    pub issuer: String,
    pub tenant: Option<idlens_token::Tenant>,
    /// The validated user, when signed in.
    pub user: Option<SessionUser>,
    /// Every claim of the validated ID token, explained.
    pub id_claims: Vec<idlens_token::ClaimExplanation>,
    /// The access token, when signed in.
    pub access: Option<AccessView>,
    /// Where the refresh token is kept, if there is one.
    pub refresh_token: RefreshTokenPlace,
    /// Something the user should know: a failed refresh, a revocation that
    /// did not reach the identity provider, secrets kept in memory only.
    pub notice: Option<String>,
}

impl SessionView {
    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }
}

/// Who is signed in, from the validated ID token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionUser {
    pub sub: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    /// The identity provider from `sub`'s prefix: `auth0`, `google-oauth2`, `github`, …
    pub connection: Option<String>,
}

/// The access token, described (never included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccessView {
    /// The API it was validated for (the profile's audience); `None` when the
    /// profile names no API and the token was not validated as a JWT.
    pub audience: Option<String>,
    /// Seconds since the epoch.
    #[ts(type = "number | null")]
    pub expires_at: Option<i64>,
    pub scopes: Vec<String>,
    /// Auth0 RBAC `permissions`, when the API adds them.
    pub permissions: Vec<String>,
}

/// Where a session's refresh token is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RefreshTokenPlace {
    /// No refresh token (signed out, or the provider issued none).
    None,
    /// In the OS keychain: the session survives a restart.
    Keychain,
    /// In memory only, because there is no OS keychain.
    Memory,
}

/// Which token of a session to reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SessionToken {
    Access,
    Id,
}

/// A token shown because the user clicked "Reveal". The one boundary type that
/// carries a token to the webview; it is made only by
/// `session_reveal_token` and wiped from this process's memory when dropped.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealedToken {
    pub token: String,
}

impl std::fmt::Debug for RevealedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RevealedToken(<redacted>)")
    }
}

impl Drop for RevealedToken {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.token.zeroize();
    }
}
