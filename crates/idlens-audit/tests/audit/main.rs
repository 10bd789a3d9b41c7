//! The audit as data-driven tables: inputs as text, findings rendered one
//! a line and checked with `expect-test` (`UPDATE_EXPECT=1` refreshes).

// Tests are exempt from the length limit on functions (a table of cases
// reads best whole).
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod findings;
mod fixplan;
mod fixture;
mod parsers;
mod report;
