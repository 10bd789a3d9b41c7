//! The bounded, ordered store of log events.

use std::collections::VecDeque;

use super::LogEvent;
use crate::tenant::timestamp_secs;

/// An event as the store holds it: with when it happened (UNIX seconds,
/// sandbox clock), which its `date` says too, and its `log_id` set.
#[derive(Debug)]
struct Recorded {
    at: i64,
    log_id: String,
    event: LogEvent,
}

/// Events in the order they were recorded (so in `log_id` order), the
/// oldest dropped past the cap or the retention window.
#[derive(Debug)]
pub(crate) struct LogStore {
    events: VecDeque<Recorded>,
    next_seq: u64,
    cap: usize,
    retention_secs: i64,
    hostname: String,
}

impl LogStore {
    pub(crate) fn new(cap: usize, retention_days: i64, hostname: &str) -> Self {
        Self {
            events: VecDeque::new(),
            next_seq: 1,
            cap: cap.max(1),
            retention_secs: retention_days * 86_400,
            hostname: hostname.to_owned(),
        }
    }

    /// Room for `more` events at once: a large seed grows the store once,
    /// not by doubling (which would hold two copies at its peak).
    pub(crate) fn reserve(&mut self, more: usize) {
        self.events.reserve(more.min(self.cap));
    }

    /// Records `event` as happening at `at` (UNIX seconds, sandbox clock;
    /// `now` for a live event), giving it its `log_id`, `date` and `hostname`.
    /// Returns the `log_id`.
    pub(crate) fn record(&mut self, mut event: LogEvent, at: i64, now: i64) -> String {
        let date = timestamp_secs(at);
        // "900", then the sequence (so IDs sort as they are recorded, as
        // Auth0's checkpoint order), then the date's digits.
        let stamp: String = date.chars().filter(char::is_ascii_digit).take(14).collect();
        let log_id = format!("900{:020}{stamp}", self.next_seq);
        self.next_seq += 1;
        event.log_id = Some(log_id.clone());
        event.date = Some(date);
        event.hostname = Some(self.hostname.clone());
        self.events.push_back(Recorded {
            at,
            log_id: log_id.clone(),
            event,
        });
        self.prune(now);
        log_id
    }

    /// Drops events past the cap and (from the front) those older than the
    /// retention window.
    fn prune(&mut self, now: i64) {
        while self.events.len() > self.cap {
            self.events.pop_front();
        }
        let cutoff = self.cutoff(now);
        while self.events.front().is_some_and(|e| e.at < cutoff) {
            self.events.pop_front();
        }
    }

    fn cutoff(&self, now: i64) -> i64 {
        now - self.retention_secs
    }

    /// Every event within the retention window, in `log_id` order.
    pub(crate) fn visible(&self, now: i64) -> impl DoubleEndedIterator<Item = &LogEvent> + '_ {
        let cutoff = self.cutoff(now);
        self.events
            .iter()
            .filter(move |e| e.at >= cutoff)
            .map(|e| &e.event)
    }

    /// Up to `take` events recorded after `from` (a `log_id`), in order.
    pub(crate) fn after(&self, from: &str, take: usize, now: i64) -> Vec<LogEvent> {
        let start = self.events.partition_point(|e| e.log_id.as_str() <= from);
        let cutoff = self.cutoff(now);
        self.events
            .range(start..)
            .filter(|e| e.at >= cutoff)
            .take(take)
            .map(|e| e.event.clone())
            .collect()
    }

    pub(crate) fn get(&self, log_id: &str, now: i64) -> Option<&LogEvent> {
        let i = self
            .events
            .binary_search_by(|e| e.log_id.as_str().cmp(log_id))
            .ok()?;
        self.events
            .get(i)
            .filter(|e| e.at >= self.cutoff(now))
            .map(|e| &e.event)
    }

    pub(crate) fn len(&self) -> usize {
        self.events.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::EventBuilder;

    #[test]
    fn ids_sort_in_order_and_the_cap_and_window_hold() {
        let mut store = LogStore::new(3, 1, "sandbox");
        let now = 1_800_000_000;
        let ids: Vec<String> = (0..5)
            .map(|i| store.record(LogEvent::new("s", "x"), now - 10 + i, now))
            .collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        assert_eq!(store.len(), 3);
        let after = store.after(&ids[2], 10, now);
        assert_eq!(after.len(), 2);
        assert_eq!(after[0].log_id.as_ref(), Some(&ids[3]));
        assert!(store.get(&ids[4], now).is_some());
        assert!(store.get(&ids[0], now).is_none(), "dropped past the cap");
        // A day later every event is outside the window.
        assert_eq!(store.visible(now + 86_400).count(), 0);
        assert!(store.after("", 10, now + 86_400).is_empty());
    }
}
