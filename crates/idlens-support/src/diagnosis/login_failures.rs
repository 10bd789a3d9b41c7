//! Failed logins no other rule explains: an `f` whose description says
//! none of the recognised reasons, a CORS refusal (`fco`), a failed
//! cross-origin or native social login (`fcoa`, `fens`), a passkey
//! failure. Listed so a failure is never hidden, with where to read why.

use super::story::{category, cite, code, distinct_codes, Period, Story};
use super::text::{event_when, says, times};
use super::{phrases, Cause, CauseKind};
use crate::{LogCategory, LogEvent, Outcome};

/// Login failures other rules own.
const OWNED: &[&str] = &["fp", "fu"];

pub(super) fn other_login_failure(story: &Story<'_>, period: Period) -> Option<Cause> {
    let failures: Vec<&LogEvent> = story
        .events(period)
        .iter()
        .copied()
        .filter(|e| is_unexplained(e))
        .collect();
    let newest = *failures.first()?;
    Some(Cause::new(
        CauseKind::OtherLoginFailure,
        false,
        format!(
            "login failed {} for a reason IdLens does not recognise ({}; last {}): read Auth0's description in the events",
            times(failures.len()),
            distinct_codes(&failures),
            event_when(newest)
        ),
        cite(failures),
        "Open the newest event and read its description and details: it often names a Rule or Action that denied access, or an origin not allowed for the application.",
    ))
}

fn is_unexplained(event: &LogEvent) -> bool {
    category(event) == Some(LogCategory::Login)
        && event
            .code()
            .known()
            .is_some_and(|k| k.outcome == Outcome::Failure)
        && !OWNED.contains(&code(event))
        && !phrases::RECOGNISED.iter().any(|p| says(event, p))
}
