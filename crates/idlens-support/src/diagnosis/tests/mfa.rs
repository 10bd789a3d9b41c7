//! MFA (`gd_*` and the MFA grants): codes rejected, rate limits, a later
//! MFA success, and an enrolment never finished.

use super::*;
use crate::testing::{ev, Case};
use crate::{Availability, LogEvent, MfaMethodFacts};

/// The sandbox's MFA story: a challenge, then five wrong codes.
fn wrong_codes() -> Vec<LogEvent> {
    let mut events = vec![ev(
        "start",
        180,
        "gd_start_auth",
        "Second factor authentication event started for MFA",
    )];
    events.extend((1..=5).map(|i| {
        ev(
            &format!("gd{i}"),
            180 - i,
            "gd_auth_failed",
            "Wrong OTP code",
        )
    }));
    events
}

fn method(kind: &str, confirmed: bool) -> MfaMethodFacts {
    MfaMethodFacts {
        id: format!("{kind}|1"),
        kind: kind.to_owned(),
        confirmed,
        name: None,
        created_at: None,
        last_auth_at: None,
    }
}

#[test]
fn mfa_failures_are_explained() {
    check(vec![
        Row {
            name: "code rejected five times",
            case: Case::customer().events(wrong_codes()),
            kind: CauseKind::MfaFailures,
            blocks: false,
            cited: &["gd5", "gd4", "gd3", "gd2", "gd1"],
            says: &["MFA code rejected 5 times (`gd_auth_failed`); last 2026-12-08 09:05 UTC"],
        },
        Row {
            name: "rate-limited: blocks until the limit lifts",
            case: Case::customer().events(wrong_codes()).events([ev(
                "rl",
                170,
                "gd_otp_rate_limit_exceed",
                "Too many failures",
            )]),
            kind: CauseKind::MfaFailures,
            blocks: true,
            cited: &["rl", "gd5", "gd4", "gd3", "gd2", "gd1"],
            says: &[
                "MFA code rejected 5 times (`gd_auth_failed`)",
                "rate-limited after too many failures once (`gd_otp_rate_limit_exceed`)",
            ],
        },
        Row {
            name: "failures after an MFA success count, those before do not",
            case: Case::customer().events(wrong_codes()).events([
                ev("ok", 100, "gd_auth_succeed", "ok"),
                ev("push", 90, "gd_auth_rejected", "rejected"),
            ]),
            kind: CauseKind::MfaFailures,
            blocks: false,
            cited: &["push"],
            says: &["MFA push request declined once (`gd_auth_rejected`)"],
        },
        Row {
            name: "an OTP grant refused",
            case: Case::customer().events([ev("otp", 30, "feotpft", "Invalid otp_code.")]),
            kind: CauseKind::MfaFailures,
            blocks: false,
            cited: &["otp"],
            says: &["(`feotpft`)"],
        },
        Row {
            name: "enrolment started, never confirmed",
            case: Case::customer().with(|c| {
                c.mfa = Availability::Available {
                    value: vec![method("totp", false)],
                };
            }),
            kind: CauseKind::MfaEnrollmentIncomplete,
            blocks: false,
            cited: &["state:mfa.methods"],
            says: &["MFA enrolment never finished: 1 partial method (`totp`) and none confirmed"],
        },
    ]);
}

#[test]
fn mfa_that_works_is_not_a_cause() {
    check_absent(vec![
        (
            "a confirmed method next to a partial one",
            Case::customer().with(|c| {
                c.mfa = Availability::Available {
                    value: vec![method("totp", false), method("phone", true)],
                };
            }),
            CauseKind::MfaEnrollmentIncomplete,
        ),
        (
            "MFA methods unreadable",
            Case::customer().with(|c| {
                c.mfa = Availability::MissingScope {
                    scope: "read:authentication_methods".into(),
                }
            }),
            CauseKind::MfaEnrollmentIncomplete,
        ),
        (
            "the challenge started and succeeded",
            Case::customer().events([
                ev("a", 20, "gd_start_auth", "started"),
                ev("b", 19, "gd_auth_succeed", "ok"),
            ]),
            CauseKind::MfaFailures,
        ),
    ]);
}
