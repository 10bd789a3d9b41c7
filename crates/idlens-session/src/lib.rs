//! Sign-ins and tokens for every caller of IdLens, per profile and per API.
//!
//! - [`Sessions::start_device`] / [`Sessions::start_browser`] start a sign-in
//!   that waits under an id until [`Sessions::finish`] (or
//!   [`Sessions::cancel`]).
//! - [`Sessions::current`] is the profile's sign-in: refreshed when its access
//!   token expires within [`REFRESH_AHEAD`], resumed from the keychain after a
//!   restart. [`Sessions::sign_out`] revokes and forgets it.
//! - [`Sessions::access_token`] hands out a token for any API of a profile's
//!   tenant (the Management API): from a machine-to-machine application's
//!   client credentials, or from the signed-in user's refresh token asked for
//!   that API; cached until shortly before it expires.
//!
//! Invariants:
//! - The refresh token lives in the keychain (memory only when there is no
//!   OS keychain) and is replaced by the newest one after every rotation.
//!   Access and ID tokens live only in this process's memory.
//! - Everything that uses a profile's refresh token holds that profile's
//!   lock (and nothing else's): with rotation, two concurrent exchanges of one
//!   refresh token look like theft to the provider, which then revokes the
//!   whole family. Client-credentials tokens have a lock per (profile, API).
//! - Keychain calls run on the blocking pool, never on the async executor.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod api_tokens;
mod error;
mod locks;
mod sign_in;
mod signed_in;
mod vault;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use idlens_login::{LoginClient, LoginSettings, ProviderKind, Tokens};
use idlens_profile::{Keychain, Profile, ProviderSetting};
use idlens_token::JwksCache;

pub use api_tokens::AccessToken;
pub use error::SessionError;
pub use sign_in::{BrowserStarted, DeviceStarted};
pub use signed_in::{signs_in_differently, RefreshPlace, Session, SignedOut};

/// Access tokens are refreshed when they expire within this time.
pub const REFRESH_AHEAD: Duration = Duration::from_secs(120);

/// Sign-ins and tokens of one process. Share one (the GUI keeps one for its
/// life; the CLI makes one per run).
pub struct Sessions {
    vault: vault::Vault,
    jwks: Arc<JwksCache>,
    sign_ins: sign_in::SignIns,
    /// Signed-in profiles, by name.
    active: Mutex<HashMap<String, signed_in::Active>>,
    /// Tokens for other APIs, by (profile, audience).
    api_tokens: Mutex<HashMap<(String, String), api_tokens::Cached>>,
    locks: locks::Locks,
}

impl Sessions {
    pub fn new(keychain: Arc<Keychain>, jwks: Arc<JwksCache>) -> Self {
        Self {
            vault: vault::Vault::new(keychain),
            jwks,
            sign_ins: sign_in::SignIns::default(),
            active: Mutex::new(HashMap::new()),
            api_tokens: Mutex::new(HashMap::new()),
            locks: locks::Locks::default(),
        }
    }

    /// A client for `profile`'s identity provider, its endpoints discovered.
    async fn login_client(&self, profile: &Profile) -> Result<Arc<LoginClient>, SessionError> {
        let settings = LoginSettings::from_profile(profile);
        let mut client = LoginClient::discover_with_cache(settings, Arc::clone(&self.jwks)).await?;
        if profile.provider == ProviderSetting::Auto
            && client.settings().provider == ProviderKind::Oidc
            && ProviderKind::looks_like_auth0(client.endpoints())
        {
            client = client.with_provider(ProviderKind::Auth0);
        }
        Ok(Arc::new(client))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere must not make sessions unusable; the maps stay consistent
    // because every critical section is a single insert, remove or replace.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether an access token that expires at `expires_at` is due for renewal.
fn due(expires_at: Option<std::time::SystemTime>) -> bool {
    expires_at.is_some_and(|at| at <= std::time::SystemTime::now() + REFRESH_AHEAD)
}

/// The tokens of a refresh, with the sign-in's ID token kept when the
/// refresh brought none (its claims still describe the user).
fn keep_id_token(mut tokens: Tokens, previous: Option<&Tokens>) -> Tokens {
    if tokens.id_claims.is_none() {
        if let Some(previous) = previous {
            tokens.id_token = previous.id_token.clone();
            tokens.id_claims = previous.id_claims.clone();
        }
    }
    tokens
}
