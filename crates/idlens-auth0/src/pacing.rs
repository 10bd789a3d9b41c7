//! What the last answer said about the rate limit, and how long to wait.
//!
//! Every wait a header asks for (`x-ratelimit-reset` on any answer,
//! `Retry-After` on a `429`) is held to one ceiling, [`WAIT_CEILING`]. A
//! header that asks for more, names a time long past, or is not a time is
//! not obeyed: the wait then carries a [`WaitNote`] saying the tenant's
//! headers look wrong, which the CLI and the UI show.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use idlens_job::WaitNote;
use reqwest::header::HeaderMap;

/// The longest IdLens waits on a header's word (Auth0's windows are a
/// second to a minute long).
pub const WAIT_CEILING: Duration = Duration::from_secs(60);

/// The wait before the next request when none are left and the reset
/// cannot be used (long past or unreadable): one window of Auth0's.
const SHORT_WAIT: Duration = Duration::from_secs(1);

const RESET: &str = "x-ratelimit-reset";
const RETRY_AFTER: &str = "retry-after";

/// A wait: until when, and why that is not what the headers asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wait {
    pub until: SystemTime,
    pub note: Option<WaitNote>,
}

/// A time a header names, as time since the UNIX epoch (saturating: a
/// header may name any number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    At(Duration),
    Unreadable,
}

/// The tenant's rate-limit state as the answers gave it, and the requests
/// sent on it: requests that go out side by side share the allowance the
/// last answer announced, so none is sent only to draw a `429`.
///
/// Invariant: `in_flight` counts turns taken ([`Pacer::take_turn`] →
/// [`Turn::Go`]) and not yet ended by an answer ([`Pacer::answered`]) or
/// given back ([`Pacer::given_back`]).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Pacer {
    remaining: Allowance,
    /// When the allowance is renewed.
    reset: Option<Asked>,
    in_flight: u64,
}

/// What is known of the requests left in this window.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Allowance {
    /// No answer yet, or the window said ended: one request at a time
    /// until an answer says.
    #[default]
    Unknown,
    /// The tenant's answers carry no `x-ratelimit-remaining`: nothing to
    /// hold back on.
    Unannounced,
    /// Requests left, less those sent since the answer that said so.
    Left(u64),
}

/// May a request go now?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Turn {
    Go,
    /// None are left: wait until the allowance is renewed, then ask again.
    Wait(Wait),
    /// The allowance is unknown and a request is out: ask again when an
    /// answer has come.
    AfterAnswer,
}

impl Pacer {
    /// Notes `x-ratelimit-remaining` (less the requests still out, which the
    /// tenant may not have counted yet) and `x-ratelimit-reset`.
    pub(crate) fn observe(&mut self, headers: &HeaderMap) {
        self.remaining = match header_text(headers, "x-ratelimit-remaining") {
            None => Allowance::Unannounced,
            Some(v) => match v.parse::<u64>() {
                Ok(left) => Allowance::Left(left.saturating_sub(self.in_flight)),
                Err(_) => Allowance::Unknown,
            },
        };
        self.reset = header_text(headers, RESET).map(unix_seconds);
    }

    /// A request's answer came: its turn ends, and what it said is noted.
    pub(crate) fn answered(&mut self, headers: &HeaderMap) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.observe(headers);
    }

    /// A request ended without an answer (cancelled, unreachable): its turn
    /// ends, and what it would have used is unknown.
    pub(crate) fn given_back(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// What the last answer said is waited out (its `429` wait, or this
    /// pacer's): the next answer says anew. Without this, a reset the
    /// ceiling cut short would be waited for again, and again.
    pub(crate) fn spent(&mut self) {
        self.remaining = Allowance::Unknown;
    }

    /// When to send the next request: `None` now, `Some(wait)` later (none
    /// are left until the allowance is renewed).
    pub(crate) fn next_request_at(&self, now: SystemTime) -> Option<Wait> {
        if self.remaining != Allowance::Left(0) {
            return None;
        }
        held(self.reset?, RESET, now, SHORT_WAIT)
    }

    /// Takes a turn to send a request, or says how long to hold it.
    pub(crate) fn take_turn(&mut self, now: SystemTime) -> Turn {
        if let Some(wait) = self.next_request_at(now) {
            // A plain wait ends when the reset has passed, for every request
            // held by it; one the headers' word could not set (a note) is
            // waited once, or it would be waited again and again.
            if wait.note.is_some() {
                self.spent();
            }
            return Turn::Wait(wait);
        }
        match self.remaining {
            Allowance::Left(0) => self.remaining = Allowance::Unknown,
            Allowance::Left(left) => {
                self.remaining = Allowance::Left(left - 1);
                self.in_flight += 1;
                return Turn::Go;
            }
            Allowance::Unannounced | Allowance::Unknown => {}
        }
        if self.remaining == Allowance::Unknown && self.in_flight > 0 {
            return Turn::AfterAnswer;
        }
        self.in_flight += 1;
        Turn::Go
    }
}

/// How long to wait after a `429`: `Retry-After` (seconds or an HTTP
/// date), else `x-ratelimit-reset`, else `fallback`; never more than
/// [`WAIT_CEILING`]. A time already past by this machine's clock waits
/// `fallback` too: retrying at once would only draw the next `429`.
pub(crate) fn after_429(headers: &HeaderMap, now: SystemTime, fallback: Duration) -> Wait {
    let retry_after = header_text(headers, RETRY_AFTER).map(|v| retry_after(v, now));
    let reset = header_text(headers, RESET).map(unix_seconds);
    let readable = |asked: &Option<Asked>| matches!(asked, Some(Asked::At(_)));
    let chosen = if readable(&retry_after) || (retry_after.is_some() && !readable(&reset)) {
        retry_after.map(|a| (a, RETRY_AFTER))
    } else {
        reset.map(|a| (a, RESET))
    };
    let Some((asked, header)) = chosen else {
        return Wait {
            until: now + fallback,
            note: None,
        };
    };
    held(asked, header, now, fallback).unwrap_or(Wait {
        // `Retry-After: 0` is now; a reset just past is a clock ahead of the tenant's.
        until: if header == RETRY_AFTER {
            now
        } else {
            now + fallback
        },
        note: None,
    })
}

/// The wait for `asked` (from `header`), held to the ceiling: `None` when
/// the time is just past (a clock a little ahead of the tenant's); a time
/// beyond the ceiling, long past or unreadable waits with a note.
fn held(asked: Asked, header: &'static str, now: SystemTime, fallback: Duration) -> Option<Wait> {
    let now_since = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let instead = |note| {
        Some(Wait {
            until: now + fallback,
            note: Some(note),
        })
    };
    let at = match asked {
        Asked::Unreadable => {
            return instead(WaitNote::Unreadable {
                header,
                waited_secs: fallback.as_secs(),
            })
        }
        Asked::At(at) => at,
    };
    let asked_until = i64::try_from(at.as_secs()).unwrap_or(i64::MAX);
    if at > now_since + WAIT_CEILING {
        return Some(Wait {
            until: now + WAIT_CEILING,
            note: Some(WaitNote::TooLong {
                header,
                asked_until,
                ceiling_secs: WAIT_CEILING.as_secs(),
            }),
        });
    }
    if at + WAIT_CEILING < now_since {
        return instead(WaitNote::LongPast {
            header,
            asked_until,
            waited_secs: fallback.as_secs(),
        });
    }
    (at > now_since).then(|| Wait {
        until: UNIX_EPOCH + at,
        note: None,
    })
}

/// `x-ratelimit-reset`: UNIX seconds.
fn unix_seconds(value: &str) -> Asked {
    match value.parse::<u64>() {
        Ok(secs) => Asked::At(Duration::from_secs(secs)),
        Err(_) => Asked::Unreadable,
    }
}

/// `Retry-After`: seconds from now, or an HTTP date (RFC 9110).
fn retry_after(value: &str, now: SystemTime) -> Asked {
    let now_since = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    if let Ok(secs) = value.parse::<u64>() {
        return Asked::At(now_since.saturating_add(Duration::from_secs(secs)));
    }
    match httpdate::parse_http_date(value) {
        Ok(date) => Asked::At(date.duration_since(UNIX_EPOCH).unwrap_or_default()),
        Err(_) => Asked::Unreadable,
    }
}

fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    let value = headers.get(name)?;
    // A header that is not text is there, and unreadable.
    Some(value.to_str().map(str::trim).unwrap_or("\u{fffd}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(
                HeaderName::from_static(k),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn plain(until: SystemTime) -> Wait {
        Wait { until, note: None }
    }

    const YEAR_2100: u64 = 4_102_444_800;

    #[test]
    fn requests_side_by_side_share_the_allowance_an_answer_announced() {
        let now = at(1_000);
        let mut pacer = Pacer::default();
        assert_eq!(
            pacer.take_turn(now),
            Turn::Go,
            "the first request finds out"
        );
        assert_eq!(
            pacer.take_turn(now),
            Turn::AfterAnswer,
            "the rest wait for its answer"
        );
        pacer.answered(&headers(&[
            ("x-ratelimit-remaining", "2"),
            ("x-ratelimit-reset", "1001"),
        ]));
        assert_eq!(pacer.take_turn(now), Turn::Go);
        assert_eq!(pacer.take_turn(now), Turn::Go);
        assert_eq!(
            pacer.take_turn(now),
            Turn::Wait(plain(at(1_001))),
            "the third would draw a 429"
        );
        // One answer says one is left: the request still out may take it.
        pacer.answered(&headers(&[
            ("x-ratelimit-remaining", "1"),
            ("x-ratelimit-reset", "1001"),
        ]));
        assert_eq!(pacer.take_turn(now), Turn::Wait(plain(at(1_001))));
        assert_eq!(
            pacer.take_turn(now),
            Turn::Wait(plain(at(1_001))),
            "every request waits for the reset, not only the first"
        );
        let after = at(1_001);
        assert_eq!(
            pacer.take_turn(after),
            Turn::AfterAnswer,
            "a request is out: its answer says"
        );
        pacer.given_back();
        assert_eq!(
            pacer.take_turn(after),
            Turn::Go,
            "nothing out: one request finds out"
        );
    }

    #[test]
    fn a_tenant_without_rate_limit_headers_is_not_held_back() {
        let now = at(1_000);
        let mut pacer = Pacer::default();
        assert_eq!(pacer.take_turn(now), Turn::Go);
        pacer.answered(&HeaderMap::new());
        assert_eq!(pacer.take_turn(now), Turn::Go);
        assert_eq!(pacer.take_turn(now), Turn::Go);
    }

    #[test]
    fn waits_only_when_none_are_left() {
        let now = at(1_000);
        let mut pacer = Pacer::default();
        pacer.observe(&headers(&[
            ("x-ratelimit-remaining", "3"),
            ("x-ratelimit-reset", "1001"),
        ]));
        assert_eq!(pacer.next_request_at(now), None);
        pacer.observe(&headers(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1001"),
        ]));
        assert_eq!(pacer.next_request_at(now), Some(plain(at(1_001))));
        // Past by a little (a clock ahead of the tenant's): no wait.
        assert_eq!(pacer.next_request_at(now + Duration::from_secs(2)), None);
        pacer.spent();
        assert_eq!(pacer.next_request_at(now), None, "waited out already");
    }

    #[test]
    fn a_reset_beyond_the_ceiling_long_past_or_unreadable_is_not_obeyed_and_says_so() {
        let now = at(1_000);
        let mut pacer = Pacer::default();
        let mut seen = |reset: &str| {
            pacer.observe(&headers(&[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", reset),
            ]));
            pacer.next_request_at(now).unwrap()
        };
        assert_eq!(
            seen(&YEAR_2100.to_string()),
            Wait {
                until: now + WAIT_CEILING,
                note: Some(WaitNote::TooLong {
                    header: "x-ratelimit-reset",
                    asked_until: YEAR_2100 as i64,
                    ceiling_secs: 60,
                }),
            }
        );
        assert_eq!(
            seen("5").note,
            Some(WaitNote::LongPast {
                header: "x-ratelimit-reset",
                asked_until: 5,
                waited_secs: 1,
            })
        );
        assert_eq!(seen("5").until, now + SHORT_WAIT);
        assert_eq!(
            seen("soon").note,
            Some(WaitNote::Unreadable {
                header: "x-ratelimit-reset",
                waited_secs: 1,
            })
        );
        assert_eq!(
            seen(&u64::MAX.to_string()).until,
            now + WAIT_CEILING,
            "any number is held"
        );
        assert_eq!(WAIT_CEILING, Duration::from_secs(60));
    }

    #[test]
    fn a_429_waits_for_retry_after_then_the_reset_then_a_fallback() {
        let now = at(1_000);
        let fallback = Duration::from_secs(2);
        let wait = |pairs: &[(&'static str, &str)]| after_429(&headers(pairs), now, fallback);
        assert_eq!(wait(&[("retry-after", "5")]), plain(at(1_005)));
        assert_eq!(wait(&[("retry-after", "0")]), plain(now), "now is now");
        assert_eq!(
            wait(&[("retry-after", "Thu, 01 Jan 1970 00:16:50 GMT")]),
            plain(at(1_010)),
            "an HTTP date"
        );
        assert_eq!(wait(&[("x-ratelimit-reset", "1003")]), plain(at(1_003)));
        assert_eq!(wait(&[]), plain(now + fallback));
        // A clock ahead of the tenant's: the reset looks past, so not at once.
        assert_eq!(wait(&[("x-ratelimit-reset", "998")]), plain(now + fallback));
        // An unreadable Retry-After gives way to a readable reset.
        assert_eq!(
            wait(&[("retry-after", "soon"), ("x-ratelimit-reset", "1003")]),
            plain(at(1_003))
        );
    }

    #[test]
    fn a_429_never_waits_past_the_ceiling_and_says_when_it_was_asked_to() {
        let now = at(1_000);
        let fallback = Duration::from_secs(2);
        let wait = |pairs: &[(&'static str, &str)]| after_429(&headers(pairs), now, fallback);
        let day = wait(&[("retry-after", "86400")]);
        assert_eq!(day.until, now + WAIT_CEILING);
        assert_eq!(
            day.note,
            Some(WaitNote::TooLong {
                header: "retry-after",
                asked_until: 1_000 + 86_400,
                ceiling_secs: 60,
            })
        );
        let year_2100 = YEAR_2100.to_string();
        assert_eq!(
            wait(&[("x-ratelimit-reset", &year_2100)]).until,
            now + WAIT_CEILING
        );
        assert_eq!(
            wait(&[("retry-after", &u64::MAX.to_string())]).until,
            now + WAIT_CEILING
        );
        let unreadable = wait(&[("retry-after", "later")]);
        assert_eq!(unreadable.until, now + fallback);
        assert_eq!(
            unreadable.note,
            Some(WaitNote::Unreadable {
                header: "retry-after",
                waited_secs: 2,
            })
        );
        assert!(matches!(
            wait(&[("x-ratelimit-reset", "7")]).note,
            Some(WaitNote::LongPast { asked_until: 7, .. })
        ));
    }
}
