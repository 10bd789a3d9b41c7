//! Comparing two reports: which findings are new, fixed or unchanged,
//! keyed by (kind, id or e-mail).

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Count;
use crate::finding::FindingKind;
use crate::report::Report;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FindingKey {
    pub kind: FindingKind,
    /// The id, or the e-mail of a `duplicate_account`.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// `created_at` of the earlier report.
    pub since: String,
    /// In the later report only, by kind then key.
    pub new: Vec<FindingKey>,
    /// In the earlier report only.
    pub fixed: Vec<FindingKey>,
    pub unchanged: u64,
}

fn keys(report: &Report) -> BTreeSet<FindingKey> {
    report
        .findings
        .iter()
        .map(|f| FindingKey {
            kind: f.kind(),
            key: f.key().to_owned(),
        })
        .collect()
}

/// What changed from `before` to `after`.
pub fn compare(before: &Report, after: &Report) -> Comparison {
    let (old, new) = (keys(before), keys(after));
    Comparison {
        since: before.created_at.clone(),
        new: new.difference(&old).cloned().collect(),
        fixed: old.difference(&new).cloned().collect(),
        unchanged: new.intersection(&old).count() as u64,
    }
}

impl fmt::Display for Comparison {
    /// "12 new since 2026-11-26T21:30:00Z, 30 fixed, 5 unchanged"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} new since {}, {} fixed, {} unchanged",
            Count(self.new.len() as u64),
            self.since,
            Count(self.fixed.len() as u64),
            Count(self.unchanged)
        )
    }
}
