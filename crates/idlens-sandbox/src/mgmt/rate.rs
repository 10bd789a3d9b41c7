//! The tenant's Management API rate limit: at most N requests in each
//! second of the real clock. Every answer says how many are left and when
//! the next second starts (`x-ratelimit-reset`, UNIX seconds), as Auth0's do.

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderName, HeaderValue};

pub(crate) struct RateLimit {
    /// Requests per second; `None` is no limit.
    per_second: Option<u32>,
    window: Mutex<(u64, u32)>,
    /// Requests refused so far (a test hook).
    refused: std::sync::atomic::AtomicU64,
}

impl RateLimit {
    pub(crate) fn new(per_second: Option<u32>) -> Self {
        Self {
            per_second,
            window: Mutex::new((0, 0)),
            refused: Default::default(),
        }
    }

    /// Takes one request from this second's allowance: whether it is
    /// allowed, and the headers to answer with.
    pub(crate) fn take(&self) -> (bool, HeaderMap) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let limit = self.per_second.unwrap_or(u32::MAX);
        let mut window = self.window.lock().unwrap_or_else(|e| e.into_inner());
        if window.0 != now {
            *window = (now, 0);
        }
        let allowed = window.1 < limit;
        if allowed {
            window.1 += 1;
        } else {
            self.refused
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        let remaining = limit - window.1;
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("x-ratelimit-limit", limit.to_string()),
            ("x-ratelimit-remaining", remaining.to_string()),
            ("x-ratelimit-reset", (now + 1).to_string()),
        ] {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(HeaderName::from_static(name), value);
            }
        }
        (allowed, headers)
    }

    /// How many requests were answered `429` so far.
    pub(crate) fn refused(&self) -> u64 {
        self.refused.load(std::sync::atomic::Ordering::Relaxed)
    }
}
