//! Auth0 Management API v2 client: users (search, by e-mail, one, linking
//! accounts), roles, role permissions, role members (checkpoint paging past
//! 1,000), a user's roles and permissions with their sources, resource
//! servers, connections, and users exports (a job followed to its gzipped
//! file, every user past the search's 1,000).
//!
//! Entry point: [`ManagementClient::new`] with the tenant's API base
//! (`https://{domain}/api/v2/`) and a [`TokenSource`], the small trait
//! through which it gets its tokens (IdLens's sessions implement it; this
//! crate knows nothing of them).
//!
//! Invariants:
//! - Every answer is read through `idlens-http` with a size cap, and parsed
//!   into this crate's own models ([`models`]); an answer that does not
//!   parse is an error that names the endpoint, never a shorter list.
//! - A listing is whole or an error: a page that fails fails the listing.
//! - Rate limits are waited out, not fought: before a request, when the last
//!   answer said none are left, the client waits for `x-ratelimit-reset`; on
//!   `429` it waits for `Retry-After` or `x-ratelimit-reset` and retries, a
//!   bounded number of times. Every wait is reported on the [`Job`] and ends
//!   at once when the job is cancelled.
//!
//! [`Job`]: idlens_job::Job

mod client;
mod download;
mod error;
mod export;
pub mod models;
mod pacing;

pub use client::{ManagementClient, SearchPage, SEARCH_CAP};
pub use error::{ExportError, ManagementError};
pub use export::{ExportDownload, ExportLimits, DEFAULT_JOB_DEADLINE};

use std::future::Future;

use idlens_secret::Secret;

/// Where the client gets Management API tokens.
pub trait TokenSource: Send + Sync {
    /// A token for the Management API (cached by the source as it sees fit).
    fn token(
        &self,
    ) -> impl Future<Output = Result<Secret, Box<dyn std::error::Error + Send + Sync>>> + Send;

    /// The API refused the last token (`401`): drop it, so the next call to
    /// [`token`](Self::token) gets a new one.
    fn refused(&self);
}
