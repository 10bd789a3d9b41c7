//! Whether an event is one a parsed query asks for. The recursion follows
//! the parsed tree, whose depth the parser bounds.

use super::field::{Comparison, Field};
use super::parse::{Expr, Value};
use crate::LogEvent;

pub(super) fn matches(expr: &Expr, event: &LogEvent) -> bool {
    match expr {
        Expr::And(all) => all.iter().all(|e| matches(e, event)),
        Expr::Or(any) => any.iter().any(|e| matches(e, event)),
        Expr::Not(negated) => !matches(negated, event),
        Expr::Term(field, value) => term_matches(*field, value, event),
    }
}

fn term_matches(field: Field, value: &Value, event: &LogEvent) -> bool {
    match value {
        Value::Dates(range) => event.instant().is_some_and(|at| range.contains(at)),
        Value::Is(wanted) => field
            .value(event)
            .is_some_and(|have| compare(field.comparison(), have, wanted, false)),
        Value::StartsWith(wanted) => field
            .value(event)
            .is_some_and(|have| compare(field.comparison(), have, wanted, true)),
    }
}

fn compare(comparison: Comparison, have: &str, wanted: &str, prefix: bool) -> bool {
    match comparison {
        Comparison::Exact if prefix => have.starts_with(wanted),
        Comparison::Exact => have == wanted,
        Comparison::Name => {
            let (have, wanted) = (have.to_lowercase(), wanted.to_lowercase());
            if prefix {
                have.starts_with(&wanted)
            } else {
                have == wanted
            }
        }
        // A phrase or a word's start: either way, contained.
        Comparison::Text => have.to_lowercase().contains(&wanted.to_lowercase()),
        // Dates are ranges by the time they are parsed.
        Comparison::Date => false,
    }
}
