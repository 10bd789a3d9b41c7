//! Tenant profiles: which Auth0 (or other OpenID) tenant IdLens talks to, how,
//! and which Neo4j graph belongs to it.
//!
//! Invariants:
//! - The config file ([`ProfileStore`]) holds no secret. Its types contain no
//!   [`Secret`](idlens_secret::Secret), so one cannot be written by mistake.
//! - Every read-modify-write of the file ([`ProfileStore::update`]) holds an
//!   OS file lock and re-reads under it, so the app and any number of CLI
//!   processes changing profiles at once never lose a change.
//! - Secrets (refresh tokens, Management API client secrets, Neo4j passwords)
//!   go to the OS keychain through [`Keychain`]; where none is available they
//!   live in memory only and [`KeychainStatus::MemoryOnly`] says why. Never a file.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod file_lock;
mod job_deadline;
mod keychain;
mod model;
mod neo4j_transport;
mod store;

pub use file_lock::{lock_exclusive, LockError};
pub use job_deadline::JobDeadline;
pub use keychain::{
    account as keychain_account, app_account as keychain_app_account, Keychain, KeychainError,
    KeychainStatus, SecretKind, SERVICE as KEYCHAIN_SERVICE,
};
pub use model::{
    GraphMapping, Issuer, ManagementAccess, Neo4jSettings, Profile, ProfileError, ProfileName,
    ProviderSetting, TextField, UrlField, BASE_SCOPES, DEFAULT_CALLBACK_PORT,
};
pub use neo4j_transport::Neo4jTransportWarning;
pub use store::{ProfileFile, ProfileStore, StoreError, CONFIG_DIR_ENV};
