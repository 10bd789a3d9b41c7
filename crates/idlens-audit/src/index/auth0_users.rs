//! The compact index of the Auth0 side: every user's fields in one arena,
//! `u32` user numbers in hash tables keyed by user id, by normalised e-mail
//! and by linked secondary id.
//!
//! Invariants: user numbers are dense and in input order; a `user_id` is
//! stored once (repeats are counted, not stored); `same_email` holds, for
//! each user whose normalised e-mail was already taken, the pair (first user
//! with that e-mail, this user).

use crate::index::arena::Arena;
use crate::index::interner::Interner;
use crate::index::secondaries::Secondaries;
use crate::index::tagged_table::TaggedTable;
use crate::index::user_record::{GraphMark, UserSlot, UserView};
use crate::read::user_batch::{NewUser, UserBatch};

/// What reading the Auth0 side counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Auth0Stats {
    pub users: u64,
    pub bad_lines: u64,
    pub repeated_ids: u64,
}

#[derive(Debug, Default)]
pub struct Auth0Index {
    arena: Arena,
    users: Vec<UserSlot>,
    by_id: TaggedTable,
    by_email: TaggedTable,
    same_email: Vec<(u32, u32)>,
    secondaries: Secondaries,
    names: Interner,
    pub(crate) stats: Auth0Stats,
}

impl Auth0Index {
    pub fn stats(&self) -> Auth0Stats {
        self.stats
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    /// Bytes held on the heap by the index (an estimate: table overheads
    /// are approximated).
    pub fn heap_bytes(&self) -> usize {
        self.arena.heap_bytes()
            + self.users.capacity() * std::mem::size_of::<UserSlot>()
            + self.by_id.heap_bytes()
            + self.by_email.heap_bytes()
            + self.same_email.capacity() * 8
            + self.secondaries.heap_bytes()
    }

    /// The user number of `user_id`.
    pub fn find(&self, user_id: &str) -> Option<u32> {
        self.find_tagged(self.by_id.tag(user_id), user_id)
    }

    fn find_tagged(&self, tag: u32, user_id: &str) -> Option<u32> {
        self.by_id.find(tag, |u| self.id(u) == user_id)
    }

    /// The `user_id` of user `u`.
    pub(crate) fn id(&self, u: u32) -> &str {
        self.users[u as usize].id(&self.arena)
    }

    /// The normalised e-mail of user `u` (None: no e-mail).
    fn email_norm(&self, u: u32) -> Option<&str> {
        self.users[u as usize].email_norm(&self.arena)
    }

    /// The primary user of a linked secondary id.
    pub fn primary_of(&self, secondary_id: &str) -> Option<u32> {
        self.secondaries.find(secondary_id)
    }

    /// Pairs (first user with an e-mail, another user with it).
    pub(crate) fn same_email(&self) -> &[(u32, u32)] {
        &self.same_email
    }

    /// Frees what only reading needed: the e-mail table (its pairs are
    /// in `same_email`) and spare capacity.
    pub(crate) fn end_of_input(&mut self) {
        self.by_email = TaggedTable::default();
        self.users.shrink_to_fit();
        self.same_email.shrink_to_fit();
    }

    /// Adds every user of a batch.
    pub(crate) fn insert_batch(&mut self, batch: &UserBatch) {
        self.stats.bad_lines += batch.bad_lines;
        for user in batch.users() {
            self.insert(user);
        }
    }

    /// Adds a parsed user; a repeated `user_id` is counted and dropped.
    fn insert(&mut self, user: NewUser<'_>) {
        let tag = self.by_id.tag(user.user_id);
        if self.find_tagged(tag, user.user_id).is_some() {
            self.stats.repeated_ids += 1;
            return;
        }
        let number = self.users.len() as u32;
        let slot = UserSlot::write(&mut self.arena, &mut self.names, &user);
        self.users.push(slot);
        self.stats.users += 1;
        self.by_id.insert(tag, number);
        self.index_email(number);
        for secondary in user.secondaries() {
            self.secondaries.insert(secondary, number);
        }
    }

    fn index_email(&mut self, number: u32) {
        let Some(norm) = self.email_norm(number) else {
            return;
        };
        let tag = self.by_email.tag(norm);
        match self
            .by_email
            .find(tag, |u| self.email_norm(u) == Some(norm))
        {
            Some(first) => self.same_email.push((first, number)),
            None => self.by_email.insert(tag, number),
        }
    }

    pub(crate) fn mark(&self, u: u32) -> GraphMark {
        self.users[u as usize].graph
    }

    pub(crate) fn mark_mut(&mut self, u: u32) -> &mut GraphMark {
        &mut self.users[u as usize].graph
    }

    /// The fields the drift rule compares (see [`UserSlot::compared_fields`]).
    pub(crate) fn user_to_compare(&self, u: u32) -> UserView<'_> {
        self.users[u as usize].compared_fields(&self.arena)
    }

    /// The user with number `u` (from [`Auth0Index::find`] or a finding).
    pub fn user(&self, u: u32) -> UserView<'_> {
        self.users[u as usize].view(&self.arena, &self.names)
    }
}
