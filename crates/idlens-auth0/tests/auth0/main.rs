//! The Management API client over HTTP: against the sandbox tenant for
//! every endpoint, paging past 1,000, the search cap, the rate limit and a
//! missing scope; against a broken server of the test's own for malformed
//! and truncated answers; and cancelled mid-listing.

mod broken;
mod sandbox;
mod support;
