//! The tenant's deterministic randomness and its fixed "now".

use chrono::{DateTime, TimeZone, Utc};

/// The moment the seeded data is "now": timestamps never depend on the real clock.
pub(crate) fn seed_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .expect("a valid date")
}

/// splitmix64: small, fast and stable across platforms and releases, which a
/// seeded tenant needs more than statistical quality.
pub(crate) struct SeedRng(u64);

impl SeedRng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed ^ 0x1d1e_25a7_d0c5_eed5)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent`/100.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    pub(crate) fn hex(&mut self, len: usize) -> String {
        let mut out = String::new();
        while out.len() < len {
            out.push_str(&format!("{:016x}", self.next()));
        }
        out.truncate(len);
        out
    }

    pub(crate) fn digits(&mut self, len: usize) -> String {
        let mut out = String::from(char::from(b'1' + self.below(9) as u8));
        while out.len() < len {
            out.push(char::from(b'0' + self.below(10) as u8));
        }
        out
    }
}
