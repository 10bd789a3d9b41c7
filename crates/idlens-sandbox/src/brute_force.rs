//! Brute-force protection, as Auth0's: consecutive wrong passwords for one
//! account are counted (per identifier and IP, or per identifier alone,
//! by `mode`); at `max_attempts` the pair (or the account, from every IP)
//! is blocked until the block is removed or 30 days pass on the sandbox's
//! clock. A successful sign-in resets the count.
//!
//! Its lock is a leaf, like the logs': nothing else is locked while it is
//! held, and events about it are logged after it is released.

use serde::{Deserialize, Serialize};

use crate::expiring::Expiring;

/// How long a brute-force block lasts when no one removes it.
pub(crate) const BLOCK_LIFETIME: i64 = 30 * 86_400;

/// The counters and blocks held, each (a flood of identifiers stops there:
/// past it, new identifiers are not counted).
const MAX_TRACKED: usize = 100_000;

/// How failures are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Mode {
    /// Per account and IP: only that pair is blocked.
    CountPerIdentifierAndIp,
    /// Per account, from any IP: the account is blocked from every IP.
    CountPerIdentifier,
}

/// `GET/PATCH /api/v2/attack-protection/brute-force-protection`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Settings {
    pub enabled: bool,
    /// `block` and/or `user_notification`; without `block` nothing is blocked.
    pub shields: Vec<String>,
    pub mode: Mode,
    pub max_attempts: u32,
    /// IPs never counted or blocked.
    pub allowlist: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            enabled: true,
            shields: vec!["block".to_owned(), "user_notification".to_owned()],
            mode: Mode::CountPerIdentifierAndIp,
            max_attempts: 10,
            allowlist: Vec::new(),
        }
    }
}

/// A PATCH of the settings: the fields it names change.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SettingsPatch {
    pub enabled: Option<bool>,
    pub shields: Option<Vec<String>>,
    pub mode: Option<Mode>,
    pub max_attempts: Option<u32>,
    pub allowlist: Option<Vec<String>>,
}

/// One block: an identifier (lower-cased e-mail) from an IP, or from every
/// IP (`ip: None`, per-identifier mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Block {
    pub identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    pub connection: String,
    #[serde(skip)]
    pub user_id: String,
    #[serde(skip)]
    pub until: i64,
}

/// What a wrong password did to the count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Counted {
    /// Counted (or not counted at all: protection off, or an allowed IP).
    Below,
    /// This failure reached `max_attempts`: the block was set now.
    Blocked(Block),
}

pub(crate) struct BruteForce {
    pub settings: Settings,
    failures: Expiring<u32>,
    blocks: Expiring<Block>,
}

impl BruteForce {
    pub(crate) fn new() -> Self {
        Self {
            settings: Settings::default(),
            failures: Expiring::new(MAX_TRACKED),
            blocks: Expiring::new(MAX_TRACKED),
        }
    }

    /// The key counting `identifier`'s failures from `ip` in the current
    /// mode, and the IP its block names (none: every IP).
    fn key(&self, identifier: &str, ip: &str) -> (String, Option<String>) {
        let ip = match self.settings.mode {
            Mode::CountPerIdentifierAndIp => Some(ip.to_owned()),
            Mode::CountPerIdentifier => None,
        };
        (key(identifier, ip.as_deref()), ip)
    }

    fn blocking(&self, ip: &str) -> bool {
        self.settings.enabled
            && self.settings.shields.iter().any(|s| s == "block")
            && !self.settings.allowlist.iter().any(|a| a == ip)
    }

    /// Whether `identifier` may not sign in from `ip`: a live block of the
    /// pair, or of the identifier from every IP.
    pub(crate) fn is_blocked(&self, identifier: &str, ip: &str, now: i64) -> bool {
        if !self.blocking(ip) {
            return false;
        }
        [key(identifier, Some(ip)), key(identifier, None)]
            .iter()
            .filter_map(|k| self.blocks.get(k))
            .any(|b| b.until > now)
    }

    /// Counts a wrong password of the database user `user_id`.
    pub(crate) fn count_failure(
        &mut self,
        identifier: &str,
        ip: &str,
        connection: &str,
        user_id: &str,
        now: i64,
    ) -> Counted {
        if !self.blocking(ip) {
            return Counted::Below;
        }
        let (key, block_ip) = self.key(identifier, ip);
        let count = self.failures.get(&key).copied().unwrap_or(0) + 1;
        if count < self.settings.max_attempts {
            // Past the cap a new identifier goes uncounted: no memory grows.
            let _full = self.failures.insert(key, count, now + BLOCK_LIFETIME, now);
            return Counted::Below;
        }
        self.failures.remove(&key);
        let block = Block {
            identifier: identifier.trim().to_lowercase(),
            ip: block_ip,
            connection: connection.to_owned(),
            user_id: user_id.to_owned(),
            until: now + BLOCK_LIFETIME,
        };
        match self.blocks.insert(key, block.clone(), block.until, now) {
            Ok(()) => Counted::Blocked(block),
            Err(_full) => Counted::Below,
        }
    }

    /// A successful sign-in: the count starts again.
    pub(crate) fn reset(&mut self, identifier: &str, ip: &str) {
        self.failures.remove(&key(identifier, Some(ip)));
        self.failures.remove(&key(identifier, None));
    }

    /// Sets a block directly (the seeded stories' current block).
    pub(crate) fn set_block(&mut self, block: Block, now: i64) {
        let key = key(&block.identifier, block.ip.as_deref());
        let _full = self.blocks.insert(key, block.clone(), block.until, now);
    }

    /// The live blocks matching `which`, by identifier and IP.
    pub(crate) fn blocks(&mut self, now: i64, which: impl Fn(&Block) -> bool) -> Vec<Block> {
        let mut out: Vec<Block> = self
            .blocks
            .values_mut()
            .filter(|b| b.until > now && which(b))
            .map(|b| b.clone())
            .collect();
        out.sort_by(|a, b| (&a.identifier, &a.ip).cmp(&(&b.identifier, &b.ip)));
        out
    }

    /// Removes every live block matching `which` (any IP) and its count;
    /// returns the blocks removed.
    pub(crate) fn remove(&mut self, now: i64, which: impl Fn(&Block) -> bool) -> Vec<Block> {
        let removed = self.blocks(now, &which);
        for b in &removed {
            self.blocks.remove(&key(&b.identifier, b.ip.as_deref()));
            self.reset(&b.identifier, b.ip.as_deref().unwrap_or_default());
        }
        removed
    }
}

/// Where counts and blocks are kept: the lower-cased identifier, with the
/// IP for a pair (no e-mail or IP holds a newline).
fn key(identifier: &str, ip: Option<&str>) -> String {
    let identifier = identifier.trim().to_lowercase();
    match ip {
        Some(ip) => format!("{identifier}\n{ip}"),
        None => identifier,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_failures_block_the_pair_and_a_success_resets_the_count() {
        let mut bf = BruteForce::new();
        let now = 1_000;
        for _ in 0..9 {
            assert_eq!(
                bf.count_failure("A@x.test", "1.1.1.1", "db", "auth0|a", now),
                Counted::Below
            );
        }
        bf.reset("a@x.test", "1.1.1.1");
        for _ in 0..9 {
            bf.count_failure("a@x.test", "1.1.1.1", "db", "auth0|a", now);
        }
        assert!(!bf.is_blocked("a@x.test", "1.1.1.1", now));
        assert!(matches!(
            bf.count_failure("a@x.test", "1.1.1.1", "db", "auth0|a", now),
            Counted::Blocked(_)
        ));
        assert!(bf.is_blocked("A@X.test", "1.1.1.1", now));
        assert!(
            !bf.is_blocked("a@x.test", "2.2.2.2", now),
            "another IP may still try"
        );
        assert!(
            !bf.is_blocked("a@x.test", "1.1.1.1", now + BLOCK_LIFETIME),
            "30 days later"
        );
        assert_eq!(bf.remove(now, |b| b.identifier == "a@x.test").len(), 1);
        assert!(!bf.is_blocked("a@x.test", "1.1.1.1", now));
    }
}
