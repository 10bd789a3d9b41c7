//! No attempt at all: the account exists but Auth0 logged no sign-in,
//! MFA, token or block event of theirs in the days it keeps. The customer
//! is most likely signing in somewhere else (another tenant, a wrong
//! domain or client ID in the application).

use super::story::{category, Period, Story};
use super::text::when;
use super::{Cause, CauseKind, Citation};
use crate::LogCategory;

/// The categories of events that show an attempt to sign in.
const ATTEMPTS: &[LogCategory] = &[
    LogCategory::Login,
    LogCategory::SilentAuth,
    LogCategory::TokenExchange,
    LogCategory::Mfa,
    LogCategory::Passwordless,
    LogCategory::DeviceFlow,
    LogCategory::LimitsAndBlocks,
    LogCategory::BreachedPassword,
];

pub(super) fn no_attempts(story: &Story<'_>, period: Period) -> Option<Cause> {
    let account = story.evidence.account?;
    let attempted = story
        .all()
        .iter()
        .any(|e| category(e).is_some_and(|c| ATTEMPTS.contains(&c)));
    if period == Period::Resolved || attempted {
        return None;
    }
    let last = match account.last_login {
        Some(at) => format!("; the last successful login on record was {}", when(at)),
        None => "; the account has no login on record".to_owned(),
    };
    let mut citations = vec![Citation::state("timeline")];
    if account.last_login.is_some() {
        citations.push(Citation::state("account.last_login"));
    }
    Some(Cause::new(
        CauseKind::NoAttempts,
        false,
        format!("Auth0 saw no attempt in the retention window{last}: check the application's domain and client ID"),
        citations,
        "Ask which page the customer signs in on, and compare the application's Auth0 domain and client ID with this tenant's: a login page of another tenant logs nothing here.",
    ))
}
