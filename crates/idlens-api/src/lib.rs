//! The one API behind every IdLens caller: the desktop shell registers these
//! operations as Tauri commands, the CLI calls them directly.
//!
//! - [`Api`] holds the operations. Each returns `Result<_, ApiError>`.
//! - [`types`] holds everything that crosses the IPC boundary. TypeScript
//!   declarations for them and for every command are generated from this crate
//!   into `ui/src/bindings.ts` (see [`typescript`]); a test fails when that
//!   file is stale.
//! - [`ApiError`] crosses as `{code, message}`; the UI branches on [`ErrorCode`].
//!
//! Invariant: no type here implements `Serialize` while holding a secret.
//! Secrets travel only UI → core (as `idlens_secret::Secret`), never back.

mod error;
mod ops;
pub mod qr;
mod session;
pub mod types;
pub mod typescript;

pub use error::{ApiError, ErrorCode};
pub use idlens_token::Report;
pub use ops::Api;
pub use session::REFRESH_AHEAD;
