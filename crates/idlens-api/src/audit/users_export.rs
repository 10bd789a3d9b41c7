//! Every Auth0 user, past the search's 1,000: a users export job, its file
//! downloaded at once (the link is short-lived) and checked to decompress
//! and parse fully before it is kept.

use std::path::{Path, PathBuf};

use idlens_audit::{Auth0Index, ReadOptions};
use idlens_auth0::models::{ExportField, UsersExportRequest as ExportRequest};
use idlens_auth0::ExportLimits;
use idlens_job::Job;
use idlens_profile::Profile;
use tokio::io::AsyncWriteExt;

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
        let folder = export_folder()?;
        let stem = format!("users {}", profile.name);
        let plain = folder.new_path(&stem, idlens_export::Format::Json);
        let dest = plain.with_extension("json.gz");
        self.users_export_to(&profile, request.connection.as_deref(), &dest, &job)
            .await
    }

    /// Exports into the file `dest` (the CLI's `--out`).
    pub async fn users_export_file(
        &self,
        request: UsersExportRequest,
        dest: PathBuf,
        job: Job,
    ) -> Result<UsersExported, ApiError> {
        let profile = self.load_profile(request.profile.clone()).await?;
        self.users_export_to(&profile, request.connection.as_deref(), &dest, &job)
            .await
    }

    /// Exports into `dest`, written whole or not at all.
    pub async fn users_export_to(
        &self,
        profile: &Profile,
        connection: Option<&str>,
        dest: &Path,
        job: &Job,
    ) -> Result<UsersExported, ApiError> {
        let client = self.management(profile)?;
        let connection_id = match connection {
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
        let partial = PartialFile::new(dest);
        let mut file = tokio::fs::File::create(&partial.path)
            .await
            .map_err(|e| io_error(&partial.path, e))?;
        let download = client
            .export_users(&request, &mut file, &ExportLimits::default(), job)
            .await?;
        file.flush().await.map_err(|e| io_error(&partial.path, e))?;
        drop(file);
        job.phase("Checking the export file", None);
        let users = self.check_export(partial.path.clone()).await?;
        partial.commit()?;
        Ok(UsersExported {
            path: dest.display().to_string(),
            file_name: dest
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            users,
            bytes: download.bytes,
        })
    }

    /// Decompresses and parses the whole file: the number of users in it.
    async fn check_export(&self, path: PathBuf) -> Result<u64, ApiError> {
        self.off_executor(move |_, _| {
            let file = std::fs::File::open(&path).map_err(|e| io_error(&path, e))?;
            let options = ReadOptions::new(path.display().to_string());
            let index = Auth0Index::read(std::io::BufReader::new(file), &options)?;
            Ok(index.stats().users)
        })
        .await
    }
}

fn io_error(path: &Path, e: std::io::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Io,
        format!(
            "Could not write {}: {e}. Check the folder exists and has space.",
            path.display()
        ),
    )
}

/// A download in progress beside its destination; removed unless committed.
struct PartialFile {
    path: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl PartialFile {
    fn new(dest: &Path) -> Self {
        let mut name = dest.file_name().unwrap_or_default().to_os_string();
        name.push(".part");
        PartialFile {
            path: dest.with_file_name(name),
            dest: dest.to_owned(),
            committed: false,
        }
    }

    fn commit(mut self) -> Result<(), ApiError> {
        std::fs::rename(&self.path, &self.dest).map_err(|e| io_error(&self.dest, e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
