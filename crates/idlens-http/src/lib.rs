//! Outbound HTTP for every client of IdLens: key fetches, sign-in, the
//! Management API and export downloads all build their client and read
//! their answers here.
//!
//! Invariants:
//! - No answer is read past a limit the caller names: [`read_body`] keeps at
//!   most `limit` bytes in memory and [`download`] writes at most `limit`
//!   bytes to disk; both stop reading the moment the limit is passed, whatever
//!   `Content-Length` said (or did not say).
//! - Requests go only to `https://` URLs, or `http://` on this machine
//!   ([`check_url`]), and never to a URL carrying a user name or password;
//!   redirects are refused, or followed only to such URLs ([`Redirects`]).
//! - A client built with [`Reach::PublicOnly`] connects only to public
//!   addresses, checked on the address it connects to, redirects included
//!   ([`reach`]).
//! - Error descriptions ([`describe_error`]) never contain a request body.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod body;
pub mod reach;
mod url_rules;

use std::sync::Arc;
use std::time::Duration;

pub use body::{download, read_body, BodyError};
pub use reach::{AddressKind, NotPublicName, Reach};
pub use url_rules::{check_url, check_url_for, has_credentials, is_loopback_url, UrlProblem};

/// How a client treats redirects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redirects {
    /// Never follow one (token endpoints: RFC 6749 advises against it).
    Refuse,
    /// Follow up to five, each to a URL [`check_url_for`] accepts.
    FollowSafe,
}

/// What every client of IdLens is built with.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Per request, connection included.
    pub timeout: Duration,
    pub redirects: Redirects,
    /// Which addresses requests and redirects may reach. Callers check the
    /// first URL with [`check_url_for`] and this reach.
    pub reach: Reach,
}

/// The HTTP client for `policy`.
pub fn client(policy: &Policy) -> Result<reqwest::Client, String> {
    client_builder(policy)
        .build()
        .map_err(|e| format!("the HTTP client could not start ({e})"))
}

/// [`client`] before it is built, for a caller that adds to it (a test's
/// fixed address for a name: such overrides bypass the resolver's check).
///
/// Pooled connections idle longer than 2 s are not reused: the requests of
/// IdLens are seconds or minutes apart (device polls, key refetches), and a
/// request sent on a connection the server is just closing (Node closes
/// after 5 s) fails.
pub fn client_builder(policy: &Policy) -> reqwest::ClientBuilder {
    let builder = reqwest::Client::builder()
        .timeout(policy.timeout)
        .redirect(redirects_within(policy.redirects, policy.reach))
        .user_agent(concat!("IdLens/", env!("CARGO_PKG_VERSION")))
        .pool_idle_timeout(Duration::from_secs(2));
    match policy.reach {
        Reach::Any => builder,
        // A proxy would resolve and connect where no check follows.
        Reach::PublicOnly => builder
            .no_proxy()
            .dns_resolver(Arc::new(reach::PublicResolver)),
    }
}

/// `redirects` as reqwest's policy, also for a client another crate builds
/// (the desktop shell's updater, through the plugin's `configure_client`).
pub fn redirect_policy(redirects: Redirects) -> reqwest::redirect::Policy {
    redirects_within(redirects, Reach::Any)
}

fn redirects_within(redirects: Redirects, reach: Reach) -> reqwest::redirect::Policy {
    match redirects {
        Redirects::Refuse => reqwest::redirect::Policy::none(),
        Redirects::FollowSafe => reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 5 {
                attempt.error("more than 5 redirects")
            } else if let Err(problem) = check_url_for(attempt.url(), reach) {
                attempt.error(problem.to_string())
            } else {
                attempt.follow()
            }
        }),
    }
}

/// An HTTP failure in words for an error message: what kind of failure, then
/// each underlying cause in parentheses (bounded in length). A connection
/// refused by [`Reach::PublicOnly`] is said as such.
pub fn describe_error(e: &reqwest::Error) -> String {
    use std::error::Error as _;
    let mut source = e.source();
    while let Some(inner) = source {
        if let Some(refused) = inner.downcast_ref::<NotPublicName>() {
            return format!("IdLens refused to connect: {refused}");
        }
        source = inner.source();
    }
    let mut detail = if e.is_timeout() {
        "the request timed out".to_owned()
    } else if e.is_connect() {
        "the connection failed".to_owned()
    } else if e.is_redirect() {
        "a redirect was refused".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let mut source = e.source();
    while let Some(inner) = source {
        detail.push_str(&format!(" ({inner})"));
        source = inner.source();
        if detail.len() > 300 {
            break;
        }
    }
    detail
}
