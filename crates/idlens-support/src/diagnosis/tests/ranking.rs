//! Ranking: current causes before resolved ones, blocking before not,
//! then the declared order; at most MAX_CAUSES, the rest counted.

use super::*;
use crate::testing::{ev, typed, Case};
use crate::{Availability, MAX_CAUSES};

#[test]
fn a_story_resolved_by_a_later_success_ranks_lower() {
    // Wrong passwords on Sunday, then a success; today, wrong MFA codes.
    let case = Case::customer().events([
        ev("fp1", 3000, "fp", "Wrong email or password."),
        ev("fp2", 2990, "fp", "Wrong email or password."),
        ev("ok", 2980, "s", "Success Login"),
        ev("gd1", 20, "gd_auth_failed", "Wrong OTP code"),
    ]);
    let diagnosis = case.diagnose();
    assert_eq!(
        kinds(&diagnosis),
        [CauseKind::MfaFailures, CauseKind::WrongPassword]
    );
    let old = &diagnosis.causes[1];
    assert!(old.resolved && !old.blocks_sign_in, "{old:#?}");
    assert!(
        old.headline
            .ends_with("the customer has signed in successfully since (`s`, 2026-12-06 10:20 UTC)"),
        "{}",
        old.headline
    );
    assert_eq!(cited(old), ["ok", "fp2", "fp1"]);
    // Without the success, the wrong passwords are current.
    let unresolved = Case::customer().events(
        case.events
            .iter()
            .filter(|e| e.log_id.as_deref() != Some("ok"))
            .cloned(),
    );
    let cause = find(&unresolved.diagnose(), CauseKind::WrongPassword)
        .cloned()
        .expect("a cause");
    assert!(!cause.resolved);
}

#[test]
fn the_accounts_last_login_also_resolves_older_failures() {
    let case = Case::customer()
        .account(|a| a.last_login = Some(crate::testing::at(30)))
        .events([ev("leak", 60, "pwd_leak", "public data breach")]);
    let cause = find(&case.diagnose(), CauseKind::BreachedPassword)
        .cloned()
        .expect("a cause");
    assert!(cause.resolved && !cause.blocks_sign_in, "{cause:#?}");
    assert!(
        cause
            .headline
            .ends_with("the customer has signed in since (2026-12-08 11:30 UTC)"),
        "{}",
        cause.headline
    );
    assert_eq!(cited(&cause), ["state:account.last_login", "leak"]);
}

#[test]
fn blocking_causes_come_first_and_the_list_is_bounded() {
    let case = Case::customer()
        .account(|a| a.email_verified = Some(false))
        .with(|c| c.mfa = Availability::Available { value: Vec::new() })
        .events([
            ev("fp", 50, "fp", "Wrong email or password."),
            ev("gd", 45, "gd_auth_failed", "Wrong OTP code"),
            ev("rt", 40, "ferrt", "reused"),
            ev("ex", 35, "feacft", "Invalid authorization code"),
            ev("x", 30, "fco", "Origin not allowed"),
            typed("typo", 25, "jane@exampel.com"),
            ev("v", 20, "f", "Please verify your email before logging in."),
        ]);
    let diagnosis = case.diagnose();
    assert_eq!(
        kinds(&diagnosis),
        [
            CauseKind::EmailNotVerified,
            CauseKind::MistypedIdentifier,
            CauseKind::MfaFailures,
            CauseKind::WrongPassword,
            CauseKind::RefreshTokenReused,
        ]
    );
    assert_eq!(diagnosis.causes.len(), MAX_CAUSES);
    assert_eq!(
        diagnosis.omitted, 2,
        "the token exchange and the unknown failure"
    );
    assert!(diagnosis.blocks_sign_in);
}

#[test]
fn cause_kinds_keep_their_order_and_names() {
    let mut sorted = CauseKind::ALL;
    sorted.sort();
    assert_eq!(
        sorted,
        CauseKind::ALL,
        "ALL lists the kinds in declared order"
    );
    let names: Vec<String> = CauseKind::ALL
        .iter()
        .map(|k| {
            serde_json::to_value(k)
                .expect("json")
                .as_str()
                .expect("a string")
                .to_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "admin_blocked",
            "brute_force_blocked",
            "breached_password",
            "email_not_verified",
            "ip_throttled",
            "no_account",
            "other_identity_only",
            "mistyped_identifier",
            "mfa_failures",
            "wrong_password",
            "refresh_token_reused",
            "token_exchange_failed",
            "other_login_failure",
            "mfa_enrollment_incomplete",
            "no_attempts",
        ]
    );
}
