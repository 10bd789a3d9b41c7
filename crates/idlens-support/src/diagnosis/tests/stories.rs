//! The sandbox tenant's seeded support stories (idlens-sandbox's
//! `logs/stories.rs`), logged exactly as it logs them: each one's most
//! likely cause comes first.

use super::*;
use crate::testing::{block, ev, identity, typed, Case, EMAIL};
use crate::{Availability, LogEvent};

const WRONG: &str = "Wrong email or password.";

fn locked_out() -> Case {
    let mut events: Vec<LogEvent> = (0..10)
        .map(|i| ev(&format!("fp{i}"), 120 - i, "fp", WRONG))
        .collect();
    events.push(LogEvent {
        details: Some(serde_json::json!({"attempts": 10, "mode": "count_per_identifier_and_ip"})),
        ..ev(
            "wc",
            114,
            "limit_wc",
            "Blocked Account: too many failed login attempts for this user from this IP.",
        )
    });
    Case::customer()
        .with(|c| {
            c.blocks = Availability::Available {
                value: vec![block(Some("203.0.113.7"))],
            }
        })
        .events(events)
}

#[test]
fn each_seeded_story_leads_with_its_cause() {
    let stories: Vec<(&str, Case, CauseKind, bool)> = vec![
        ("locked_out", locked_out(), CauseKind::BruteForceBlocked, true),
        (
            "mistyped_email",
            Case::customer().events((0..3).map(|i| typed(&format!("t{i}"), 300 - i, "jane@mexample.com"))),
            CauseKind::MistypedIdentifier,
            false,
        ),
        (
            "social_on_database",
            Case::customer()
                .account(|a| {
                    a.user_id = "google-oauth2|1".into();
                    a.identities = vec![identity("google-oauth2", "google-oauth2", true)];
                })
                .events([typed("fu1", 1560, EMAIL), typed("fu2", 1559, EMAIL)]),
            CauseKind::OtherIdentityOnly,
            false,
        ),
        (
            "mfa_failures",
            Case::customer()
                .events([ev("st", 180, "gd_start_auth", "Second factor authentication event started for MFA")])
                .events((1..=5).map(|i| ev(&format!("gd{i}"), 180 - i, "gd_auth_failed", "Wrong OTP code"))),
            CauseKind::MfaFailures,
            false,
        ),
        (
            "admin_blocked",
            Case::customer()
                .account(|a| a.blocked = true)
                .events([ev("f1", 360, "f", "user is blocked"), ev("f2", 358, "f", "user is blocked")]),
            CauseKind::AdminBlocked,
            true,
        ),
        (
            "unverified_email",
            Case::customer()
                .account(|a| a.email_verified = Some(false))
                .events([ev("v", 240, "f", "Please verify your email before logging in.")]),
            CauseKind::EmailNotVerified,
            true,
        ),
        (
            "refresh_reuse",
            Case::customer().events([
                ev("ok", 480, "sertft", "Successful exchange of Refresh Token for Access Token"),
                LogEvent {
                    ip: Some("192.0.2.44".into()),
                    ..ev("ferrt", 470, "ferrt", "Unsuccessful Refresh Token exchange, reused refresh token detected")
                },
            ]),
            CauseKind::RefreshTokenReused,
            false,
        ),
        (
            "breached_password",
            Case::customer().events([ev(
                "leak",
                1200,
                "pwd_leak",
                "Blocked login: this combination of credentials was detected in a public data breach.",
            )]),
            CauseKind::BreachedPassword,
            true,
        ),
        ("no_events", Case::customer(), CauseKind::NoAttempts, false),
    ];
    for (story, case, kind, blocks) in stories {
        let diagnosis = case.diagnose();
        assert_eq!(
            diagnosis.causes.first().map(|c| c.kind),
            Some(kind),
            "{story}: {diagnosis:#?}"
        );
        assert_eq!(diagnosis.blocks_sign_in, blocks, "{story}: {diagnosis:#?}");
    }
}

#[test]
fn a_live_lockout_then_a_success_elsewhere_keeps_the_block_and_resolves_the_failures() {
    // Per account and IP: the customer signed in from another network after the block.
    let case = locked_out().events([LogEvent {
        ip: Some("198.51.100.20".into()),
        ..ev("s", 30, "s", "Success Login")
    }]);
    let diagnosis = case.diagnose();
    assert_eq!(
        kinds(&diagnosis),
        [CauseKind::BruteForceBlocked, CauseKind::WrongPassword]
    );
    assert!(!diagnosis.causes[0].resolved && diagnosis.causes[1].resolved);
}
