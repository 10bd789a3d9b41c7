//! IdLens's test kit: the peers its tests run against and the checks they
//! share, in one place instead of copied between test binaries or included
//! across crates with `#[path]`.
//!
//! It is only ever a dev-dependency: product code never links it
//! (`tests/cli/layering.rs` fails a normal dependency on it). Each module
//! is behind the feature of the same peer (`Cargo.toml`), so a crate's tests
//! build only what they use. Everything here panics with a message on
//! failure: it is test code.

// Test code is exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

#[cfg(feature = "canned-http")]
pub mod canned_http;
#[cfg(feature = "export")]
pub mod export;
#[cfg(feature = "hostile-tenant")]
pub mod hostile_tenant;
#[cfg(feature = "idp")]
pub mod idp;
#[cfg(all(feature = "keychain", unix))]
pub mod keychain_session;
#[cfg(feature = "sandbox")]
pub mod login_page;
pub mod loopback;
#[cfg(feature = "neo4j")]
pub mod neo4j;
#[cfg(feature = "sandbox")]
pub mod tenant_tokens;

/// The repository's root (test peers live under its `tests/` and `scripts/`).
#[cfg(any(feature = "idp", feature = "neo4j"))]
fn repository() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
