//! Sign-in flows (RFC 8628 device authorization, RFC 7636 PKCE with an RFC 8252
//! loopback redirect), local validation of the resulting tokens through
//! `idlens-token`, refresh ahead of expiry, and revocation on sign-out.
//!
//! Invariant: access and ID tokens stay in memory; only the refresh token is
//! persisted, and only through `idlens-profile`'s keychain.
