//! Headless tests of the real `idlens` binary: the command line a support desk
//! or a script relies on, the profile store, the OS keychain, and the layering
//! rule that keeps Tauri out of `crates/`.
//!
//! Every run of the binary happens without `DISPLAY`/`WAYLAND_DISPLAY`, with a
//! throwaway config directory and HOME, and on a D-Bus session this test owns
//! (or none), so nothing touches the developer's real profiles or keychain.
//! The peers they run against (the keychain session, the sandbox's login
//! page, the test identity provider, a hostile tenant) are `idlens_testkit`'s.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod help;
mod hostile;
mod idlens;
mod inspect;
mod layering;

// These reach the OS keychain. Only on Linux can a test give the binary a
// keychain of its own (a private D-Bus session) or none at all; elsewhere they
// would read and delete entries in the developer's real keychain.
#[cfg(target_os = "linux")]
mod audit;
#[cfg(target_os = "linux")]
mod keychain;
#[cfg(target_os = "linux")]
mod login;
#[cfg(target_os = "linux")]
mod logs;
#[cfg(target_os = "linux")]
mod no_display;
#[cfg(target_os = "linux")]
mod oidc_provider;
#[cfg(target_os = "linux")]
mod profile;
#[cfg(target_os = "linux")]
mod rbac;
#[cfg(target_os = "linux")]
mod setup_script;
#[cfg(target_os = "linux")]
mod support_actions;
#[cfg(target_os = "linux")]
mod support_card;
#[cfg(target_os = "linux")]
mod tenant;
