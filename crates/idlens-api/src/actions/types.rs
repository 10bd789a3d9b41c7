//! Boundary types of the action log. The records, the verification and its
//! problems are `idlens-actions`'s own types (`ts` feature), named
//! `ActionRecord`, `ActionLogVerification`, … in the bindings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use idlens_actions::{
    Action as ActionKind, Actor as ActionActor, Credential as ActionCredential, HeadCheck,
    Outcome as ActionOutcome, Problem as ActionLogProblem, Record as ActionRecord,
    Target as ActionTarget, Verification as ActionLogVerification,
};

/// Which page of the log to show, newest first.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionLogRequest {
    /// Records to skip from the newest.
    #[ts(type = "number")]
    pub offset: u64,
    /// At most this many (capped at 500).
    pub limit: u32,
}

/// A page of the action log, newest first.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionLogPage {
    /// The log file, so admins know what to back up.
    pub path: String,
    /// Lines in the log.
    #[ts(type = "number")]
    pub total: u64,
    pub entries: Vec<ActionLogEntry>,
}

/// One line of the log: a record, or why it is not one.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionLogEntry {
    #[ts(type = "number")]
    pub line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub record: Option<ActionRecord>,
    /// The action in words ("unblocked the user"), beside `record`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub what: Option<String>,
    /// Why the line is not a record (verify the log for more).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unreadable: Option<String>,
}

/// The log verified, with its verdict in a sentence.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionLogVerified {
    pub path: String,
    /// No problem found (the head may not have been checked: see `verification.head`).
    pub intact: bool,
    /// The verdict for a person: the problem and its line, or the count and
    /// how the head was checked.
    pub message: String,
    pub verification: ActionLogVerification,
}
