//! The RBAC logic as data-driven tables: each case is a line of input and
//! the answer as text, checked with `expect-test` (`UPDATE_EXPECT=1`
//! refreshes the expectations).

mod cases;
mod fixture;
