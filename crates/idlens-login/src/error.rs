use thiserror::Error;

/// Which token a validation failure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRole {
    IdToken,
    AccessToken,
}

impl std::fmt::Display for TokenRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TokenRole::IdToken => "ID token",
            TokenRole::AccessToken => "access token",
        })
    }
}

/// Why a sign-in, refresh or sign-out did not work. Every message is a full
/// sentence that says what to do next, and none contains a token or code.
#[derive(Debug, Error)]
pub enum LoginError {
    #[error("Could not reach the identity provider at {url}: {detail}. Check the issuer in the profile and that the identity provider is running and reachable, then try again.")]
    Unreachable { url: String, detail: String },

    #[error("{url} answered HTTP {status}. Check the issuer in the profile; if it is right, the identity provider has a problem, so try again later.")]
    HttpStatus { url: String, status: u16 },

    #[error("The discovery document at {url} cannot be used: {problem}. Check the issuer in the profile.")]
    Discovery { url: String, problem: String },

    #[error("The identity provider does not offer {feature} (its discovery document has no `{field}`). {hint}")]
    Unsupported {
        feature: &'static str,
        field: &'static str,
        hint: &'static str,
    },

    #[error("The identity provider refused the {request} request: {error}{}. {hint}", describe(.description))]
    Refused {
        request: &'static str,
        error: String,
        description: Option<String>,
        hint: String,
    },

    #[error("The identity provider's answer to the {request} request cannot be read: {detail}. Check that the issuer is an OpenID provider.")]
    BadResponse {
        request: &'static str,
        detail: String,
    },

    #[error("The device code expired before the sign-in was approved. Start the sign-in again and enter the new code before it expires.")]
    DeviceCodeExpired,

    #[error("The sign-in was denied{}. Start it again and approve it, or ask the tenant's administrator for access.", describe(.description))]
    AccessDenied { description: Option<String> },

    #[error("The identity provider no longer accepts this grant: it was used, revoked or has expired (invalid_grant{}). Sign in again.", after_colon(.description))]
    InvalidGrant { description: Option<String> },

    #[error("The sign-in was cancelled.")]
    Cancelled,

    #[error("Could not listen on {address} for the browser's redirect ({detail}). Close the program that uses port {port}, or choose another callback port in the profile and register http://127.0.0.1:{port}/callback with the application.")]
    CallbackPort {
        address: String,
        port: u16,
        detail: String,
    },

    #[error("No sign-in arrived at {redirect_uri} within {seconds} s, so IdLens stopped listening. Start the sign-in again and finish it in the browser.")]
    CallbackTimeout { redirect_uri: String, seconds: u64 },

    #[error("The browser's redirect names the issuer {found:?}, not {expected:?}, so IdLens refused it. Start the sign-in again from IdLens.")]
    CallbackIssuerMismatch { expected: String, found: String },

    #[error("The identity provider sent the browser back with the error {error}{}. Check the application's settings at the identity provider, then sign in again.", describe(.description))]
    AuthorizationFailed {
        error: String,
        description: Option<String>,
    },

    #[error("The browser's redirect carried no authorization code. Start the sign-in again.")]
    MissingCode,

    #[error("The {role} from the identity provider failed the `{check}` check, so IdLens discarded it: {reason} {hint}")]
    InvalidToken {
        role: TokenRole,
        check: String,
        reason: String,
        hint: String,
    },

    /// A refresh whose new tokens failed validation, after the provider had
    /// already rotated the refresh token: keep `refresh_token` (the old one
    /// is spent), but use none of the tokens.
    #[error("{error}")]
    RejectedAfterRotation {
        error: Box<LoginError>,
        refresh_token: idlens_secret::Secret,
    },

    #[error("The identity provider returned no ID token. Check that the application may use the `openid` scope, then sign in again.")]
    MissingIdToken,
}

/// `: description` without its final full stop, or nothing.
fn after_colon(description: &Option<String>) -> String {
    match description {
        Some(d) if !d.trim().is_empty() => format!(": {}", d.trim().trim_end_matches('.')),
        _ => String::new(),
    }
}

fn describe(description: &Option<String>) -> String {
    match description {
        Some(d) if !d.trim().is_empty() => format!(" ({})", d.trim()),
        _ => String::new(),
    }
}
