//! The loaded RBAC as files: a role's members as CSV or JSON, the whole
//! snapshot document, and the snapshot documents already saved (to compare).

use std::path::Path;

use idlens_export::Format;

use super::{diff::read_snapshot, loaded_role, matching_members};
use crate::exports::{saved_files, write_bytes, write_rows};
use crate::types::{ExportSaved, MembersExport, SnapshotFile};
use crate::{Api, ApiError, ErrorCode};

/// Saved snapshot documents are named `idlens-rbac-snapshot-…json`.
const SNAPSHOT_STEM: &str = "rbac-snapshot";
/// The newest saved snapshots listed.
const LISTED: usize = 50;

impl Api {
    /// Saves the members of a loaded role (those the filter matches).
    pub fn rbac_members_export(&self, request: MembersExport) -> Result<ExportSaved, ApiError> {
        let snapshot = self.loaded(request.profile.as_deref())?;
        let role = loaded_role(&snapshot, &request.role_id)?;
        let columns = ["user_id", "email", "name"].map(str::to_owned);
        let saved = write_rows(
            &format!("members of {}", role.name),
            request.format.into(),
            &columns,
            |writer| {
                matching_members(role, request.filter.as_deref()).try_for_each(|m| {
                    writer.row(&[
                        m.user_id.as_str(),
                        m.email.as_deref().unwrap_or(""),
                        m.name.as_deref().unwrap_or(""),
                    ])
                })
            },
        )?;
        Ok(saved.into())
    }

    /// Saves the loaded snapshot of a profile's tenant as a document that
    /// `rbac_diff` (and `idlens rbac diff`) compares.
    pub fn rbac_snapshot_save(&self, profile: Option<String>) -> Result<ExportSaved, ApiError> {
        let snapshot = self.loaded(profile.as_deref())?;
        let text = serde_json::to_vec_pretty(&*snapshot).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("the snapshot did not serialize: {e}"),
            )
        })?;
        let name = format!("{SNAPSHOT_STEM} {}", snapshot.tenant);
        Ok(write_bytes(&name, Format::Json, &text, snapshot.roles.len() as u64)?.into())
    }

    /// The snapshot documents in the export folder, newest first.
    pub fn rbac_snapshot_files(&self) -> Result<Vec<SnapshotFile>, ApiError> {
        Ok(saved_files(SNAPSHOT_STEM)?
            .into_iter()
            .take(LISTED)
            .map(|(path, bytes)| describe(&path, bytes))
            .collect())
    }
}

/// What a saved snapshot holds, or why it cannot be compared.
fn describe(path: &Path, bytes: u64) -> SnapshotFile {
    let mut file = SnapshotFile {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        tenant: String::new(),
        taken_at: String::new(),
        bytes,
        problem: None,
    };
    match read_snapshot(&file.path) {
        Ok(snapshot) => {
            file.tenant = snapshot.tenant;
            file.taken_at = snapshot.taken_at;
        }
        Err(e) => file.problem = Some(e.message),
    }
    file
}
