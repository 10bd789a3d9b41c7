//! "Why can't this customer sign in?": pure rules over the [`Evidence`]
//! (the account's state, blocks, MFA methods and the timeline), each
//! naming one likely cause with the events and state behind it.
//!
//! Invariants: no I/O and no clock (the rules read `evidence.now`); bounded
//! work on hostile input (descriptions are matched on a prefix, citations
//! capped); a headline never echoes an event's description (identifiers
//! and IPs it names are escaped or parsed first); an unknown code is never
//! a cause and never an error.
//!
//! Each rule reads one side of the customer's last successful sign-in
//! ([`Period`]): a rule that finds nothing after it is asked again about
//! the events before it, and what it finds there is marked `resolved`,
//! does not block sign-in, and is listed after every current cause.

mod admin_block;
mod brute_force;
mod cause;
mod identifiers;
mod login_failures;
mod mfa;
mod passwords;
mod phrases;
mod silence;
mod story;
mod text;
mod throttling;
mod tokens;
mod verification;

pub use cause::{Cause, CauseKind, Citation, Diagnosis};

use story::{Period, Story};

use crate::Evidence;

/// The most causes a diagnosis lists.
pub const MAX_CAUSES: usize = 5;

/// The most events a cause cites (its headline gives the full count).
pub const MAX_CITATIONS: usize = 20;

/// A rule: the cause it finds in one period of the story, if any. A rule
/// that reads only the tenant's current state answers `None` for
/// [`Period::Resolved`].
type Rule = fn(&Story<'_>, Period) -> Option<Cause>;

/// Every rule, once per [`CauseKind`].
const RULES: [Rule; 15] = [
    admin_block::admin_blocked,
    brute_force::brute_force_blocked,
    passwords::breached_password,
    verification::email_not_verified,
    throttling::ip_throttled,
    identifiers::no_account,
    identifiers::other_identity_only,
    identifiers::mistyped_identifier,
    mfa::mfa_failures,
    passwords::wrong_password,
    tokens::refresh_token_reused,
    tokens::token_exchange_failed,
    login_failures::other_login_failure,
    mfa::mfa_enrollment_incomplete,
    silence::no_attempts,
];

/// The likely causes, most likely first: current before resolved, those
/// that block sign-in first, then by [`CauseKind`] order.
pub fn diagnose(evidence: &Evidence<'_>) -> Diagnosis {
    let story = Story::new(evidence);
    let mut causes: Vec<Cause> = RULES.iter().filter_map(|rule| run(&story, *rule)).collect();
    causes.sort_by_key(|c| (c.resolved, !c.blocks_sign_in, c.kind));
    let omitted = causes.len().saturating_sub(MAX_CAUSES);
    causes.truncate(MAX_CAUSES);
    Diagnosis {
        blocks_sign_in: causes.iter().any(|c| c.blocks_sign_in),
        causes,
        omitted,
    }
}

/// A rule on the current events, else on the resolved ones.
fn run(story: &Story<'_>, rule: Rule) -> Option<Cause> {
    if let Some(cause) = rule(story, Period::Current) {
        return Some(cause);
    }
    let mut cause = rule(story, Period::Resolved)?;
    let (since, citation) = story.since_success();
    cause.resolved = true;
    cause.blocks_sign_in = false;
    cause.headline = format!("{}; {since}", cause.headline);
    cause.citations.insert(0, citation);
    Some(cause)
}

impl Cause {
    /// A current cause (the runner marks resolved ones).
    pub(crate) fn new(
        kind: CauseKind,
        blocks_sign_in: bool,
        headline: String,
        citations: Vec<Citation>,
        next_step: &str,
    ) -> Cause {
        Cause {
            kind,
            blocks_sign_in,
            resolved: false,
            headline,
            citations,
            next_step: next_step.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests;
