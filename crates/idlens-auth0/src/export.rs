//! Users exports (every user, past the search's 1,000), connections by name
//! and account linking.
//!
//! [`ManagementClient::export_users`] creates the job, polls it (reporting
//! Auth0's `percentage_done` on the [`Job`], waiting what `time_left_seconds`
//! says within [`ExportLimits`], ending at once on a cancel), then
//! downloads the file the moment it is ready: its link lasts about a
//! minute. A link that has expired (`403`) is renewed once by asking for
//! the job again. The file's bytes (gzipped NDJSON) go to the writer as
//! they are: reading them is the audit's job; only the gzip magic is
//! checked, and said in [`ExportDownload::gzip`].

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use idlens_job::Job;
use serde::Deserialize;
use serde_json::json;
use tokio::io::AsyncWrite;

use crate::client::{bad_response, endpoint_for};
use crate::models::{ExportJob, Identity, JobStatus, UsersExportRequest};
use crate::{ExportError, ManagementClient, ManagementError, TokenSource};

/// Bounds of an export: how often to poll, how large a file to accept.
#[derive(Debug, Clone)]
pub struct ExportLimits {
    /// Waits between polls follow Auth0's `time_left_seconds`, within these.
    pub poll_min: Duration,
    pub poll_max: Duration,
    /// The largest file written; past it the download stops with an error.
    pub max_bytes: u64,
}

impl Default for ExportLimits {
    fn default() -> Self {
        Self {
            poll_min: Duration::from_secs(1),
            poll_max: Duration::from_secs(5),
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
    /// it to the end and downloads the file (see the module). On an error
    /// after the download began, `out` holds part of the file: write to a
    /// temporary file and keep it only on success.
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
        let mut current = created;
        let location = loop {
            match current.status {
                JobStatus::Completed => match current.location.clone() {
                    Some(location) => break location,
                    None => {
                        return Err(bad_response(
                            &endpoint_for(&reqwest::Method::GET, &["jobs", &id]),
                            "the job is completed but has no location".to_owned(),
                        )
                        .into())
                    }
                },
                JobStatus::Failed => return Err(failed(&current)),
                _ if polls > 0 => {
                    let percent = current.percentage_done.unwrap_or(0).min(100);
                    let phase = match current.time_left_seconds {
                        Some(left) => format!(
                            "Auth0 is preparing the export ({percent}%, about {left} s left)"
                        ),
                        None => format!("Auth0 is preparing the export ({percent}%)"),
                    };
                    job.phase(phase, Some(100));
                    job.advance(u64::from(percent));
                    // Seen now, not at the next report a poll later.
                    job.flush();
                    let wait = Duration::from_secs(current.time_left_seconds.unwrap_or(0))
                        .clamp(limits.poll_min, limits.poll_max.max(limits.poll_min));
                    job.sleep(wait).await?;
                }
                _ => {
                    job.phase("Auth0 is preparing the export (0%)", Some(100));
                }
            }
            job.check()?;
            polls += 1;
            current = self.get_job(&id, job).await?;
        };

        let mut location = location;
        let mut renewed = 0u32;
        loop {
            job.check()?;
            job.phase("Downloading the export", None);
            match self.download(&id, &location, out, limits, job).await? {
                Some(written) => {
                    job.flush();
                    return Ok(ExportDownload {
                        job_id: id,
                        bytes: written.0,
                        gzip: written.1,
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

    /// One download of `location` into `out`: `Ok(None)` when the link is
    /// refused with `403` (expired), else the bytes written and whether they
    /// start as gzip does.
    async fn download<W: AsyncWrite + Unpin>(
        &self,
        job_id: &str,
        location: &str,
        out: &mut W,
        limits: &ExportLimits,
        job: &Job,
    ) -> Result<Option<(u64, bool)>, ExportError> {
        let fail = |detail: String| ExportError::Download {
            job_id: job_id.to_owned(),
            detail,
        };
        let url = url::Url::parse(location)
            .map_err(|e| fail(format!("Auth0 gave a link that is not a URL ({e})")))?;
        idlens_http::check_url(&url)
            .map_err(|p| fail(format!("IdLens does not follow the link Auth0 gave: {p}")))?;
        // The link is signed: no token goes with it.
        let response = tokio::select! {
            r = self.downloads.get(url).send() => r,
            _ = job.cancelled() => return Err(ManagementError::Cancelled.into()),
        }
        .map_err(|e| fail(idlens_http::describe_error(&e)))?;
        match response.status().as_u16() {
            200 => {}
            403 => return Ok(None),
            status => return Err(fail(format!("the file's storage answered {status}"))),
        }
        job.set_total(response.content_length());
        let mut sniff = Sniff {
            inner: out,
            head: Vec::with_capacity(2),
        };
        let mut reported = 0u64;
        let written = tokio::select! {
            r = idlens_http::download(response, &mut sniff, limits.max_bytes, |n| {
                job.advance(n - reported);
                reported = n;
            }) => r,
            _ = job.cancelled() => return Err(ManagementError::Cancelled.into()),
        }
        .map_err(|e| fail(e.to_string()))?;
        Ok(Some((written, sniff.head == [0x1f, 0x8b])))
    }
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

/// Passes writes on, keeping the first two bytes.
struct Sniff<'a, W> {
    inner: &'a mut W,
    head: Vec<u8>,
}

impl<W: AsyncWrite + Unpin> AsyncWrite for Sniff<'_, W> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut *this.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = polled {
            let want = 2usize.saturating_sub(this.head.len()).min(n);
            this.head.extend_from_slice(&buf[..want]);
        }
        polled
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.get_mut().inner).poll_shutdown(cx)
    }
}
