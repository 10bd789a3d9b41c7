//! The action log: every fix IdLens makes at a tenant (unblock a customer,
//! reset their MFA, assign a role…), who made it, for whom and how it went.
//!
//! The log is `actions.jsonl` in IdLens's config directory (beside the
//! profile file; `$IDLENS_CONFIG_DIR` moves both): one JSON [`Record`] per
//! line, appended and never rewritten. Each record carries the hash of the
//! one before (`prev`) and its own (`hash`, over the canonical form described
//! in [`record`]), so an edited, removed or reordered line breaks the chain.
//! The head (count and last hash) is kept apart in the OS keychain
//! ([`head`]), so a file cut short is found too. [`verify`] walks the chain.
//!
//! Invariants:
//! - Appends ([`ActionLog::append`]) hold an OS lock on the file: the app and
//!   any number of CLI processes append at once and the chain stays whole.
//! - Nothing is read whole: the last record is read back from the end, and
//!   verifying, listing and exporting stream one line at a time, each line
//!   read through `idlens-bounded` with a limit of [`MAX_LINE`].
//! - No secret reaches the file: records hold no `Secret`, and URLs in
//!   `changes` lose their query and fragment (a password-change ticket's
//!   link is a credential).
//! - A keychain that cannot keep the head never stops an append; the
//!   [`Appended`] result and the next [`Verification`] say the log's
//!   tamper-evidence is reduced.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod action;
mod append;
mod export;
pub mod head;
mod list;
pub mod record;
mod redact;
mod tail;
mod verify;

use std::path::{Path, PathBuf};

pub use action::Action;
pub use append::{Appended, HeadKept, NewRecord};
pub use export::export;
pub use list::{list, Listed, ListedPage};
pub use record::{Actor, Credential, Outcome, Record, Target, GENESIS};
pub use redact::redact_url_queries;
pub use verify::{verify, HeadCheck, Problem, Verification};

/// The log's file name in the config directory.
pub const FILE_NAME: &str = "actions.jsonl";
/// The longest line read (a record is a few hundred bytes; `changes` is a
/// sentence). A longer line is unreadable, and is not read past this.
pub const MAX_LINE: usize = 64 * 1024;

/// Why the log could not be read or appended to. Messages name the file and
/// say what to do.
#[derive(Debug, thiserror::Error)]
pub enum ActionLogError {
    #[error("could not record the action in {}: {source}. Try again when the other IdLens is done.", path.display())]
    Lock {
        path: PathBuf,
        source: idlens_profile::LockError,
    },
    #[error("could not read or write the action log {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the action log {} ends with a line IdLens did not write ({reason}): run `idlens support actions --verify`, then move the file aside to start a new log", path.display())]
    TailUnreadable { path: PathBuf, reason: String },
    #[error("line {line} of the action log {} is not a record ({reason}): run `idlens support actions --verify`", path.display())]
    Unreadable {
        path: PathBuf,
        line: u64,
        reason: String,
    },
    #[error(transparent)]
    Export(#[from] idlens_export::ExportError),
}

/// The action log file.
#[derive(Debug, Clone)]
pub struct ActionLog {
    path: PathBuf,
}

impl ActionLog {
    /// The log in `config_dir` (the profile store's directory).
    pub fn in_dir(config_dir: &Path) -> Self {
        Self::at(config_dir.join(FILE_NAME))
    }

    /// The log at `path`, made absolute so its keychain head is named the
    /// same from any working directory.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Self {
            path: std::path::absolute(&path).unwrap_or(path),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, source: std::io::Error) -> ActionLogError {
        ActionLogError::Io {
            path: self.path.clone(),
            source,
        }
    }
}
