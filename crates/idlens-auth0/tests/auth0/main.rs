//! The Management API client over HTTP: against the sandbox tenant for
//! every endpoint, paging past 1,000, the search cap, the rate limit and a
//! missing scope; against a broken server of the test's own for malformed
//! and truncated answers; cancelled mid-listing; users exports and linking.

mod broken;
mod export;
mod sandbox;
mod support;
