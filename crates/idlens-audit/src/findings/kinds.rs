//! The findings as the report writes them and reads them back
//! (docs/audit.md, "The report"). Strings are `Cow` so the engine can
//! write findings borrowed from its index, and a read-back report owns
//! them (`Finding<'static>`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::findings::primary::PrimaryRule;

/// The finding kinds, named as in the report, in its order (`docs/audit.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    MissingInGraph,
    OrphanInGraph,
    LinkedSecondaryInGraph,
    FieldDrift,
    DuplicateNode,
    DuplicateAccount,
}

impl FindingKind {
    pub const ALL: [FindingKind; 6] = [
        FindingKind::MissingInGraph,
        FindingKind::OrphanInGraph,
        FindingKind::LinkedSecondaryInGraph,
        FindingKind::FieldDrift,
        FindingKind::DuplicateNode,
        FindingKind::DuplicateAccount,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::MissingInGraph => "missing_in_graph",
            FindingKind::OrphanInGraph => "orphan_in_graph",
            FindingKind::LinkedSecondaryInGraph => "linked_secondary_in_graph",
            FindingKind::FieldDrift => "field_drift",
            FindingKind::DuplicateNode => "duplicate_node",
            FindingKind::DuplicateAccount => "duplicate_account",
        }
    }
}

/// An Auth0 user as findings show it; absent values are null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Auth0User<'a> {
    pub user_id: Cow<'a, str>,
    pub email: Option<Cow<'a, str>>,
    pub email_verified: Option<bool>,
    pub name: Option<Cow<'a, str>>,
    pub connection: Option<Cow<'a, str>>,
    pub provider: Option<Cow<'a, str>>,
    pub is_social: Option<bool>,
    pub logins_count: Option<u64>,
    pub created_at: Option<Cow<'a, str>>,
    pub last_login: Option<Cow<'a, str>>,
}

/// A graph node as findings show it; absent values are null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphNode<'a> {
    pub id: Cow<'a, str>,
    pub email: Option<Cow<'a, str>>,
    pub email_verified: Option<bool>,
    pub name: Option<Cow<'a, str>>,
}

/// Why a user is likely missing from the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    SocialConnection,
    Passwordless,
    SyncFailed,
    EnterpriseConnection,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Low,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DriftField {
    Email,
    EmailVerified,
    Name,
}

impl DriftField {
    /// The field's name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            DriftField::Email => "email",
            DriftField::EmailVerified => "email_verified",
            DriftField::Name => "name",
        }
    }
}

/// One differing field: each side's raw value (string, bool or null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDiff {
    pub field: DriftField,
    pub auth0: serde_json::Value,
    pub graph: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding<'a> {
    MissingInGraph {
        id: Cow<'a, str>,
        auth0: Auth0User<'a>,
        cause: Cause,
    },
    OrphanInGraph {
        id: Cow<'a, str>,
        graph: GraphNode<'a>,
    },
    LinkedSecondaryInGraph {
        id: Cow<'a, str>,
        primary_id: Cow<'a, str>,
        auth0: Auth0User<'a>,
        graph: GraphNode<'a>,
    },
    FieldDrift {
        id: Cow<'a, str>,
        fields: Vec<FieldDiff>,
        auth0: Auth0User<'a>,
        graph: GraphNode<'a>,
    },
    DuplicateNode {
        id: Cow<'a, str>,
        count: u64,
        graph: Vec<GraphNode<'a>>,
        auth0: Option<Auth0User<'a>>,
    },
    DuplicateAccount {
        email: Cow<'a, str>,
        confidence: Confidence,
        accounts: Vec<Auth0User<'a>>,
        primary_id: Cow<'a, str>,
        primary_rule: PrimaryRule,
    },
}

impl Finding<'_> {
    pub fn kind(&self) -> FindingKind {
        match self {
            Finding::MissingInGraph { .. } => FindingKind::MissingInGraph,
            Finding::OrphanInGraph { .. } => FindingKind::OrphanInGraph,
            Finding::LinkedSecondaryInGraph { .. } => FindingKind::LinkedSecondaryInGraph,
            Finding::FieldDrift { .. } => FindingKind::FieldDrift,
            Finding::DuplicateNode { .. } => FindingKind::DuplicateNode,
            Finding::DuplicateAccount { .. } => FindingKind::DuplicateAccount,
        }
    }

    /// The id, or the e-mail of a `duplicate_account`: with the kind, what
    /// identifies a finding across reports.
    pub fn key(&self) -> &str {
        match self {
            Finding::MissingInGraph { id, .. }
            | Finding::OrphanInGraph { id, .. }
            | Finding::LinkedSecondaryInGraph { id, .. }
            | Finding::FieldDrift { id, .. }
            | Finding::DuplicateNode { id, .. } => id,
            Finding::DuplicateAccount { email, .. } => email,
        }
    }
}

/// Findings per kind; every kind is present.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub missing_in_graph: u64,
    pub orphan_in_graph: u64,
    pub linked_secondary_in_graph: u64,
    pub field_drift: u64,
    pub duplicate_node: u64,
    pub duplicate_account: u64,
}

impl Summary {
    pub fn get(&self, kind: FindingKind) -> u64 {
        match kind {
            FindingKind::MissingInGraph => self.missing_in_graph,
            FindingKind::OrphanInGraph => self.orphan_in_graph,
            FindingKind::LinkedSecondaryInGraph => self.linked_secondary_in_graph,
            FindingKind::FieldDrift => self.field_drift,
            FindingKind::DuplicateNode => self.duplicate_node,
            FindingKind::DuplicateAccount => self.duplicate_account,
        }
    }

    pub fn total(&self) -> u64 {
        FindingKind::ALL.iter().map(|k| self.get(*k)).sum()
    }
}
