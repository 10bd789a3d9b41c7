//! Profiles: the tenants IdLens knows, which one is in use, and their secrets
//! in the keychain. Everything here reads or writes the profile file or the
//! keychain, so the synchronous operations are `blocking` commands and the
//! `async` ones do that work through [`Api::off_executor`].

pub mod types;

use idlens_profile::{
    Issuer, JobDeadline, Keychain, Neo4jSettings, Profile, ProfileFile, ProfileName, ProfileStore,
    SecretKind, BASE_SCOPES, DEFAULT_CALLBACK_PORT,
};

use crate::error::{ApiError, ErrorCode};
use crate::types::{
    AppInfo, Neo4jInput, ProfileInput, ProfileList, ProfileView, SecretInput, SecretKindView,
    SecretStored,
};
use crate::{non_empty, Api};
use idlens_session::signs_in_differently;

impl Api {
    pub fn app_info(&self) -> Result<AppInfo, ApiError> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            config_path: self.store.path().display().to_string(),
            keychain: self.keychain.status().into(),
            default_callback_port: DEFAULT_CALLBACK_PORT,
            base_scopes: BASE_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
        })
    }

    pub fn profile_list(&self) -> Result<ProfileList, ApiError> {
        list(&self.store, &self.keychain)
    }

    /// The named profile, or the one in use.
    pub fn profile(&self, name: Option<&str>) -> Result<ProfileView, ApiError> {
        let file = self.store.load()?;
        view(&self.keychain, file.resolve(name)?)
    }

    /// The named profile (or the one in use) as stored, read off the executor.
    pub(crate) async fn load_profile(&self, name: Option<String>) -> Result<Profile, ApiError> {
        self.off_executor(move |store, _| Ok(store.load()?.resolve(name.as_deref())?.clone()))
            .await
    }

    /// Adds a new profile; fails if the name is taken.
    pub fn profile_add(&self, input: ProfileInput) -> Result<ProfileView, ApiError> {
        let profile = profile_from_input(input, None)?;
        self.store.update(|f| f.add(profile.clone()))?;
        view(&self.keychain, &profile)
    }

    /// Replaces an existing profile's settings. Secrets are kept, except the
    /// sign-in when the issuer, provider, client, API or scopes change: its
    /// refresh token is for the old settings (a refresh cannot change the API
    /// or add scopes), so it is revoked and deleted, and the user signs in again.
    pub async fn profile_update(&self, input: ProfileInput) -> Result<ProfileView, ApiError> {
        let (existing, profile) = self
            .off_executor(move |store, _| {
                let existing = store.load()?.resolve(Some(&input.name))?.clone();
                let profile = profile_from_input(input, Some(&existing))?;
                store.update(|f| f.upsert(profile.clone()))?;
                Ok((existing, profile))
            })
            .await?;
        if signs_in_differently(&existing, &profile) {
            self.sign_out(&existing).await?;
        }
        self.off_executor(move |_, keychain| view(keychain, &profile))
            .await
    }

    /// Removes a profile: signs it out (revoking its refresh token), deletes
    /// every secret it had, then the profile. Secrets go first: if the
    /// keychain refuses, the profile stays and nothing is orphaned.
    pub async fn profile_remove(&self, name: String) -> Result<ProfileList, ApiError> {
        let profile = self.load_profile(Some(name.clone())).await?;
        self.sign_out(&profile).await?;
        self.off_executor(move |store, keychain| {
            keychain.delete_all(&profile.name)?;
            store.update(|f| f.remove(&name))?;
            list(store, keychain)
        })
        .await
    }

    pub fn profile_use(&self, name: String) -> Result<ProfileList, ApiError> {
        self.store
            .update(|f: &mut ProfileFile| f.use_profile(&name))?;
        self.profile_list()
    }

    /// Stores a secret of a profile in the keychain (or memory, see
    /// [`KeychainView::MemoryOnly`](crate::types::KeychainView::MemoryOnly)).
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
        profile: String,
        kind: SecretKindView,
    ) -> Result<ProfileView, ApiError> {
        let file = self.store.load()?;
        let profile = file.resolve(Some(&profile))?;
        self.keychain.delete(&profile.name, kind.into())?;
        view(&self.keychain, profile)
    }
}

fn list(store: &ProfileStore, keychain: &Keychain) -> Result<ProfileList, ApiError> {
    let file = store.load()?;
    let profiles = file
        .profiles
        .iter()
        .map(|p| view(keychain, p))
        .collect::<Result<_, _>>()?;
    Ok(ProfileList {
        profiles,
        current: file.current.map(String::from),
        config_path: store.path().display().to_string(),
        keychain: keychain.status().into(),
    })
}

fn view(keychain: &Keychain, profile: &Profile) -> Result<ProfileView, ApiError> {
    let mut stored = Vec::new();
    for kind in SecretKind::ALL {
        if keychain.get(&profile.name, kind)?.is_some() {
            stored.push(kind.into());
        }
    }
    Ok(ProfileView::new(profile, stored))
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
        neo4j: input
            .neo4j
            .map(|n| neo4j_from_input(n, existing.and_then(|p| p.neo4j.as_ref()))),
        export_job_deadline: match input.export_job_deadline.as_deref().map(str::trim) {
            None => existing.map(|p| p.export_job_deadline).unwrap_or_default(),
            Some("") => JobDeadline::default(),
            Some(text) => JobDeadline::parse(text)?,
        },
        log_retention_days: match input.log_retention_days {
            None => existing.and_then(|p| p.log_retention_days),
            Some(0) => None,
            Some(days) => Some(days),
        },
    };
    profile.validate()?;
    if let Some(neo4j) = &profile.neo4j {
        crate::graph::mapping_of(neo4j)?;
    }
    Ok(profile)
}

/// The settings entered; a mapping left out keeps the one stored before.
fn neo4j_from_input(input: Neo4jInput, existing: Option<&Neo4jSettings>) -> Neo4jSettings {
    let kept = input
        .mapping
        .is_none()
        .then(|| existing.map(|e| e.mapping.clone()))
        .flatten();
    let mut settings = Neo4jSettings::from(input);
    if let Some(mapping) = kept {
        settings.mapping = mapping;
    }
    settings
}
