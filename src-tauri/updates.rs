//! In-app updates through `tauri-plugin-updater`: the functions behind the
//! command table's `shell` and `shell_job` entries (`update_settings`,
//! `update_check`, `update_install`; see `idlens_api::commands`).
//! docs/updates.md describes the whole scheme, from the key pair to the
//! release workflow.
//!
//! Invariants:
//! - Updates are off unless the build has an update endpoint
//!   (`plugins.updater.endpoints` in tauri.conf.json, which only the release
//!   workflow fills in); then `update_check` says so and sends nothing.
//!   `update_settings` never sends anything: the screen asks it first and
//!   contacts the update server only when the user clicks Check.
//! - The public key in that config is the only key trusted. The plugin checks
//!   the downloaded bytes against it (minisign) before it hands them out, and
//!   with `requireSignedVersion` it also refuses a signature made for another
//!   version than the server announces (an older, genuinely signed release
//!   passed off as a newer one). Only a [`Verified`] download is installed,
//!   and only [`fetch`] makes one.
//! - What installs is the update the user was shown: `update_check` keeps it
//!   ([`Found`]) and `update_install` takes that one, never a newer answer.
//!
//! This is the shell's one exception to holding no logic: none of it can be
//! done without Tauri. The rules it shares with the rest of IdLens come from
//! crates (`idlens_http`'s URL and redirect rules, `idlens_job`'s progress).

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use idlens_api::types::{UpdateAvailable, UpdateInstalled, UpdateSettings, UpdateStatus};
use idlens_api::{ApiError, ErrorCode};
use idlens_job::Job;
use tauri::{AppHandle, Manager, Runtime, Url};
use tauri_plugin_updater::{Update, UpdaterExt};
use tokio::sync::Notify;

/// Connecting to the update server.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Between two reads of an answer: a stalled download fails instead of hanging.
const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// A whole check. The plugin reads the manifest without a size limit, so
/// this bounds it too.
const CHECK_TIME_LIMIT: Duration = Duration::from_secs(60);
/// Far more than any IdLens package (the AppImage is the largest, under
/// 100 MiB): a download past it is stopped.
const MAX_DOWNLOAD_BYTES: u64 = 512 * 1024 * 1024;
/// Release notes longer than this are cut for the screen.
const MAX_NOTES_CHARS: usize = 10_000;
/// Error details from outside (a server's answer) are cut to this length.
const MAX_DETAIL_CHARS: usize = 300;

/// Adds the updater plugin and the place for the update a check found. The
/// plugin's own commands stay unreachable: the capability grants none of its
/// `updater:*` permissions, so the webview updates only through ours.
pub(crate) fn register<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(Found::default())
}

/// The update the last check found, until it is installed.
#[derive(Default)]
struct Found(Mutex<Option<Update>>);

/// The found update; every change under the lock is one assignment, so a
/// poisoned lock still holds a whole value.
fn found<R: Runtime>(app: &AppHandle<R>) -> MutexGuard<'_, Option<Update>> {
    app.state::<Found>()
        .inner()
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// `update_settings`: whether this build has updates on, from its config
/// alone.
pub(crate) async fn update_settings<R: Runtime>(
    app: AppHandle<R>,
) -> Result<UpdateSettings, ApiError> {
    Ok(settings(&app)?)
}

/// `update_check`: the newer version the update server offers, if any.
/// With updates off it sends nothing and says so.
pub(crate) async fn update_check<R: Runtime>(app: AppHandle<R>) -> Result<UpdateStatus, ApiError> {
    let settings = settings(&app)?;
    let available = if settings.enabled {
        let update = check(&app).await?;
        let available = update.as_ref().map(announced);
        *found(&app) = update;
        available
    } else {
        None
    };
    Ok(UpdateStatus {
        settings,
        available,
    })
}

/// `update_install`: downloads the update the last check found, lets the
/// plugin verify it, and installs it. When anything fails (or the user
/// cancels) the update stays found, so Install can be tried again.
pub(crate) async fn update_install<R: Runtime>(
    app: AppHandle<R>,
    job: Job,
) -> Result<UpdateInstalled, ApiError> {
    // Taken, not copied: a second install started meanwhile finds nothing.
    let update = found(&app).take().ok_or(UpdateError::NothingFound)?;
    let result = match fetch(&update, &job).await {
        Ok(verified) => install(verified, &job).await,
        Err(refused_or_failed) => Err(refused_or_failed),
    };
    if let Err(e) = result {
        // A check made meanwhile knows better; otherwise the same one again.
        found(&app).get_or_insert(update);
        return Err(e.into());
    }
    Ok(UpdateInstalled {
        version: update.version,
        restart_needed: true,
    })
}

/// Whether updates are on: the build has an update endpoint. Read from the
/// same config the plugin reads, by the plugin's own rules.
fn settings<R: Runtime>(app: &AppHandle<R>) -> Result<UpdateSettings, UpdateError> {
    let value = app.config().plugins.0.get("updater").cloned();
    let config: tauri_plugin_updater::Config = serde_json::from_value(value.unwrap_or_default())
        .map_err(|e| UpdateError::Misconfigured(e.to_string()))?;
    let endpoint = config.endpoints.first().map(host_of);
    Ok(UpdateSettings {
        current_version: app.package_info().version.to_string(),
        enabled: endpoint.is_some(),
        endpoint,
    })
}

/// Host and port only: an endpoint's path or query may carry a token.
fn host_of(endpoint: &Url) -> String {
    match (endpoint.host_str(), endpoint.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => endpoint.scheme().to_owned(),
    }
}

/// Asks the update server; the plugin picks this system's entry of the
/// manifest and compares versions.
async fn check<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Update>, UpdateError> {
    let updater = app
        .updater_builder()
        .configure_client(|client| {
            client
                .connect_timeout(CONNECT_TIMEOUT)
                .read_timeout(READ_TIMEOUT)
                .redirect(idlens_http::redirect_policy(
                    idlens_http::Redirects::FollowSafe,
                ))
        })
        .build()?;
    match tokio::time::timeout(CHECK_TIME_LIMIT, updater.check()).await {
        Ok(result) => Ok(result?),
        Err(_elapsed) => Err(UpdateError::TimedOut),
    }
}

/// What the UI shows of an update. The manifest is not signed: these are
/// texts to show, nothing more.
fn announced(update: &Update) -> UpdateAvailable {
    let date = update.raw_json.get("pub_date").and_then(|d| d.as_str());
    UpdateAvailable {
        version: update.version.clone(),
        date: date.map(str::to_owned),
        notes: update.body.as_deref().map(|n| cut(n, MAX_NOTES_CHARS)),
    }
}

/// An update whose bytes the plugin verified against this build's public key.
struct Verified {
    update: Update,
    bytes: Vec<u8>,
}

/// Downloads `update` with its progress in KiB, stopped by a cancel or past
/// [`MAX_DOWNLOAD_BYTES`]. The plugin checks the signature before it returns
/// the bytes: a refused download never leaves this function.
async fn fetch(update: &Update, job: &Job) -> Result<Verified, UpdateError> {
    idlens_http::check_url(&update.download_url)
        .map_err(|problem| UpdateError::BadManifest(format!("its download address: {problem}")))?;
    job.phase(format!("Downloading IdLens {} (KiB)", update.version), None);
    let too_large = Notify::new();
    let mut meter = Meter::new(job);
    let download = update.download(
        |chunk, total| {
            if !meter.add(chunk, total) {
                too_large.notify_one();
            }
        },
        || job.phase("Checking the signature", None),
    );
    tokio::select! {
        bytes = download => Ok(Verified { update: update.clone(), bytes: bytes? }),
        () = job.cancelled() => Err(UpdateError::Cancelled),
        () = too_large.notified() => Err(UpdateError::TooLarge),
    }
}

/// Counts a download for its job, in KiB.
struct Meter<'a> {
    job: &'a Job,
    bytes: u64,
}

impl<'a> Meter<'a> {
    fn new(job: &'a Job) -> Self {
        Self { job, bytes: 0 }
    }

    /// Counts a chunk; false once the download is, or says it will be,
    /// larger than [`MAX_DOWNLOAD_BYTES`].
    fn add(&mut self, chunk: usize, total: Option<u64>) -> bool {
        if self.bytes == 0 {
            self.job.set_total(total.map(|t| t.div_ceil(1024)));
        }
        let kib_before = self.bytes / 1024;
        self.bytes = self.bytes.saturating_add(chunk as u64);
        self.job.advance(self.bytes / 1024 - kib_before);
        self.bytes <= MAX_DOWNLOAD_BYTES && total.is_none_or(|t| t <= MAX_DOWNLOAD_BYTES)
    }
}

/// Installs verified bytes off the executor: it moves files and may wait for
/// a password prompt. From here on the job can no longer be cancelled. On
/// Windows the plugin starts the installer and ends this process.
async fn install(verified: Verified, job: &Job) -> Result<(), UpdateError> {
    job.check()?;
    job.phase(
        format!("Installing IdLens {}", verified.update.version),
        None,
    );
    let Verified { update, bytes } = verified;
    tauri::async_runtime::spawn_blocking(move || update.install(bytes))
        .await
        .map_err(|e| UpdateError::Unexpected(e.to_string()))??;
    Ok(())
}

/// `text`, cut to `max` characters with an ellipsis.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Why an update could not be checked for or installed. Messages are full
/// sentences that say what to do; none holds an endpoint's path or query.
#[derive(Debug, thiserror::Error)]
enum UpdateError {
    #[error("No update is waiting to be installed: check for updates first.")]
    NothingFound,
    #[error("Updates are off in this build: it has no update endpoint. Install new versions from your package manager or the releases page.")]
    Off,
    #[error("The update server could not be reached or answered with an error ({0}). Check the network connection and try again later.")]
    Unreachable(String),
    #[error("The update server did not answer within {} seconds. Try again later.", CHECK_TIME_LIMIT.as_secs())]
    TimedOut,
    #[error("The update server's answer is not an update IdLens can use ({0}). Try again later; if it stays so, report it.")]
    BadManifest(String),
    #[error("The update server offers no IdLens for this system ({0}). Install new versions from the releases page.")]
    NoBuildForThisSystem(String),
    #[error("The download grew past {} MiB, far more than any IdLens package, and was stopped; nothing was installed. Report it.", MAX_DOWNLOAD_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("The downloaded update failed its signature check ({0}), so nothing was installed: it was not signed with this build's key, was altered after signing, or was signed for another version. Do not install it by other means; report it to the IdLens maintainers.")]
    Refused(String),
    #[error("The downloaded update is not a package this installation of IdLens can install ({0}); nothing was changed. Install the new version from the releases page.")]
    WrongPackage(String),
    #[error("The update could not be installed ({0}). Try again, or install the new version from the releases page.")]
    Install(String),
    #[error("The update was cancelled; nothing was installed.")]
    Cancelled,
    #[error("This build's update settings are wrong ({0}). Report it to the IdLens maintainers.")]
    Misconfigured(String),
    #[error(
        "IdLens hit an internal error while updating ({0}). Report it to the IdLens maintainers."
    )]
    Unexpected(String),
}

impl UpdateError {
    /// The code the UI branches on.
    fn code(&self) -> ErrorCode {
        match self {
            Self::NothingFound
            | Self::Off
            | Self::NoBuildForThisSystem(_)
            | Self::WrongPackage(_) => ErrorCode::NotFound,
            Self::Unreachable(_) | Self::TimedOut | Self::BadManifest(_) | Self::TooLarge => {
                ErrorCode::Network
            }
            Self::Refused(_) => ErrorCode::UpdateRefused,
            Self::Install(_) => ErrorCode::Io,
            Self::Cancelled => ErrorCode::Cancelled,
            Self::Misconfigured(_) | Self::Unexpected(_) => ErrorCode::Internal,
        }
    }
}

impl From<UpdateError> for ApiError {
    fn from(e: UpdateError) -> Self {
        ApiError::new(e.code(), e.to_string())
    }
}

impl From<idlens_job::Cancelled> for UpdateError {
    fn from(_: idlens_job::Cancelled) -> Self {
        Self::Cancelled
    }
}

impl From<tauri_plugin_updater::Error> for UpdateError {
    /// Every variant the plugin has today, each on purpose; the catch-all
    /// is only for variants a later plugin version adds.
    fn from(e: tauri_plugin_updater::Error) -> Self {
        use tauri_plugin_updater::Error as E;
        // Shown inside a sentence of ours, in parentheses.
        let detail = cut(e.to_string().trim_end_matches('.'), MAX_DETAIL_CHARS);
        match e {
            E::EmptyEndpoints => Self::Off,
            // Described without its URL, which may carry a token.
            E::Reqwest(e) => Self::Unreachable(idlens_http::describe_error(&e)),
            E::Network(_) | E::ReleaseNotFound => Self::Unreachable(detail),
            E::Serialization(_) | E::Semver(_) => Self::BadManifest(detail),
            E::TargetNotFound(_)
            | E::TargetsNotFound(_)
            | E::UnsupportedArch
            | E::UnsupportedOs => Self::NoBuildForThisSystem(detail),
            E::Minisign(_)
            | E::Base64(_)
            | E::SignatureUtf8(_)
            | E::SignedVersionMismatch { .. }
            | E::MissingSignedVersion => Self::Refused(detail),
            E::InvalidUpdaterFormat | E::BinaryNotFoundInArchive => Self::WrongPackage(detail),
            E::Io(_)
            | E::FailedToDetermineExtractPath
            | E::TempDirNotOnSameMountPoint
            | E::PreviousAppNotRestored(_)
            | E::TempDirNotFound
            | E::AuthenticationFailed
            | E::DebInstallFailed
            | E::PackageInstallFailed => Self::Install(detail),
            E::UrlParse(_)
            | E::InsecureTransportProtocol
            | E::Http(_)
            | E::InvalidHeaderValue(_)
            | E::InvalidHeaderName(_) => Self::Misconfigured(detail),
            E::FormatDate | E::Tauri(_) => Self::Unexpected(detail),
            _ => Self::Unexpected(detail),
        }
    }
}

#[cfg(test)]
mod tests;
