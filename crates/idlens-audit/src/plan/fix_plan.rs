//! The fix plan of a report (docs/audit.md, "The fix plan"): Auth0
//! linking calls for duplicate accounts and Cypher batches for the graph.
//! Nothing here applies anything; callers show the plan first.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::error::AuditError;
use crate::findings::kinds::Finding;
use crate::mapping::Mapping;
use crate::plan::graph_sections::GraphSections;
use crate::plan::links::{plan_links, LinkCall, Links};

/// Rows per write transaction when the caller has no preference.
pub const DEFAULT_BATCH_SIZE: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOptions {
    /// Rows per Cypher batch (at least 1).
    pub batch_size: usize,
    /// Normalised e-mail of a `duplicate_account` → the `user_id` to keep
    /// as primary instead of the rule's choice.
    pub primary_overrides: BTreeMap<String, String>,
    /// The plan's links are made in Auth0 before the Cypher runs: the graph
    /// part is written for the state after them (each linked account's
    /// node joined to its primary's, no node created for a linked account).
    pub link_accounts: bool,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            batch_size: DEFAULT_BATCH_SIZE,
            primary_overrides: BTreeMap::new(),
            link_accounts: false,
        }
    }
}

/// What a batch does, in the order batches run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FixSection {
    RekeyLinkedSecondary,
    AliasLinkedSecondary,
    CreateMissing,
    UpdateDrift,
    AliasDuplicateNodes,
    AliasLinkedAccounts,
}

impl FixSection {
    pub fn describe(self) -> &'static str {
        match self {
            FixSection::RekeyLinkedSecondary => "Linked secondary accounts whose primary has no node: give the node the primary's id",
            FixSection::AliasLinkedSecondary => "Linked secondary accounts: join the node to the primary's node with HAS_ALIAS",
            FixSection::CreateMissing => "Users missing from the graph: create their nodes",
            FixSection::UpdateDrift => "Field drift: set the graph's fields to Auth0's",
            FixSection::AliasDuplicateNodes => "Duplicate nodes: keep the first, join the others to it with HAS_ALIAS",
            FixSection::AliasLinkedAccounts => "Accounts this plan links in Auth0: join their nodes to the primary's node with HAS_ALIAS",
        }
    }
}

/// One write transaction: `statement` runs with `$rows` = `rows`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CypherBatch {
    pub section: FixSection,
    pub statement: String,
    pub rows: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixPlan {
    pub links: Vec<LinkCall>,
    pub batches: Vec<CypherBatch>,
    /// Orphan ids: shown in the script as commented-out deletions only.
    pub orphans: Vec<String>,
}

/// The plan for `findings` (a report's, in any order).
pub fn fix_plan(
    findings: &[Finding<'_>],
    mapping: &Mapping,
    options: &FixOptions,
) -> Result<FixPlan, AuditError> {
    let Links { calls, linked } = plan_links(findings, options)?;
    let mut graph = GraphSections::new(findings, linked);
    for finding in findings {
        graph.add(finding, mapping);
    }
    graph.join_linked_accounts();
    let (batches, orphans) = graph.into_batches(mapping, options.batch_size);
    Ok(FixPlan {
        links: calls,
        batches,
        orphans,
    })
}
