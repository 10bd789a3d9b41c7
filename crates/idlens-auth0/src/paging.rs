//! The paging guard. Every listing of the client pages through one, offset
//! (`page`/`per_page` with `total`) or checkpoint (`from`/`take` with
//! `next`), so a tenant's answer that never ends, repeats itself or ends
//! short of its own total stops the listing with an error after a few
//! requests, rather than looping or handing out part of it as the whole.
//!
//! Invariants:
//! - An offset listing never asks past [`OFFSET_CAP`] (Auth0 answers `400`
//!   there): longer is an error, or (with [`AtCap::Stop`]) the end the
//!   caller asked for.
//! - A listing that ends before the total it announced is an error; one
//!   without a total ends at a short page, and says its count is unconfirmed
//!   (`total()` is `None`).
//! - An empty checkpoint page ends the listing (a log's "caught up").

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::error::Endless;
use crate::ManagementError;

/// Auth0 serves the first 1,000 results of an offset-paged listing, and
/// answers `400` for a page past them.
pub const OFFSET_CAP: u64 = 1000;

/// What an offset listing longer than [`OFFSET_CAP`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtCap {
    /// An error: the caller needs every item.
    Fail,
    /// The end: the first 1,000 are what the caller asked for.
    Stop,
}

/// One listing's progress, and what would make it stop.
pub(crate) struct PageGuard {
    endpoint: String,
    items: u64,
    pages: u64,
    /// The total the last page that gave one announced.
    total: Option<u64>,
    /// Hashes of the items seen, and of the checkpoints followed (a hash
    /// each, so a long listing costs 8 bytes an item).
    seen: HashSet<u64>,
    checkpoints: HashSet<u64>,
}

/// The hash by which an item (or checkpoint) is recognised when it comes again.
pub(crate) fn identity(item: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    item.hash(&mut hasher);
    hasher.finish()
}

impl PageGuard {
    pub(crate) fn new(endpoint: String) -> Self {
        Self {
            endpoint,
            items: 0,
            pages: 0,
            total: None,
            seen: HashSet::new(),
            checkpoints: HashSet::new(),
        }
    }

    /// The total Auth0 announced; `None` when it gave none, and the count
    /// of the listing is unconfirmed.
    pub(crate) fn total(&self) -> Option<u64> {
        self.total
    }

    /// A page arrived with items of these identities (and, for offset
    /// paging, the total it announced). A page of items all seen before, or
    /// a listing past twice its total, does not end: an error.
    pub(crate) fn page(
        &mut self,
        identities: impl IntoIterator<Item = u64>,
        total: Option<u64>,
    ) -> Result<(), ManagementError> {
        self.pages += 1;
        self.total = total.or(self.total);
        let (mut fetched, mut new) = (0u64, 0u64);
        for id in identities {
            fetched += 1;
            new += u64::from(self.seen.insert(id));
        }
        if fetched > 0 && new == 0 {
            return Err(self.endless(Endless::RepeatedItems));
        }
        self.items += fetched;
        match self.total {
            Some(total) if self.items > total.saturating_mul(2) => {
                Err(self.endless(Endless::PastTotal { total }))
            }
            _ => Ok(()),
        }
    }

    /// Offset paging, after a page of `fetched` items: the next page to
    /// ask for, or `None` at the end (checked against the total).
    pub(crate) fn offset_next(
        &self,
        fetched: usize,
        per_page: usize,
        at_cap: AtCap,
    ) -> Result<Option<u64>, ManagementError> {
        let (fetched, per_page) = (fetched as u64, per_page as u64);
        if at_cap == AtCap::Fail && self.total.is_some_and(|t| t > OFFSET_CAP) {
            return Err(self.too_long());
        }
        let ended = fetched == 0
            || match self.total {
                Some(total) => self.items >= total,
                None => fetched < per_page,
            };
        if ended {
            return self.whole().map(|()| None);
        }
        let next = self.pages;
        if (next + 1).saturating_mul(per_page) <= OFFSET_CAP {
            return Ok(Some(next));
        }
        match at_cap {
            AtCap::Stop => Ok(None),
            AtCap::Fail => Err(self.too_long()),
        }
    }

    /// Checkpoint paging, after a page of `fetched` items: the checkpoint
    /// to go on from, or `None` at the end (no `next`, or an empty page).
    /// A `next` followed before, after a page with data, does not end.
    pub(crate) fn checkpoint_next(
        &mut self,
        fetched: usize,
        next: Option<String>,
    ) -> Result<Option<String>, ManagementError> {
        match next.filter(|n| !n.is_empty()) {
            None => Ok(None),
            Some(_) if fetched == 0 => Ok(None),
            Some(next) if self.checkpoints.insert(identity(&next)) => Ok(Some(next)),
            Some(_) => Err(self.endless(Endless::RepeatedCheckpoint)),
        }
    }

    /// The listing ended: whole, unless short of the total it announced.
    fn whole(&self) -> Result<(), ManagementError> {
        match self.total {
            Some(total) if self.items < total => Err(ManagementError::ListingShort {
                endpoint: self.endpoint.clone(),
                items: self.items,
                total,
                pages: self.pages,
            }),
            _ => Ok(()),
        }
    }

    fn endless(&self, problem: Endless) -> ManagementError {
        ManagementError::ListingEndless {
            endpoint: self.endpoint.clone(),
            items: self.items,
            pages: self.pages,
            problem,
        }
    }

    fn too_long(&self) -> ManagementError {
        ManagementError::ListingTooLong {
            endpoint: self.endpoint.clone(),
            items: self.items,
            total: self.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(range: std::ops::Range<u64>) -> impl Iterator<Item = u64> {
        range.map(|i| identity(&i))
    }

    #[test]
    fn an_offset_listing_ends_at_its_total_or_a_short_page() {
        let mut guard = PageGuard::new("GET /api/v2/roles".into());
        guard.page(ids(0..100), Some(150)).unwrap();
        assert_eq!(guard.offset_next(100, 100, AtCap::Fail).unwrap(), Some(1));
        guard.page(ids(100..150), Some(150)).unwrap();
        assert_eq!(guard.offset_next(50, 100, AtCap::Fail).unwrap(), None);

        let mut untold = PageGuard::new("GET /api/v2/roles".into());
        untold.page(ids(0..100), None).unwrap();
        assert_eq!(untold.offset_next(100, 100, AtCap::Fail).unwrap(), Some(1));
        untold.page(ids(100..130), None).unwrap();
        assert_eq!(untold.offset_next(30, 100, AtCap::Fail).unwrap(), None);
        assert_eq!(untold.total(), None);
    }

    #[test]
    fn a_tenant_that_grows_or_shrinks_while_listed_is_not_an_error() {
        // A role deleted between pages: the last total is the one that counts.
        let mut guard = PageGuard::new("GET /api/v2/roles".into());
        guard.page(ids(0..100), Some(150)).unwrap();
        guard.page(ids(100..149), Some(149)).unwrap();
        assert_eq!(guard.offset_next(49, 100, AtCap::Fail).unwrap(), None);
        // One added: the next page repeats an item, and brings new ones.
        let mut guard = PageGuard::new("GET /api/v2/roles".into());
        guard.page(ids(0..100), Some(151)).unwrap();
        guard.page(ids(99..151), Some(151)).unwrap();
        assert_eq!(guard.offset_next(52, 100, AtCap::Fail).unwrap(), None);
    }

    #[test]
    fn at_the_cap_a_listing_stops_or_fails_as_its_caller_asked() {
        let mut guard = PageGuard::new("GET /api/v2/users".into());
        for page in 0..10 {
            guard
                .page(ids(page * 100..page * 100 + 100), Some(1400))
                .unwrap();
            let next = guard.offset_next(100, 100, AtCap::Stop).unwrap();
            assert_eq!(next, (page < 9).then_some(page + 1));
        }
        let err = guard.offset_next(100, 100, AtCap::Fail).unwrap_err();
        assert!(matches!(
            err,
            ManagementError::ListingTooLong {
                items: 1000,
                total: Some(1400),
                ..
            }
        ));
    }

    #[test]
    fn an_empty_checkpoint_page_is_the_end_even_with_a_next_seen_before() {
        let mut guard = PageGuard::new("GET /api/v2/logs".into());
        guard.page(ids(0..10), None).unwrap();
        assert_eq!(
            guard.checkpoint_next(10, Some("a".into())).unwrap(),
            Some("a".into())
        );
        guard.page(ids(0..0), None).unwrap();
        assert_eq!(guard.checkpoint_next(0, Some("a".into())).unwrap(), None);
        assert_eq!(guard.checkpoint_next(5, Some(String::new())).unwrap(), None);
    }
}
