//! Hash tables of `u32` numbers whose keys live elsewhere (in an arena).
//! Each entry keeps 32 bits of its key's hash, so growing the table and
//! probing past other keys never touch the arena: only a probable match
//! is compared.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

#[derive(Debug, Default)]
pub(crate) struct TaggedTable {
    table: HashTable<(u32, u32)>,
    hasher: DefaultHashBuilder,
}

/// The table's 64-bit hash, rebuilt from a 32-bit tag (the multiplication
/// spreads the tag into the top bits hashbrown uses as control bytes).
fn spread(tag: u32) -> u64 {
    u64::from(tag).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl TaggedTable {
    pub fn tag(&self, key: &str) -> u32 {
        self.hasher.hash_one(key.as_bytes()) as u32
    }

    /// The number whose key `is_key` accepts, among those with `tag`.
    pub fn find(&self, tag: u32, mut is_key: impl FnMut(u32) -> bool) -> Option<u32> {
        self.table
            .find(spread(tag), |&(n, t)| t == tag && is_key(n))
            .map(|&(n, _)| n)
    }

    /// Adds `number` under `tag`; the caller has checked it is new.
    pub fn insert(&mut self, tag: u32, number: u32) {
        self.table
            .insert_unique(spread(tag), (number, tag), |&(_, t)| spread(t));
    }

    pub fn heap_bytes(&self) -> usize {
        self.table.capacity() * 9
    }
}
