//! Two snapshots compared: saved files, or profiles' tenants as they are now.

use idlens_job::Job;
use idlens_rbac::{MemberKey, Snapshot};

use super::fetch::Depth;
use super::{views, MAX_SNAPSHOT_FILE};
use crate::types::{DiffRequest, DiffView, SnapshotSource};
use crate::{Api, ApiError, ErrorCode};

impl Api {
    /// Two snapshots compared (files or profiles' tenants as they are now).
    pub async fn rbac_diff(&self, request: DiffRequest, job: Job) -> Result<DiffView, ApiError> {
        let (a_label, a) = self.snapshot_from(request.a, &job).await?;
        let (b_label, b) = self.snapshot_from(request.b, &job).await?;
        Ok(views::diff(
            a_label,
            b_label,
            idlens_rbac::diff(&a, &b),
            MemberKey::between(&a, &b),
        ))
    }

    async fn snapshot_from(
        &self,
        source: SnapshotSource,
        job: &Job,
    ) -> Result<(String, Snapshot), ApiError> {
        match source {
            SnapshotSource::Profile { name } => {
                let profile = self.load_profile(Some(name.clone())).await?;
                let depth = Depth {
                    members: true,
                    users: false,
                };
                let snapshot = self
                    .fetch_snapshot(&profile, depth, job)
                    .await?
                    .read
                    .snapshot;
                Ok((format!("profile {name} ({})", snapshot.tenant), snapshot))
            }
            SnapshotSource::File { path } => {
                let label = path.clone();
                let snapshot = tokio::task::spawn_blocking(move || read_snapshot(&path))
                    .await
                    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
                Ok((
                    format!("{label} ({}, {})", snapshot.tenant, snapshot.taken_at),
                    snapshot,
                ))
            }
        }
    }
}

/// A snapshot document from a file, checked to be one.
pub(super) fn read_snapshot(path: &str) -> Result<Snapshot, ApiError> {
    let text =
        crate::exports::read_saved(std::path::Path::new(path), MAX_SNAPSHOT_FILE, "snapshot")?;
    let snapshot: Snapshot = serde_json::from_str(&text).map_err(|e| {
        ApiError::new(ErrorCode::InvalidInput, format!("{path} is not an IdLens RBAC snapshot ({e}). Make one with `idlens rbac snapshot --out FILE`."))
    })?;
    if snapshot.format != idlens_rbac::SNAPSHOT_FORMAT {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{path} is a snapshot of format {:?}; this IdLens reads {:?}.",
                snapshot.format,
                idlens_rbac::SNAPSHOT_FORMAT
            ),
        ));
    }
    Ok(snapshot)
}
