//! The diagnosis rules' tables: one per rule family, each row a case built
//! with [`crate::testing::Case`] and what its diagnosis must say.

mod account;
mod blocks;
mod breached;
mod hostile;
mod login;
mod mfa;
mod ranking;
mod silence;
mod stories;
mod tokens;

use crate::testing::{cited, Case};
use crate::{Cause, CauseKind, Diagnosis};

/// One row: the cause a case must find.
struct Row {
    name: &'static str,
    case: Case,
    kind: CauseKind,
    blocks: bool,
    /// Log ids and `state:` facts cited, in order.
    cited: &'static [&'static str],
    /// Parts the headline must contain.
    says: &'static [&'static str],
}

/// Every row's cause is found, current, with its blocking, citations and words.
fn check(rows: Vec<Row>) {
    for row in rows {
        let diagnosis = row.case.diagnose();
        let cause = find(&diagnosis, row.kind)
            .unwrap_or_else(|| panic!("{}: no {:?} in {diagnosis:#?}", row.name, row.kind));
        assert!(!cause.resolved, "{}: resolved: {cause:#?}", row.name);
        assert_eq!(cause.blocks_sign_in, row.blocks, "{}: {cause:#?}", row.name);
        assert_eq!(cited(cause), row.cited, "{}", row.name);
        for part in row.says {
            assert!(
                cause.headline.contains(part),
                "{}: {:?} does not say {part:?}",
                row.name,
                cause.headline
            );
        }
        assert!(!cause.next_step.is_empty(), "{}", row.name);
        assert_eq!(
            diagnosis.blocks_sign_in,
            diagnosis.causes.iter().any(|c| c.blocks_sign_in),
            "{}",
            row.name
        );
    }
}

/// No row's case finds a cause of its kind (resolved or current).
fn check_absent(rows: Vec<(&'static str, Case, CauseKind)>) {
    for (name, case, kind) in rows {
        let diagnosis = case.diagnose();
        assert!(find(&diagnosis, kind).is_none(), "{name}: {diagnosis:#?}");
    }
}

fn find(diagnosis: &Diagnosis, kind: CauseKind) -> Option<&Cause> {
    diagnosis.causes.iter().find(|c| c.kind == kind)
}

fn kinds(diagnosis: &Diagnosis) -> Vec<CauseKind> {
    diagnosis.causes.iter().map(|c| c.kind).collect()
}
