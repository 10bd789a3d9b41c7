//! Password failures: wrong passwords (`fp`), and a password found in a
//! public breach (`pwd_leak`, `reset_pwd_leak`), which blocks sign-in
//! until the password changes (`scp`).

use super::story::{cite, code, Period, Story};
use super::text::{event_ip, event_when, repeated, says, times};
use super::{phrases, Cause, CauseKind};
use crate::{Availability, BruteForceMode, LogEvent};

/// How close to the brute-force threshold the headline warns.
const WARN_WITHIN: u32 = 3;

pub(super) fn wrong_password(story: &Story<'_>, period: Period) -> Option<Cause> {
    let failures = story.of(period, &["fp"]);
    let (newest, oldest) = (*failures.first()?, *failures.last()?);
    let from = event_ip(newest)
        .map(|ip| format!(" from {ip}"))
        .unwrap_or_default();
    let mut headline = format!(
        "wrong password {} since {} (`fp`, last {}{from})",
        times(failures.len()),
        event_when(oldest),
        event_when(newest)
    );
    if period == Period::Current {
        headline.push_str(&near_threshold(story, &failures));
    }
    Some(Cause::new(
        CauseKind::WrongPassword,
        false,
        headline,
        cite(failures),
        "Check the customer types the password of this account (not of a social login); if they forgot it, create a password-change ticket (`idlens users password-ticket USER`).",
    ))
}

/// "; 2 more and brute-force protection blocks 203.0.113.7 for this
/// account", when the count is within [`WARN_WITHIN`] of the threshold and
/// nothing is blocked yet.
fn near_threshold(story: &Story<'_>, failures: &[&LogEvent]) -> String {
    let Some(settings) = story.evidence.brute_force.value().filter(|b| b.enabled) else {
        return String::new();
    };
    if matches!(story.evidence.blocks, Availability::Available { value } if !value.is_empty()) {
        return String::new();
    }
    let newest_ip = event_ip(failures[0]);
    let (counted, whom) = match (settings.mode, &newest_ip) {
        (BruteForceMode::CountPerIdentifierAndIp, Some(ip)) => (
            failures
                .iter()
                .filter(|e| event_ip(e).as_ref() == Some(ip))
                .count(),
            format!("{ip} for this account"),
        ),
        (BruteForceMode::CountPerIdentifierAndIp, None) => return String::new(),
        (BruteForceMode::CountPerIdentifier, _) => {
            (failures.len(), "this account from every IP".to_owned())
        }
    };
    let counted = u32::try_from(counted).unwrap_or(u32::MAX);
    match settings.max_attempts.checked_sub(counted) {
        Some(left) if (1..=WARN_WITHIN).contains(&left) => {
            format!("; {left} more and brute-force protection blocks {whom}")
        }
        _ => String::new(),
    }
}

pub(super) fn breached_password(story: &Story<'_>, period: Period) -> Option<Cause> {
    let changed = story.of_all(&["scp"]).first().and_then(|e| e.instant());
    let leaks: Vec<&LogEvent> = story
        .events(period)
        .iter()
        .copied()
        .filter(|e| is_leak(e))
        .filter(|e| changed.is_none_or(|changed| e.instant().is_some_and(|at| at > changed)))
        .collect();
    let newest = *leaks.first()?;
    let logins: Vec<&LogEvent> = leaks
        .iter()
        .copied()
        .filter(|e| code(e) != "reset_pwd_leak")
        .collect();
    let (blocks, headline) = match logins.first() {
        Some(last) => (true, format!(
            "breached password blocked ({}`{}`, last {}{}): the e-mail and password appear in a public data breach, and Auth0 refuses them until the password is changed",
            repeated(logins.len()),
            code(last),
            event_when(last),
            event_ip(last).map(|ip| format!(" from {ip}")).unwrap_or_default(),
        )),
        None => (false, format!(
            "a password reset was refused because the new password is in a public breach (`reset_pwd_leak`, {})",
            event_when(newest)
        )),
    };
    Some(Cause::new(
        CauseKind::BreachedPassword,
        blocks,
        headline,
        cite(leaks),
        "Create a password-change ticket (`idlens users password-ticket USER`) and ask the customer to choose a password they have never used elsewhere; removing blocks does not help.",
    ))
}

/// A breached-password event, or a failed login that says so.
fn is_leak(event: &LogEvent) -> bool {
    matches!(code(event), "pwd_leak" | "reset_pwd_leak")
        || (code(event) == "f" && says(event, phrases::BREACHED))
}
