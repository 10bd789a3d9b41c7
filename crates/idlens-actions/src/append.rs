//! Appending a record: under the file's lock, chained to the last record,
//! synced to disk, then the head moved in the keychain.

use std::io::Write;
use std::time::Duration;

use idlens_profile::{Keychain, KeychainStatus};

use crate::head::{self, Head};
use crate::record::{Actor, Credential, Outcome, Record, Target, GENESIS};
use crate::{tail, Action, ActionLog, ActionLogError};

/// How long an append waits for another process's append.
const LOCK_WAIT: Duration = Duration::from_secs(10);
/// The longest `changes` (and error message) kept, and the longest user ID,
/// identifier, profile, client ID or error code, in characters; longer text
/// is cut with `…`, so a record always fits in [`crate::MAX_LINE`].
const MAX_CHANGES: usize = 4096;
const MAX_TARGET: usize = 512;

/// What the caller says about an action; the log adds `seq`, `at`, `prev`
/// and `hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecord {
    pub actor: Actor,
    pub action: Action,
    pub target: Target,
    pub changes: String,
    pub result: Outcome,
}

/// A record written, and whether the keychain keeps the new head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    pub record: Record,
    pub head: HeadKept,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadKept {
    /// The OS keychain holds the new head.
    Keychain,
    /// The record is written but the head is not kept in the OS keychain
    /// (none, or it failed): a cut-short tail would go unnoticed.
    NotKept { reason: String },
}

impl ActionLog {
    /// Appends `new` as the next record. Blocking (a file lock, an fsync,
    /// the keychain): call it off an async executor.
    pub fn append(&self, keychain: &Keychain, new: NewRecord) -> Result<Appended, ActionLogError> {
        let mut file = idlens_profile::lock_exclusive(&self.path, LOCK_WAIT).map_err(|source| {
            ActionLogError::Lock {
                path: self.path.clone(),
                source,
            }
        })?;
        let last = tail::last_record(&mut file)
            .map_err(|e| self.io(e))?
            .map_err(|reason| ActionLogError::TailUnreadable {
                path: self.path.clone(),
                reason,
            })?;
        let record = chained(new, last.last.as_ref());
        let mut line = if last.needs_line_break {
            "\n".to_owned()
        } else {
            String::new()
        };
        line.push_str(&record.line());
        line.push('\n');
        file.write_all(line.as_bytes()).map_err(|e| self.io(e))?;
        file.sync_data().map_err(|e| self.io(e))?;
        let head = self.move_head(keychain, &record);
        // The lock is released here, after the head moved.
        drop(file);
        Ok(Appended { record, head })
    }

    fn move_head(&self, keychain: &Keychain, record: &Record) -> HeadKept {
        let head = Head {
            count: record.seq,
            hash: record.hash.clone(),
        };
        let written = head::write(keychain, &self.path, &head);
        match (keychain.status(), written) {
            (KeychainStatus::MemoryOnly { reason }, _) | (KeychainStatus::Os, Err(reason)) => {
                HeadKept::NotKept { reason }
            }
            (KeychainStatus::Os, Ok(())) => HeadKept::Keychain,
        }
    }
}

/// `new` as the record after `last`, with its time and hash.
fn chained(new: NewRecord, last: Option<&Record>) -> Record {
    let mut record = Record {
        seq: last.map_or(1, |r| r.seq + 1),
        at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        actor: Actor {
            profile: clip(&new.actor.profile, MAX_TARGET),
            credential: match new.actor.credential {
                Credential::M2mClient { client_id } => Credential::M2mClient {
                    client_id: clip(&client_id, MAX_TARGET),
                },
                Credential::Admin { sub } => Credential::Admin {
                    sub: clip(&sub, MAX_TARGET),
                },
            },
        },
        action: new.action,
        target: Target {
            user_id: new.target.user_id.map(|t| clip(&t, MAX_TARGET)),
            identifier: new.target.identifier.map(|t| clip(&t, MAX_TARGET)),
        },
        changes: clip(&crate::redact_url_queries(&new.changes), MAX_CHANGES),
        result: match new.result {
            Outcome::Ok => Outcome::Ok,
            Outcome::Error { code, message } => Outcome::Error {
                code: clip(&code, MAX_TARGET),
                message: clip(&message, MAX_CHANGES),
            },
        },
        prev: last.map_or_else(|| GENESIS.to_owned(), |r| r.hash.clone()),
        hash: String::new(),
    };
    record.hash = record.compute_hash();
    record
}

fn clip(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
