//! The Management API client over HTTP: against the sandbox tenant for
//! every endpoint, paging past 1,000, the search cap, the rate limit and a
//! missing scope; against a broken server of the test's own for malformed
//! and truncated answers; against a hostile one for waits until 2100 and
//! listings that never end or end short; cancelled mid-listing; users
//! exports and linking; logs (by search, a user's, one, the checkpoint
//! stream, hostile checkpoints), blocks and brute-force settings.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod broken;
mod export;
mod fixes;
mod hostile;
mod hostile_logs;
mod logs;
mod sandbox;
mod support;
