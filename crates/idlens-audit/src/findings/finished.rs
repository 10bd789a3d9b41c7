//! The findings of a finished audit as compact, sorted references into
//! the engine's data, turned into [`Finding`]s one at a time for a sink
//! (each kind's in `findings::per_kind`).
//!
//! Order (docs/audit.md): by kind in the spec's table order, then by id
//! (or normalised e-mail) as bytes. Within a `duplicate_node`, rows are in
//! input order; within a `duplicate_account`, accounts are by `user_id`.

use crate::findings::in_progress::{Audit, GRAPH_ONLY};
use crate::findings::kinds::{DriftField, Finding, Summary};
use crate::index::auth0_users::Auth0Stats;

pub struct Findings {
    audit: Audit,
    missing: Vec<u32>,
    orphans: Vec<u32>,
    /// (graph-only id, primary user)
    linked: Vec<(u32, u32)>,
    drift: Vec<u32>,
    /// Owners (see `GRAPH_ONLY`) of ids with more than one row.
    duplicate_nodes: Vec<u32>,
    /// Users of duplicate accounts, group after group; `groups` holds each
    /// group's (start, len) in `accounts`.
    accounts: Vec<u32>,
    groups: Vec<(u32, u32)>,
}

impl Audit {
    /// Ends the graph side and sorts the findings.
    pub fn finish(mut self) -> Findings {
        self.judge_again();
        // Sorting by owner keeps each owner's rows in input order (row
        // numbers grow with input), as the sort is stable.
        self.extra.sort_by_key(|&(owner, _)| owner);
        let mut findings = Findings {
            missing: self.missing(),
            orphans: Vec::new(),
            linked: Vec::new(),
            drift: std::mem::take(&mut self.drifted),
            duplicate_nodes: self.duplicate_owners(),
            accounts: Vec::new(),
            groups: Vec::new(),
            audit: self,
        };
        findings.split_graph_only();
        findings.group_accounts();
        findings.sort();
        findings
    }

    fn missing(&self) -> Vec<u32> {
        (0..self.index.len() as u32)
            .filter(|&u| self.index.mark(u).count == 0)
            .collect()
    }

    fn duplicate_owners(&self) -> Vec<u32> {
        let mut owners: Vec<u32> = self.extra.iter().map(|&(owner, _)| owner).collect();
        owners.dedup();
        owners
    }

    fn owner_id(&self, owner: u32) -> &str {
        if owner & GRAPH_ONLY != 0 {
            self.rows
                .id(self.graph_only[(owner & !GRAPH_ONLY) as usize].first)
        } else {
            self.index.id(owner)
        }
    }
}

impl Findings {
    fn split_graph_only(&mut self) {
        for g in 0..self.audit.graph_only.len() as u32 {
            let first = self.audit.graph_only[g as usize].first;
            let id = self.audit.rows.get(first).id;
            match self.audit.index.primary_of(id) {
                Some(primary) => self.linked.push((g, primary)),
                None => self.orphans.push(g),
            }
        }
    }

    fn group_accounts(&mut self) {
        let mut pairs = self.audit.index.same_email().to_vec();
        pairs.sort_unstable();
        let mut at = 0;
        while at < pairs.len() {
            let head = pairs[at].0;
            let start = self.accounts.len();
            self.accounts.push(head);
            while at < pairs.len() && pairs[at].0 == head {
                self.accounts.push(pairs[at].1);
                at += 1;
            }
            let index = &self.audit.index;
            self.accounts[start..].sort_unstable_by(|&a, &b| index.id(a).cmp(index.id(b)));
            self.groups
                .push((start as u32, (self.accounts.len() - start) as u32));
        }
    }

    fn sort(&mut self) {
        let audit = &self.audit;
        let index = &audit.index;
        let by_user = |a: &u32, b: &u32| index.id(*a).cmp(index.id(*b));
        let graph_id = |g: u32| audit.rows.id(audit.graph_only[g as usize].first);
        self.missing.sort_unstable_by(by_user);
        self.drift.sort_unstable_by(by_user);
        self.orphans
            .sort_unstable_by(|a, b| graph_id(*a).cmp(graph_id(*b)));
        self.linked
            .sort_unstable_by(|a, b| graph_id(a.0).cmp(graph_id(b.0)));
        self.duplicate_nodes
            .sort_unstable_by(|a, b| audit.owner_id(*a).cmp(audit.owner_id(*b)));
        let email = |group: &(u32, u32)| index.user(self.accounts[group.0 as usize]).email_norm;
        self.groups.sort_unstable_by(|a, b| email(a).cmp(&email(b)));
    }

    pub fn summary(&self) -> Summary {
        Summary {
            missing_in_graph: self.missing.len() as u64,
            orphan_in_graph: self.orphans.len() as u64,
            linked_secondary_in_graph: self.linked.len() as u64,
            field_drift: self.drift.len() as u64,
            duplicate_node: self.duplicate_nodes.len() as u64,
            duplicate_account: self.groups.len() as u64,
        }
    }

    pub fn auth0_stats(&self) -> Auth0Stats {
        self.audit.index.stats()
    }

    pub fn graph_rows(&self) -> u64 {
        self.audit.rows_seen
    }

    /// Hands every finding, in order, to `sink`; stops at its first error.
    pub fn for_each<E>(
        &self,
        mut sink: impl FnMut(&Finding<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        for n in 0..self.len() {
            sink(&self.get(n))?;
        }
        Ok(())
    }

    /// How many findings there are.
    pub fn len(&self) -> usize {
        self.summary().total() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `n`th finding in report order (`n < len()`).
    pub fn get(&self, n: usize) -> Finding<'_> {
        let audit = &self.audit;
        let mut rest = n;
        nth(&self.missing, &mut rest)
            .map(|u| audit.missing_finding(u))
            .or_else(|| nth(&self.orphans, &mut rest).map(|g| audit.orphan_finding(g)))
            .or_else(|| nth(&self.linked, &mut rest).map(|(g, p)| audit.linked_finding(g, p)))
            .or_else(|| nth(&self.drift, &mut rest).map(|u| audit.drift_finding(u)))
            .or_else(|| {
                nth(&self.duplicate_nodes, &mut rest).map(|o| audit.duplicate_node_finding(o))
            })
            .unwrap_or_else(|| {
                let (start, len) = self.groups[rest];
                audit.account_finding(&self.accounts[start as usize..(start + len) as usize])
            })
    }

    /// Every finding, owned (for tests and small audits).
    pub fn to_vec(&self) -> Vec<Finding<'static>> {
        (0..self.len()).map(|n| into_owned(self.get(n))).collect()
    }

    /// The fields the drift rule left out (for the report's sources).
    pub fn not_compared(&self) -> Vec<DriftField> {
        self.audit.not_compared()
    }
}

/// The `n`th entry of `list`; past its end, `None` with `n` made an index
/// into what follows.
fn nth<T: Copy>(list: &[T], n: &mut usize) -> Option<T> {
    let entry = list.get(*n).copied();
    if entry.is_none() {
        *n -= list.len();
    }
    entry
}

/// A finding that owns its strings.
pub fn into_owned(finding: Finding<'_>) -> Finding<'static> {
    // Through serde: simple, and only used for small sets of findings.
    let json = serde_json::to_value(&finding).expect("findings serialize");
    serde_json::from_value(json).expect("findings read back")
}
