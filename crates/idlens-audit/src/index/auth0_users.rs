//! The compact index of the Auth0 side: every user's fields in one arena,
//! `u32` user numbers in hash tables keyed by user id, by normalised e-mail
//! and by linked secondary id.
//!
//! Invariants: user numbers are dense and in input order; a `user_id` is
//! stored once (repeats are counted, not stored); `same_email` holds, for
//! each user whose normalised e-mail was already taken, the pair (first user
//! with that e-mail, this user).

use crate::findings::email_rule::normalize_opt;
use crate::index::arena::Arena;
use crate::index::interner::{Interner, NO_NAME};
use crate::index::secondaries::Secondaries;
use crate::index::tagged_table::TaggedTable;
use crate::index::timestamp::{pack, Stamp};
use crate::read::user_batch::{
    NewUser, UserBatch, HAS_IDENTITY, HAS_LOGINS, SOCIAL, SOCIAL_KNOWN, VERIFIED, VERIFIED_KNOWN,
};

/// The record holds the normalised e-mail as an extra field because it is
/// not the raw e-mail.
const NORM_STORED: u16 = 32;
/// `created_at` and `last_login` are in the packed form of `index::timestamp`.
const CREATED_PACKED: u16 = 128;
const LOGIN_PACKED: u16 = 256;
/// `logins_count` does not fit the slot's 32 bits: the record ends with it
/// in decimal.
const LOGINS_WIDE: u16 = 512;

/// What the engine learned from the graph about a user. It lives in the
/// user's slot so that a graph row touches one cache line less.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct GraphMark {
    /// Graph rows with the user's id.
    pub count: u32,
    /// The first row's number in the engine's row store, or
    /// `findings::in_progress::SAME_AS_AUTH0`.
    pub first: u32,
}

#[derive(Debug, Clone, Copy)]
struct UserSlot {
    /// Record in the arena: user_id, email, [normalised email], name,
    /// created_at, last_login, [logins_count when `LOGINS_WIDE`].
    at: u64,
    /// `logins_count`, or `u32::MAX` when `LOGINS_WIDE` (most counts are
    /// small: the slot stays 32 bytes).
    logins: u32,
    connection: u32,
    provider: u32,
    flags: u16,
    graph: GraphMark,
}

/// One Auth0 user as the index holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserView<'a> {
    pub user_id: &'a str,
    pub email: Option<&'a str>,
    /// The normalised e-mail; `None` is "no e-mail".
    pub email_norm: Option<&'a str>,
    pub email_verified: Option<bool>,
    pub name: Option<&'a str>,
    pub created_at: Option<Stamp<'a>>,
    pub last_login: Option<Stamp<'a>>,
    pub logins_count: Option<u64>,
    /// From the first identity.
    pub connection: Option<&'a str>,
    pub provider: Option<&'a str>,
    pub is_social: Option<bool>,
    pub has_identity: bool,
}

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
        self.arena.first(self.users[u as usize].at)
    }

    /// The normalised e-mail of user `u` (None: no e-mail).
    fn email_norm(&self, u: u32) -> Option<&str> {
        let slot = self.users[u as usize];
        let mut fields = self.arena.fields(slot.at);
        fields.skip();
        let email = fields.next_str();
        if slot.flags & NORM_STORED != 0 {
            fields.next_str()
        } else {
            email
        }
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
        let slot = self.write_record(&user);
        self.users.push(slot);
        self.stats.users += 1;
        self.by_id.insert(tag, number);
        self.index_email(number);
        for secondary in user.secondaries() {
            self.secondaries.insert(secondary, number);
        }
    }

    fn write_record(&mut self, user: &NewUser<'_>) -> UserSlot {
        let norm = normalize_opt(user.email);
        let mut flags = user.flags;
        let at = self.arena.end();
        self.arena.push(Some(user.user_id));
        self.arena.push(user.email);
        if norm.as_deref() != user.email {
            flags |= NORM_STORED;
            self.arena.push(norm.as_deref());
        }
        self.arena.push(user.name);
        for (stamp, packed_flag) in [
            (user.created_at, CREATED_PACKED),
            (user.last_login, LOGIN_PACKED),
        ] {
            match stamp.and_then(pack) {
                Some(packed) => {
                    flags |= packed_flag;
                    self.arena.push(Some(&packed));
                }
                None => self.arena.push(stamp),
            }
        }
        let logins = match u32::try_from(user.logins) {
            Ok(logins) if logins != u32::MAX => logins,
            _ => {
                flags |= LOGINS_WIDE;
                self.arena.push(Some(&user.logins.to_string()));
                u32::MAX
            }
        };
        UserSlot {
            at,
            logins,
            connection: self.names.intern(user.connection),
            provider: self.names.intern(user.provider),
            flags,
            graph: GraphMark::default(),
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

    /// The fields the drift rule compares (user_id, email, normalised
    /// e-mail, name, email_verified); the others are left `None`. For the
    /// per-row path, which must not decode what it does not use.
    pub(crate) fn user_to_compare(&self, u: u32) -> UserView<'_> {
        let slot = self.users[u as usize];
        let mut fields = self.arena.fields(slot.at);
        let user_id = fields.next_str().unwrap_or_default();
        let email = fields.next_str();
        let email_norm = if slot.flags & NORM_STORED != 0 {
            fields.next_str()
        } else {
            email
        };
        UserView {
            user_id,
            email,
            email_norm,
            name: fields.next_str(),
            email_verified: (slot.flags & VERIFIED_KNOWN != 0)
                .then_some(slot.flags & VERIFIED != 0),
            created_at: None,
            last_login: None,
            logins_count: None,
            connection: None,
            provider: None,
            is_social: None,
            has_identity: false,
        }
    }

    /// The user with number `u` (from [`Auth0Index::find`] or a finding).
    pub fn user(&self, u: u32) -> UserView<'_> {
        let slot = self.users[u as usize];
        let mut fields = self.arena.fields(slot.at);
        let user_id = fields.next_str().unwrap_or_default();
        let email = fields.next_str();
        let email_norm = if slot.flags & NORM_STORED != 0 {
            fields.next_str()
        } else {
            email
        };
        let flag =
            |known: u16, value: u16| (slot.flags & known != 0).then_some(slot.flags & value != 0);
        let name = fields.next_str();
        let created_at = stamp(fields.next_str(), slot.flags & CREATED_PACKED != 0);
        let last_login = stamp(fields.next_str(), slot.flags & LOGIN_PACKED != 0);
        let logins = if slot.flags & LOGINS_WIDE != 0 {
            fields.next_str().and_then(|n| n.parse().ok())
        } else {
            Some(u64::from(slot.logins))
        };
        UserView {
            user_id,
            email,
            email_norm,
            name,
            created_at,
            last_login,
            email_verified: flag(VERIFIED_KNOWN, VERIFIED),
            logins_count: logins.filter(|_| slot.flags & HAS_LOGINS != 0),
            connection: self.name_of(slot.connection),
            provider: self.name_of(slot.provider),
            is_social: flag(SOCIAL_KNOWN, SOCIAL),
            has_identity: slot.flags & HAS_IDENTITY != 0,
        }
    }

    fn name_of(&self, id: u32) -> Option<&str> {
        if id == NO_NAME {
            None
        } else {
            self.names.get(id)
        }
    }
}

fn stamp(field: Option<&str>, packed: bool) -> Option<Stamp<'_>> {
    field.map(|f| {
        if packed {
            Stamp::Packed(f)
        } else {
            Stamp::Text(f)
        }
    })
}
