//! Sign-in flows (RFC 8628 device authorization, RFC 7636 PKCE with an RFC 8252
//! loopback redirect), local validation of the resulting tokens through
//! `idlens-token`, refresh, and revocation on sign-out.
//!
//! Entry point: [`LoginClient::discover`] with [`LoginSettings`] (usually
//! [`LoginSettings::from_profile`]), then
//! - device flow: [`LoginClient::start_device_login`] → show
//!   [`DeviceLogin::authorization`] → [`LoginClient::finish_device_login`];
//! - browser flow: [`LoginClient::start_browser_login`] → open
//!   [`BrowserLogin::authorize_url`] → [`LoginClient::finish_browser_login`];
//! - [`LoginClient::refresh`], [`LoginClient::revoke`];
//! - tokens for another API: [`LoginClient::client_credentials`],
//!   [`LoginClient::refresh_for_audience`].
//!
//! Invariants:
//! - Every token, code, verifier, state and nonce is a [`Secret`].
//! - A token that fails local validation is never returned: the error names
//!   the failed check.
//! - Access and ID tokens stay in memory; persisting the refresh token (in the
//!   keychain, through `idlens-profile`) is the caller's job.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod api_token;
mod browser;
mod cancel;
mod client;
mod device;
mod error;
mod http;
mod loopback;
mod tokens;

pub use api_token::ApiToken;
pub use browser::{AuthorizedCode, BrowserLogin};
pub use cancel::{cancellation, CancelHandle, Cancellation};
pub use client::{Endpoints, LoginClient, LoginSettings, ProviderKind, DEFAULT_CALLBACK_TIMEOUT};
pub use device::{DeviceAuthorization, DeviceLogin, SLOW_DOWN_STEP};
pub use error::{LoginError, TokenRole};
pub use idlens_secret::Secret;
pub use tokens::Tokens;
