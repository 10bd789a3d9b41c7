//! In-app updates, as far as the core knows them: only their boundary types.
//!
//! Checking for, downloading and installing an update is the one thing the
//! desktop shell does itself (`src-tauri/updates.rs`, the table's `shell`
//! commands): it replaces the running app, which takes Tauri's `AppHandle`
//! and its updater plugin, and the CLI has no use for it.

pub mod types;
