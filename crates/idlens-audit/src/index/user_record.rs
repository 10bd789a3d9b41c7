//! One Auth0 user as the index holds it: a 32-byte slot (flags, the login
//! count, interned connection and provider, what the graph showed) and a
//! record of text fields in the index's arena, written once and read back
//! as a [`UserView`].
//!
//! The record: user_id, email, [normalised email when it differs],
//! name, created_at, last_login (each packed when it has Auth0's exact
//! form), [logins_count in decimal when it does not fit the slot].

use crate::findings::email_rule::normalize_opt;
use crate::index::arena::{Arena, Fields};
use crate::index::interner::Interner;
use crate::index::timestamp::{pack, Stamp};
use crate::read::user_batch::{
    NewUser, HAS_IDENTITY, HAS_LOGINS, SOCIAL, SOCIAL_KNOWN, VERIFIED, VERIFIED_KNOWN,
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
pub(crate) struct UserSlot {
    /// Record in the arena (see the module's comment).
    at: u64,
    /// `logins_count`, or `u32::MAX` when `LOGINS_WIDE` (most counts are
    /// small: the slot stays 32 bytes).
    logins: u32,
    connection: u32,
    provider: u32,
    flags: u16,
    pub graph: GraphMark,
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

impl UserSlot {
    /// Writes `user`'s record into `arena` and interns its names.
    pub fn write(arena: &mut Arena, names: &mut Interner, user: &NewUser<'_>) -> UserSlot {
        let norm = normalize_opt(user.email);
        let mut flags = user.flags;
        let at = arena.end();
        arena.push(Some(user.user_id));
        arena.push(user.email);
        if norm.as_deref() != user.email {
            flags |= NORM_STORED;
            arena.push(norm.as_deref());
        }
        arena.push(user.name);
        for (stamp, packed_flag) in [
            (user.created_at, CREATED_PACKED),
            (user.last_login, LOGIN_PACKED),
        ] {
            match stamp.and_then(pack) {
                Some(packed) => {
                    flags |= packed_flag;
                    arena.push(Some(&packed));
                }
                None => arena.push(stamp),
            }
        }
        let logins = match u32::try_from(user.logins) {
            Ok(logins) if logins != u32::MAX => logins,
            _ => {
                flags |= LOGINS_WIDE;
                arena.push(Some(&user.logins.to_string()));
                u32::MAX
            }
        };
        UserSlot {
            at,
            logins,
            connection: names.intern(user.connection),
            provider: names.intern(user.provider),
            flags,
            graph: GraphMark::default(),
        }
    }

    /// The fields the drift rule compares (user_id, email, normalised
    /// e-mail, name, email_verified; the others left `None`), and the
    /// record's fields after them.
    fn read_compared<'a>(&self, arena: &'a Arena) -> (UserView<'a>, Fields<'a>) {
        let mut rest = arena.fields(self.at);
        let user_id = rest.next_str().unwrap_or_default();
        let email = rest.next_str();
        let email_norm = if self.flags & NORM_STORED != 0 {
            rest.next_str()
        } else {
            email
        };
        let user = UserView {
            user_id,
            email,
            email_norm,
            name: rest.next_str(),
            email_verified: self.flag(VERIFIED_KNOWN, VERIFIED),
            created_at: None,
            last_login: None,
            logins_count: None,
            connection: None,
            provider: None,
            is_social: None,
            has_identity: false,
        };
        (user, rest)
    }

    /// The `user_id`.
    pub fn id<'a>(&self, arena: &'a Arena) -> &'a str {
        arena.first(self.at)
    }

    /// The normalised e-mail (None: no e-mail).
    pub fn email_norm<'a>(&self, arena: &'a Arena) -> Option<&'a str> {
        self.read_compared(arena).0.email_norm
    }

    /// A flag the input may leave out: `None` when `known` is not set.
    fn flag(&self, known: u16, value: u16) -> Option<bool> {
        (self.flags & known != 0).then_some(self.flags & value != 0)
    }

    /// The fields the drift rule compares (see `read_compared`). For the
    /// per-row path, which must not decode what it does not use.
    pub fn compared_fields<'a>(&self, arena: &'a Arena) -> UserView<'a> {
        self.read_compared(arena).0
    }

    /// Every field.
    pub fn view<'a>(&self, arena: &'a Arena, names: &'a Interner) -> UserView<'a> {
        let (compared, mut rest) = self.read_compared(arena);
        let created_at = stamp(rest.next_str(), self.flags & CREATED_PACKED != 0);
        let last_login = stamp(rest.next_str(), self.flags & LOGIN_PACKED != 0);
        let logins = if self.flags & LOGINS_WIDE != 0 {
            rest.next_str().and_then(|n| n.parse().ok())
        } else {
            Some(u64::from(self.logins))
        };
        UserView {
            created_at,
            last_login,
            logins_count: logins.filter(|_| self.flags & HAS_LOGINS != 0),
            connection: names.get(self.connection),
            provider: names.get(self.provider),
            is_social: self.flag(SOCIAL_KNOWN, SOCIAL),
            has_identity: self.flags & HAS_IDENTITY != 0,
            ..compared
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
