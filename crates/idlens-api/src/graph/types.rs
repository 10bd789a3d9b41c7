//! Boundary types of the graph browser.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{ExportFormat, GraphMappingInput, Neo4jTransportWarningView, UserSummary};

/// What IdLens found on connecting to the profile's graph.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphStatus {
    pub profile: String,
    pub uri: String,
    /// The database asked for; `None` is the server's default.
    pub database: Option<String>,
    pub server_version: String,
    /// `community` or `enterprise`.
    pub edition: String,
    /// Nodes with the mapped label.
    #[ts(type = "number")]
    pub user_nodes: u64,
    /// Whether a uniqueness constraint guards the id property (without one,
    /// several nodes can hold the same user ID).
    pub id_unique_constraint: bool,
    pub mapping: GraphMappingInput,
    /// How many user nodes have each mapped property.
    pub properties: Vec<PropertyCheckView>,
    /// Sentences to show: a missing constraint, a mapped property no node has.
    pub warnings: Vec<String>,
    /// What the connection leaves unprotected on the network (not a problem
    /// of the graph: `idlens graph check` still exits 0 for it alone).
    pub transport_warning: Option<Neo4jTransportWarningView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PropertyCheckView {
    /// `id`, `email`, `name` or `emailVerified`.
    pub role: String,
    pub property: String,
    #[ts(type = "number")]
    pub nodes_with_it: u64,
}

/// A page of the graph's users: a prefix of the ID or e-mail, after a key.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphSearchRequest {
    #[serde(default)]
    pub profile: Option<String>,
    /// Prefix of the user ID or of the e-mail; empty for every user.
    pub query: String,
    /// The last ID of the page before (keyset paging); `None` for the first page.
    #[serde(default)]
    pub after: Option<String>,
    pub limit: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphPage {
    pub rows: Vec<GraphUserView>,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next_after: Option<String>,
    /// How many users match, counted on the first page only.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}

/// A user node through the mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphUserView {
    pub id: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphNodeRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub id: String,
}

/// The nodes holding one user ID (more than one is a duplicate), and the
/// Auth0 user of that ID beside them.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphNodeView {
    pub id: String,
    pub nodes: Vec<NodeView>,
    pub auth0: Auth0Side,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NodeView {
    pub labels: Vec<String>,
    /// Every property, the value as JSON text.
    pub properties: Vec<PropertyView>,
    pub relationships: Vec<RelationshipView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PropertyView {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RelationshipView {
    pub rel_type: String,
    /// `outgoing` or `incoming`.
    pub direction: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// The Auth0 side of a graph user.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Auth0Side {
    /// The profile has no Management API access; `reason` says how to add it.
    NotConfigured {
        reason: String,
    },
    /// No Auth0 user has this ID.
    NotFound,
    Found {
        user: UserSummary,
    },
    /// Asking Auth0 failed; the graph side is still shown.
    Failed {
        message: String,
    },
}

/// The users a graph search finds, all pages, to save as a file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphExportRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub query: String,
    pub format: ExportFormat,
}
