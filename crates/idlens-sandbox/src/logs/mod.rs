//! The tenant's logs: Auth0's log events, produced live by what happens at
//! the sandbox (sign-ins, token exchanges, Management API writes, blocks)
//! and seeded with a few support stories ([`stories`]), kept in a bounded
//! [`store`] that `GET /api/v2/logs` and `GET /api/v2/users/{id}/logs` read.
//!
//! Invariants:
//! - `log_id`s are unique and sort (as strings) in the order events were
//!   recorded, as Auth0's do: checkpoint paging by `log_id` sees each event once.
//! - The store holds at most its cap, and shows only events within the
//!   plan's retention window on the sandbox's clock.
//! - Its lock is a leaf: nothing else is locked while it is held.

mod event;
mod store;
pub(crate) mod stories;

pub(crate) use event::{EventBuilder, Origin};
pub(crate) use idlens_support::LogEvent;
pub(crate) use store::LogStore;

use serde::Serialize;

/// The tenant's plan, which sets how long its logs are kept (Auth0's log
/// retention: Free 1 day, Essentials 5, Professional 10, Enterprise 30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    Free,
    Essentials,
    Professional,
    Enterprise,
}

impl Plan {
    /// How many days of logs the plan keeps.
    pub fn log_retention_days(self) -> i64 {
        match self {
            Self::Free => 1,
            Self::Essentials => 5,
            Self::Professional => 10,
            Self::Enterprise => 30,
        }
    }
}
