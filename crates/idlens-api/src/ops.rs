use idlens_profile::{
    Issuer, Keychain, Profile, ProfileFile, ProfileName, ProfileStore, SecretKind, BASE_SCOPES,
    DEFAULT_CALLBACK_PORT,
};

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use idlens_token::{CachePolicy, InspectOptions, JwksCache, KeySet, RemoteKeys, Report};

use crate::error::{ApiError, ErrorCode};
use crate::session::{signs_in_differently, Sessions};
use crate::types::{
    AppInfo, InspectRequest, KeySourceInput, ProfileInput, ProfileList, ProfileView, SecretInput,
    SecretKindView, SecretStored,
};

/// The operations every caller uses. Cheap to share: the GUI keeps one in its
/// state, the CLI makes one per run.
pub struct Api {
    pub(crate) store: ProfileStore,
    pub(crate) keychain: Keychain,
    /// One JWKS cache per process, made on first use.
    jwks: OnceLock<Result<Arc<JwksCache>, String>>,
    pub(crate) sessions: Sessions,
}

impl Api {
    pub fn new(store: ProfileStore, keychain: Keychain) -> Self {
        Self {
            store,
            keychain,
            jwks: OnceLock::new(),
            sessions: Sessions::default(),
        }
    }

    /// The process's JWKS cache.
    pub fn jwks(&self) -> Result<&JwksCache, ApiError> {
        self.jwks
            .get_or_init(|| {
                JwksCache::new(CachePolicy::default())
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map(|c| &**c)
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.clone()))
    }

    /// The same cache, shared with the sign-in flows.
    pub(crate) fn jwks_shared(&self) -> Result<Arc<JwksCache>, ApiError> {
        self.jwks()?;
        match self.jwks.get() {
            Some(Ok(cache)) => Ok(Arc::clone(cache)),
            _ => Err(ApiError::new(
                ErrorCode::Internal,
                "the key cache is unavailable",
            )),
        }
    }

    /// Decodes, explains and verifies a pasted token. Never sends the token
    /// anywhere; key problems come back as failed checks in the report.
    pub async fn token_inspect(&self, request: InspectRequest) -> Result<Report, ApiError> {
        let mut opts = InspectOptions {
            issuer: non_empty(request.issuer),
            audiences: request
                .audiences
                .into_iter()
                .filter_map(|a| non_empty(Some(a)))
                .collect(),
            nonce: non_empty(request.nonce),
            authorized_party: non_empty(request.authorized_party),
            ..InspectOptions::default()
        };
        if let Some(secs) = request.leeway_secs {
            opts.leeway = Duration::from_secs(secs.min(24 * 60 * 60));
        }
        let token = request.token.expose().trim();
        let remote = match request.keys {
            KeySourceInput::None => return Ok(idlens_token::inspect(token, &opts, None)),
            KeySourceInput::Text { text } => {
                return Ok(match KeySet::from_text(&text, "pasted keys") {
                    Ok(keys) => idlens_token::inspect(token, &opts, Some(&keys)),
                    Err(e) => idlens_token::inspect_without_keys(token, &opts, &e),
                })
            }
            KeySourceInput::HmacSecret { secret } => {
                return Ok(match KeySet::from_hmac_secret(secret) {
                    Ok(keys) => idlens_token::inspect(token, &opts, Some(&keys)),
                    Err(e) => idlens_token::inspect_without_keys(token, &opts, &e),
                })
            }
            KeySourceInput::Profile { name } => {
                let file = self.store.load()?;
                let profile = file.resolve(name.as_deref())?;
                if opts.audiences.is_empty() {
                    opts.audiences = profile
                        .audience
                        .iter()
                        .cloned()
                        .chain([profile.client_id.clone()])
                        .collect();
                }
                RemoteKeys::Issuer(profile.issuer.to_string())
            }
            KeySourceInput::Issuer { url } => RemoteKeys::Issuer(url.trim().to_owned()),
            KeySourceInput::JwksUrl { url } => RemoteKeys::JwksUrl(url.trim().to_owned()),
        };
        Ok(idlens_token::inspect_remote(token, &opts, self.jwks()?, &remote).await)
    }

    /// The OS config directory (or `$IDLENS_CONFIG_DIR`) and the OS keychain,
    /// falling back to memory-only secrets when there is none.
    pub fn open_default() -> Result<Self, ApiError> {
        Ok(Self::new(ProfileStore::open_default()?, Keychain::detect()))
    }

    pub fn keychain(&self) -> &Keychain {
        &self.keychain
    }

    pub fn store(&self) -> &ProfileStore {
        &self.store
    }

    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            config_path: self.store.path().display().to_string(),
            keychain: self.keychain.status().into(),
            default_callback_port: DEFAULT_CALLBACK_PORT,
            base_scopes: BASE_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    pub fn profile_list(&self) -> Result<ProfileList, ApiError> {
        let file = self.store.load()?;
        let profiles = file
            .profiles
            .iter()
            .map(|p| self.view(p))
            .collect::<Result<_, _>>()?;
        Ok(ProfileList {
            profiles,
            current: file.current.map(String::from),
            config_path: self.store.path().display().to_string(),
            keychain: self.keychain.status().into(),
        })
    }

    /// The named profile, or the one in use.
    pub fn profile(&self, name: Option<&str>) -> Result<ProfileView, ApiError> {
        let file = self.store.load()?;
        self.view(file.resolve(name)?)
    }

    /// Adds a new profile; fails if the name is taken.
    pub fn profile_add(&self, input: ProfileInput) -> Result<ProfileView, ApiError> {
        let profile = profile_from_input(input, None)?;
        self.store.update(|f| f.add(profile.clone()))?;
        self.view(&profile)
    }

    /// Replaces an existing profile's settings. Secrets are kept, except the
    /// sign-in when the issuer, provider, client, API or scopes change: its
    /// refresh token is for the old settings (a refresh cannot change the API
    /// or add scopes), so it is revoked and deleted, and the user signs in again.
    pub async fn profile_update(&self, input: ProfileInput) -> Result<ProfileView, ApiError> {
        let file = self.store.load()?;
        let existing = file.resolve(Some(&input.name))?.clone();
        let profile = profile_from_input(input, Some(&existing))?;
        self.store.update(|f| f.upsert(profile.clone()))?;
        if signs_in_differently(&existing, &profile) {
            self.sign_out(&existing).await?;
        }
        self.view(&profile)
    }

    /// Removes a profile: signs it out (revoking its refresh token), deletes
    /// every secret it had, then the profile. Secrets go first: if the
    /// keychain refuses, the profile stays and nothing is orphaned.
    pub async fn profile_remove(&self, name: &str) -> Result<ProfileList, ApiError> {
        let file = self.store.load()?;
        let profile = file.resolve(Some(name))?.clone();
        self.sign_out(&profile).await?;
        self.keychain.delete_all(&profile.name)?;
        self.store.update(|f| f.remove(name))?;
        self.profile_list()
    }

    pub fn profile_use(&self, name: &str) -> Result<ProfileList, ApiError> {
        self.store
            .update(|f: &mut ProfileFile| f.use_profile(name))?;
        self.profile_list()
    }

    /// Stores a secret of a profile in the keychain (or memory, see
    /// [`KeychainView::MemoryOnly`]).
    pub fn profile_set_secret(&self, input: SecretInput) -> Result<SecretStored, ApiError> {
        let file = self.store.load()?;
        let profile = file.resolve(Some(&input.profile))?;
        if input.value.expose().trim().is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "the secret is empty: paste the value, or use \"Forget\" to remove a stored one",
            )
            .with_field("value"));
        }
        self.keychain
            .set(&profile.name, input.kind.into(), &input.value)?;
        Ok(SecretStored {
            kind: input.kind,
            keychain: self.keychain.status().into(),
        })
    }

    pub fn profile_clear_secret(
        &self,
        profile: &str,
        kind: SecretKindView,
    ) -> Result<ProfileView, ApiError> {
        let file = self.store.load()?;
        let profile = file.resolve(Some(profile))?;
        self.keychain.delete(&profile.name, kind.into())?;
        self.view(profile)
    }

    fn view(&self, profile: &Profile) -> Result<ProfileView, ApiError> {
        let mut stored = Vec::new();
        for kind in SecretKind::ALL {
            if self.keychain.get(&profile.name, kind)?.is_some() {
                stored.push(kind.into());
            }
        }
        Ok(ProfileView::new(profile, stored))
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn profile_from_input(
    input: ProfileInput,
    existing: Option<&Profile>,
) -> Result<Profile, ApiError> {
    let profile = Profile {
        name: ProfileName::parse(input.name.trim())?,
        issuer: Issuer::parse(&input.issuer)?,
        provider: input
            .provider
            .map(Into::into)
            .or(existing.map(|p| p.provider))
            .unwrap_or_default(),
        client_id: input.client_id.trim().to_owned(),
        audience: non_empty(input.audience),
        callback_port: input
            .callback_port
            .or(existing.map(|p| p.callback_port))
            .unwrap_or(DEFAULT_CALLBACK_PORT),
        scopes: input
            .scopes
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        management: input
            .management
            .map(Into::into)
            .or(existing.map(|p| p.management.clone()))
            .unwrap_or_default(),
        neo4j: input.neo4j.map(Into::into),
    };
    profile.validate()?;
    Ok(profile)
}
