//! Users exports (every user, past the search's 1,000), connections by name
//! and account linking.
//!
//! [`ManagementClient::export_users`] creates the job, polls it (reporting
//! Auth0's `percentage_done` on the [`Job`], waiting what `time_left_seconds`
//! says within [`ExportLimits`], ending at once on a cancel, and giving up
//! at the job deadline with the job's ID to check later), then downloads
//! the file the moment it is ready: its link lasts about a minute. A link
//! that has expired (`403`) is renewed once by asking for the job again.
//! The link goes only to public addresses unless the tenant is on this
//! machine (`download`). The file's bytes (gzipped NDJSON) go to the writer
//! as they are: reading them is the audit's job; only the gzip magic is
//! checked, and said in [`ExportDownload::gzip`].

use std::time::Duration;

use idlens_job::Job;
use serde::Deserialize;
use serde_json::json;
use tokio::io::AsyncWrite;

use crate::client::{bad_response, endpoint_for};
use crate::models::{ExportJob, Identity, JobStatus, UsersExportRequest};
use crate::{ExportError, ManagementClient, ManagementError, TokenSource};

/// How long IdLens waits for Auth0 to finish a users export job unless told
/// otherwise: exports of millions of users take hours.
pub const DEFAULT_JOB_DEADLINE: Duration = Duration::from_secs(4 * 3600);

/// Bounds of an export: how often to poll, how long to wait for the job,
/// how large a file to accept.
#[derive(Debug, Clone)]
pub struct ExportLimits {
    /// Waits between polls follow Auth0's `time_left_seconds`, within these.
    pub poll_min: Duration,
    pub poll_max: Duration,
    /// From the job's creation to its file's link; past it the export stops
    /// with [`ExportError::DeadlinePassed`], naming the job.
    pub job_deadline: Duration,
    /// The largest file written; past it the download stops with an error.
    pub max_bytes: u64,
}

impl Default for ExportLimits {
    fn default() -> Self {
        Self {
            poll_min: Duration::from_secs(1),
            poll_max: Duration::from_secs(5),
            job_deadline: DEFAULT_JOB_DEADLINE,
            max_bytes: 4 * 1024 * 1024 * 1024,
        }
    }
}

/// A users export written whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDownload {
    pub job_id: String,
    /// Bytes written (the file as Auth0 gave it).
    pub bytes: u64,
    /// The file starts with gzip's magic bytes (`1f 8b`), as Auth0's do.
    pub gzip: bool,
    /// `GET jobs/{id}` sent, the ones for a new link included.
    pub polls: u32,
    /// Links that had expired and were renewed (at most one).
    pub renewed_links: u32,
}

#[derive(Deserialize)]
struct ConnectionItem {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Connections {
    Bare(Vec<ConnectionItem>),
    Paged { connections: Vec<ConnectionItem> },
}

impl<T: TokenSource> ManagementClient<T> {
    /// `POST jobs/users-exports` with `format: "json"` (scope `read:users`).
    pub async fn create_users_export(
        &self,
        request: &UsersExportRequest,
        job: &Job,
    ) -> Result<ExportJob, ManagementError> {
        let mut body = json!({ "format": "json" });
        if let Some(id) = &request.connection_id {
            body["connection_id"] = json!(id);
        }
        if !request.fields.is_empty() {
            body["fields"] = json!(request.fields);
        }
        self.post(&["jobs", "users-exports"], &body, job).await
    }

    /// `GET jobs/{id}`.
    pub async fn get_job(&self, id: &str, job: &Job) -> Result<ExportJob, ManagementError> {
        self.get(&["jobs", id], &[], job).await
    }

    /// The ID of the connection named `name` (`GET connections?name=`, scope
    /// `read:connections`); `None` when the tenant has none by that name.
    pub async fn connection_id_by_name(
        &self,
        name: &str,
        job: &Job,
    ) -> Result<Option<String>, ManagementError> {
        let found: Connections = self
            .get(&["connections"], &[("name", name.to_owned())], job)
            .await?;
        let list = match found {
            Connections::Bare(list) | Connections::Paged { connections: list } => list,
        };
        Ok(list.into_iter().find(|c| c.name == name).map(|c| c.id))
    }

    /// Links the user `provider|user_id` into `primary_id` (`POST
    /// users/{id}/identities`, scope `update:users`): the secondary stops
    /// being a user. `user_id` is without its `provider|`. Returns the
    /// primary's identities after the link.
    pub async fn link_identity(
        &self,
        primary_id: &str,
        provider: &str,
        user_id: &str,
        job: &Job,
    ) -> Result<Vec<Identity>, ManagementError> {
        let body = json!({ "provider": provider, "user_id": user_id });
        self.post(&["users", primary_id, "identities"], &body, job)
            .await
    }

    /// Exports the users `request` names into `out`: creates the job, polls
    /// it to the end (at most `limits.job_deadline`) and downloads the file
    /// (see the module). On an error after the download began, `out` holds
    /// part of the file: write to a temporary file and keep it only on
    /// success.
    pub async fn export_users<W: AsyncWrite + Unpin>(
        &self,
        request: &UsersExportRequest,
        out: &mut W,
        limits: &ExportLimits,
        job: &Job,
    ) -> Result<ExportDownload, ExportError> {
        job.phase("Asking Auth0 to export the users", None);
        let created = self.create_users_export(request, job).await?;
        let id = created.id.clone();
        let mut polls = 0u32;
        let waited = tokio::time::timeout(
            limits.job_deadline,
            self.wait_for_file(created, &mut polls, limits, job),
        )
        .await;
        let location = match waited {
            Ok(location) => location?,
            Err(_) => {
                return Err(ExportError::DeadlinePassed {
                    job_id: id,
                    deadline: idlens_job::format_duration(limits.job_deadline),
                })
            }
        };
        self.fetch_file(id, location, polls, out, limits, job).await
    }

    /// Polls the job until it is completed: its file's link.
    async fn wait_for_file(
        &self,
        mut current: ExportJob,
        polls: &mut u32,
        limits: &ExportLimits,
        job: &Job,
    ) -> Result<String, ExportError> {
        let id = current.id.clone();
        loop {
            match current.status {
                JobStatus::Completed => {
                    return current.location.clone().ok_or_else(|| {
                        bad_response(
                            &endpoint_for(&reqwest::Method::GET, &["jobs", &id]),
                            "the job is completed but has no location".to_owned(),
                        )
                        .into()
                    })
                }
                JobStatus::Failed => return Err(failed(&current)),
                _ if *polls > 0 => {
                    report_preparing(&current, job);
                    let wait = Duration::from_secs(current.time_left_seconds.unwrap_or(0))
                        .clamp(limits.poll_min, limits.poll_max.max(limits.poll_min));
                    job.sleep(wait).await?;
                }
                _ => {
                    job.phase("Auth0 is preparing the export (0%)", Some(100));
                }
            }
            job.check()?;
            *polls += 1;
            current = self.get_job(&id, job).await?;
        }
    }

    /// Downloads the completed job's file from `location`, renewing an
    /// expired link once.
    async fn fetch_file<W: AsyncWrite + Unpin>(
        &self,
        id: String,
        mut location: String,
        mut polls: u32,
        out: &mut W,
        limits: &ExportLimits,
        job: &Job,
    ) -> Result<ExportDownload, ExportError> {
        let mut renewed = 0u32;
        loop {
            job.check()?;
            job.phase("Downloading the export", None);
            let fetched = self
                .downloads
                .fetch(&id, &location, out, limits.max_bytes, job)
                .await?;
            match fetched {
                Some(fetched) => {
                    job.flush();
                    return Ok(ExportDownload {
                        job_id: id,
                        bytes: fetched.bytes,
                        gzip: fetched.gzip,
                        polls,
                        renewed_links: renewed,
                    });
                }
                None if renewed == 0 => {
                    // The link expired before it was used: a new GET of the
                    // job signs a new one.
                    renewed += 1;
                    polls += 1;
                    let again = self.get_job(&id, job).await?;
                    if again.status == JobStatus::Failed {
                        return Err(failed(&again));
                    }
                    location = match (again.status, again.location) {
                        (JobStatus::Completed, Some(l)) => l,
                        _ => {
                            return Err(ExportError::Download {
                                job_id: id,
                                detail: "the link expired and Auth0 gave no new one".to_owned(),
                            })
                        }
                    };
                }
                None => {
                    return Err(ExportError::Download {
                        job_id: id,
                        detail: "the link was refused (403) twice, even just after Auth0 gave it"
                            .to_owned(),
                    })
                }
            }
        }
    }
}

/// Auth0's progress on the job, seen now rather than at the next report a
/// poll later.
fn report_preparing(current: &ExportJob, job: &Job) {
    let percent = current.percentage_done.unwrap_or(0).min(100);
    let phase = match current.time_left_seconds {
        Some(left) => format!("Auth0 is preparing the export ({percent}%, about {left} s left)"),
        None => format!("Auth0 is preparing the export ({percent}%)"),
    };
    job.phase(phase, Some(100));
    job.advance(u64::from(percent));
    job.flush();
}

fn failed(job: &ExportJob) -> ExportError {
    let mut details = job
        .status_details
        .clone()
        .unwrap_or_else(|| "Auth0 gave no details".to_owned());
    if let Some(summary) = job.summary.as_ref().filter(|s| !s.is_null()) {
        details.push_str(&format!(" (summary: {summary})"));
    }
    ExportError::Failed {
        job_id: job.id.clone(),
        details: details.trim_end_matches('.').to_owned(),
    }
}
