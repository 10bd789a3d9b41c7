//! Parsed Auth0 users in transit from the parsing thread to the indexing
//! thread: a batch encodes many users in one [`Arena`], so the hand-over
//! costs no allocation per user.
//!
//! A user's record: user_id, email, name, created_at, last_login, first
//! identity's connection and provider, then its `secondaries` linked ids.

use crate::index::arena::{Arena, Fields};
use crate::read::user_line::{Auth0Line, IdentityId};

pub(crate) const VERIFIED_KNOWN: u16 = 1;
pub(crate) const VERIFIED: u16 = 2;
pub(crate) const SOCIAL_KNOWN: u16 = 4;
pub(crate) const SOCIAL: u16 = 8;
pub(crate) const HAS_LOGINS: u16 = 16;
pub(crate) const HAS_IDENTITY: u16 = 64;

/// Users per batch: large enough that the channel is not the cost.
pub(crate) const BATCH_USERS: usize = 4096;

#[derive(Debug, Clone, Copy)]
struct Head {
    at: u64,
    logins: u64,
    flags: u16,
    secondaries: u32,
}

#[derive(Debug, Default)]
pub(crate) struct UserBatch {
    text: Arena,
    heads: Vec<Head>,
    /// Bad lines skipped while filling this batch.
    pub bad_lines: u64,
    scratch: String,
}

/// One user of a batch.
pub(crate) struct NewUser<'a> {
    pub user_id: &'a str,
    pub email: Option<&'a str>,
    pub name: Option<&'a str>,
    pub created_at: Option<&'a str>,
    pub last_login: Option<&'a str>,
    pub connection: Option<&'a str>,
    pub provider: Option<&'a str>,
    pub logins: u64,
    /// The `VERIFIED_KNOWN`… bits.
    pub flags: u16,
    secondaries: Fields<'a>,
    secondary_count: u32,
}

impl<'a> NewUser<'a> {
    /// The linked secondary ids (`provider|user_id`).
    pub fn secondaries(self) -> impl Iterator<Item = &'a str> {
        let mut fields = self.secondaries;
        (0..self.secondary_count).map(move |_| fields.next_str().unwrap_or_default())
    }
}

impl UserBatch {
    pub fn clear(&mut self) {
        self.text.clear();
        self.heads.clear();
        self.bad_lines = 0;
    }

    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn push(&mut self, line: &Auth0Line<'_>) {
        let identities = line.identities.as_deref().unwrap_or_default();
        let first = identities.first();
        let mut flags = 0;
        if let Some(verified) = line.email_verified {
            flags |= VERIFIED_KNOWN | if verified { VERIFIED } else { 0 };
        }
        if let Some(social) = first.and_then(|i| i.is_social) {
            flags |= SOCIAL_KNOWN | if social { SOCIAL } else { 0 };
        }
        if line.logins_count.is_some() {
            flags |= HAS_LOGINS;
        }
        if first.is_some() {
            flags |= HAS_IDENTITY;
        }
        self.heads.push(Head {
            at: self.text.end(),
            logins: line.logins_count.unwrap_or(0),
            flags,
            secondaries: identities.len().saturating_sub(1) as u32,
        });
        for field in [
            &line.user_id,
            &line.email,
            &line.name,
            &line.created_at,
            &line.last_login,
        ] {
            self.text.push(field.as_deref());
        }
        self.text.push(first.and_then(|i| i.connection.as_deref()));
        self.text.push(first.and_then(|i| i.provider.as_deref()));
        for identity in identities.iter().skip(1) {
            self.scratch.clear();
            let provider = identity.provider.as_deref().unwrap_or_default();
            self.scratch.push_str(provider);
            self.scratch.push('|');
            if let Some(IdentityId(id)) = &identity.user_id {
                self.scratch.push_str(id);
            }
            self.text.push(Some(&self.scratch));
        }
    }

    pub fn users(&self) -> impl Iterator<Item = NewUser<'_>> {
        self.heads.iter().map(|head| {
            let mut f = self.text.fields(head.at);
            NewUser {
                user_id: f.next_str().unwrap_or_default(),
                email: f.next_str(),
                name: f.next_str(),
                created_at: f.next_str(),
                last_login: f.next_str(),
                connection: f.next_str(),
                provider: f.next_str(),
                logins: head.logins,
                flags: head.flags,
                secondaries: f,
                secondary_count: head.secondaries,
            }
        })
    }
}
