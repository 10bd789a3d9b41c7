//! Every Auth0 user, past the search's 1,000: a users export job, its file
//! downloaded at once (the link is short-lived) and checked to decompress
//! and parse fully before it is kept.
//!
//! The download goes into an [`AtomicFile`]: a temporary file with a random
//! name, created exclusively and mode 0600, moved into place only once the
//! check passed. A new file in the export folder never replaces another,
//! even one another export made in the same second.

use std::path::PathBuf;

use idlens_audit::ReadOptions;
use idlens_auth0::models::{ExportField, UsersExportRequest as ExportRequest};
use idlens_auth0::ExportLimits;
use idlens_export::{AtomicFile, Committed};
use idlens_job::Job;
use idlens_profile::{JobDeadline, Profile};
use tokio::io::AsyncWriteExt;

use super::sources::read_users;
use crate::exports::export_folder;
use crate::types::{UsersExportRequest, UsersExported};
use crate::{Api, ApiError, ErrorCode};

/// The fields the audit reads (docs/audit.md, "Inputs").
const AUDIT_FIELDS: [&str; 8] = [
    "user_id",
    "email",
    "email_verified",
    "name",
    "identities",
    "created_at",
    "last_login",
    "logins_count",
];

impl Api {
    /// Exports into the export folder (`idlens-users-{profile}-….json.gz`).
    pub async fn users_export(
        &self,
        request: UsersExportRequest,
        job: Job,
    ) -> Result<UsersExported, ApiError> {
        let profile = self.load_profile(request.profile.clone()).await?;
        let stem = format!("users {}", profile.name);
        let file = self
            .off_executor(move |_, _| Ok(export_folder()?.create(&stem, "json.gz")?))
            .await?;
        self.users_export_into(&profile, &request, file, &job).await
    }

    /// Exports into the file `dest` (the CLI's `--out`), replacing it.
    pub async fn users_export_file(
        &self,
        request: UsersExportRequest,
        dest: PathBuf,
        job: Job,
    ) -> Result<UsersExported, ApiError> {
        let profile = self.load_profile(request.profile.clone()).await?;
        let file = self
            .off_executor(move |_, _| Ok(AtomicFile::create(&dest)?))
            .await?;
        self.users_export_into(&profile, &request, file, &job).await
    }

    /// Exports into `file`, committed only when the export is whole and
    /// checked; an error or a cancel leaves nothing.
    pub(super) async fn users_export_into(
        &self,
        profile: &Profile,
        request: &UsersExportRequest,
        file: AtomicFile,
        job: &Job,
    ) -> Result<UsersExported, ApiError> {
        let limits = export_limits(profile, request.job_deadline.as_deref())?;
        let client = self.management(profile)?;
        let connection_id = match request.connection.as_deref() {
            None => None,
            Some(name) => Some(client.connection_id_by_name(name, job).await?.ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("The tenant has no connection named {name:?}: check the name (Authentication → Database, Social or Enterprise in the Auth0 dashboard)."),
                )
            })?),
        };
        let request = ExportRequest {
            connection_id,
            fields: AUDIT_FIELDS.iter().map(|f| ExportField::new(f)).collect(),
        };
        let mut out = tokio::fs::File::from_std(file.try_clone_file()?);
        client
            .export_users(&request, &mut out, &limits, job)
            .await?;
        out.flush().await.map_err(|e| file.error(e))?;
        drop(out);
        job.phase("Checking the export file", None);
        let (users, committed) = self.check_and_commit(file, job.clone()).await?;
        Ok(UsersExported {
            path: committed.path.display().to_string(),
            file_name: committed
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            users,
            bytes: committed.bytes,
        })
    }

    /// Decompresses and parses the whole file, then commits it: the number
    /// of users in it. A cancel stops the reading, and nothing is kept.
    async fn check_and_commit(
        &self,
        file: AtomicFile,
        job: Job,
    ) -> Result<(u64, Committed), ApiError> {
        self.off_executor(move |_, _| {
            let name = file.path().display().to_string();
            let input = std::io::BufReader::new(file.reopen()?);
            let index = read_users(input, &ReadOptions::new(name), &job)?;
            Ok((index.stats().users, file.commit()?))
        })
        .await
    }
}

/// The export's bounds: the job deadline given for this run (`--job-deadline`),
/// else the profile's setting.
fn export_limits(profile: &Profile, deadline: Option<&str>) -> Result<ExportLimits, ApiError> {
    let deadline = match deadline {
        None => profile.export_job_deadline,
        Some(text) => {
            JobDeadline::parse(text).map_err(|e| ApiError::from(e).with_field("jobDeadline"))?
        }
    };
    Ok(ExportLimits {
        job_deadline: deadline.duration(),
        ..ExportLimits::default()
    })
}
