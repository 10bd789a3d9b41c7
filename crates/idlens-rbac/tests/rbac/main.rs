//! The RBAC logic as data-driven tables: each case is a line of input and
//! the answer as text, checked with `expect-test` (`UPDATE_EXPECT=1`
//! refreshes the expectations).
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod cases;
mod fixture;
