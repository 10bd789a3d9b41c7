//! The log's head, kept apart from the file in the OS keychain: how many
//! records the log holds and the last one's hash. A file cut short (its
//! tail removed) still chains correctly; only the head can tell.

use std::path::Path;

use idlens_profile::{Keychain, KeychainStatus};
use idlens_secret::Secret;

/// The count of records and the last record's hash, as last appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub count: u64,
    pub hash: String,
}

/// What the keychain said about the head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadRead {
    Found(Head),
    /// The keychain has no head for this log.
    Missing,
    /// There is no OS keychain: the head lives in this process only.
    MemoryOnly {
        reason: String,
    },
    /// The keychain failed or holds something that is not a head.
    Unavailable {
        reason: String,
    },
}

/// The keychain entry's name (see [`Keychain::set_app_entry`]): one head per
/// log file, so a second config directory has a head of its own. Its account
/// is `idlens:actions-head:{absolute path of the log}` under service `idlens`.
pub fn entry_name(log: &Path) -> String {
    format!("actions-head:{}", log.display())
}

/// Reads the head of the log at `log`. A memory-only keychain still holds
/// the heads this process wrote (the app keeps one keychain while it runs);
/// without one it says the head cannot be known.
pub(crate) fn read(keychain: &Keychain, log: &Path) -> HeadRead {
    match keychain.get_app_entry(&entry_name(log)) {
        Ok(Some(value)) => match decode(value.expose()) {
            Some(head) => HeadRead::Found(head),
            None => HeadRead::Unavailable {
                reason: "the keychain's entry for the log's head is not one IdLens wrote".into(),
            },
        },
        Ok(None) => match keychain.status() {
            KeychainStatus::MemoryOnly { reason } => HeadRead::MemoryOnly { reason },
            KeychainStatus::Os => HeadRead::Missing,
        },
        Err(e) => HeadRead::Unavailable {
            reason: e.to_string(),
        },
    }
}

/// Stores `head`; `Err` says why it could not be kept.
pub(crate) fn write(keychain: &Keychain, log: &Path, head: &Head) -> Result<(), String> {
    let value = Secret::new(encode(head));
    keychain
        .set_app_entry(&entry_name(log), &value)
        .map_err(|e| e.to_string())
}

/// The entry's value: the count, a space, the last hash (`3 9f86d0…`).
pub fn encode(head: &Head) -> String {
    format!("{} {}", head.count, head.hash)
}

fn decode(text: &str) -> Option<Head> {
    let (count, hash) = text.split_once(' ')?;
    let valid_hash = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    valid_hash.then(|| {
        Some(Head {
            count: count.parse().ok()?,
            hash: hash.to_owned(),
        })
    })?
}
