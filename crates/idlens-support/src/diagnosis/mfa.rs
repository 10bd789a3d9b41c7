//! Multi-factor authentication: codes rejected, pushes declined, MFA
//! rate-limited (`gd_*`, and the MFA grants `feotpft`, `feoobft`,
//! `fercft`); and an enrolment never finished. Failures before the last
//! MFA success (`gd_auth_succeed`, `gd_recovery_succeed`) were solved.

use super::story::{cite, code, Period, Story};
use super::text::{event_when, shown, times};
use super::{Cause, CauseKind, Citation};
use crate::LogEvent;

/// The MFA failures, each with what it means, in headline order.
const FAILURES: &[(&str, &str)] = &[
    ("gd_auth_failed", "MFA code rejected"),
    ("gd_auth_rejected", "MFA push request declined"),
    (
        "gd_otp_rate_limit_exceed",
        "MFA rate-limited after too many failures",
    ),
    ("gd_recovery_failed", "recovery code rejected"),
    (
        "gd_recovery_rate_limit_exceed",
        "recovery codes rate-limited after too many failures",
    ),
    (
        "gd_webauthn_challenge_failed",
        "security key or passkey check failed",
    ),
    ("gd_send_sms_failure", "MFA text message not delivered"),
    ("gd_send_voice_failure", "MFA voice call not delivered"),
    ("gd_send_pn_failure", "MFA push notification not delivered"),
    ("feotpft", "one-time code refused in a password grant"),
    (
        "feoobft",
        "out-of-band challenge refused in a password grant",
    ),
    ("fercft", "recovery code refused in a password grant"),
];

/// Failures that stop the customer until the limit lifts.
const RATE_LIMITS: &[&str] = &["gd_otp_rate_limit_exceed", "gd_recovery_rate_limit_exceed"];

const MFA_SUCCESSES: &[&str] = &["gd_auth_succeed", "gd_recovery_succeed"];

pub(super) fn mfa_failures(story: &Story<'_>, period: Period) -> Option<Cause> {
    let events = story.events(period);
    // Only what failed after the newest MFA success of the period.
    let unsolved = events
        .iter()
        .position(|e| MFA_SUCCESSES.contains(&code(e)))
        .unwrap_or(events.len());
    let failures: Vec<&LogEvent> = events[..unsolved]
        .iter()
        .copied()
        .filter(|e| FAILURES.iter().any(|(c, _)| *c == code(e)))
        .collect();
    let newest = *failures.first()?;
    let parts: Vec<String> = FAILURES
        .iter()
        .filter_map(|(failure, words)| {
            let n = failures.iter().filter(|e| code(e) == *failure).count();
            (n > 0).then(|| format!("{words} {} (`{failure}`)", times(n)))
        })
        .collect();
    let limited = failures.iter().any(|e| RATE_LIMITS.contains(&code(e)));
    let headline = format!("{}; last {}", parts.join(", "), event_when(newest));
    Some(Cause::new(
        CauseKind::MfaFailures,
        limited,
        headline,
        cite(failures),
        "Check the authenticator entry and the phone's clock (one-time codes depend on it); if the customer lost the device, verify who they are, then reset MFA (`idlens users reset-mfa USER`).",
    ))
}

/// MFA methods exist but none is confirmed: enrolment was started and
/// never finished, so the customer has no factor to sign in with.
pub(super) fn mfa_enrollment_incomplete(story: &Story<'_>, period: Period) -> Option<Cause> {
    let methods = story.evidence.mfa.value()?;
    if period == Period::Resolved || methods.is_empty() || methods.iter().any(|m| m.confirmed) {
        return None;
    }
    let mut kinds: Vec<String> = methods
        .iter()
        .map(|m| format!("`{}`", shown(&m.kind)))
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds.truncate(5);
    Some(Cause::new(
        CauseKind::MfaEnrollmentIncomplete,
        false,
        format!(
            "MFA enrolment never finished: {} partial method{} ({}) and none confirmed",
            methods.len(),
            if methods.len() == 1 { "" } else { "s" },
            kinds.join(", ")
        ),
        vec![Citation::state("mfa.methods")],
        "Have the customer enrol again at the next sign-in; if a half-finished enrolment is in the way, reset MFA (`idlens users reset-mfa USER`).",
    ))
}
