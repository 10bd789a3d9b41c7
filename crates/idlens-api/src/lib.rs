//! The one API behind every IdLens caller: the desktop shell registers these
//! operations as Tauri commands, the CLI calls them directly.
//!
//! - [`Api`] holds the operations, one module per domain: [`profiles`],
//!   [`inspect`], [`session`], [`rbac`], [`graph`], [`audit`], [`support`], [`jobs`],
//!   [`exports`], [`actions`] (the action log) and [`updates`]. Each returns
//!   `Result<_, ApiError>`.
//! - [`commands`] declares every command once (name, arguments, result, and
//!   its kind); the shell's handlers, its permissions and the TypeScript
//!   bindings ([`typescript`], which walks the types the table names and
//!   exports the enumerated tables such as `FINDING_KINDS`) are all made
//!   from that one table.
//! - [`types`] gathers everything that crosses the IPC boundary from the
//!   domain modules that own it.
//! - [`ApiError`] crosses as `{code, message}`; the UI branches on [`ErrorCode`].
//!
//! Invariants:
//! - No type here implements `Serialize` while holding a secret. Secrets
//!   travel only UI → core (as `idlens_secret::Secret`), never back.
//! - `async` operations never block the executor: file and keychain work runs
//!   on the blocking pool ([`Api::off_executor`]); `blocking` ones are run
//!   there by their caller (the shell through the command table).
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

pub mod actions;
pub mod audit;
pub mod commands;
mod error;
pub mod exports;
pub mod graph;
pub mod inspect;
pub mod jobs;
pub mod logs;
pub mod profiles;
pub mod rbac;
pub mod session;
pub mod support;
pub mod types;
pub mod typescript;
pub mod updates;

use std::sync::Arc;

use idlens_profile::{Keychain, ProfileStore};
use idlens_session::Sessions;
use idlens_token::{CachePolicy, JwksCache};

pub use audit::AuditWritten;
pub use error::{ApiError, ErrorCode};
pub use idlens_audit::Summary as AuditSummary;
pub use idlens_token::Report;
pub use session::qr;
pub use session::REFRESH_AHEAD;

/// The operations every caller uses. Cheap to share: the GUI keeps one in its
/// state, the CLI makes one per run.
pub struct Api {
    pub(crate) store: ProfileStore,
    pub(crate) keychain: Arc<Keychain>,
    /// One JWKS cache per process, shared with sign-in.
    jwks: Arc<JwksCache>,
    pub(crate) sessions: Arc<Sessions>,
    pub(crate) jobs: jobs::Jobs,
    pub(crate) rbac: rbac::Loaded,
    pub(crate) audit: audit::Loaded,
    pub(crate) graphs: graph::Connections,
}

impl Api {
    /// Fails only when no HTTP client can be made (no TLS backend).
    pub fn new(store: ProfileStore, keychain: Keychain) -> Result<Self, ApiError> {
        let keychain = Arc::new(keychain);
        let jwks = Arc::new(JwksCache::new(CachePolicy::default())?);
        Ok(Self {
            sessions: Arc::new(Sessions::new(Arc::clone(&keychain), Arc::clone(&jwks))),
            jobs: jobs::Jobs::default(),
            rbac: rbac::Loaded::default(),
            audit: audit::Loaded::default(),
            graphs: graph::Connections::default(),
            store,
            keychain,
            jwks,
        })
    }

    /// The OS config directory (or `$IDLENS_CONFIG_DIR`) and the OS keychain,
    /// falling back to memory-only secrets when there is none.
    pub fn open_default() -> Result<Self, ApiError> {
        Self::new(ProfileStore::open_default()?, Keychain::detect())
    }

    pub fn keychain(&self) -> &Keychain {
        &self.keychain
    }

    pub fn store(&self) -> &ProfileStore {
        &self.store
    }

    /// The process's JWKS cache.
    pub fn jwks(&self) -> &JwksCache {
        &self.jwks
    }

    /// Runs file or keychain work on the blocking pool, so an `async`
    /// operation never holds up the executor it runs on (Tauri's, or the
    /// CLI's single thread).
    pub(crate) async fn off_executor<T: Send + 'static>(
        &self,
        work: impl FnOnce(&ProfileStore, &Keychain) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self.store.clone();
        let keychain = Arc::clone(&self.keychain);
        tokio::task::spawn_blocking(move || work(&store, &keychain))
            .await
            .unwrap_or_else(|e| {
                Err(ApiError::new(
                    ErrorCode::Internal,
                    format!("an IdLens task failed: {e}"),
                ))
            })
    }
}

/// Locks `m`; a panic elsewhere while it was held leaves data that is still
/// whole (every change under these locks is one assignment), so poisoning is
/// ignored.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// `s` trimmed, or `None` when that leaves nothing.
pub(crate) fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}
