//! Management API tokens for a profile, from `idlens-session`, handed to
//! the Management API client through its own small trait.

use std::sync::Arc;

use idlens_auth0::{ManagementClient, TokenSource};
use idlens_profile::Profile;
use idlens_secret::Secret;
use idlens_session::Sessions;

use crate::{Api, ApiError};

/// The tokens of one profile for its tenant's Management API.
pub(crate) struct ProfileTokens {
    sessions: Arc<Sessions>,
    profile: Profile,
    audience: String,
}

impl TokenSource for ProfileTokens {
    async fn token(&self) -> Result<Secret, Box<dyn std::error::Error + Send + Sync>> {
        let token = self
            .sessions
            .access_token(&self.profile, &self.audience)
            .await?;
        Ok(token.token)
    }

    fn refused(&self) {
        self.sessions
            .forget_access_token(self.profile.name.as_str(), &self.audience);
    }
}

/// The Management API of a profile's tenant.
pub(crate) type Management = ManagementClient<ProfileTokens>;

impl Api {
    /// A Management API client for `profile`'s tenant (`https://{domain}/api/v2/`,
    /// or the issuer's own `api/v2/` for a loopback sandbox issuer).
    pub(crate) fn management(&self, profile: &Profile) -> Result<Management, ApiError> {
        let audience = profile.issuer.management_audience();
        let tokens = ProfileTokens {
            sessions: Arc::clone(&self.sessions),
            profile: profile.clone(),
            audience: audience.clone(),
        };
        Ok(ManagementClient::new(&audience, tokens)?)
    }
}
