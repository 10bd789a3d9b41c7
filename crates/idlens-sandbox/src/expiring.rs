//! The sandbox's tables of things that wait or expire (pending sign-ins,
//! codes, device codes, issued tokens): each entry has an expiry on the
//! sandbox's clock, and each table has a size cap.
//!
//! Invariant: a table never holds more than its cap. Expired entries stay
//! readable until they are swept (so a late poll still hears
//! `expired_token`, as from Auth0), and are swept on insert: every
//! [`SWEEP_EVERY`] inserts, and whenever the table is full. A flood of
//! requests therefore costs at most the cap in memory, and answers
//! `429 too_many_requests` once the cap is reached, like Auth0's rate limits.

use std::collections::HashMap;

/// Inserts between sweeps of expired entries, whatever the size.
const SWEEP_EVERY: u32 = 1024;

/// A table keyed by random strings, with an expiry per entry and a cap.
#[derive(Debug)]
pub(crate) struct Expiring<V> {
    entries: HashMap<String, (i64, V)>,
    cap: usize,
    inserts_since_sweep: u32,
    /// The sandbox second of the last sweep made because the table was
    /// full: a flood at the cap sweeps at most once a second.
    full_sweep_at: Option<i64>,
}

/// The table is at its cap and nothing in it has expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Full {
    pub cap: usize,
}

impl<V> Expiring<V> {
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            entries: HashMap::new(),
            cap,
            inserts_since_sweep: 0,
            full_sweep_at: None,
        }
    }

    /// Adds an entry that expires at `expires_at` (UNIX seconds).
    pub(crate) fn insert(
        &mut self,
        key: String,
        value: V,
        expires_at: i64,
        now: i64,
    ) -> Result<(), Full> {
        self.inserts_since_sweep += 1;
        if self.inserts_since_sweep >= SWEEP_EVERY {
            self.sweep(now);
        }
        if self.entries.len() >= self.cap && self.full_sweep_at != Some(now) {
            self.full_sweep_at = Some(now);
            self.sweep(now);
        }
        if self.entries.len() >= self.cap && !self.entries.contains_key(&key) {
            return Err(Full { cap: self.cap });
        }
        self.entries.insert(key, (expires_at, value));
        Ok(())
    }

    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.entries.get(key).map(|(_, v)| v)
    }

    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.entries.get_mut(key).map(|(_, v)| v)
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<V> {
        self.entries.remove(key).map(|(_, v)| v)
    }

    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.values_mut().map(|(_, v)| v)
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Drops every entry that has expired by `now`.
    pub(crate) fn sweep(&mut self, now: i64) {
        self.inserts_since_sweep = 0;
        self.entries.retain(|_, (expires_at, _)| *expires_at > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_table_refuses_until_entries_expire() {
        let mut table = Expiring::new(3);
        for i in 0..3 {
            table.insert(format!("k{i}"), i, 100, 0).unwrap();
        }
        assert_eq!(table.insert("k3".into(), 3, 100, 0), Err(Full { cap: 3 }));
        // Replacing an existing key is fine at the cap.
        table.insert("k0".into(), 10, 100, 0).unwrap();
        assert_eq!(table.get("k0"), Some(&10));
        // Once they have expired, the next insert sweeps them.
        table.insert("k4".into(), 4, 200, 100).unwrap();
        assert_eq!(table.len(), 1);
        assert_eq!(table.get("k4"), Some(&4));
    }

    #[test]
    fn expired_entries_stay_readable_until_swept() {
        let mut table = Expiring::new(10);
        table.insert("old".into(), 1, 5, 0).unwrap();
        assert_eq!(table.get("old"), Some(&1));
        table.sweep(5);
        assert_eq!(table.get("old"), None);
    }

    #[test]
    fn regular_sweeps_free_expired_entries_below_the_cap() {
        let mut table = Expiring::new(1 << 20);
        for i in 0..SWEEP_EVERY * 3 {
            // Each entry expires a second after it was made; time moves on.
            let now = i64::from(i);
            table.insert(format!("k{i}"), i, now + 1, now).unwrap();
        }
        assert!(table.len() <= SWEEP_EVERY as usize + 1, "{}", table.len());
    }
}
