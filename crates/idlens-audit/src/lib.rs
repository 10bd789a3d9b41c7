//! Sync audit: compare Auth0's users with the graph's nodes and report accounts
//! missing on either side, stale e-mails, and duplicates across identity
//! providers (`auth0|…`, `google-oauth2|…`, `github|…`).
