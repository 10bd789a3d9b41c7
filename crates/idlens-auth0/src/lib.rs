//! Auth0 Management API v2 client: users, roles, permissions, resource servers
//! and export jobs, with rate-limit handling (429, `x-ratelimit-reset`) and
//! checkpoint paging past Auth0's 1000-result window.
