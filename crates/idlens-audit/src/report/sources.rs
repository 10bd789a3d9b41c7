//! The report's `sources`: where each side came from and what reading it
//! counted, with the mapping the graph was read with.

use serde::{Deserialize, Serialize};

use crate::findings::finished::Findings;
use crate::findings::kinds::DriftField;
use crate::mapping::Mapping;
use crate::read::graph_stats::GraphStats;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth0SourceKind {
    File,
    Export,
    Api,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphSourceKind {
    File,
    Neo4j,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Auth0Source {
    pub kind: Auth0SourceKind,
    pub name: String,
    pub users: u64,
    pub bad_lines: u64,
    pub repeated_ids: u64,
    /// The source could not confirm `users` is every user (the Management
    /// API's search answered without a total). In the report only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    pub count_unconfirmed: bool,
}

impl Auth0Source {
    /// The Auth0 side of a finished audit: what reading it counted, under
    /// the caller's kind and name (`count_unconfirmed` false).
    pub fn of(findings: &Findings, kind: Auth0SourceKind, name: String) -> Self {
        let stats = findings.auth0_stats();
        Auth0Source {
            kind,
            name,
            users: stats.users,
            bad_lines: stats.bad_lines,
            repeated_ids: stats.repeated_ids,
            count_unconfirmed: false,
        }
    }
}

fn is_false(value: &bool) -> bool {
    !value
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphSource {
    pub kind: GraphSourceKind,
    pub name: String,
    pub rows: u64,
    pub bad_lines: u64,
    pub mapping: ReportMapping,
    /// The optional fields the drift rule left out: not mapped, or not in
    /// the graph file (no such column, or no element with the key).
    #[serde(default)]
    pub not_compared: Vec<DriftField>,
}

impl GraphSource {
    /// The graph side of a finished audit: what reading it counted
    /// (`stats`), the mapping it was read with, and the fields the drift
    /// rule left out, under the caller's kind and name.
    pub fn of(
        findings: &Findings,
        kind: GraphSourceKind,
        name: String,
        stats: &GraphStats,
        mapping: &Mapping,
    ) -> Self {
        GraphSource {
            kind,
            name,
            rows: stats.rows,
            bad_lines: stats.bad_lines,
            mapping: mapping.into(),
            not_compared: findings.not_compared(),
        }
    }
}

/// The mapping as the report shows it (unmapped properties are null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMapping {
    pub label: String,
    pub id: String,
    pub email: String,
    pub name: Option<String>,
    pub email_verified: Option<String>,
}

impl From<&Mapping> for ReportMapping {
    fn from(mapping: &Mapping) -> Self {
        ReportMapping {
            label: mapping.label.to_string(),
            id: mapping.id.to_string(),
            email: mapping.email.to_string(),
            name: mapping.name.as_ref().map(|n| n.to_string()),
            email_verified: mapping.email_verified.as_ref().map(|n| n.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    pub auth0: Auth0Source,
    pub graph: GraphSource,
}
