//! Graph rows in one arena, numbered in input order: the rows the engine
//! must keep (drifted first rows, rows of duplicated ids, rows of ids not
//! in Auth0), and batches of parsed rows between threads.

use crate::index::arena::Arena;
use crate::read::graph_row::GraphRowRef;

#[derive(Debug, Default)]
pub(crate) struct RowStore {
    arena: Arena,
    starts: Vec<u64>,
}

impl RowStore {
    /// Stores `row`; row numbers grow with input order.
    pub fn push(&mut self, row: &GraphRowRef<'_>) -> u32 {
        let number = self.starts.len() as u32;
        self.starts.push(self.arena.end());
        self.arena.push(Some(row.id));
        self.arena.push(row.email);
        self.arena.push(row.name);
        self.arena
            .push(row.email_verified.map(|b| if b { "1" } else { "0" }));
        number
    }

    pub fn id(&self, row: u32) -> &str {
        self.arena.first(self.starts[row as usize])
    }

    pub fn get(&self, row: u32) -> GraphRowRef<'_> {
        let mut fields = self.arena.fields(self.starts[row as usize]);
        GraphRowRef {
            id: fields.next_str().unwrap_or_default(),
            email: fields.next_str(),
            name: fields.next_str(),
            email_verified: fields.next_str().map(|b| b == "1"),
        }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Empties the store, keeping its allocations (for reuse as a batch).
    pub fn clear(&mut self) {
        self.arena.clear();
        self.starts.clear();
    }

    pub fn heap_bytes(&self) -> usize {
        self.arena.heap_bytes() + self.starts.capacity() * 8
    }
}
