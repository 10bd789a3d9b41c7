use std::collections::HashMap;
use std::sync::Mutex;

use idlens_secret::Secret;
use serde::{Deserialize, Serialize};

use crate::model::ProfileName;

/// The keychain service name under which every IdLens secret is filed.
pub const SERVICE: &str = "idlens";

/// What a keychain entry holds. Each profile has at most one of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    RefreshToken,
    ManagementClientSecret,
    Neo4jPassword,
}

impl SecretKind {
    pub const ALL: [SecretKind; 3] = [
        SecretKind::RefreshToken,
        SecretKind::ManagementClientSecret,
        SecretKind::Neo4jPassword,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SecretKind::RefreshToken => "refresh-token",
            SecretKind::ManagementClientSecret => "management-client-secret",
            SecretKind::Neo4jPassword => "neo4j-password",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where secrets are kept right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeychainStatus {
    /// The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager).
    Os,
    /// No keychain could be reached; secrets last until IdLens exits.
    MemoryOnly { reason: String },
}

#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    #[error("the OS keychain refused the request: {0}")]
    Os(String),
}

/// The OS keychain, or an in-memory stand-in when there is none.
///
/// Invariant: there is no file fallback. A machine without a keychain keeps
/// secrets only in this process's memory, and [`Keychain::status`] says so.
pub struct Keychain {
    /// Keyed by keychain account, as the OS store is.
    memory: Option<Mutex<HashMap<String, Secret>>>,
    reason: Option<String>,
}

impl Keychain {
    /// Probes the OS keychain once and picks where secrets go.
    pub fn detect() -> Self {
        match probe() {
            Ok(()) => Self {
                memory: None,
                reason: None,
            },
            Err(reason) => Self::memory_only(reason),
        }
    }

    /// A keychain that never touches the OS store (used when the OS one is
    /// unavailable, and by the GUI's "do not remember" choice).
    pub fn memory_only(reason: impl Into<String>) -> Self {
        Self {
            memory: Some(Mutex::new(HashMap::new())),
            reason: Some(reason.into()),
        }
    }

    pub fn status(&self) -> KeychainStatus {
        match &self.reason {
            None => KeychainStatus::Os,
            Some(reason) => KeychainStatus::MemoryOnly {
                reason: reason.clone(),
            },
        }
    }

    pub fn set(
        &self,
        profile: &ProfileName,
        kind: SecretKind,
        secret: &Secret,
    ) -> Result<(), KeychainError> {
        self.set_account(&account(profile, kind), secret)
    }

    pub fn get(
        &self,
        profile: &ProfileName,
        kind: SecretKind,
    ) -> Result<Option<Secret>, KeychainError> {
        self.get_account(&account(profile, kind))
    }

    /// Deletes the entry; deleting a missing entry is not an error.
    pub fn delete(&self, profile: &ProfileName, kind: SecretKind) -> Result<(), KeychainError> {
        self.delete_account(&account(profile, kind))
    }

    /// Stores an entry of IdLens itself, not of one profile (such as the
    /// action log's head). Its account is [`app_account`]`(name)`, which no
    /// profile's account can equal.
    pub fn set_app_entry(&self, name: &str, value: &Secret) -> Result<(), KeychainError> {
        self.set_account(&app_account(name), value)
    }

    /// Reads an entry stored with [`set_app_entry`](Self::set_app_entry).
    pub fn get_app_entry(&self, name: &str) -> Result<Option<Secret>, KeychainError> {
        self.get_account(&app_account(name))
    }

    /// Deletes an entry stored with [`set_app_entry`](Self::set_app_entry);
    /// deleting a missing entry is not an error.
    pub fn delete_app_entry(&self, name: &str) -> Result<(), KeychainError> {
        self.delete_account(&app_account(name))
    }

    fn set_account(&self, account: &str, secret: &Secret) -> Result<(), KeychainError> {
        match &self.memory {
            Some(memory) => {
                lock(memory).insert(account.to_owned(), secret.clone());
                Ok(())
            }
            None => entry(account)?
                .set_password(secret.expose())
                .map_err(os_error),
        }
    }

    fn get_account(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        match &self.memory {
            Some(memory) => Ok(lock(memory).get(account).cloned()),
            None => match entry(account)?.get_password() {
                Ok(value) => Ok(Some(Secret::new(value))),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(os_error(e)),
            },
        }
    }

    fn delete_account(&self, account: &str) -> Result<(), KeychainError> {
        match &self.memory {
            Some(memory) => {
                lock(memory).remove(account);
                Ok(())
            }
            None => match entry(account)?.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(os_error(e)),
            },
        }
    }

    /// Deletes every secret of a profile (used when the profile is removed).
    pub fn delete_all(&self, profile: &ProfileName) -> Result<(), KeychainError> {
        SecretKind::ALL
            .into_iter()
            .try_for_each(|kind| self.delete(profile, kind))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding this lock cannot leave the map half-updated
    // (single insert/remove), so a poisoned lock is still safe to use.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The keychain account for a secret: `{profile}/{kind}` under service `idlens`.
pub fn account(profile: &ProfileName, kind: SecretKind) -> String {
    format!("{}/{}", profile.as_str(), kind.as_str())
}

/// The keychain account of an entry of IdLens itself: `idlens:{name}` under
/// service `idlens`. Profile names have no `:`, so no profile's account
/// (`{profile}/{kind}`) is ever one of these.
pub fn app_account(name: &str) -> String {
    format!("idlens:{name}")
}

fn entry(account: &str) -> Result<keyring::Entry, KeychainError> {
    keyring::Entry::new(SERVICE, account).map_err(os_error)
}

fn os_error(e: keyring::Error) -> KeychainError {
    KeychainError::Os(describe(&e))
}

fn describe(e: &keyring::Error) -> String {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            inner.to_string()
        }
        other => other.to_string(),
    }
}

fn probe() -> Result<(), String> {
    let entry = keyring::Entry::new(SERVICE, "idlens-probe").map_err(|e| describe(&e))?;
    match entry.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(format!(
            "no OS keychain is reachable ({}); on Linux start a Secret Service such as gnome-keyring",
            describe(&e)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_only_keeps_secrets_per_profile_and_kind() {
        let keychain = Keychain::memory_only("test");
        let a = ProfileName::parse("a").unwrap();
        let b = ProfileName::parse("b").unwrap();
        keychain
            .set(&a, SecretKind::Neo4jPassword, &Secret::new("pw-a"))
            .unwrap();
        assert_eq!(
            keychain.get(&a, SecretKind::Neo4jPassword).unwrap(),
            Some(Secret::new("pw-a"))
        );
        assert_eq!(keychain.get(&b, SecretKind::Neo4jPassword).unwrap(), None);
        assert_eq!(keychain.get(&a, SecretKind::RefreshToken).unwrap(), None);
        keychain.delete_all(&a).unwrap();
        assert_eq!(keychain.get(&a, SecretKind::Neo4jPassword).unwrap(), None);
        assert_eq!(
            keychain.status(),
            KeychainStatus::MemoryOnly {
                reason: "test".into()
            }
        );
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in SecretKind::ALL {
            assert_eq!(SecretKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(SecretKind::parse("password"), None);
        assert_eq!(
            account(
                &ProfileName::parse("acme").unwrap(),
                SecretKind::RefreshToken
            ),
            "acme/refresh-token"
        );
    }
}
