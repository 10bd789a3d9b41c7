//! Boundary types of in-app updates.

use serde::Serialize;
use ts_rs::TS;

/// Whether this build has updates on, known without asking any server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateSettings {
    /// The version running now.
    pub current_version: String,
    /// False when the build has no update endpoint: updates are off.
    pub enabled: bool,
    /// The update server's host (never its path or query, which may carry a
    /// token); null when updates are off.
    pub endpoint: Option<String>,
}

/// The build's settings, and what its update server offers: with updates
/// off, no server was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStatus {
    #[serde(flatten)]
    pub settings: UpdateSettings,
    /// A newer version the server offers; null when this one is the latest
    /// (or updates are off).
    pub available: Option<UpdateAvailable>,
}

/// A newer version, as the update server announces it. Only its download is
/// signed: these texts are shown, never trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateAvailable {
    pub version: String,
    /// When it was published (RFC 3339), if the server says.
    pub date: Option<String>,
    /// Release notes as plain text, if the server has any.
    pub notes: Option<String>,
}

/// An update whose signature verified and which is now installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInstalled {
    pub version: String,
    /// The running app is still the old version until IdLens is restarted
    /// (Linux and macOS). On Windows the installer closes IdLens and starts
    /// the new one, so this answer never arrives there.
    pub restart_needed: bool,
}
