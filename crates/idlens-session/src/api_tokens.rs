//! Tokens for the other APIs of a profile's tenant (the Management API),
//! cached per (profile, audience) until shortly before they expire.
//!
//! Where a token comes from is the profile's `management` setting:
//! client credentials of a machine-to-machine application (its secret in the
//! keychain), or the signed-in user's refresh token asked for the API.

use std::time::SystemTime;

use idlens_login::{ApiToken, LoginError};
use idlens_profile::{ManagementAccess, Profile, SecretKind};
use idlens_secret::Secret;

use crate::locks::{client_credentials_key, refresh_token_key};
use crate::{due, lock, SessionError, Sessions};

/// An access token for an API, with what it grants.
#[derive(Debug, Clone)]
pub struct AccessToken {
    pub token: Secret,
    pub expires_at: Option<SystemTime>,
    pub scopes: Vec<String>,
}

/// A cached token, and the profile settings it was made with.
pub(crate) struct Cached {
    token: AccessToken,
    made_with: ManagementAccess,
}

impl Sessions {
    /// A token for `audience` (an API of the profile's tenant), as the
    /// profile's Management API setting says to get one. Cached until
    /// [`REFRESH_AHEAD`](crate::REFRESH_AHEAD) before it expires; concurrent
    /// callers for the same (profile, API) wait for one request.
    pub async fn access_token(
        &self,
        profile: &Profile,
        audience: &str,
    ) -> Result<AccessToken, SessionError> {
        let name = profile.name.as_str();
        let key = match &profile.management {
            ManagementAccess::Disabled => {
                return Err(SessionError::ManagementDisabled {
                    profile: name.to_owned(),
                })
            }
            ManagementAccess::ClientCredentials { .. } => client_credentials_key(name, audience),
            ManagementAccess::SignedInUser => refresh_token_key(name),
        };
        let _serialised = self.locks.hold(key).await;
        if let Some(token) = self.cached(profile, audience) {
            return Ok(token);
        }
        let token = match &profile.management {
            ManagementAccess::ClientCredentials { client_id } => {
                self.by_client_credentials(profile, client_id, audience)
                    .await?
            }
            _ => self.by_refresh_token(profile, audience).await?,
        };
        lock(&self.api_tokens).insert(
            (name.to_owned(), audience.to_owned()),
            Cached {
                token: token.clone(),
                made_with: profile.management.clone(),
            },
        );
        Ok(token)
    }

    /// Drops the cached token for (profile, audience): the API refused it
    /// (revoked, or the grant changed), so the next call gets a new one.
    pub fn forget_access_token(&self, profile: &str, audience: &str) {
        lock(&self.api_tokens).remove(&(profile.to_owned(), audience.to_owned()));
    }

    pub(crate) fn forget_api_tokens(&self, profile: &str) {
        lock(&self.api_tokens).retain(|(p, _), _| p != profile);
    }

    fn cached(&self, profile: &Profile, audience: &str) -> Option<AccessToken> {
        let tokens = lock(&self.api_tokens);
        let cached = tokens.get(&(profile.name.to_string(), audience.to_owned()))?;
        (cached.made_with == profile.management && !due(cached.token.expires_at))
            .then(|| cached.token.clone())
    }

    async fn by_client_credentials(
        &self,
        profile: &Profile,
        client_id: &str,
        audience: &str,
    ) -> Result<AccessToken, SessionError> {
        let secret = self
            .vault
            .get(&profile.name, SecretKind::ManagementClientSecret)
            .await?
            .ok_or_else(|| SessionError::NoClientSecret {
                profile: profile.name.to_string(),
            })?;
        let client = self.login_client(profile).await?;
        let token = client
            .client_credentials(client_id, &secret, audience)
            .await?;
        Ok(access_token(token))
    }

    /// The signed-in user's refresh token exchanged for `audience`. The
    /// caller holds the profile's refresh-token lock; a rotated refresh token
    /// is stored, as after any refresh.
    async fn by_refresh_token(
        &self,
        profile: &Profile,
        audience: &str,
    ) -> Result<AccessToken, SessionError> {
        let in_memory = self.signed_in(profile).and_then(|s| s.tokens.refresh_token);
        let stored = self
            .vault
            .get(&profile.name, SecretKind::RefreshToken)
            .await?;
        let refresh_token = stored
            .or(in_memory)
            .ok_or_else(|| SessionError::NotSignedIn {
                profile: profile.name.to_string(),
            })?;
        let client = self.login_client(profile).await?;
        match client.refresh_for_audience(&refresh_token, audience).await {
            Ok(token) => {
                if let Some(rotated) = &token.refresh_token {
                    self.keep_rotated(profile, rotated).await?;
                }
                Ok(access_token(token))
            }
            Err(error) => {
                if let LoginError::RejectedAfterRotation { refresh_token, .. } = &error {
                    self.keep_rotated(profile, refresh_token).await?;
                }
                if let LoginError::InvalidGrant { .. } = error {
                    lock(&self.active).remove(profile.name.as_str());
                    self.vault
                        .delete(&profile.name, SecretKind::RefreshToken)
                        .await?;
                    return Err(SessionError::SignInExpired(error));
                }
                Err(error.into())
            }
        }
    }
}

fn access_token(token: ApiToken) -> AccessToken {
    AccessToken {
        token: token.access_token,
        expires_at: token.expires_at,
        scopes: token.scopes,
    }
}
