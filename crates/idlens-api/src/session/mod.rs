//! Sign-in and sessions, as the Session screen and `idlens login/whoami/logout`
//! see them: a thin layer over `idlens-session`, which keeps the tokens.
//! This module turns its sessions into views that hold no token, opens the
//! system browser, and draws the device flow's QR code.

pub mod qr;
pub mod types;

use std::time::{Duration, SystemTime};

use idlens_login::DEFAULT_CALLBACK_TIMEOUT;
use idlens_profile::Profile;
use idlens_session::{RefreshPlace, Session, SessionError};
use serde_json::{Map, Value};

pub use idlens_session::REFRESH_AHEAD;

use crate::error::{ApiError, ErrorCode};
use crate::types::{
    AccessView, BrowserLoginStarted, BrowserOpened, DeviceLoginStarted, LoginRequest,
    RefreshTokenPlace, RevealedToken, SessionToken, SessionUser, SessionView,
};
use crate::Api;

impl Api {
    /// Starts a device sign-in: returns the code to show. Finish it with
    /// [`login_wait`](Self::login_wait).
    pub async fn login_device_start(
        &self,
        request: LoginRequest,
    ) -> Result<DeviceLoginStarted, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let name = profile.name.to_string();
        let started = self.sessions.start_device(profile).await?;
        let auth = started.authorization;
        let qr = qr::encode(
            auth.verification_uri_complete
                .as_deref()
                .unwrap_or(&auth.verification_uri),
        );
        Ok(DeviceLoginStarted {
            login_id: started.id,
            profile: name,
            user_code: auth.user_code,
            verification_uri: auth.verification_uri,
            verification_uri_complete: auth.verification_uri_complete,
            expires_in: auth.expires_in,
            interval: auth.interval,
            qr,
        })
    }

    /// Starts a browser sign-in: opens the loopback listener and (unless
    /// asked not to) the system browser. Finish it with [`login_wait`](Self::login_wait).
    pub async fn login_browser_start(
        &self,
        request: LoginRequest,
    ) -> Result<BrowserLoginStarted, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let name = profile.name.to_string();
        let timeout = request
            .timeout_secs
            .map(|s| Duration::from_secs(s.clamp(1, 3600)))
            .unwrap_or(DEFAULT_CALLBACK_TIMEOUT);
        let started = self.sessions.start_browser(profile, timeout).await?;
        let browser = if request.no_browser {
            BrowserOpened::NotRequested
        } else {
            let url = started.authorize_url.clone();
            tokio::task::spawn_blocking(move || open_in_browser(&url))
                .await
                .unwrap_or_else(|e| BrowserOpened::Failed {
                    reason: format!("IdLens could not start a browser ({e})."),
                })
        };
        Ok(BrowserLoginStarted {
            login_id: started.id,
            profile: name,
            authorize_url: started.authorize_url,
            redirect_uri: started.redirect_uri,
            browser,
            timeout_secs: timeout.as_secs(),
        })
    }

    /// Opens a started sign-in's page in the system browser again: the
    /// authorization URL, or the device flow's verification page.
    pub fn login_open_browser(&self, login_id: u32) -> Result<BrowserOpened, ApiError> {
        let url = self.sessions.sign_in_page(login_id)?;
        Ok(open_in_browser(&url))
    }

    /// Waits for a started sign-in to finish; on success the tokens are
    /// validated, the refresh token stored, and the session returned.
    pub async fn login_wait(&self, login_id: u32) -> Result<SessionView, ApiError> {
        let session = self.sessions.finish(login_id).await?;
        Ok(view(&session))
    }

    /// Cancels a sign-in in progress (started or waiting). Cancelling one that
    /// has already ended does nothing.
    pub fn login_cancel(&self, login_id: u32) -> Result<(), ApiError> {
        self.sessions.cancel(login_id);
        Ok(())
    }

    /// The profile's session: refreshed first when the access token expires
    /// within [`REFRESH_AHEAD`], and resumed from the keychain's refresh
    /// token after a restart. Fails with `signInRequired` when there is no
    /// usable session, `network` when the provider cannot be reached.
    pub async fn session_current(&self, profile: Option<String>) -> Result<SessionView, ApiError> {
        let profile = self.load_profile(profile).await?;
        Ok(view(&self.sessions.current(&profile).await?))
    }

    /// Like [`session_current`](Self::session_current), but a missing or
    /// broken session is a signed-out view with a notice rather than an error:
    /// what the Session screen shows.
    pub async fn session_get(&self, profile: Option<String>) -> Result<SessionView, ApiError> {
        let profile = self.load_profile(profile).await?;
        // Asked before the attempt, which deletes a refresh token that no
        // longer works: its error is then the notice that says why.
        let had_sign_in = self.sessions.has_stored_sign_in(&profile).await?;
        match self
            .sessions
            .current(&profile)
            .await
            .map_err(ApiError::from)
        {
            Ok(session) => Ok(view(&session)),
            Err(e) if matches!(e.code, ErrorCode::SignInRequired | ErrorCode::Network) => {
                let mut view = signed_out_view(&profile);
                if had_sign_in || e.code == ErrorCode::Network {
                    view.notice = Some(e.message);
                }
                Ok(view)
            }
            Err(e) => Err(e),
        }
    }

    /// Refreshes now, whatever the expiry.
    pub async fn session_refresh(&self, profile: Option<String>) -> Result<SessionView, ApiError> {
        let profile = self.load_profile(profile).await?;
        Ok(view(&self.sessions.refresh(&profile, true).await?))
    }

    /// Signs out: revokes the refresh token at the provider, deletes it from
    /// the keychain and forgets the tokens. The local part always happens; a
    /// failed revocation is reported in the notice.
    pub async fn session_sign_out(&self, profile: Option<String>) -> Result<SessionView, ApiError> {
        let profile = self.load_profile(profile).await?;
        self.sign_out(&profile).await
    }

    /// Signs `profile` out as it is given (which may be the settings before
    /// an edit: the refresh token is revoked where it was issued).
    pub(crate) async fn sign_out(&self, profile: &Profile) -> Result<SessionView, ApiError> {
        let outcome = self.sessions.sign_out(profile).await?;
        let mut view = signed_out_view(profile);
        view.notice = outcome.revocation_failed.map(|why| {
            format!(
                "Signed out on this machine, but the identity provider did not confirm that the refresh token was revoked, so it stays valid until it expires. {why}"
            )
        });
        Ok(view)
    }

    /// The session's access or ID token, for the user who asked to see it.
    pub fn session_reveal_token(
        &self,
        profile: Option<String>,
        which: SessionToken,
    ) -> Result<RevealedToken, ApiError> {
        let profile = self.store.load()?.resolve(profile.as_deref())?.clone();
        let session = self.sessions.signed_in(&profile).ok_or_else(|| {
            ApiError::new(
                ErrorCode::SignInRequired,
                "Not signed in to this profile, so there is no token to show. Sign in first.",
            )
        })?;
        let token = match which {
            SessionToken::Access => Some(&session.tokens.access_token),
            SessionToken::Id => session.tokens.id_token.as_ref(),
        };
        let token = token.ok_or(SessionError::NoIdTokenToReveal)?;
        Ok(RevealedToken {
            token: token.expose().to_owned(),
        })
    }
}

fn signed_out_view(profile: &Profile) -> SessionView {
    SessionView {
        profile: profile.name.to_string(),
        issuer: profile.issuer.to_string(),
        tenant: idlens_token::tenant_of(profile.issuer.as_str()),
        user: None,
        id_claims: Vec::new(),
        access: None,
        refresh_token: RefreshTokenPlace::None,
        notice: None,
    }
}

/// A session as the Session screen shows it: the validated claims, no token.
fn view(session: &Session) -> SessionView {
    let tokens = &session.tokens;
    let empty = Map::new();
    let id_claims = tokens.id_claims.as_ref().unwrap_or(&empty);
    let access_claims = tokens.access_claims.as_ref();
    let user = tokens.subject().map(|sub| SessionUser {
        sub: sub.to_owned(),
        name: text(id_claims, "name").or_else(|| text(id_claims, "nickname")),
        email: text(id_claims, "email"),
        email_verified: id_claims.get("email_verified").and_then(Value::as_bool),
        connection: sub.split_once('|').map(|(p, _)| p.to_owned()),
    });
    SessionView {
        profile: session.profile.name.to_string(),
        issuer: session.profile.issuer.to_string(),
        tenant: idlens_token::tenant_of(session.profile.issuer.as_str()),
        user,
        id_claims: idlens_token::explain_claims(id_claims, SystemTime::now()),
        access: Some(access_view(session, access_claims)),
        refresh_token: match session.refresh_place {
            RefreshPlace::None => RefreshTokenPlace::None,
            RefreshPlace::Keychain => RefreshTokenPlace::Keychain,
            RefreshPlace::Memory => RefreshTokenPlace::Memory,
        },
        notice: session.notice.clone(),
    }
}

fn access_view(session: &Session, access_claims: Option<&Map<String, Value>>) -> AccessView {
    let tokens = &session.tokens;
    let scopes = access_claims
        .and_then(|c| text(c, "scope"))
        .map(|s| s.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_else(|| tokens.scopes.clone());
    let permissions = access_claims
        .and_then(|c| c.get("permissions"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let expires_at = access_claims
        .and_then(|c| c.get("exp"))
        .and_then(Value::as_i64)
        .or_else(|| tokens.expires_at.map(idlens_token::unix_seconds));
    AccessView {
        audience: access_claims.and(session.profile.audience.clone()),
        expires_at,
        scopes,
        permissions,
    }
}

fn text(claims: &Map<String, Value>, name: &str) -> Option<String> {
    claims.get(name).and_then(Value::as_str).map(str::to_owned)
}

/// Opens `url` with the system's browser (`$BROWSER` on Linux when set).
fn open_in_browser(url: &str) -> BrowserOpened {
    match webbrowser::open(url) {
        Ok(()) => BrowserOpened::Opened,
        Err(e) => BrowserOpened::Failed {
            reason: format!(
                "IdLens could not start a browser ({e}). Open the address below in a browser on this computer."
            ),
        },
    }
}
