//! Sync audit: compare Auth0's users with the graph's nodes and report accounts
//! missing on either side, stale e-mails, and duplicates across identity
//! providers (`auth0|…`, `google-oauth2|…`, `github|…`). The rules are in
//! `docs/audit.md`. Pure logic: callers hand in readers and rows, nothing here
//! opens a file, a socket or a database.
//!
//! The flow: [`Auth0Index::read`] (NDJSON, gzip detected, decompressed
//! on a second thread) → [`Audit::push`] per graph row (or
//! [`read_graph_csv`] / [`read_graph_json`]) → [`Audit::finish`] →
//! [`write_report`]. [`audit`] does all of it. [`fix_plan`] and
//! [`compare()`] work on a report read back ([`Report`]).
//!
//! The modules: `read` (the inputs and their limits), `index` (the Auth0
//! side held compactly, and the graph rows kept), `findings` (the kinds,
//! the audit in progress, the finished audit's findings and the rules),
//! `plan` (the fix plan, its Cypher and its script), then `report` (the
//! report file: its sources, written as a stream, read back), `compare`
//! (two reports), `whole_audit` ([`audit`] in one call), `mapping` and
//! `error`.

#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod compare;
mod error;
mod findings;
mod index;
mod mapping;
mod plan;
mod read;
mod report;
mod whole_audit;

pub use compare::{compare, Comparison, FindingKey};
pub use error::{AuditError, Count};
pub use findings::email_rule::normalize_email;
pub use findings::finished::{into_owned, Findings};
pub use findings::in_progress::Audit;
pub use findings::kinds::{
    Auth0User, Cause, Confidence, DriftField, FieldDiff, Finding, FindingKind, GraphNode, Summary,
};
pub use findings::primary::{choose_primary, Candidate, PrimaryRule};
pub use index::auth0_users::{Auth0Index, Auth0Stats};
pub use index::timestamp::Stamp;
pub use index::user_record::UserView;
pub use mapping::{Identifier, IdentifierError, Mapping, MappingText, ALIAS_RELATIONSHIP};
pub use plan::fix_plan::{
    fix_plan, CypherBatch, FixOptions, FixPlan, FixSection, DEFAULT_BATCH_SIZE,
};
pub use plan::links::LinkCall;
pub use read::graph_columns::AbsentProperties;
pub use read::graph_csv::read_graph_csv;
pub use read::graph_json::read_graph_json;
pub use read::graph_row::{GraphRow, GraphRowRef};
pub use read::graph_stats::GraphStats;
pub use read::options::{ReadOptions, DEFAULT_MAX_DECOMPRESSED, DEFAULT_MAX_RECORD};
pub use report::document::{Report, REPORT_VERSION};
pub use report::sources::{
    Auth0Source, Auth0SourceKind, GraphSource, GraphSourceKind, ReportMapping, Sources,
};
pub use report::writer::write_report;
pub use whole_audit::{audit, AuditOptions, GraphInput};
