//! Comparing two reports: which findings are new, fixed or unchanged,
//! keyed by (kind, id or e-mail).
//!
//! Both reports are keyed under this version's rules. A report of
//! version 1 lower-cased e-mails with Unicode's case mapping: its duplicate
//! accounts are regrouped by the current e-mail rule (each group's accounts
//! are in the report, and a current group is always within an earlier one),
//! and an e-mail drift the current rule sees and the earlier one could not
//! (a difference in non-ASCII case only) counts as unchanged. So a rule
//! change never shows as new or fixed findings.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Count;
use crate::findings::email_rule::{normalize_email_v1, normalize_opt};
use crate::findings::kinds::{Auth0User, DriftField, Finding, FindingKind};
use crate::report::document::Report;

/// The first report version whose e-mail rule is the current one.
const ASCII_EMAIL_RULE: u32 = 2;

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

fn key(finding: &Finding<'_>) -> FindingKey {
    FindingKey {
        kind: finding.kind(),
        key: finding.key().to_owned(),
    }
}

/// The report's findings keyed under the current rules.
fn keys(report: &Report) -> BTreeSet<FindingKey> {
    let mut keys = BTreeSet::new();
    for finding in &report.findings {
        match finding {
            Finding::DuplicateAccount { accounts, .. } if report.version < ASCII_EMAIL_RULE => {
                keys.extend(regrouped(accounts).map(|email| FindingKey {
                    kind: FindingKind::DuplicateAccount,
                    key: email,
                }));
            }
            _ => {
                keys.insert(key(finding));
            }
        }
    }
    keys
}

/// The e-mails of the duplicate accounts that `accounts` (one group of an
/// earlier rule) hold under the current rule.
fn regrouped<'a>(accounts: &'a [Auth0User<'_>]) -> impl Iterator<Item = String> + 'a {
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    for account in accounts {
        if let Some(email) = normalize_opt(account.email.as_deref()) {
            *sizes.entry(email.into_owned()).or_default() += 1;
        }
    }
    sizes
        .into_iter()
        .filter(|(_, size)| *size > 1)
        .map(|(email, _)| email)
}

/// Findings of `report` that only the current e-mail rule makes: an
/// e-mail drift, and nothing else, between addresses the version 1 rule
/// held equal.
fn current_rule_only(report: &Report) -> impl Iterator<Item = FindingKey> + '_ {
    report.findings.iter().filter_map(|finding| match finding {
        Finding::FieldDrift { fields, .. }
            if fields.iter().all(|f| {
                f.field == DriftField::Email && v1_equal(f.auth0.as_str(), f.graph.as_str())
            }) =>
        {
            Some(key(finding))
        }
        _ => None,
    })
}

fn v1_equal(a: Option<&str>, b: Option<&str>) -> bool {
    a.and_then(normalize_email_v1) == b.and_then(normalize_email_v1)
}

/// What changed from `before` to `after`.
pub fn compare(before: &Report, after: &Report) -> Comparison {
    let (mut old, mut new) = (keys(before), keys(after));
    if before.version < ASCII_EMAIL_RULE && after.version >= ASCII_EMAIL_RULE {
        old.extend(current_rule_only(after));
    }
    if after.version < ASCII_EMAIL_RULE && before.version >= ASCII_EMAIL_RULE {
        new.extend(current_rule_only(before));
    }
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
