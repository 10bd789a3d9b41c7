//! Date ranges: each end a day, an instant or open (`*`), rounded to
//! instants once at parse time.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};

/// One end of a range as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateBound {
    Open,
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

impl DateBound {
    /// `*`, `2026-12-01`, `2026-12-01T10:00:00Z` (any RFC 3339 offset), or
    /// `2026-12-01T10:00:00` (taken as UTC).
    pub(super) fn parse(text: &str) -> Option<DateBound> {
        if text == "*" {
            return Some(DateBound::Open);
        }
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(DateBound::Day(day));
        }
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Some(DateBound::Instant(instant.with_timezone(&Utc)));
        }
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
            .ok()
            .map(|naive| DateBound::Instant(naive.and_utc()))
    }
}

/// A range of instants: `from` and `until` each with whether the end is
/// included; `None` is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DateRange {
    from: Option<(DateTime<Utc>, bool)>,
    until: Option<(DateTime<Utc>, bool)>,
}

impl DateRange {
    /// The range `[from TO until]` (or with `{`/`}` where not inclusive).
    /// A day as the lower end starts at its midnight, or, exclusive, at the
    /// next; as the upper end, inclusive, it runs to its end, exclusive, it
    /// stops before it.
    pub(super) fn new(from: (DateBound, bool), until: (DateBound, bool)) -> DateRange {
        let lower = match from {
            (DateBound::Open, _) => None,
            (DateBound::Day(day), true) => Some((midnight(day), true)),
            (DateBound::Day(day), false) => Some((midnight(day) + TimeDelta::days(1), true)),
            (DateBound::Instant(at), inclusive) => Some((at, inclusive)),
        };
        let upper = match until {
            (DateBound::Open, _) => None,
            (DateBound::Day(day), true) => Some((midnight(day) + TimeDelta::days(1), false)),
            (DateBound::Day(day), false) => Some((midnight(day), false)),
            (DateBound::Instant(at), inclusive) => Some((at, inclusive)),
        };
        DateRange {
            from: lower,
            until: upper,
        }
    }

    /// `date:X`: the day X, or the instant X.
    pub(super) fn single(bound: DateBound) -> DateRange {
        DateRange::new((bound, true), (bound, true))
    }

    pub(super) fn contains(&self, at: DateTime<Utc>) -> bool {
        let after_from = match self.from {
            None => true,
            Some((from, true)) => at >= from,
            Some((from, false)) => at > from,
        };
        let before_until = match self.until {
            None => true,
            Some((until, true)) => at <= until,
            Some((until, false)) => at < until,
        };
        after_from && before_until
    }
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}
