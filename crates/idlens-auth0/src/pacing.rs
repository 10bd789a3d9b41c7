//! What the last answer said about the rate limit, and how long to wait.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// The tenant's rate-limit state as the last answer gave it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Pacer {
    remaining: Option<u64>,
    /// UNIX seconds at which the allowance is renewed.
    reset: Option<u64>,
}

impl Pacer {
    /// Notes `x-ratelimit-remaining` and `x-ratelimit-reset`.
    pub(crate) fn observe(&mut self, headers: &HeaderMap) {
        self.remaining = header_number(headers, "x-ratelimit-remaining");
        self.reset = header_number(headers, "x-ratelimit-reset");
    }

    /// When to send the next request: `None` now, `Some(t)` at `t` (none
    /// are left until the allowance is renewed).
    pub(crate) fn next_request_at(&self, now: SystemTime) -> Option<SystemTime> {
        match (self.remaining, self.reset) {
            (Some(0), Some(reset)) => {
                let at = UNIX_EPOCH + Duration::from_secs(reset);
                (at > now).then_some(at)
            }
            _ => None,
        }
    }
}

/// How long to wait after a `429`: `Retry-After` (seconds), else until
/// `x-ratelimit-reset`, else `fallback`; never more than a minute. A reset
/// that is already past by this machine's clock (its clock runs ahead of
/// the tenant's) waits `fallback` too: retrying at once would only draw the
/// next `429`.
pub(crate) fn after_429(headers: &HeaderMap, now: SystemTime, fallback: Duration) -> SystemTime {
    let until_reset = header_number(headers, "x-ratelimit-reset").and_then(|reset| {
        (UNIX_EPOCH + Duration::from_secs(reset))
            .duration_since(now)
            .ok()
            .filter(|wait| !wait.is_zero())
    });
    let wait = match header_number(headers, "retry-after") {
        Some(secs) => Duration::from_secs(secs),
        None => until_reset.unwrap_or(fallback),
    };
    now + wait.min(Duration::from_secs(60))
}

fn header_number(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
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

    #[test]
    fn waits_only_when_none_are_left() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
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
        assert_eq!(
            pacer.next_request_at(now),
            Some(UNIX_EPOCH + Duration::from_secs(1_001))
        );
        assert_eq!(pacer.next_request_at(now + Duration::from_secs(2)), None);
    }

    #[test]
    fn a_429_waits_for_retry_after_then_the_reset_then_a_fallback() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        let fallback = Duration::from_secs(2);
        assert_eq!(
            after_429(&headers(&[("retry-after", "5")]), now, fallback),
            now + Duration::from_secs(5)
        );
        assert_eq!(
            after_429(&headers(&[("x-ratelimit-reset", "1003")]), now, fallback),
            now + Duration::from_secs(3)
        );
        assert_eq!(after_429(&HeaderMap::new(), now, fallback), now + fallback);
        // A clock ahead of the tenant's: the reset looks past, so not at once.
        assert_eq!(
            after_429(&headers(&[("x-ratelimit-reset", "998")]), now, fallback),
            now + fallback
        );
        assert_eq!(
            after_429(&headers(&[("retry-after", "86400")]), now, fallback),
            now + Duration::from_secs(60)
        );
    }
}
