//! The keychain, used from async code: every call runs on the blocking pool.

use std::sync::Arc;

use idlens_profile::{Keychain, KeychainStatus, ProfileName, SecretKind};
use idlens_secret::Secret;

use crate::SessionError;

pub(crate) struct Vault {
    keychain: Arc<Keychain>,
}

impl Vault {
    pub(crate) fn new(keychain: Arc<Keychain>) -> Self {
        Self { keychain }
    }

    pub(crate) fn status(&self) -> KeychainStatus {
        self.keychain.status()
    }

    pub(crate) async fn get(
        &self,
        profile: &ProfileName,
        kind: SecretKind,
    ) -> Result<Option<Secret>, SessionError> {
        let profile = profile.clone();
        self.run(move |k| k.get(&profile, kind)).await
    }

    pub(crate) async fn set(
        &self,
        profile: &ProfileName,
        kind: SecretKind,
        secret: &Secret,
    ) -> Result<(), SessionError> {
        let (profile, secret) = (profile.clone(), secret.clone());
        self.run(move |k| k.set(&profile, kind, &secret)).await
    }

    pub(crate) async fn delete(
        &self,
        profile: &ProfileName,
        kind: SecretKind,
    ) -> Result<(), SessionError> {
        let profile = profile.clone();
        self.run(move |k| k.delete(&profile, kind)).await
    }

    async fn run<T: Send + 'static>(
        &self,
        call: impl FnOnce(&Keychain) -> Result<T, idlens_profile::KeychainError> + Send + 'static,
    ) -> Result<T, SessionError> {
        let keychain = Arc::clone(&self.keychain);
        tokio::task::spawn_blocking(move || call(&keychain))
            .await
            .map_err(|e| SessionError::Interrupted(e.to_string()))?
            .map_err(SessionError::Keychain)
    }
}
