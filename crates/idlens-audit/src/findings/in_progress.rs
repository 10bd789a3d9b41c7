//! An audit in progress, the streaming engine ([`Audit`]): the Auth0 index
//! is built first, then graph rows are pushed one at a time and judged,
//! then [`Audit::finish`] sorts compact references to the findings
//! (`findings::finished`).
//!
//! Per Auth0 user the engine keeps 8 bytes (row count, first row). A graph
//! row is stored only when it is needed later: an id's first row when it
//! differs from what Auth0 would give (see
//! `findings::drift::is_projection`), every further row of an id, and
//! every row of an id not in Auth0.

use crate::findings::drift::{drifted, is_projection, projection, Compared};
use crate::findings::kinds::DriftField;
use crate::index::auth0_users::Auth0Index;
use crate::index::row_store::RowStore;
use crate::index::tagged_table::TaggedTable;
use crate::mapping::Mapping;
use crate::read::graph_columns::AbsentProperties;
use crate::read::graph_row::{GraphRow, GraphRowRef};

/// `GraphMark::first` when the first row equals the Auth0 projection.
pub(crate) const SAME_AS_AUTH0: u32 = u32::MAX;
/// Owners of extra rows: user numbers, or graph-only ids with this bit.
pub(crate) const GRAPH_ONLY: u32 = 1 << 31;

/// An id of the graph that is not an Auth0 user.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GraphOnly {
    pub first: u32,
    pub count: u32,
}

pub struct Audit {
    pub(crate) index: Auth0Index,
    pub(crate) compared: Compared,
    pub(crate) rows: RowStore,
    pub(crate) graph_only: Vec<GraphOnly>,
    graph_only_ids: TaggedTable,
    /// (owner, row) of every row after an id's first, in input order.
    pub(crate) extra: Vec<(u32, u32)>,
    /// Users whose first row drifted, in input order.
    pub(crate) drifted: Vec<u32>,
    pub(crate) rows_seen: u64,
    /// `compared` narrowed after rows were judged: judge `drifted` again.
    rejudge: bool,
}

impl Audit {
    pub fn new(index: Auth0Index, mapping: &Mapping) -> Self {
        Audit {
            index,
            compared: Compared {
                name: mapping.name.is_some(),
                email_verified: mapping.email_verified.is_some(),
            },
            rows: RowStore::default(),
            graph_only: Vec::new(),
            graph_only_ids: TaggedTable::default(),
            extra: Vec::new(),
            drifted: Vec::new(),
            rows_seen: 0,
            rejudge: false,
        }
    }

    /// Stops comparing the optional properties the graph input turned out
    /// not to have (from [`crate::GraphStats::absent`]); rows pushed
    /// before are judged again by [`Audit::finish`].
    pub fn leave_out(&mut self, absent: AbsentProperties) {
        self.compared.name &= !absent.name;
        self.compared.email_verified &= !absent.email_verified;
        self.rejudge |= absent.name || absent.email_verified;
    }

    /// Keeps in `drifted` only users that still drift under `compared`.
    pub(crate) fn judge_again(&mut self) {
        if !std::mem::take(&mut self.rejudge) {
            return;
        }
        let mut users = std::mem::take(&mut self.drifted);
        users.retain(|&u| {
            let user = self.index.user_to_compare(u);
            !drifted(&user, &self.first_row(u), self.compared).is_empty()
        });
        self.drifted = users;
    }

    /// The first graph row of user `u` (who has one).
    pub(crate) fn first_row(&self, u: u32) -> GraphRowRef<'_> {
        match self.index.mark(u).first {
            SAME_AS_AUTH0 => projection(&self.index.user(u), self.compared),
            stored => self.rows.get(stored),
        }
    }

    /// The fields the drift rule left out: not mapped, or absent from the
    /// graph input.
    pub(crate) fn not_compared(&self) -> Vec<DriftField> {
        let left_out = [
            (DriftField::EmailVerified, !self.compared.email_verified),
            (DriftField::Name, !self.compared.name),
        ];
        left_out
            .into_iter()
            .filter_map(|(field, out)| out.then_some(field))
            .collect()
    }

    pub fn index(&self) -> &Auth0Index {
        &self.index
    }

    /// Graph rows pushed so far.
    pub fn rows_seen(&self) -> u64 {
        self.rows_seen
    }

    pub fn push_row(&mut self, row: &GraphRow) {
        self.push(row.as_ref());
    }

    /// Takes one graph row. Values of properties the mapping does not have
    /// (name, e-mail-verified) should be `None`.
    pub fn push(&mut self, row: GraphRowRef<'_>) {
        self.rows_seen += 1;
        match self.index.find(row.id) {
            Some(u) => self.push_known(u, &row),
            None => self.push_graph_only(&row),
        }
    }

    fn push_known(&mut self, u: u32, row: &GraphRowRef<'_>) {
        let mark = self.index.mark_mut(u);
        mark.count += 1;
        if mark.count > 1 {
            let stored = self.rows.push(row);
            self.extra.push((u, stored));
            return;
        }
        let user = self.index.user_to_compare(u);
        if !drifted(&user, row, self.compared).is_empty() {
            self.drifted.push(u);
        }
        let first = if is_projection(&user, row, self.compared) {
            SAME_AS_AUTH0
        } else {
            self.rows.push(row)
        };
        self.index.mark_mut(u).first = first;
    }

    fn push_graph_only(&mut self, row: &GraphRowRef<'_>) {
        let tag = self.graph_only_ids.tag(row.id);
        let (rows, graph_only) = (&self.rows, &self.graph_only);
        let found = self
            .graph_only_ids
            .find(tag, |g| rows.id(graph_only[g as usize].first) == row.id);
        let stored = self.rows.push(row);
        match found {
            Some(g) => {
                self.graph_only[g as usize].count += 1;
                self.extra.push((GRAPH_ONLY | g, stored));
            }
            None => {
                let g = self.graph_only.len() as u32;
                self.graph_only.push(GraphOnly {
                    first: stored,
                    count: 1,
                });
                self.graph_only_ids.insert(tag, g);
            }
        }
    }

    /// Bytes held on the heap (an estimate).
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
            + self.rows.heap_bytes()
            + self.graph_only.capacity() * 8
            + self.graph_only_ids.heap_bytes()
            + self.extra.capacity() * 8
            + self.drifted.capacity() * 4
    }
}
