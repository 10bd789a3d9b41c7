//! The audit as data-driven tables: inputs as text, findings rendered one
//! a line and checked with `expect-test` (`UPDATE_EXPECT=1` refreshes).

mod findings;
mod fixplan;
mod fixture;
mod parsers;
mod report;
