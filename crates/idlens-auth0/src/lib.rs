//! Auth0 Management API v2 client: users (search, by e-mail, one, linking
//! accounts), roles, role permissions, role members (checkpoint paging past
//! 1,000), a user's roles and permissions with their sources, resource
//! servers, connections, users exports (a job followed to its gzipped
//! file, every user past the search's 1,000), logs (search pages, a user's
//! logs, one event, and the whole log as a checkpoint stream, each event
//! an `idlens_support::LogEvent`), brute-force blocks (by identifier or
//! user: read and remove) and brute-force protection settings; a support
//! desk's fixes: an administrator's block, MFA methods (read, remove,
//! forget remembered browsers), password-change tickets (a `Secret`),
//! verification e-mails, and a user's sessions and refresh tokens (an
//! Enterprise-plan feature: [`ManagementError::NotOnPlan`] elsewhere). A
//! user, a block and an MFA method convert (`From`) into idlens-support's
//! facts about a customer.
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
//! - A listing is whole or an error: a page that fails fails the listing,
//!   and every listing pages through one guard (`paging`), so one that
//!   does not end, repeats itself, ends short of its own total or is longer
//!   than offset paging reaches is an error after a few requests.
//! - Every address segment built from a caller's value is checked to stay
//!   one segment (`users/..` is refused, never sent as `users`).
//! - Rate limits are waited out, not fought: before a request, when the last
//!   answer said none are left, the client waits for `x-ratelimit-reset`; on
//!   `429` it waits for `Retry-After` or `x-ratelimit-reset` and retries, a
//!   bounded number of times. Every wait a header asks for is held to
//!   [`WAIT_CEILING`]; a header that asks for more, names a time long past
//!   or is unreadable is waited around, with a note on the job's wait that
//!   the tenant's headers look wrong. Every wait is reported on the [`Job`]
//!   and ends at once when the job is cancelled.
//!
//! [`Job`]: idlens_job::Job
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod account;
mod blocks;
mod checkpoint;
mod client;
mod download;
mod error;
mod export;
mod facts;
mod logs;
mod mfa;
pub mod models;
mod pacing;
mod paging;
mod role_grants;
mod sessions;

pub use account::TicketOptions;
pub use checkpoint::{LogStream, RecentIds, DEDUP_WINDOW};
pub use client::{ManagementClient, SearchPage, UsersListing, MAX_ANSWER, SEARCH_CAP};
pub use error::{Endless, ExportError, ManagementError};
pub use export::{ExportDownload, ExportLimits, DEFAULT_JOB_DEADLINE};
pub use logs::{LogsPage, UserLogs, LOG_SEARCH_CAP};
pub use pacing::WAIT_CEILING;
pub use paging::{AtCap, OFFSET_CAP};

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
