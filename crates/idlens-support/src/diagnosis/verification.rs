//! An unverified e-mail that the application requires: inferred from the
//! failed logins' descriptions ("Please verify your email before logging
//! in.", written by the tenant's Rule or Action), never assumed from
//! `email_verified: false` alone (most applications let such users in).

use super::story::{category, cite, Period, Story};
use super::text::{event_when, says};
use super::{phrases, Cause, CauseKind, Citation};
use crate::{LogCategory, LogEvent, Outcome};

const NEXT_STEP: &str = "Send the verification e-mail again (`idlens users verify-email USER`) and ask the customer to open its link, then sign in; check the spam folder if it does not arrive.";

pub(super) fn email_not_verified(story: &Story<'_>, period: Period) -> Option<Cause> {
    let verified = story.evidence.account.and_then(|a| a.email_verified);
    // Verified since: the failures of either period are a solved problem.
    if verified == Some(true) {
        return (period == Period::Current)
            .then(|| verified_since(story))
            .flatten();
    }
    let failures = failures(story.events(period));
    let newest = *failures.first()?;
    let state = match verified {
        Some(false) => "e-mail not verified, and ",
        _ => "",
    };
    let headline = format!(
        "{state}{} the application requires a verified e-mail (`{}`, last {})",
        match failures.len() {
            1 => "a failed login says".to_owned(),
            n => format!("{} say", logins(n)),
        },
        super::story::code(newest),
        event_when(newest)
    );
    let mut citations = Vec::new();
    if verified.is_some() {
        citations.push(Citation::state("account.email_verified"));
    }
    citations.extend(cite(failures));
    Some(Cause::new(
        CauseKind::EmailNotVerified,
        true,
        headline,
        citations,
        NEXT_STEP,
    ))
}

/// The failures said "verify your e-mail", and the e-mail is verified now.
fn verified_since(story: &Story<'_>) -> Option<Cause> {
    let failures = failures(story.all());
    let newest = *failures.first()?;
    let mut cause = Cause::new(
        CauseKind::EmailNotVerified,
        false,
        format!(
            "{} said the application requires a verified e-mail (`{}`, last {}); the e-mail has been verified since",
            logins(failures.len()),
            super::story::code(newest),
            event_when(newest)
        ),
        [Citation::state("account.email_verified")].into_iter().chain(cite(failures)).collect(),
        "Ask the customer to sign in again; if it still fails, read the newest failure's description.",
    );
    cause.resolved = true;
    Some(cause)
}

fn logins(n: usize) -> String {
    match n {
        1 => "a failed login".to_owned(),
        n => format!("{n} failed logins"),
    }
}

/// Failed logins (any login failure code) that say the e-mail must be verified.
fn failures<'a>(events: &[&'a LogEvent]) -> Vec<&'a LogEvent> {
    events
        .iter()
        .copied()
        .filter(|e| {
            e.code()
                .known()
                .is_some_and(|k| k.outcome == Outcome::Failure)
                && matches!(
                    category(e),
                    Some(LogCategory::Login | LogCategory::SilentAuth)
                )
                && says(e, phrases::EMAIL_NOT_VERIFIED)
        })
        .collect()
}
