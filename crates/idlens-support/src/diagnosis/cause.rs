//! What the diagnosis answers: the likely reasons a customer cannot sign
//! in, each with the events and state behind it. These are the boundary
//! types the API, CLI and UI show.

use serde::Serialize;

/// The diagnosis of one customer: causes, most likely first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// At most `MAX_CAUSES` (5), current causes before resolved ones.
    pub causes: Vec<Cause>,
    /// Some current cause blocks sign-in (the CLI exits 1).
    pub blocks_sign_in: bool,
    /// Causes found beyond `MAX_CAUSES` (5) and not listed (said, so
    /// a cut list is never shown as complete).
    pub omitted: usize,
}

/// One likely reason, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Cause {
    pub kind: CauseKind,
    /// The tenant refuses the customer's next attempt even with the right
    /// credentials typed in the right place, until someone acts (support,
    /// the customer through a reset, or time for a block that expires).
    pub blocks_sign_in: bool,
    /// Solved since: the customer signed in after every event behind it,
    /// or the account changed (the e-mail was verified). It explains a
    /// past problem, not today's; it never blocks sign-in.
    pub resolved: bool,
    /// One sentence with the counts, IPs, dates (UTC) and codes behind it.
    /// Never holds text copied from an event's description.
    pub headline: String,
    /// The events and state the headline rests on, newest first (at most
    /// `MAX_CITATIONS` (20) events).
    pub citations: Vec<Citation>,
    /// What support can do next.
    pub next_step: String,
}

/// What a cause rests on: a log event, or a fact read from the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "source", rename_all = "camelCase")]
pub enum Citation {
    /// A log event: its id (to open it), type code and date (RFC 3339, UTC).
    #[serde(rename_all = "camelCase")]
    Event {
        log_id: Option<String>,
        code: String,
        date: Option<String>,
    },
    /// A fact of the account's state, named as the card shows it
    /// (`account.blocked`, `user_blocks`, `account.email_verified`, …).
    State { fact: String },
}

impl Citation {
    pub(crate) fn state(fact: &str) -> Citation {
        Citation::State {
            fact: fact.to_owned(),
        }
    }
}

/// Every reason the diagnosis knows, in order of priority: among causes
/// equally current and equally blocking, an earlier kind is listed first.
/// The order is part of the contract (tests and the UI rely on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// `blocked: true` on the account (failed logins say "user is blocked").
    AdminBlocked,
    /// A brute-force block (`user-blocks`, `limit_wc`): one IP or every IP.
    BruteForceBlocked,
    /// The password is in a public breach (`pwd_leak`).
    BreachedPassword,
    /// Failed logins say the application requires a verified e-mail.
    EmailNotVerified,
    /// An IP the customer uses is blocked across many accounts (`limit_mu`).
    IpThrottled,
    /// No account matches what support typed, in any connection.
    NoAccount,
    /// The customer tried a connection the e-mail has no account in; it
    /// belongs to another identity (social, enterprise).
    OtherIdentityOnly,
    /// Attempts with an identifier close to the customer's (`fu`).
    MistypedIdentifier,
    /// MFA codes rejected or MFA rate-limited (`gd_*`, `feotpft`, …).
    MfaFailures,
    /// Wrong passwords (`fp`).
    WrongPassword,
    /// A rotated refresh token used again (`ferrt`).
    RefreshTokenReused,
    /// Other failed token exchanges (`feacft`, `fertft`, …).
    TokenExchangeFailed,
    /// Failed logins whose reason no rule above recognises (`f`, `fco`, …).
    OtherLoginFailure,
    /// MFA enrolment started but never confirmed, and no usable method.
    MfaEnrollmentIncomplete,
    /// No sign-in attempt in the logs Auth0 keeps.
    NoAttempts,
}

impl CauseKind {
    pub const ALL: [CauseKind; 15] = [
        CauseKind::AdminBlocked,
        CauseKind::BruteForceBlocked,
        CauseKind::BreachedPassword,
        CauseKind::EmailNotVerified,
        CauseKind::IpThrottled,
        CauseKind::NoAccount,
        CauseKind::OtherIdentityOnly,
        CauseKind::MistypedIdentifier,
        CauseKind::MfaFailures,
        CauseKind::WrongPassword,
        CauseKind::RefreshTokenReused,
        CauseKind::TokenExchangeFailed,
        CauseKind::OtherLoginFailure,
        CauseKind::MfaEnrollmentIncomplete,
        CauseKind::NoAttempts,
    ];
}
