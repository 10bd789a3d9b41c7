//! The test identity provider: `oidc-provider` from npm (`tests/idp`), in
//! its default shape or renamed to Auth0's, and a browser on its pages.

mod provider;
mod user_agent;

pub use provider::{Idp, Mode, API, CLIENT_ID, SHORT_LIVED_CLIENT_ID, SLOW_DOWN_CLIENT_ID};
pub use user_agent::{Decision, Page, UserAgent};
