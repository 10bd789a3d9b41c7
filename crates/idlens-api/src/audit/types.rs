//! Boundary types of the sync audit, the users export and the fix plan.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use idlens_audit::FindingKind;

use crate::types::{ExportFormat, GraphUserView, UserFacts};

/// Where the Auth0 side of an audit comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AuditAuth0Source {
    /// The Management API's user search (small tenants: at most 1,000 users).
    Api,
    /// A users export job: every user.
    Export,
    /// An export file on this machine (NDJSON, gzipped or not).
    File { path: String },
}

/// Where the graph side of an audit comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AuditGraphSource {
    /// The profile's Neo4j, streamed.
    Neo4j,
    /// A Neo4j Browser export (CSV with a header row, or a JSON array).
    File { path: String },
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub auth0: AuditAuth0Source,
    pub graph: AuditGraphSource,
    /// Count malformed lines of the files instead of stopping at the first.
    #[serde(default)]
    pub skip_bad_lines: bool,
    /// A graph file's column names, over the profile's mapping.
    #[serde(default)]
    #[ts(optional)]
    pub mapping: Option<AuditMappingOverride>,
    /// With a users export (`auth0: export`): how long its job may take at
    /// Auth0 (`90m`, `4h`); left out, the profile's setting.
    #[serde(default)]
    #[ts(optional)]
    pub job_deadline: Option<String>,
}

/// A graph file's column (or key) names over the profile's mapping, or over
/// the default one when there is no profile: each name given replaces the
/// mapping's, and an empty `nameProperty` or `emailVerifiedProperty` leaves
/// that field out of the comparison. Only with a graph file: the live graph
/// is read with the profile's mapping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditMappingOverride {
    #[serde(default)]
    #[ts(optional)]
    pub label: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub id_property: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub email_property: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub name_property: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub email_verified_property: Option<String>,
}

/// Findings per kind.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindCount {
    pub kind: FindingKind,
    #[ts(type = "number")]
    pub count: u64,
}

/// A finished audit: the counts and what was compared. The findings stay
/// in the core and are read a page at a time (`audit_findings`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditOverview {
    pub profile: String,
    pub created_at: String,
    /// Every kind, in the report's order.
    pub summary: Vec<KindCount>,
    #[ts(type = "number")]
    pub total: u64,
    pub auth0: AuditSourceView,
    pub graph: AuditSourceView,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditSourceView {
    /// `api`, `export`, `file` or `neo4j`.
    pub kind: String,
    /// The file, the export job or the server.
    pub name: String,
    /// Users (Auth0) or rows (graph) read.
    #[ts(type = "number")]
    pub records: u64,
    /// Malformed lines counted (with `skipBadLines`).
    #[ts(type = "number")]
    pub bad_lines: u64,
    /// Graph side: the fields not compared (`name`, `email_verified`), as
    /// the mapping has none or the file has no such column; empty for Auth0.
    pub not_compared: Vec<String>,
    /// `records` may not be every user: the Management API's search gave
    /// no total to check it against.
    pub count_unconfirmed: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindingsRequest {
    #[serde(default)]
    pub profile: Option<String>,
    /// `None`: every kind.
    #[serde(default)]
    pub kind: Option<FindingKind>,
    /// Case-insensitive part of an ID, e-mail or name on either side.
    #[serde(default)]
    pub filter: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindingsPage {
    /// Findings matching the request, all of them.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<AuditFindingView>,
}

/// One finding with both sides' data.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditFindingView {
    pub kind: FindingKind,
    /// The user ID, or the e-mail for `duplicate_account`.
    pub key: String,
    /// One line saying what is wrong.
    pub summary: String,
    pub auth0: Vec<Auth0UserView>,
    pub graph: Vec<GraphUserView>,
    /// `field_drift`: the fields that differ.
    pub fields: Vec<FieldDriftView>,
    /// `missing_in_graph`: the likely cause, as a sentence.
    pub cause: Option<String>,
    /// `linked_secondary_in_graph`: the user it is linked into;
    /// `duplicate_account`: the suggested primary.
    pub primary_id: Option<String>,
    /// `duplicate_account`: why that primary (`verified`, `most_logins`, `oldest`, `user_id`).
    pub primary_rule: Option<String>,
    /// `duplicate_account`: `high` when every e-mail is verified, else `low`.
    pub confidence: Option<String>,
}

/// An Auth0 user as the audit saw it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Auth0UserView {
    #[serde(flatten)]
    pub facts: UserFacts,
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldDriftView {
    /// `email`, `email_verified` or `name`.
    pub field: String,
    pub auth0: Option<String>,
    pub graph: Option<String>,
}

/// The findings the request matches, to save as a file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindingsExport {
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub kind: Option<FindingKind>,
    #[serde(default)]
    pub filter: Option<String>,
    pub format: ExportFormat,
}

/// A saved audit report in the export folder.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditReportFile {
    pub path: String,
    pub file_name: String,
    /// From the report; empty when it could not be read (see `problem`).
    pub created_at: String,
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub bytes: u64,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditCompareRequest {
    #[serde(default)]
    pub profile: Option<String>,
    /// A saved report: the earlier audit.
    pub path: String,
}

/// The loaded audit against an earlier one.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditComparison {
    pub base_created_at: String,
    pub base_file: String,
    #[ts(type = "number")]
    pub new_findings: u64,
    #[ts(type = "number")]
    pub fixed: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    pub by_kind: Vec<KindChange>,
    /// The first findings that are new (at most 500).
    pub new_rows: Vec<ComparedFinding>,
    /// The first findings that are gone (at most 500).
    pub fixed_rows: Vec<ComparedFinding>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindChange {
    pub kind: FindingKind,
    #[ts(type = "number")]
    pub new_findings: u64,
    #[ts(type = "number")]
    pub fixed: u64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComparedFinding {
    pub kind: FindingKind,
    pub key: String,
}

/// The primary of a duplicate account, chosen by the user.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrimaryOverride {
    /// The finding's normalised e-mail.
    pub email: String,
    pub primary_id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FixPlanRequest {
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub overrides: Vec<PrimaryOverride>,
    /// The plan for an apply that links the duplicate accounts in Auth0
    /// (`FixApplyRequest::link_accounts`): the graph part is written for
    /// the state after the links.
    #[serde(default)]
    pub link_accounts: bool,
}

/// What a fix would do, before anything is done.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FixPlanView {
    /// Auth0 account-linking calls, one per secondary account.
    pub links: Vec<LinkCallView>,
    /// Graph changes per section (`merge missing users`, …) with row counts.
    pub graph_sections: Vec<PlanSectionView>,
    /// The Cypher script to read or run in Neo4j Browser (orphans only as
    /// commented-out deletes).
    pub cypher_script: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkCallView {
    pub email: String,
    pub primary_id: String,
    pub secondary_id: String,
    /// `POST /api/v2/users/{primary}/identities` with this body.
    pub request: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanSectionView {
    pub title: String,
    pub rows: u32,
    pub batches: u32,
}

/// Applying the plan: only with `confirmed`, after showing the preview.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FixApplyRequest {
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub overrides: Vec<PrimaryOverride>,
    /// Link duplicate accounts in Auth0.
    pub link_accounts: bool,
    /// Run the Cypher on the graph.
    pub apply_graph: bool,
    /// The user confirmed the preview; nothing is applied without it.
    pub confirmed: bool,
}

/// What applying did, line by line.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FixApplied {
    pub linked: u32,
    #[ts(type = "number")]
    pub graph_rows: u64,
    pub batches: u32,
    pub log: Vec<String>,
}

/// An Auth0 users export to make.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsersExportRequest {
    #[serde(default)]
    pub profile: Option<String>,
    /// Only this connection's users (its name).
    #[serde(default)]
    pub connection: Option<String>,
    /// How long the job may take at Auth0 (`90m`, `4h`); left out, the
    /// profile's setting.
    #[serde(default)]
    #[ts(optional)]
    pub job_deadline: Option<String>,
}

/// A users export saved in the export folder, checked to decompress and parse.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsersExported {
    pub path: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub users: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}
