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

/// The tenant's plan, which sets how long its logs are kept (Auth0's log
/// retention), declared once in idlens-support.
pub use idlens_support::Plan;
