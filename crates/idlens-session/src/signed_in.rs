//! A profile's sign-in once it is made: kept, renewed ahead of expiry,
//! resumed from the keychain, signed out.

use std::sync::Arc;
use std::time::SystemTime;

use idlens_login::{LoginClient, LoginError, Tokens};
use idlens_profile::{KeychainStatus, Profile, SecretKind};
use idlens_secret::Secret;

use crate::locks::refresh_token_key;
use crate::{due, keep_id_token, lock, SessionError, Sessions};

/// A signed-in profile.
pub(crate) struct Active {
    /// The profile as it was at sign-in; editing how it signs in ends the session.
    pub(crate) profile: Profile,
    pub(crate) client: Arc<LoginClient>,
    pub(crate) tokens: Tokens,
    notice: Option<String>,
}

/// A profile's sign-in as callers see it: validated tokens (never to be
/// shown unless the user asks), and something to tell the user.
#[derive(Debug, Clone)]
pub struct Session {
    pub profile: Profile,
    pub tokens: Tokens,
    pub refresh_place: RefreshPlace,
    pub notice: Option<String>,
}

/// Where a session's refresh token is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshPlace {
    None,
    Keychain,
    Memory,
}

/// What signing out did.
#[derive(Debug, Clone, Default)]
pub struct SignedOut {
    /// Why the provider did not confirm the revocation, when it did not.
    pub revocation_failed: Option<String>,
}

/// Whether a sign-in made with `old`'s settings is not one for `new`
/// (other settings, such as the Neo4j connection, do not matter to it).
pub fn signs_in_differently(old: &Profile, new: &Profile) -> bool {
    old.issuer != new.issuer
        || old.provider != new.provider
        || old.client_id != new.client_id
        || old.audience != new.audience
        || old.scopes != new.scopes
}

impl Sessions {
    /// Stores the refresh token and keeps the session. The caller holds the
    /// profile's refresh-token lock.
    pub(crate) async fn establish(
        &self,
        profile: Profile,
        client: Arc<LoginClient>,
        tokens: Tokens,
        notice: Option<String>,
    ) -> Result<Session, SessionError> {
        match &tokens.refresh_token {
            Some(refresh) => {
                self.vault
                    .set(&profile.name, SecretKind::RefreshToken, refresh)
                    .await?
            }
            // A session without one ends when the access token expires; an
            // older refresh token must not outlive the sign-in that replaced it.
            None => {
                self.vault
                    .delete(&profile.name, SecretKind::RefreshToken)
                    .await?
            }
        }
        let notice = notice.or_else(|| self.keeping_notice(&tokens));
        let active = Active {
            profile,
            client,
            tokens,
            notice,
        };
        let session = self.session_of(&active);
        // Tokens for other APIs came from the previous sign-in.
        self.forget_api_tokens(active.profile.name.as_str());
        lock(&self.active).insert(active.profile.name.to_string(), active);
        Ok(session)
    }

    fn keeping_notice(&self, tokens: &Tokens) -> Option<String> {
        if tokens.refresh_token.is_none() {
            return Some("The identity provider issued no refresh token, so this session ends when the access token expires. Allow offline access (refresh tokens) for the API and application to stay signed in.".to_owned());
        }
        match self.vault.status() {
            KeychainStatus::Os => None,
            KeychainStatus::MemoryOnly { reason } => Some(format!(
                "The refresh token is kept in memory only, because {reason}. You will need to sign in again after IdLens exits."
            )),
        }
    }

    pub(crate) fn session_of(&self, active: &Active) -> Session {
        let refresh_place = match (&active.tokens.refresh_token, self.vault.status()) {
            (None, _) => RefreshPlace::None,
            (Some(_), KeychainStatus::Os) => RefreshPlace::Keychain,
            (Some(_), KeychainStatus::MemoryOnly { .. }) => RefreshPlace::Memory,
        };
        Session {
            profile: active.profile.clone(),
            tokens: active.tokens.clone(),
            refresh_place,
            notice: active.notice.clone(),
        }
    }

    /// The profile's session: refreshed first when the access token expires
    /// within [`REFRESH_AHEAD`](crate::REFRESH_AHEAD), and resumed from the
    /// keychain's refresh token after a restart.
    pub async fn current(&self, profile: &Profile) -> Result<Session, SessionError> {
        let name = profile.name.to_string();
        let signed_in_here = {
            let mut active = lock(&self.active);
            match active.get(&name) {
                Some(a) if signs_in_differently(&a.profile, profile) => {
                    // The profile was edited: its tokens are for other settings.
                    active.remove(&name);
                    false
                }
                Some(a) if !due(a.tokens.expires_at) => return Ok(self.session_of(a)),
                Some(_) => true,
                None => false,
            }
        };
        // After a restart (or an edit), only a stored refresh token resumes it.
        if !signed_in_here && !self.has_stored_sign_in(profile).await? {
            return Err(SessionError::NotSignedIn { profile: name });
        }
        self.refresh(profile, false).await
    }

    /// Whether the keychain holds a refresh token for `profile`.
    pub async fn has_stored_sign_in(&self, profile: &Profile) -> Result<bool, SessionError> {
        Ok(self
            .vault
            .get(&profile.name, SecretKind::RefreshToken)
            .await?
            .is_some())
    }

    /// Exchanges the refresh token; unless `force`, only when the access
    /// token is (still) due for it.
    pub async fn refresh(&self, profile: &Profile, force: bool) -> Result<Session, SessionError> {
        let name = profile.name.to_string();
        let _serialised = self.locks.hold(refresh_token_key(&name)).await;
        let (client, in_memory) = {
            let active = lock(&self.active);
            match active.get(&name) {
                Some(a) if signs_in_differently(&a.profile, profile) => (None, None),
                // Another caller refreshed while this one waited for the lock.
                Some(a) if !force && !due(a.tokens.expires_at) => return Ok(self.session_of(a)),
                Some(a) => (Some(Arc::clone(&a.client)), a.tokens.refresh_token.clone()),
                None => (None, None),
            }
        };
        // The keychain first: another IdLens process (the CLI next to the
        // app) may have rotated the token since this one last saw it, and
        // using the spent one would make the provider revoke them all.
        let stored = self
            .vault
            .get(&profile.name, SecretKind::RefreshToken)
            .await?;
        let Some(refresh_token) = stored.or(in_memory) else {
            lock(&self.active).remove(&name);
            return Err(SessionError::NoRefreshToken);
        };
        let client = match client {
            Some(c) => c,
            None => self.login_client(profile).await?,
        };
        match client.refresh(&refresh_token).await {
            Ok(tokens) => {
                let previous = lock(&self.active).get(&name).map(|a| a.tokens.clone());
                let tokens = keep_id_token(tokens, previous.as_ref());
                if tokens.id_claims.is_none() {
                    return Err(SessionError::NoIdToken);
                }
                self.establish(profile.clone(), client, tokens, None).await
            }
            Err(e) => self.refresh_failed(profile, e).await,
        }
    }

    /// After a failed refresh: a dead refresh token is forgotten; a rotated
    /// one is kept; a session whose access token still works goes on, with a
    /// notice. The caller holds the profile's refresh-token lock.
    async fn refresh_failed(
        &self,
        profile: &Profile,
        error: LoginError,
    ) -> Result<Session, SessionError> {
        let name = profile.name.to_string();
        if let LoginError::InvalidGrant { .. } = error {
            lock(&self.active).remove(&name);
            self.vault
                .delete(&profile.name, SecretKind::RefreshToken)
                .await?;
            return Err(SessionError::SignInExpired(error));
        }
        if let LoginError::RejectedAfterRotation { refresh_token, .. } = &error {
            // Keep the newest refresh token so a later refresh can succeed
            // (e.g. once the new signing key is fetched).
            self.keep_rotated(profile, refresh_token).await?;
        }
        let mut active = lock(&self.active);
        if let Some(a) = active.get_mut(&name) {
            let expired = a
                .tokens
                .expires_at
                .is_some_and(|at| at <= SystemTime::now());
            if !expired {
                // Still usable: keep it, and say the refresh failed.
                a.notice = Some(format!(
                    "IdLens could not renew the session; it works until the access token expires. {error}"
                ));
                return Ok(self.session_of(a));
            }
            active.remove(&name);
        }
        Err(SessionError::Login(error))
    }

    /// Stores a refresh token the provider rotated to, in the keychain and
    /// the session. The caller holds the profile's refresh-token lock.
    pub(crate) async fn keep_rotated(
        &self,
        profile: &Profile,
        refresh_token: &Secret,
    ) -> Result<(), SessionError> {
        self.vault
            .set(&profile.name, SecretKind::RefreshToken, refresh_token)
            .await?;
        if let Some(a) = lock(&self.active).get_mut(profile.name.as_str()) {
            a.tokens.refresh_token = Some(refresh_token.clone());
        }
        Ok(())
    }

    /// Signs `profile` out as it is given (which may be the settings before
    /// an edit: the refresh token is revoked where it was issued): revokes the
    /// refresh token at the provider, deletes it from the keychain and forgets
    /// every token. The local part always happens.
    pub async fn sign_out(&self, profile: &Profile) -> Result<SignedOut, SessionError> {
        let name = profile.name.to_string();
        let _serialised = self.locks.hold(refresh_token_key(&name)).await;
        let active = lock(&self.active).remove(&name);
        self.forget_api_tokens(&name);
        // The keychain's is the newest (see `refresh`).
        let stored = self
            .vault
            .get(&profile.name, SecretKind::RefreshToken)
            .await?;
        let refresh_token =
            stored.or_else(|| active.as_ref().and_then(|a| a.tokens.refresh_token.clone()));
        let mut outcome = SignedOut::default();
        if let Some(token) = refresh_token {
            let client = match active {
                Some(a) if !signs_in_differently(&a.profile, profile) => Ok(a.client),
                _ => self.login_client(profile).await,
            };
            let revoked = match client {
                Ok(client) => client.revoke(&token).await.map_err(SessionError::from),
                Err(e) => Err(e),
            };
            outcome.revocation_failed = revoked.err().map(|e| e.to_string());
        }
        self.vault
            .delete(&profile.name, SecretKind::RefreshToken)
            .await?;
        Ok(outcome)
    }

    /// The signed-in session of `profile` as it is now, without renewing it.
    pub fn signed_in(&self, profile: &Profile) -> Option<Session> {
        lock(&self.active)
            .get(profile.name.as_str())
            .filter(|a| !signs_in_differently(&a.profile, profile))
            .map(|a| self.session_of(a))
    }
}
