//! Sync audit: compare Auth0's users with the graph's nodes and report accounts
//! missing on either side, stale e-mails, and duplicates across identity
//! providers (`auth0|…`, `google-oauth2|…`, `github|…`). The rules are in
//! `docs/audit.md`. Pure logic: callers hand in readers and rows, nothing here
//! opens a file, a socket or a database.
//!
//! The pipeline: [`Auth0Index::read`] (NDJSON, gzip detected, decompressed
//! on a second thread) → [`Audit::push`] per graph row (or
//! [`read_graph_csv`] / [`read_graph_json`]) → [`Audit::finish`] →
//! [`write_report`]. [`audit`] does all of it. [`fix_plan`] and
//! [`compare`] work on a report read back ([`Report`]).

mod arena;
mod auth0_line;
mod auth0_read;
mod batch;
mod compare;
mod cypher;
mod drift;
mod email;
mod engine;
mod error;
mod finding;
mod findings;
mod fixplan;
mod graph_columns;
mod graph_csv;
mod graph_json;
mod gzip;
mod index;
mod interner;
pub mod mapping;
mod pipeline;
mod primary;
pub mod record;
mod report;
mod rows;
mod run;
mod script;
mod secondaries;
mod tagged;
mod timestamp;

pub use auth0_read::{ReadOptions, DEFAULT_MAX_DECOMPRESSED, DEFAULT_MAX_RECORD};
pub use compare::{compare, Comparison, FindingKey};
pub use cypher::graph_rows_query;
pub use email::normalize_email;
pub use engine::Audit;
pub use error::{AuditError, Count};
pub use finding::{
    Auth0User, Cause, Confidence, DriftField, FieldDiff, Finding, FindingKind, GraphNode, Summary,
};
pub use findings::{into_owned, Findings};
pub use fixplan::{
    fix_plan, CypherBatch, FixOptions, FixPlan, FixSection, LinkCall, DEFAULT_BATCH_SIZE,
};
pub use graph_columns::AbsentProperties;
pub use graph_csv::{read_graph_csv, GraphStats};
pub use graph_json::read_graph_json;
pub use index::{Auth0Index, Auth0Stats, UserView};
pub use mapping::{Identifier, IdentifierError, Mapping, MappingText};
pub use primary::{choose_primary, Candidate, PrimaryRule};
pub use record::{GraphRow, GraphRowRef};
pub use report::{
    write_report, Auth0Source, Auth0SourceKind, GraphSource, GraphSourceKind, Report,
    ReportMapping, Sources, REPORT_VERSION,
};
pub use run::{audit, AuditOptions, GraphInput};
pub use timestamp::Stamp;
