//! Auth0's log event type codes (the `type` of every tenant log event),
//! each explained for a support agent: what happened, the likely cause and
//! what support can do next. [`LOG_CODES`] is the one declaration; the UI
//! gets it as `LOG_CODES` in `ui/src/bindings.ts`.
//!
//! Sources: Auth0's "Log Type Codes" page and log-stream "event filters"
//! page, and the event schemas Auth0 publishes (auth0/auth0-log-schemas).
//! The words are IdLens's own.

mod table;

use serde::{Deserialize, Serialize};

pub use table::LOG_CODES;

/// What an event is about, for grouping a user's timeline. Close to
/// Auth0's log-stream event filters, with the failure/success split moved
/// to [`Outcome`] and the support-relevant families (MFA, blocks, breached
/// passwords) taken out of "user" and "system" events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum LogCategory {
    /// A login attempt, including cross-origin and native social logins.
    Login,
    Logout,
    Signup,
    /// Silent authentication (`prompt=none`): a session check by an app.
    SilentAuth,
    /// An app exchanging a code, password, refresh token or other grant for tokens.
    TokenExchange,
    /// Multi-factor authentication: enrolment, challenges, recovery codes.
    Mfa,
    /// Passwordless codes and links.
    Passwordless,
    /// The device authorization flow (TVs, CLIs).
    DeviceFlow,
    /// Rate limits and brute-force blocks on an IP, an account or an API.
    LimitsAndBlocks,
    /// A login, signup or reset with a password known to be breached.
    BreachedPassword,
    /// A change to an account: e-mail, password, phone, username,
    /// verification, deletion, import, invitation, linked accounts.
    AccountChange,
    /// The Management API (which the Dashboard uses), SCIM and key management.
    ManagementApi,
    /// The AD/LDAP connector and directory sync.
    Connector,
    /// Actions, Forms, Flows and Hooks: the tenant's own code.
    Extensibility,
    /// Notices about the tenant itself: deprecations, updates, rate-limit warnings.
    System,
}

impl LogCategory {
    /// Every code of the category in [`LOG_CODES`].
    pub fn codes(self) -> impl Iterator<Item = &'static str> {
        LOG_CODES
            .iter()
            .filter(move |c| c.category == self)
            .map(|c| c.code)
    }

    pub const ALL: [LogCategory; 15] = [
        LogCategory::Login,
        LogCategory::Logout,
        LogCategory::Signup,
        LogCategory::SilentAuth,
        LogCategory::TokenExchange,
        LogCategory::Mfa,
        LogCategory::Passwordless,
        LogCategory::DeviceFlow,
        LogCategory::LimitsAndBlocks,
        LogCategory::BreachedPassword,
        LogCategory::AccountChange,
        LogCategory::ManagementApi,
        LogCategory::Connector,
        LogCategory::Extensibility,
        LogCategory::System,
    ];
}

/// Whether the event records something that failed, succeeded, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LogOutcome"))]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Failure,
    Success,
    /// A warning, a block, a started step or a notification.
    Notice,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Failure, Outcome::Success, Outcome::Notice];
}

/// One log event type code, explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LogCodeInfo"))]
#[serde(rename_all = "camelCase")]
pub struct LogCode {
    /// The code as it appears in an event's `type` (`fp`, `limit_wc`).
    pub code: &'static str,
    /// Auth0's name for the event.
    pub event: &'static str,
    pub category: LogCategory,
    pub outcome: Outcome,
    /// What happened, in a support agent's words.
    pub what_happened: &'static str,
    /// The likely cause.
    pub likely_cause: &'static str,
    /// What support can do next.
    pub next_step: &'static str,
}

/// A code looked up in [`LOG_CODES`]: known, or an unknown code kept as it
/// came (a newer Auth0 code is shown raw, never dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a> {
    Known(&'static LogCode),
    Unknown(&'a str),
}

impl<'a> Lookup<'a> {
    /// The code as the event gave it.
    pub fn code(&self) -> &'a str {
        match self {
            Lookup::Known(known) => known.code,
            Lookup::Unknown(raw) => raw,
        }
    }

    /// Auth0's name for the event, or a name that shows the raw code.
    pub fn event(&self) -> String {
        match self {
            Lookup::Known(known) => known.event.to_owned(),
            Lookup::Unknown(raw) => format!("Unknown event type \"{raw}\""),
        }
    }

    pub fn known(&self) -> Option<&'static LogCode> {
        match self {
            Lookup::Known(known) => Some(known),
            Lookup::Unknown(_) => None,
        }
    }
}

/// The explanation of `code`, or [`Lookup::Unknown`] with the code as given.
pub fn lookup(code: &str) -> Lookup<'_> {
    match LOG_CODES.iter().find(|known| known.code == code) {
        Some(known) => Lookup::Known(known),
        None => Lookup::Unknown(code),
    }
}

#[cfg(test)]
mod tests;
