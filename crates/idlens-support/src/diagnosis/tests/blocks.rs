//! Limits and blocks: an admin block, brute-force blocks in both modes,
//! blocks IdLens could not read, released blocks, `limit_mu`/`limit_sul`.

use super::*;
use crate::testing::{block, ev, Case};
use crate::{Availability, BruteForceMode, LogEvent};

const WRONG: &str = "Wrong email or password.";
const REFUSED: &str = "Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it.";

/// Ten wrong passwords from 203.0.113.7 ending in a `limit_wc` 120 minutes
/// before now (the sandbox's locked-out story), attempts in its details.
fn locked_out() -> Vec<LogEvent> {
    let mut events: Vec<LogEvent> = (0..10)
        .map(|i| ev(&format!("fp{i}"), 130 - i, "fp", WRONG))
        .collect();
    events.push(LogEvent {
        details: Some(serde_json::json!({"attempts": 10, "mode": "count_per_identifier_and_ip"})),
        ..ev(
            "wc",
            120,
            "limit_wc",
            "Blocked Account: too many failed login attempts for this user from this IP.",
        )
    });
    events
}

fn per_identifier(case: &mut Case) {
    case.brute_force = Availability::Available {
        value: crate::BruteForceFacts {
            enabled: true,
            mode: BruteForceMode::CountPerIdentifier,
            max_attempts: 10,
        },
    };
}

#[test]
fn blocks_are_explained_with_their_mode_and_expiry() {
    check(vec![
        Row {
            name: "admin block, with the failures it caused",
            case: Case::customer()
                .account(|a| a.blocked = true)
                .events([ev("f1", 30, "f", "user is blocked"), ev("f2", 10, "f", "user is blocked")]),
            kind: CauseKind::AdminBlocked,
            blocks: true,
            cited: &["state:account.blocked", "f2", "f1"],
            says: &["blocked by an administrator", "twice", "`f`", "2026-12-08 11:50 UTC", "never expires"],
        },
        Row {
            name: "admin block without any event",
            case: Case::customer().account(|a| a.blocked = true),
            kind: CauseKind::AdminBlocked,
            blocks: true,
            cited: &["state:account.blocked"],
            says: &["blocked by an administrator (`blocked: true`); an admin block never expires"],
        },
        Row {
            name: "a block of one IP under count_per_identifier_and_ip",
            case: Case::customer()
                .with(|c| c.blocks = Availability::Available { value: vec![block(Some("203.0.113.7"))] })
                .events(locked_out()),
            kind: CauseKind::BruteForceBlocked,
            blocks: true,
            cited: &["state:user_blocks", "wc"],
            says: &[
                "IP 203.0.113.7 is blocked for this account after 10 failed attempts (`limit_wc`, 2026-12-08 10:00 UTC)",
                "other IPs can still sign in",
                "lifts by itself on 2027-01-07 10:00 UTC",
            ],
        },
        Row {
            name: "attempts since the block are counted",
            case: Case::customer()
                .with(|c| c.blocks = Availability::Available { value: vec![block(Some("203.0.113.7"))] })
                .events(locked_out())
                .events([ev("r1", 60, "f", REFUSED), ev("r2", 5, "f", REFUSED)]),
            kind: CauseKind::BruteForceBlocked,
            blocks: true,
            cited: &["state:user_blocks", "wc", "r2", "r1"],
            says: &["sign-in refused twice since"],
        },
        Row {
            name: "count_per_identifier: every IP, even when the block names one",
            case: Case::customer()
                .with(per_identifier)
                .with(|c| c.blocks = Availability::Available { value: vec![block(Some("203.0.113.7"))] })
                .events(locked_out()),
            kind: CauseKind::BruteForceBlocked,
            blocks: true,
            cited: &["state:user_blocks", "wc"],
            says: &["this account is blocked from every IP after 10 failed attempts"],
        },
        Row {
            name: "a block without an IP is every IP; threshold from the settings",
            case: Case::customer()
                .with(|c| c.blocks = Availability::Available { value: vec![block(None)] })
                .events([ev("wc", 15, "limit_wc", "Blocked Account")]),
            kind: CauseKind::BruteForceBlocked,
            blocks: true,
            cited: &["state:user_blocks", "wc"],
            says: &["blocked from every IP after 10 failed attempts (`limit_wc`, 2026-12-08 11:45 UTC)"],
        },
        Row {
            name: "a listed block whose limit_wc is past retention",
            case: Case::customer()
                .with(|c| c.blocks = Availability::Available { value: vec![block(Some("198.51.100.4"))] }),
            kind: CauseKind::BruteForceBlocked,
            blocks: true,
            cited: &["state:user_blocks"],
            says: &["IP 198.51.100.4 is blocked", "(`user_blocks`)", "lasts until removed or 30 days"],
        },
        Row {
            name: "blocks unreadable: a recent limit_wc is a likely block",
            case: Case::customer()
                .with(|c| c.blocks = Availability::MissingScope { scope: "read:users".into() })
                .events(locked_out()),
            kind: CauseKind::BruteForceBlocked,
            blocks: true,
            cited: &["wc"],
            says: &["IP 203.0.113.7 is blocked", "missing scope `read:users`", "may have been removed since"],
        },
        Row {
            name: "blocks unreadable: a success from another IP leaves that IP blocked",
            case: Case::customer()
                .with(|c| c.blocks = Availability::MissingScope { scope: "read:users".into() })
                .events(locked_out())
                .events([LogEvent { ip: Some("198.51.100.20".into()), ..ev("s", 60, "s", "Success Login") }]),
            kind: CauseKind::BruteForceBlocked,
            blocks: true,
            cited: &["wc"],
            says: &["IP 203.0.113.7 is blocked for this account"],
        },
        Row {
            name: "limit_mu: an IP blocked across accounts, naming someone else",
            case: Case::customer().events([LogEvent {
                user_id: None,
                user_name: Some("someone.else@example.org".into()),
                ..ev("mu", 20, "limit_mu", "Blocked IP address")
            }]),
            kind: CauseKind::IpThrottled,
            blocks: true,
            cited: &["mu"],
            says: &["IP 203.0.113.7 is blocked for every account", "`limit_mu`", "suspicious IP throttling"],
        },
        Row {
            name: "limit_sul: too many logins from one IP",
            case: Case::customer().events([ev("sul", 20, "limit_sul", "Too many logins")]),
            kind: CauseKind::IpThrottled,
            blocks: true,
            cited: &["sul"],
            says: &["too many logins from it", "`limit_sul`"],
        },
    ]);
}

#[test]
fn a_block_the_customer_signed_in_past_is_resolved() {
    for (name, success_ip, every_ip) in [
        ("the same IP, per account and IP", "203.0.113.7", false),
        ("any IP, per account", "198.51.100.20", true),
    ] {
        let case = Case::customer()
            .with(|c| {
                c.blocks = Availability::NotOnPlan {
                    message: "no".into(),
                }
            })
            .with(|c| {
                if every_ip {
                    per_identifier(c)
                }
            })
            .events(locked_out())
            .events([LogEvent {
                ip: Some(success_ip.into()),
                ..ev("s", 60, "s", "Success Login")
            }]);
        let diagnosis = case.diagnose();
        let cause = find(&diagnosis, CauseKind::BruteForceBlocked).expect(name);
        assert!(
            cause.resolved && !cause.blocks_sign_in,
            "{name}: {cause:#?}"
        );
        assert!(
            cause.headline.contains("not available on this tenant"),
            "{}",
            cause.headline
        );
        assert!(!diagnosis.blocks_sign_in, "{name}");
    }
}

#[test]
fn blocks_that_are_gone_are_not_causes() {
    check_absent(vec![
        (
            "admin unblocked: old \"user is blocked\" failures",
            Case::customer().events([ev("f1", 30, "f", "user is blocked")]),
            CauseKind::AdminBlocked,
        ),
        (
            "the tenant lists no block: the limit_wc was removed",
            Case::customer().events(locked_out()),
            CauseKind::BruteForceBlocked,
        ),
        (
            "blocks unreadable, but the block was released (ublkdu)",
            Case::customer()
                .with(|c| {
                    c.blocks = Availability::MissingScope {
                        scope: "read:users".into(),
                    }
                })
                .events(locked_out())
                .events([ev("free", 60, "ublkdu", "User block released")]),
            CauseKind::BruteForceBlocked,
        ),
        (
            "blocks unreadable, limit_wc older than 30 days",
            Case::customer()
                .with(|c| {
                    c.blocks = Availability::NotOnPlan {
                        message: "no".into(),
                    }
                })
                .events([ev("old", 31 * 24 * 60, "limit_wc", "Blocked Account")]),
            CauseKind::BruteForceBlocked,
        ),
        (
            "another user's limit_wc",
            Case::customer()
                .with(|c| {
                    c.blocks = Availability::MissingScope {
                        scope: "read:users".into(),
                    }
                })
                .events([LogEvent {
                    user_id: Some("auth0|other".into()),
                    ..ev("wc", 10, "limit_wc", "Blocked Account")
                }]),
            CauseKind::BruteForceBlocked,
        ),
    ]);
}
