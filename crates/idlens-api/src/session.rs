//! Sign-in sessions, one per profile: starting and finishing the device and
//! browser flows, keeping the tokens, refreshing ahead of expiry, signing out.
//!
//! Invariants:
//! - The refresh token lives in the keychain (memory only when there is no
//!   OS keychain) and is replaced by the newest one after every rotation.
//!   Access and ID tokens live only in this process's memory.
//! - Refreshes are serialised: with rotation, two concurrent refreshes with
//!   the same token would look like token theft to the provider, which then
//!   revokes the whole family.
//! - A view never holds a token; only [`RevealedToken`] does, made on request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use idlens_login::{
    cancellation, BrowserLogin, CancelHandle, Cancellation, DeviceLogin, LoginClient, LoginError,
    LoginSettings, ProviderKind, Tokens, DEFAULT_CALLBACK_TIMEOUT,
};
use idlens_profile::{KeychainStatus, Profile, ProviderSetting, SecretKind};
use serde_json::{Map, Value};

use crate::error::{ApiError, ErrorCode};
use crate::qr;
use crate::types::{
    AccessView, BrowserLoginStarted, BrowserOpened, DeviceLoginStarted, LoginRequest,
    RefreshTokenPlace, RevealedToken, SessionToken, SessionUser, SessionView,
};
use crate::Api;

/// Access tokens are refreshed when they expire within this time.
pub const REFRESH_AHEAD: Duration = Duration::from_secs(120);

/// Sessions and sign-ins in progress, per process.
#[derive(Default)]
pub(crate) struct Sessions {
    active: Mutex<HashMap<String, Active>>,
    logins: Mutex<HashMap<u32, Pending>>,
    next_login: AtomicU32,
    /// Held while a refresh token is exchanged (see the module invariants).
    refreshing: tokio::sync::Mutex<()>,
}

/// A signed-in profile.
struct Active {
    /// The profile as it was at sign-in; editing how it signs in ends the session.
    profile: Profile,
    client: Arc<LoginClient>,
    tokens: Tokens,
    notice: Option<String>,
}

/// A sign-in between its start and its end.
struct Pending {
    profile: Profile,
    client: Arc<LoginClient>,
    cancel: CancelHandle,
    flow: Flow,
}

enum Flow {
    Device(DeviceLogin, Cancellation),
    Browser(BrowserLogin, Cancellation, Duration),
    /// `login_wait` took the flow and is waiting for it.
    Waiting,
}

impl Sessions {
    fn add_login(&self, pending: Pending) -> u32 {
        let mut logins = lock(&self.logins);
        // One sign-in per profile: a new one replaces (and cancels) the old.
        logins.retain(|_, p| {
            let same = p.profile.name == pending.profile.name;
            if same {
                p.cancel.cancel();
            }
            !same
        });
        let id = self.next_login.fetch_add(1, Ordering::Relaxed) + 1;
        logins.insert(id, pending);
        id
    }
}

/// Removes a sign-in's entry when dropped.
struct LoginEntry<'a> {
    sessions: &'a Sessions,
    login_id: u32,
}

impl Drop for LoginEntry<'_> {
    fn drop(&mut self) {
        lock(&self.sessions.logins).remove(&self.login_id);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere must not make sessions unusable; the maps stay consistent
    // because every critical section is a single insert, remove or replace.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn unknown_login(id: u32) -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        format!("There is no sign-in {id} in progress (it finished, was cancelled or replaced). Start the sign-in again."),
    )
}

impl Api {
    fn session_profile(&self, name: Option<&str>) -> Result<Profile, ApiError> {
        let file = self.store.load()?;
        Ok(file.resolve(name)?.clone())
    }

    async fn login_client(&self, profile: &Profile) -> Result<Arc<LoginClient>, ApiError> {
        let settings = LoginSettings::from_profile(profile);
        let mut client = LoginClient::discover_with_cache(settings, self.jwks_shared()?).await?;
        if profile.provider == ProviderSetting::Auto
            && client.settings().provider == ProviderKind::Oidc
            && ProviderKind::looks_like_auth0(client.endpoints())
        {
            client = client.with_provider(ProviderKind::Auth0);
        }
        Ok(Arc::new(client))
    }

    /// Starts a device sign-in: returns the code to show. Finish it with
    /// [`login_wait`](Self::login_wait).
    pub async fn login_device_start(
        &self,
        request: LoginRequest,
    ) -> Result<DeviceLoginStarted, ApiError> {
        let profile = self.session_profile(request.profile.as_deref())?;
        let client = self.login_client(&profile).await?;
        let login = client.start_device_login().await?;
        let auth = login.authorization().clone();
        let qr = qr::encode(
            auth.verification_uri_complete
                .as_deref()
                .unwrap_or(&auth.verification_uri),
        );
        let (cancel, cancelled) = cancellation();
        let login_id = self.sessions.add_login(Pending {
            profile: profile.clone(),
            client,
            cancel,
            flow: Flow::Device(login, cancelled),
        });
        Ok(DeviceLoginStarted {
            login_id,
            profile: profile.name.to_string(),
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
        let profile = self.session_profile(request.profile.as_deref())?;
        let client = self.login_client(&profile).await?;
        let login = client.start_browser_login().await?;
        let authorize_url = login.authorize_url().to_string();
        let redirect_uri = login.redirect_uri().to_owned();
        let timeout = request
            .timeout_secs
            .map(|s| Duration::from_secs(s.clamp(1, 3600)))
            .unwrap_or(DEFAULT_CALLBACK_TIMEOUT);
        let (cancel, cancelled) = cancellation();
        let login_id = self.sessions.add_login(Pending {
            profile: profile.clone(),
            client,
            cancel,
            flow: Flow::Browser(login, cancelled, timeout),
        });
        let browser = if request.no_browser {
            BrowserOpened::NotRequested
        } else {
            open_in_browser(&authorize_url)
        };
        Ok(BrowserLoginStarted {
            login_id,
            profile: profile.name.to_string(),
            authorize_url,
            redirect_uri,
            browser,
            timeout_secs: timeout.as_secs(),
        })
    }

    /// Opens a started sign-in's page in the system browser again: the
    /// authorization URL, or the device flow's verification page.
    pub fn login_open_browser(&self, login_id: u32) -> Result<BrowserOpened, ApiError> {
        let url = {
            let logins = lock(&self.sessions.logins);
            let pending = logins
                .get(&login_id)
                .ok_or_else(|| unknown_login(login_id))?;
            match &pending.flow {
                Flow::Device(login, _) => {
                    let auth = login.authorization();
                    auth.verification_uri_complete
                        .clone()
                        .unwrap_or_else(|| auth.verification_uri.clone())
                }
                Flow::Browser(login, _, _) => login.authorize_url().to_string(),
                Flow::Waiting => {
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        "This sign-in is already waiting; its page was opened when it started. Cancel it and start again to get a new page.",
                    ))
                }
            }
        };
        Ok(open_in_browser(&url))
    }

    /// Waits for a started sign-in to finish; on success the tokens are
    /// validated, the refresh token stored, and the session returned.
    pub async fn login_wait(&self, login_id: u32) -> Result<SessionView, ApiError> {
        let (profile, client, flow) = {
            let mut logins = lock(&self.sessions.logins);
            let pending = logins
                .get_mut(&login_id)
                .ok_or_else(|| unknown_login(login_id))?;
            let flow = std::mem::replace(&mut pending.flow, Flow::Waiting);
            if let Flow::Waiting = flow {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("Sign-in {login_id} is already being waited for."),
                ));
            }
            (pending.profile.clone(), Arc::clone(&pending.client), flow)
        };
        // However this wait ends (also when the caller drops it), the entry goes.
        let _entry = LoginEntry {
            sessions: &self.sessions,
            login_id,
        };
        let result = match flow {
            Flow::Device(login, cancelled) => client.finish_device_login(login, cancelled).await,
            Flow::Browser(login, cancelled, timeout) => {
                match login
                    .wait_for_code(&client.endpoints().issuer, timeout, cancelled)
                    .await
                {
                    Ok(code) => client.exchange_code(&code).await,
                    Err(e) => Err(e),
                }
            }
            Flow::Waiting => unreachable!("checked above"),
        };
        let tokens = result?;
        self.establish(profile, client, tokens, None)
    }

    /// Cancels a sign-in in progress (started or waiting). Cancelling one that
    /// has already ended does nothing.
    pub fn login_cancel(&self, login_id: u32) {
        let mut logins = lock(&self.sessions.logins);
        if let Some(pending) = logins.get(&login_id) {
            pending.cancel.cancel();
            // A started flow nobody waits for is dropped here, which closes
            // its loopback listener; a waiting one ends with `cancelled`.
            if !matches!(pending.flow, Flow::Waiting) {
                logins.remove(&login_id);
            }
        }
    }

    /// Stores the refresh token and keeps the session.
    fn establish(
        &self,
        profile: Profile,
        client: Arc<LoginClient>,
        tokens: Tokens,
        notice: Option<String>,
    ) -> Result<SessionView, ApiError> {
        match &tokens.refresh_token {
            Some(refresh) => self
                .keychain
                .set(&profile.name, SecretKind::RefreshToken, refresh)?,
            // A session without one ends when the access token expires; an
            // older refresh token must not outlive the sign-in that replaced it.
            None => self
                .keychain
                .delete(&profile.name, SecretKind::RefreshToken)?,
        }
        let notice = notice.or_else(|| self.session_notice(&tokens));
        let active = Active {
            profile,
            client,
            tokens,
            notice,
        };
        let view = self.view_of(&active);
        lock(&self.sessions.active).insert(active.profile.name.to_string(), active);
        Ok(view)
    }

    fn session_notice(&self, tokens: &Tokens) -> Option<String> {
        if tokens.refresh_token.is_none() {
            return Some("The identity provider issued no refresh token, so this session ends when the access token expires. Allow offline access (refresh tokens) for the API and application to stay signed in.".to_owned());
        }
        match self.keychain.status() {
            KeychainStatus::Os => None,
            KeychainStatus::MemoryOnly { reason } => Some(format!(
                "The refresh token is kept in memory only, because {reason}. You will need to sign in again after IdLens exits."
            )),
        }
    }

    /// The profile's session: refreshed first when the access token expires
    /// within [`REFRESH_AHEAD`], and resumed from the keychain's refresh
    /// token after a restart. Fails with `signInRequired` when there is no
    /// usable session, `network` when the provider cannot be reached.
    pub async fn session_current(&self, profile: Option<&str>) -> Result<SessionView, ApiError> {
        let profile = self.session_profile(profile)?;
        let name = profile.name.to_string();
        let due = {
            let mut active = lock(&self.sessions.active);
            match active.get(&name) {
                Some(a) if signs_in_differently(&a.profile, &profile) => {
                    // The profile was edited: its tokens are for other settings.
                    active.remove(&name);
                    None
                }
                Some(a) if !refresh_due(&a.tokens, SystemTime::now()) => {
                    return Ok(self.view_of(a));
                }
                Some(_) => Some(()),
                None => None,
            }
        };
        match due {
            Some(()) => self.refresh_session(&profile, false).await,
            None => self.resume(&profile).await,
        }
    }

    /// Like [`session_current`](Self::session_current), but a missing or
    /// broken session is a signed-out view with a notice rather than an error:
    /// what the Session screen shows.
    pub async fn session_get(&self, profile: Option<&str>) -> Result<SessionView, ApiError> {
        let named = self.session_profile(profile)?;
        // Asked before the attempt, which deletes a refresh token that no
        // longer works: its error is then the notice that says why.
        let had_sign_in = self.has_stored_refresh_token(&named)?;
        match self.session_current(profile).await {
            Ok(view) => Ok(view),
            Err(e) if matches!(e.code, ErrorCode::SignInRequired | ErrorCode::Network) => {
                let mut view = self.signed_out_view(&named);
                if had_sign_in || e.code == ErrorCode::Network {
                    view.notice = Some(e.message);
                }
                Ok(view)
            }
            Err(e) => Err(e),
        }
    }

    /// Refreshes now, whatever the expiry.
    pub async fn session_refresh(&self, profile: Option<&str>) -> Result<SessionView, ApiError> {
        let profile = self.session_profile(profile)?;
        self.refresh_session(&profile, true).await
    }

    fn has_stored_refresh_token(&self, profile: &Profile) -> Result<bool, ApiError> {
        Ok(self
            .keychain
            .get(&profile.name, SecretKind::RefreshToken)?
            .is_some())
    }

    /// After a restart: the keychain's refresh token, exchanged.
    async fn resume(&self, profile: &Profile) -> Result<SessionView, ApiError> {
        if !self.has_stored_refresh_token(profile)? {
            return Err(ApiError::new(
                ErrorCode::SignInRequired,
                format!(
                    "Not signed in to profile {:?}. Sign in with `idlens login` or from the Session screen.",
                    profile.name.as_str()
                ),
            ));
        }
        self.refresh_session(profile, false).await
    }

    /// Exchanges the refresh token; unless `force`, only when the access
    /// token is (still) due for it.
    async fn refresh_session(
        &self,
        profile: &Profile,
        force: bool,
    ) -> Result<SessionView, ApiError> {
        let _serialised = self.sessions.refreshing.lock().await;
        let name = profile.name.to_string();
        let (client, refresh_token) = {
            let active = lock(&self.sessions.active);
            match active.get(&name) {
                // Another caller refreshed while this one waited for the lock.
                Some(a)
                    if !force
                        && !signs_in_differently(&a.profile, profile)
                        && !refresh_due(&a.tokens, SystemTime::now()) =>
                {
                    return Ok(self.view_of(a));
                }
                Some(a) if !signs_in_differently(&a.profile, profile) => {
                    (Some(Arc::clone(&a.client)), a.tokens.refresh_token.clone())
                }
                _ => (None, None),
            }
        };
        // The keychain first: another IdLens process (the CLI next to the
        // app) may have rotated the token since this one last saw it, and
        // using the spent one would make the provider revoke them all.
        let refresh_token = match self
            .keychain
            .get(&profile.name, SecretKind::RefreshToken)?
            .or(refresh_token)
        {
            Some(t) => t,
            None => {
                lock(&self.sessions.active).remove(&name);
                return Err(ApiError::new(
                    ErrorCode::SignInRequired,
                    "This session has no refresh token, so it cannot be renewed. Sign in again.",
                ));
            }
        };
        let client = match client {
            Some(c) => c,
            None => self.login_client(profile).await?,
        };
        match client.refresh(&refresh_token).await {
            Ok(tokens) => {
                let mut tokens = tokens;
                // A refresh may omit the ID token: keep the sign-in's, whose
                // claims still describe the user.
                if tokens.id_claims.is_none() {
                    if let Some(previous) = lock(&self.sessions.active).get(&name) {
                        tokens.id_token = previous.tokens.id_token.clone();
                        tokens.id_claims = previous.tokens.id_claims.clone();
                    }
                }
                if tokens.id_claims.is_none() {
                    return Err(ApiError::new(
                        ErrorCode::Network,
                        "The identity provider renewed the session without an ID token, so IdLens cannot tell who is signed in. Sign in again.",
                    ));
                }
                self.establish(profile.clone(), client, tokens, None)
            }
            Err(e @ LoginError::InvalidGrant { .. }) => {
                // The refresh token is dead (revoked, expired, reused): forget it.
                lock(&self.sessions.active).remove(&name);
                self.keychain
                    .delete(&profile.name, SecretKind::RefreshToken)?;
                Err(ApiError::new(
                    ErrorCode::SignInRequired,
                    format!("The stored sign-in no longer works, so IdLens forgot it. {e}"),
                ))
            }
            Err(e) => {
                if let LoginError::RejectedAfterRotation { refresh_token, .. } = &e {
                    // Keep the newest refresh token so a later refresh can
                    // succeed (e.g. once the new signing key is fetched).
                    self.keychain
                        .set(&profile.name, SecretKind::RefreshToken, refresh_token)?;
                    if let Some(a) = lock(&self.sessions.active).get_mut(&name) {
                        a.tokens.refresh_token = Some(refresh_token.clone());
                    }
                }
                let e = ApiError::from(e);
                let mut active = lock(&self.sessions.active);
                if let Some(a) = active.get_mut(&name) {
                    let expired = a
                        .tokens
                        .expires_at
                        .is_some_and(|at| at <= SystemTime::now());
                    if !expired {
                        // Still usable: keep it, and say the refresh failed.
                        a.notice = Some(format!(
                            "IdLens could not renew the session; it works until the access token expires. {}",
                            e.message
                        ));
                        return Ok(self.view_of(a));
                    }
                    active.remove(&name);
                }
                Err(e)
            }
        }
    }

    /// Signs out: revokes the refresh token at the provider, deletes it from
    /// the keychain and forgets the tokens. The local part always happens; a
    /// failed revocation is reported in the notice.
    pub async fn session_sign_out(&self, profile: Option<&str>) -> Result<SessionView, ApiError> {
        let profile = self.session_profile(profile)?;
        self.sign_out(&profile).await
    }

    /// Signs `profile` out as it is given (which may be the settings before
    /// an edit: the refresh token is revoked where it was issued).
    pub(crate) async fn sign_out(&self, profile: &Profile) -> Result<SessionView, ApiError> {
        let _serialised = self.sessions.refreshing.lock().await;
        let name = profile.name.to_string();
        let active = lock(&self.sessions.active).remove(&name);
        // The keychain's is the newest (see `refresh_session`).
        let refresh_token = self
            .keychain
            .get(&profile.name, SecretKind::RefreshToken)?
            .or_else(|| active.as_ref().and_then(|a| a.tokens.refresh_token.clone()));
        let mut view = self.signed_out_view(profile);
        if let Some(token) = refresh_token {
            let client = match active {
                Some(a) if !signs_in_differently(&a.profile, profile) => Ok(a.client),
                _ => self.login_client(profile).await,
            };
            let revoked = match client {
                Ok(client) => client.revoke(&token).await.map_err(ApiError::from),
                Err(e) => Err(e),
            };
            if let Err(e) = revoked {
                view.notice = Some(format!(
                    "Signed out on this machine, but the identity provider did not confirm that the refresh token was revoked, so it stays valid until it expires. {}",
                    e.message
                ));
            }
        }
        self.keychain
            .delete(&profile.name, SecretKind::RefreshToken)?;
        Ok(view)
    }

    /// The session's access or ID token, for the user who asked to see it.
    pub fn session_reveal_token(
        &self,
        profile: Option<&str>,
        which: SessionToken,
    ) -> Result<RevealedToken, ApiError> {
        let profile = self.session_profile(profile)?;
        let active = lock(&self.sessions.active);
        let tokens = active
            .get(profile.name.as_str())
            .filter(|a| !signs_in_differently(&a.profile, &profile))
            .map(|a| &a.tokens)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::SignInRequired,
                    "Not signed in to this profile, so there is no token to show. Sign in first.",
                )
            })?;
        let token = match which {
            SessionToken::Access => Some(&tokens.access_token),
            SessionToken::Id => tokens.id_token.as_ref(),
        };
        let token = token.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                "The session has no ID token (the provider did not return one on refresh).",
            )
        })?;
        Ok(RevealedToken {
            token: token.expose().to_owned(),
        })
    }

    fn signed_out_view(&self, profile: &Profile) -> SessionView {
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

    fn view_of(&self, active: &Active) -> SessionView {
        let tokens = &active.tokens;
        let now = SystemTime::now();
        let empty = Map::new();
        let id_claims = tokens.id_claims.as_ref().unwrap_or(&empty);
        let access_claims = tokens.access_claims.as_ref();
        let text = |claims: &Map<String, Value>, name: &str| {
            claims.get(name).and_then(Value::as_str).map(str::to_owned)
        };
        let user = tokens.subject().map(|sub| SessionUser {
            sub: sub.to_owned(),
            name: text(id_claims, "name").or_else(|| text(id_claims, "nickname")),
            email: text(id_claims, "email"),
            email_verified: id_claims.get("email_verified").and_then(Value::as_bool),
            connection: sub.split_once('|').map(|(p, _)| p.to_owned()),
        });
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
        let refresh_token = match (&tokens.refresh_token, self.keychain.status()) {
            (None, _) => RefreshTokenPlace::None,
            (Some(_), KeychainStatus::Os) => RefreshTokenPlace::Keychain,
            (Some(_), KeychainStatus::MemoryOnly { .. }) => RefreshTokenPlace::Memory,
        };
        SessionView {
            profile: active.profile.name.to_string(),
            issuer: active.profile.issuer.to_string(),
            tenant: idlens_token::tenant_of(active.profile.issuer.as_str()),
            user,
            id_claims: idlens_token::explain_claims(id_claims, now),
            access: Some(AccessView {
                audience: access_claims.and(active.profile.audience.clone()),
                expires_at,
                scopes,
                permissions,
            }),
            refresh_token,
            notice: active.notice.clone(),
        }
    }
}

/// Whether a sign-in made with `old`'s settings is not one for `new`
/// (other settings, such as the Neo4j connection, do not matter to it).
pub(crate) fn signs_in_differently(old: &Profile, new: &Profile) -> bool {
    old.issuer != new.issuer
        || old.provider != new.provider
        || old.client_id != new.client_id
        || old.audience != new.audience
        || old.scopes != new.scopes
}

/// Whether the access token expires within [`REFRESH_AHEAD`] of `now`.
fn refresh_due(tokens: &Tokens, now: SystemTime) -> bool {
    tokens
        .expires_at
        .is_some_and(|at| at <= now + REFRESH_AHEAD)
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
