//! How much of one answer to PULL (or DISCARD) the driver reads. A message is
//! capped on its own ([`crate::MAX_MESSAGE_SIZE`],
//! [`crate::MAX_MESSAGE_VALUES`]); a [`BatchBudget`] caps what the records of
//! one batch add up to, so that a server that keeps sending records before
//! its summary cannot grow memory without limit:
//!
//! - records: Bolt has a server answer `PULL {n}` with at most `n` records
//!   (all that are left for `n = -1`) and DISCARD with none; one more is a
//!   protocol violation;
//! - bytes: at most [`MAX_BATCH_BYTES`] of records;
//! - values: at most [`MAX_BATCH_VALUES`]. A decoded value takes about a
//!   hundred bytes of memory against one byte on the wire, so values, not
//!   bytes, bound what a batch of small values takes once decoded.
//!
//! Every row also holds a copy of the query's field names, so each record is
//! charged for them too.
//!
//! A record past a budget is refused before it is decoded, with
//! [`Error::AnswerTooLarge`]: the rest of the answer is left unread and the
//! connection is not used again.

use crate::errors::{Error, Result};

/// The most bytes the records answering one PULL may take on the wire,
/// 64 MiB: sixteen messages of the largest size.
pub const MAX_BATCH_BYTES: usize = 64 * 1024 * 1024;

/// The most values the records answering one PULL may hold, 2^20 (about
/// 100 MB decoded): a thousand rows (a usual fetch size) of a thousand
/// values each.
pub const MAX_BATCH_VALUES: usize = 1 << 20;

/// What a record (or a row's share of the field names) costs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cost {
    /// Bytes on the wire (for field names: the bytes of their text).
    pub(crate) bytes: usize,
    /// Values, as [`crate::message_check`] counts them.
    pub(crate) values: usize,
}

impl Cost {
    fn plus(self, other: Cost) -> Cost {
        Cost {
            bytes: self.bytes.saturating_add(other.bytes),
            values: self.values.saturating_add(other.values),
        }
    }
}

/// What the records answering one request may still hold.
#[derive(Debug, Clone)]
pub(crate) struct BatchBudget {
    /// `PULL` or `DISCARD`.
    request: &'static str,
    /// The records asked for; `None` for all that are left.
    asked: Option<usize>,
    limit: Cost,
    /// Charged to every record besides its own cost.
    per_record: Cost,
    records: usize,
    spent: Cost,
}

impl BatchBudget {
    /// The budget of the answer to `PULL {n}` (a negative `n` asks for every
    /// record left: then only the byte and value budgets bound the batch),
    /// whose every row also holds `per_record` (the field names).
    pub(crate) fn pull(n: i64, per_record: Cost) -> Self {
        BatchBudget {
            request: "PULL",
            asked: usize::try_from(n).ok(),
            limit: Cost {
                bytes: MAX_BATCH_BYTES,
                values: MAX_BATCH_VALUES,
            },
            per_record,
            records: 0,
            spent: Cost::default(),
        }
    }

    /// The budget of the answer to DISCARD, which holds no record.
    pub(crate) fn discard() -> Self {
        BatchBudget {
            request: "DISCARD",
            asked: Some(0),
            ..Self::pull(0, Cost::default())
        }
    }

    /// The same budget with other byte and value limits.
    #[cfg(test)]
    pub(crate) fn with_limit(self, limit: Cost) -> Self {
        BatchBudget { limit, ..self }
    }

    /// Charges one record of `cost`; refuses the record that would take the
    /// batch past what was asked for or past a budget, leaving the budget as
    /// it was.
    pub(crate) fn admit(&mut self, cost: Cost) -> Result<()> {
        let request = self.request;
        if let Some(asked) = self.asked.filter(|&asked| self.records >= asked) {
            return Err(too_much(match asked {
                0 => format!("a record in answer to {request}, which asks for none"),
                _ => format!("more than the {asked} records {request} asked for"),
            }));
        }
        let spent = self.spent.plus(cost).plus(self.per_record);
        if spent.bytes > self.limit.bytes {
            return Err(too_much(format!(
                "more than {} bytes of records in answer to one {request}, the most the driver reads",
                self.limit.bytes
            )));
        }
        if spent.values > self.limit.values {
            return Err(too_much(format!(
                "more than {} values in the records answering one {request}, the most the driver reads",
                self.limit.values
            )));
        }
        self.records += 1;
        self.spent = spent;
        Ok(())
    }
}

fn too_much(detail: String) -> Error {
    Error::AnswerTooLarge(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(bytes: usize, values: usize) -> Cost {
        Cost { bytes, values }
    }

    const SMALL: Cost = Cost {
        bytes: 100,
        values: 10,
    };

    fn refusal(budget: &mut BatchBudget, cost: Cost) -> String {
        match budget.admit(cost) {
            Err(Error::AnswerTooLarge(detail)) => detail,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_pull_takes_the_records_it_asked_for_and_no_more() {
        let mut budget = BatchBudget::pull(2, Cost::default());
        let record = cost(4, 3);
        budget.admit(record).unwrap();
        budget.admit(record).unwrap();
        let detail = refusal(&mut budget, record);
        assert_eq!(detail, "more than the 2 records PULL asked for");
    }

    #[test]
    fn a_pull_of_all_records_is_bounded_by_the_budgets_alone() {
        let mut budget = BatchBudget::pull(-1, Cost::default()).with_limit(SMALL);
        let record = cost(1, 1);
        for _ in 0..SMALL.values {
            budget.admit(record).unwrap();
        }
        let detail = refusal(&mut budget, record);
        assert!(detail.contains("more than 10 values"), "{detail}");
    }

    #[test]
    fn a_discard_takes_no_record() {
        let mut budget = BatchBudget::discard();
        let detail = refusal(&mut budget, Cost::default());
        assert_eq!(detail, "a record in answer to DISCARD, which asks for none");
    }

    #[test]
    fn the_bytes_budget_is_taken_exactly_and_not_past() {
        let mut budget = BatchBudget::pull(1000, Cost::default()).with_limit(SMALL);
        budget.admit(cost(60, 1)).unwrap();
        let over = cost(41, 1);
        let detail = refusal(&mut budget, over);
        assert!(detail.contains("more than 100 bytes"), "{detail}");
        // The refused record was not charged: what is left is still usable.
        budget.admit(cost(40, 1)).unwrap();
    }

    #[test]
    fn the_values_budget_is_taken_exactly_and_not_past() {
        let mut budget = BatchBudget::pull(1000, Cost::default()).with_limit(SMALL);
        budget.admit(cost(1, 6)).unwrap();
        let detail = refusal(&mut budget, cost(1, 5));
        assert!(detail.contains("more than 10 values"), "{detail}");
        budget.admit(cost(1, 4)).unwrap();
    }

    #[test]
    fn every_record_pays_for_the_field_names() {
        let names = cost(30, 3);
        let mut budget = BatchBudget::pull(1000, names).with_limit(SMALL);
        let record = cost(20, 2);
        budget.admit(record).unwrap();
        budget.admit(record).unwrap();
        let detail = refusal(&mut budget, record);
        assert!(detail.contains("more than 100 bytes"), "{detail}");
    }

    #[test]
    fn the_default_budgets_are_taken_exactly_and_not_past() {
        let mut bytes = BatchBudget::pull(1000, Cost::default());
        bytes.admit(cost(MAX_BATCH_BYTES, 1)).unwrap();
        let detail = refusal(&mut bytes, cost(1, 1));
        assert!(detail.contains(&format!("more than {MAX_BATCH_BYTES} bytes")));

        let mut values = BatchBudget::pull(1000, Cost::default());
        values.admit(cost(1, MAX_BATCH_VALUES)).unwrap();
        let detail = refusal(&mut values, cost(1, 1));
        assert!(detail.contains(&format!("more than {MAX_BATCH_VALUES} values")));
    }
}
