//! **S** of docs/audit.md: linked secondary ids (`provider|user_id` of each
//! identity after a user's first) → the primary's user number. The first
//! user to claim a secondary id keeps it.

use crate::index::arena::Arena;
use crate::index::tagged_table::TaggedTable;

#[derive(Debug, Default)]
pub(crate) struct Secondaries {
    keys: Arena,
    /// (record in `keys`, primary user number)
    slots: Vec<(u64, u32)>,
    table: TaggedTable,
}

impl Secondaries {
    pub fn find(&self, id: &str) -> Option<u32> {
        self.find_tagged(self.table.tag(id), id)
    }

    fn find_tagged(&self, tag: u32, id: &str) -> Option<u32> {
        self.table
            .find(tag, |s| self.keys.first(self.slots[s as usize].0) == id)
            .map(|s| self.slots[s as usize].1)
    }

    pub fn insert(&mut self, id: &str, primary: u32) {
        let tag = self.table.tag(id);
        if self.find_tagged(tag, id).is_some() {
            return;
        }
        let number = self.slots.len() as u32;
        self.slots.push((self.keys.end(), primary));
        self.keys.push(Some(id));
        self.table.insert(tag, number);
    }

    pub fn heap_bytes(&self) -> usize {
        self.keys.heap_bytes() + self.slots.capacity() * 16 + self.table.heap_bytes()
    }
}
