//! Everything that crosses the IPC boundary. Field names are camelCase on the
//! wire; TypeScript declarations are generated from these types.

use idlens_profile::{
    KeychainStatus, ManagementAccess, Neo4jSettings, Profile, ProviderSetting, SecretKind,
};
use idlens_secret::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the app shows in its status bar and About box.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The profile file, shown so admins know what to back up.
    pub config_path: String,
    pub keychain: KeychainView,
    /// The loopback port a new profile gets unless one is entered.
    pub default_callback_port: u16,
    /// Scopes every sign-in requests; a profile's scopes are added to these.
    pub base_scopes: Vec<String>,
}

/// Where secrets are kept on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum KeychainView {
    Os,
    /// No OS keychain: secrets last until IdLens exits. `reason` says why.
    MemoryOnly {
        reason: String,
    },
}

impl From<KeychainStatus> for KeychainView {
    fn from(status: KeychainStatus) -> Self {
        match status {
            KeychainStatus::Os => KeychainView::Os,
            KeychainStatus::MemoryOnly { reason } => KeychainView::MemoryOnly { reason },
        }
    }
}

/// Every profile and which one is in use.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileList {
    pub profiles: Vec<ProfileView>,
    pub current: Option<String>,
    pub config_path: String,
    pub keychain: KeychainView,
}

/// One profile as the UI sees it: settings plus which secrets are stored
/// (presence only, never the values).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub name: String,
    pub issuer: String,
    pub provider: ProviderView,
    pub client_id: String,
    pub audience: Option<String>,
    pub callback_port: u16,
    /// The redirect URI to register in the Auth0 application.
    pub callback_url: String,
    /// Where the issuer's keys are found (`jwks_uri` in this document).
    pub discovery_url: String,
    /// The tenant's Management API audience (`https://{domain}/api/v2/`).
    pub management_audience: String,
    pub scopes: Vec<String>,
    pub management: ManagementInput,
    pub neo4j: Option<Neo4jInput>,
    pub stored_secrets: Vec<SecretKindView>,
}

impl ProfileView {
    pub fn new(profile: &Profile, stored_secrets: Vec<SecretKindView>) -> Self {
        Self {
            name: profile.name.to_string(),
            issuer: profile.issuer.to_string(),
            provider: profile.provider.into(),
            client_id: profile.client_id.clone(),
            audience: profile.audience.clone(),
            callback_port: profile.callback_port,
            callback_url: profile.callback_url(),
            discovery_url: profile.issuer.discovery_url(),
            management_audience: profile.issuer.management_audience(),
            scopes: profile.scopes.clone(),
            management: (&profile.management).into(),
            neo4j: profile.neo4j.as_ref().map(Into::into),
            stored_secrets,
        }
    }
}

/// Which dialect of OAuth the identity provider speaks: Auth0 names the API
/// with `audience`, standard OpenID providers with an RFC 8707 `resource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProviderView {
    /// Auth0 for `*.auth0.com` issuers, standard OpenID otherwise.
    Auto,
    /// Auth0, also on a custom domain.
    Auth0,
    Oidc,
}

impl From<ProviderSetting> for ProviderView {
    fn from(p: ProviderSetting) -> Self {
        match p {
            ProviderSetting::Auto => Self::Auto,
            ProviderSetting::Auth0 => Self::Auth0,
            ProviderSetting::Oidc => Self::Oidc,
        }
    }
}

impl From<ProviderView> for ProviderSetting {
    fn from(p: ProviderView) -> Self {
        match p {
            ProviderView::Auto => Self::Auto,
            ProviderView::Auth0 => Self::Auth0,
            ProviderView::Oidc => Self::Oidc,
        }
    }
}

/// A profile as entered in Settings or on the command line.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    pub name: String,
    /// Tenant domain (`acme.eu.auth0.com`) or issuer URL.
    pub issuer: String,
    /// Default: `auto` (Auth0 for `*.auth0.com`, standard OpenID otherwise);
    /// kept as it is when updating.
    #[serde(default)]
    #[ts(optional)]
    pub provider: Option<ProviderView>,
    pub client_id: String,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub callback_port: Option<u16>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub management: Option<ManagementInput>,
    #[serde(default)]
    pub neo4j: Option<Neo4jInput>,
}

/// How IdLens reaches the Management API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ManagementInput {
    Disabled,
    SignedInUser,
    #[serde(rename_all = "camelCase")]
    ClientCredentials {
        client_id: String,
    },
}

impl From<&ManagementAccess> for ManagementInput {
    fn from(m: &ManagementAccess) -> Self {
        match m {
            ManagementAccess::Disabled => Self::Disabled,
            ManagementAccess::SignedInUser => Self::SignedInUser,
            ManagementAccess::ClientCredentials { client_id } => Self::ClientCredentials {
                client_id: client_id.clone(),
            },
        }
    }
}

impl From<ManagementInput> for ManagementAccess {
    fn from(m: ManagementInput) -> Self {
        match m {
            ManagementInput::Disabled => Self::Disabled,
            ManagementInput::SignedInUser => Self::SignedInUser,
            ManagementInput::ClientCredentials { client_id } => Self::ClientCredentials {
                client_id: client_id.trim().to_owned(),
            },
        }
    }
}

/// Neo4j connection settings (the password is stored separately, in the keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Neo4jInput {
    pub uri: String,
    pub user: String,
    #[serde(default)]
    pub database: Option<String>,
}

impl From<&Neo4jSettings> for Neo4jInput {
    fn from(n: &Neo4jSettings) -> Self {
        Self {
            uri: n.uri.clone(),
            user: n.user.clone(),
            database: n.database.clone(),
        }
    }
}

impl From<Neo4jInput> for Neo4jSettings {
    fn from(n: Neo4jInput) -> Self {
        Self {
            uri: n.uri.trim().to_owned(),
            user: n.user.trim().to_owned(),
            database: n.database.filter(|d| !d.trim().is_empty()),
        }
    }
}

/// Which secret of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SecretKindView {
    RefreshToken,
    ManagementClientSecret,
    Neo4jPassword,
}

impl From<SecretKindView> for SecretKind {
    fn from(k: SecretKindView) -> Self {
        match k {
            SecretKindView::RefreshToken => SecretKind::RefreshToken,
            SecretKindView::ManagementClientSecret => SecretKind::ManagementClientSecret,
            SecretKindView::Neo4jPassword => SecretKind::Neo4jPassword,
        }
    }
}

impl From<SecretKind> for SecretKindView {
    fn from(k: SecretKind) -> Self {
        match k {
            SecretKind::RefreshToken => SecretKindView::RefreshToken,
            SecretKind::ManagementClientSecret => SecretKindView::ManagementClientSecret,
            SecretKind::Neo4jPassword => SecretKindView::Neo4jPassword,
        }
    }
}

/// A secret typed into Settings, on its way to the keychain. Deserialize only.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecretInput {
    pub profile: String,
    pub kind: SecretKindView,
    #[ts(type = "string")]
    pub value: Secret,
}

/// Where a secret ended up.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecretStored {
    pub kind: SecretKindView,
    pub keychain: KeychainView,
}

/// A token to inspect, and what to verify it against.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InspectRequest {
    /// The pasted input. It stays on this machine: only key fetches go out,
    /// and they carry no token.
    #[ts(type = "string")]
    pub token: Secret,
    pub keys: KeySourceInput,
    /// The `iss` to expect, exactly. Default: the issuer the keys came from.
    #[serde(default)]
    pub issuer: Option<String>,
    /// `aud` must hold one of these. Default with profile keys: the profile's
    /// audience and client ID.
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Clock skew tolerated for `exp`, `nbf`, `iat` (default 60 s).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub leeway_secs: Option<u64>,
    /// For ID tokens: the `nonce` the sign-in sent.
    #[serde(default)]
    pub nonce: Option<String>,
    /// For ID tokens: the client ID expected in `azp`.
    #[serde(default)]
    pub authorized_party: Option<String>,
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
    /// An HMAC secret, for HS256/384/512 tokens only.
    HmacSecret {
        #[ts(type = "string")]
        secret: Secret,
    },
}

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
