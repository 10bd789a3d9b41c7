//! Verifying the log: the chain walked line by line in constant memory, then
//! its end compared with the head the keychain keeps.

use std::io::BufReader;
use std::path::Path;

use idlens_profile::Keychain;
use serde::Serialize;

use crate::head::{self, Head, HeadRead};
use crate::record::{Record, GENESIS};
use crate::{ActionLog, ActionLogError, MAX_LINE};

/// The answer of [`verify`]: how many records chain correctly, the first
/// problem (if any), and how the head was checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionLogVerification"))]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Records read and found whole, up to the first problem.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub records: u64,
    pub problem: Option<Problem>,
    pub head: HeadCheck,
}

/// The first thing wrong with the log. Lines are numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionLogProblem"))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Problem {
    /// Not a record: not JSON, not a record's shape, or too long.
    Unreadable {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
        reason: String,
    },
    /// A record whose content no longer matches its hash, or that is not
    /// written as IdLens writes it: edited.
    Edited {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
    },
    /// The line holds another record than the one that belongs there:
    /// ahead (the records expected were removed, or moved further down) or
    /// behind (lines were moved up or repeated).
    OutOfSequence {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        expected_seq: u64,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        found_seq: u64,
    },
    /// The record does not name the previous record's hash: the line before
    /// it was replaced.
    Unchained {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
    },
    /// The file ends before the head: its last records were removed.
    Truncated {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        records: u64,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        head_count: u64,
    },
    /// The record at the head's count is not the one the head names: the
    /// log was rewritten from there.
    Rewritten {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
    },
    /// Records after the head: written outside IdLens, or an append stopped
    /// before it moved the head.
    BeyondHead {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        head_count: u64,
    },
    /// The log has records but the keychain has no head for it.
    HeadMissing {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        records: u64,
    },
}

/// How the log's end was checked against the keychain's head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionLogHeadCheck"))]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum HeadCheck {
    /// The log ends exactly at the head (or is empty with no head).
    Matched,
    /// Compared, and it did not match (see the problem).
    Mismatched,
    /// A problem in the chain came first; the head was not compared.
    NotCompared,
    /// No OS keychain: a cut-short tail cannot be detected.
    MemoryOnly { reason: String },
    /// The keychain failed: a cut-short tail cannot be detected.
    Unavailable { reason: String },
}

impl Problem {
    /// The problem in a sentence for a person.
    pub fn describe(&self) -> String {
        match self {
            Problem::Unreadable { line, reason } => format!("line {line} is not a record ({reason})"),
            Problem::Edited { line } => format!("line {line} was edited: its content does not match its hash"),
            Problem::OutOfSequence { line, expected_seq, found_seq } => format!(
                "line {line} holds record {found_seq} where record {expected_seq} belongs: {}",
                if found_seq > expected_seq {
                    "a line was removed or moved"
                } else {
                    "lines were moved or repeated"
                }
            ),
            Problem::Unchained { line } => format!(
                "line {line} does not follow the record before it: a line was replaced or reordered"
            ),
            Problem::Truncated { records, head_count } => format!(
                "the log was cut short: it holds {records} records but {head_count} were written (the keychain's head)"
            ),
            Problem::Rewritten { line } => format!(
                "line {line} is not the record the keychain's head names: the log was rewritten"
            ),
            Problem::BeyondHead { line, head_count } => format!(
                "line {line} and after were not written by IdLens's last append (the keychain's head counts {head_count} records)"
            ),
            Problem::HeadMissing { records } => format!(
                "the log holds {records} records but the keychain has no head for it: it may have been replaced"
            ),
        }
    }
}

/// Verifies the log at `log` (see the module docs). `Err` only when the
/// file cannot be opened or read.
pub fn verify(log: &ActionLog, keychain: &Keychain) -> Result<Verification, ActionLogError> {
    let head = head::read(keychain, log.path());
    let walked = match walk(log.path(), head_count(&head)).map_err(|e| log.io(e))? {
        Walked::Problem { records, problem } => {
            return Ok(Verification {
                records,
                problem: Some(problem),
                head: HeadCheck::NotCompared,
            })
        }
        Walked::Whole(walked) => walked,
    };
    Ok(against_head(walked, head))
}

fn head_count(head: &HeadRead) -> Option<u64> {
    match head {
        HeadRead::Found(h) => Some(h.count),
        _ => None,
    }
}

/// A chain read whole: its length and the hash of record `head_count`.
struct Chain {
    records: u64,
    hash_at_head: Option<String>,
}

enum Walked {
    Whole(Chain),
    Problem { records: u64, problem: Problem },
}

/// Reads the chain; a missing file is an empty chain.
fn walk(path: &Path, head_count: Option<u64>) -> std::io::Result<Walked> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Walked::Whole(Chain {
                records: 0,
                hash_at_head: None,
            }))
        }
        Err(e) => return Err(e),
    };
    let mut lines = idlens_bounded::Lines::new(BufReader::new(file), MAX_LINE);
    let mut buf = Vec::new();
    let mut prev = GENESIS.to_owned();
    let mut hash_at_head = None;
    while let Some(end) = lines.read_line_or_stop(&mut buf)? {
        let records = end.number - 1;
        let record = match check_line(&buf, end, &prev) {
            Ok(record) => record,
            Err(problem) => return Ok(Walked::Problem { records, problem }),
        };
        if Some(record.seq) == head_count {
            hash_at_head = Some(record.hash.clone());
        }
        prev = record.hash;
    }
    Ok(Walked::Whole(Chain {
        records: lines.lines_read(),
        hash_at_head,
    }))
}

/// Checks one line against the record before it (`prev`: its hash).
fn check_line(bytes: &[u8], end: idlens_bounded::LineEnd, prev: &str) -> Result<Record, Problem> {
    let line = end.number;
    if end.too_long {
        let reason = format!("longer than {}", idlens_bounded::Bytes(MAX_LINE as u64));
        return Err(Problem::Unreadable { line, reason });
    }
    let record = Record::parse(bytes).map_err(|reason| Problem::Unreadable { line, reason })?;
    if record.compute_hash() != record.hash || record.line().as_bytes() != bytes {
        return Err(Problem::Edited { line });
    }
    if record.seq != line {
        return Err(Problem::OutOfSequence {
            line,
            expected_seq: line,
            found_seq: record.seq,
        });
    }
    if record.prev != prev {
        return Err(Problem::Unchained { line });
    }
    Ok(record)
}

/// A whole chain compared with the keychain's head.
fn against_head(chain: Chain, head: HeadRead) -> Verification {
    let records = chain.records;
    let (problem, check) = match head {
        HeadRead::Found(head) => compare(&chain, &head),
        HeadRead::Missing if records > 0 => (
            Some(Problem::HeadMissing { records }),
            HeadCheck::Mismatched,
        ),
        HeadRead::Missing => (None, HeadCheck::Matched),
        HeadRead::MemoryOnly { reason } => (None, HeadCheck::MemoryOnly { reason }),
        HeadRead::Unavailable { reason } => (None, HeadCheck::Unavailable { reason }),
    };
    Verification {
        records,
        problem,
        head: check,
    }
}

fn compare(chain: &Chain, head: &Head) -> (Option<Problem>, HeadCheck) {
    let problem = if chain.records < head.count {
        Some(Problem::Truncated {
            records: chain.records,
            head_count: head.count,
        })
    } else if head.count > 0 && chain.hash_at_head.as_deref() != Some(head.hash.as_str()) {
        Some(Problem::Rewritten { line: head.count })
    } else if chain.records > head.count {
        Some(Problem::BeyondHead {
            line: head.count + 1,
            head_count: head.count,
        })
    } else {
        None
    };
    let check = match problem {
        None => HeadCheck::Matched,
        Some(_) => HeadCheck::Mismatched,
    };
    (problem, check)
}
