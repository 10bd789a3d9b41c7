//! The graph part of the fix plan: each finding's row in the section that
//! fixes it (docs/audit.md, "The fix plan"), then the sections as Cypher
//! batches in the order they run.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::findings::kinds::{Auth0User, Finding};
use crate::mapping::Mapping;
use crate::plan::fix_cypher as cypher;
use crate::plan::fix_plan::{CypherBatch, FixSection};

/// The rows of each section, gathered from a report's findings.
pub(crate) struct GraphSections<'a> {
    rows: BTreeMap<FixSection, Vec<Value>>,
    /// Orphan ids: shown in the script as commented-out deletions only.
    orphans: Vec<String>,
    /// Ids of the `missing_in_graph` users: no node before the plan runs.
    missing: BTreeSet<&'a str>,
    /// Ids given to a node by a re-key in this plan.
    rekeyed: BTreeSet<&'a str>,
    /// Each account the plan links in Auth0 → its primary (empty when the
    /// links are not made with the plan).
    linked: BTreeMap<&'a str, &'a str>,
}

impl<'a> GraphSections<'a> {
    pub fn new(findings: &'a [Finding<'_>], linked: BTreeMap<&'a str, &'a str>) -> Self {
        let missing = findings
            .iter()
            .filter_map(|f| match f {
                Finding::MissingInGraph { id, .. } => Some(&**id),
                _ => None,
            })
            .collect();
        GraphSections {
            rows: BTreeMap::new(),
            orphans: Vec::new(),
            missing,
            rekeyed: BTreeSet::new(),
            linked,
        }
    }

    fn push(&mut self, section: FixSection, row: Value) {
        self.rows.entry(section).or_default().push(row);
    }

    /// Adds the row that fixes `finding`, in its section.
    pub fn add(&mut self, finding: &'a Finding<'_>, mapping: &Mapping) {
        match finding {
            // A linked account is no user of its own after the link: no node.
            Finding::MissingInGraph { id, .. } if self.linked.contains_key(&**id) => {}
            Finding::MissingInGraph { auth0, .. } => {
                self.push(FixSection::CreateMissing, user_row(auth0, mapping));
            }
            Finding::FieldDrift { auth0, .. } => {
                self.push(FixSection::UpdateDrift, user_row(auth0, mapping));
            }
            Finding::OrphanInGraph { id, .. } => self.orphans.push(id.to_string()),
            Finding::DuplicateNode { id, .. } => {
                self.push(FixSection::AliasDuplicateNodes, json!({"id": id}));
            }
            Finding::LinkedSecondaryInGraph { id, primary_id, .. } => {
                // A primary without a node takes over one secondary's node;
                // further secondaries are joined to that node.
                let section =
                    if self.missing.contains(&**primary_id) && self.rekeyed.insert(primary_id) {
                        FixSection::RekeyLinkedSecondary
                    } else {
                        FixSection::AliasLinkedSecondary
                    };
                self.push(section, json!({"id": id, "primary_id": primary_id}));
            }
            Finding::DuplicateAccount { .. } => {}
        }
    }

    /// The accounts linked now: a node they have (their own, or one
    /// re-keyed to them) is joined to the primary's node, which exists, is
    /// created above, or else takes over the first such node. A re-key can
    /// give a node to an account seen before it, hence the passes until
    /// none adds a row (two in a report as the audit writes it).
    pub fn join_linked_accounts(&mut self) {
        let mut pending: Vec<(&str, &str)> = self.linked.iter().map(|(&s, &p)| (s, p)).collect();
        loop {
            let before = pending.len();
            pending.retain(|&(secondary, primary)| !self.join_linked(secondary, primary));
            if pending.len() == before {
                break;
            }
        }
    }

    /// Adds the row that joins `secondary`'s node to `primary`'s, or re-keys
    /// it to `primary` when the primary gets no node; false when
    /// `secondary` has no node yet.
    fn join_linked(&mut self, secondary: &'a str, primary: &'a str) -> bool {
        if self.missing.contains(secondary) && !self.rekeyed.contains(secondary) {
            return false;
        }
        let primary_has_node = !self.missing.contains(primary)
            || !self.linked.contains_key(primary)
            || self.rekeyed.contains(primary);
        let section = if primary_has_node {
            FixSection::AliasLinkedAccounts
        } else {
            self.rekeyed.insert(primary);
            FixSection::RekeyLinkedSecondary
        };
        self.push(section, json!({"id": secondary, "primary_id": primary}));
        true
    }

    /// The sections' batches in the order they run, and the orphan ids.
    pub fn into_batches(self, mapping: &Mapping, size: usize) -> (Vec<CypherBatch>, Vec<String>) {
        let batches = self
            .rows
            .into_iter()
            .flat_map(|(section, rows)| batches(section, rows, mapping, size))
            .collect();
        (batches, self.orphans)
    }
}

/// The row of a user's node: id and the mapped fields only.
fn user_row(user: &Auth0User<'_>, mapping: &Mapping) -> Value {
    let mut row = Map::new();
    row.insert("id".into(), json!(user.user_id));
    row.insert("email".into(), json!(user.email));
    if mapping.name.is_some() {
        row.insert("name".into(), json!(user.name));
    }
    if mapping.email_verified.is_some() {
        row.insert("email_verified".into(), json!(user.email_verified));
    }
    Value::Object(row)
}

fn batches(
    section: FixSection,
    rows: Vec<Value>,
    mapping: &Mapping,
    size: usize,
) -> Vec<CypherBatch> {
    let statement = match section {
        FixSection::RekeyLinkedSecondary => cypher::rekey(mapping),
        FixSection::AliasLinkedSecondary => cypher::alias_to_primary(mapping),
        FixSection::CreateMissing => cypher::create_missing(mapping),
        FixSection::UpdateDrift => cypher::update_drift(mapping),
        FixSection::AliasDuplicateNodes => cypher::alias_duplicates(mapping),
        FixSection::AliasLinkedAccounts => cypher::alias_linked_account(mapping),
    };
    rows.chunks(size.max(1))
        .map(|chunk| CypherBatch {
            section,
            statement: statement.clone(),
            rows: chunk.to_vec(),
        })
        .collect()
}
