//! Login failures: wrong passwords (`fp`), unknown users (`fu`: no
//! account, another identity, a typo), an unverified e-mail the
//! application requires, and failures no rule recognises.

use super::*;
use crate::testing::{ev, identity, typed, Case, EMAIL};
use crate::LogEvent;

const WRONG: &str = "Wrong email or password.";
const VERIFY: &str = "Please verify your email before logging in.";

fn wrong_passwords(n: i64) -> Vec<LogEvent> {
    (0..n)
        .map(|i| ev(&format!("fp{i}"), 3000 - i * 60, "fp", WRONG))
        .collect()
}

#[test]
fn login_failures_are_explained() {
    check(vec![
        Row {
            name: "wrong password six times since Monday",
            case: Case::customer().events(wrong_passwords(6)),
            kind: CauseKind::WrongPassword,
            blocks: false,
            cited: &["fp5", "fp4", "fp3", "fp2", "fp1", "fp0"],
            says: &[
                "wrong password 6 times since 2026-12-06 10:00 UTC (`fp`, last 2026-12-06 15:00 UTC from 203.0.113.7)",
            ],
        },
        Row {
            name: "close to the brute-force threshold",
            case: Case::customer().events(wrong_passwords(8)),
            kind: CauseKind::WrongPassword,
            blocks: false,
            cited: &["fp7", "fp6", "fp5", "fp4", "fp3", "fp2", "fp1", "fp0"],
            says: &["8 times", "2 more and brute-force protection blocks 203.0.113.7 for this account"],
        },
        Row {
            name: "no account with this e-mail anywhere, with the attempts",
            case: Case::nobody("ghost@example.com").events([LogEvent {
                user_id: None,
                user_name: Some("ghost@example.com".into()),
                ..ev("fu1", 20, "fu", WRONG)
            }]),
            kind: CauseKind::NoAccount,
            blocks: true,
            cited: &["fu1"],
            says: &[
                "no account with this e-mail in any connection",
                "failed once as an unknown user (`fu`, last 2026-12-08 11:40 UTC)",
                "signed up with another e-mail or with Google",
            ],
        },
        Row {
            name: "no account for a user ID",
            case: Case::nobody(" auth0|gone "),
            kind: CauseKind::NoAccount,
            blocks: true,
            cited: &[],
            says: &["no account with this user ID in any connection: check it was copied whole"],
        },
        Row {
            name: "no account for a username",
            case: Case::nobody("jdoe"),
            kind: CauseKind::NoAccount,
            blocks: true,
            cited: &[],
            says: &["no account with this username in any connection", "try their e-mail address"],
        },
        Row {
            name: "a Google user typed a password into the database connection",
            case: Case::customer()
                .account(|a| {
                    a.user_id = "google-oauth2|123".into();
                    a.identities = vec![identity("google-oauth2", "google-oauth2", true)];
                })
                .events([typed("fu1", 26 * 60, EMAIL), typed("fu2", 26 * 60 - 1, EMAIL)]),
            kind: CauseKind::OtherIdentityOnly,
            blocks: false,
            cited: &["state:identities", "fu2", "fu1"],
            says: &[
                "no such user in the `Username-Password-Authentication` connection; this e-mail belongs to a `google-oauth2` identity (twice, `fu`",
                "Continue with Google",
            ],
        },
        Row {
            name: "no database account; the e-mail is known elsewhere",
            case: Case::nobody(EMAIL).with(|c| {
                c.same_email_elsewhere = vec![identity("apple", "apple", true)];
            }),
            kind: CauseKind::OtherIdentityOnly,
            blocks: false,
            cited: &["state:identities"],
            says: &["no such user in the connection the customer tried; this e-mail belongs to an `apple` identity: the customer signed up with Apple — try “Continue with Apple”"],
        },
        Row {
            name: "a mistyped e-mail, seen only by IP",
            case: Case::customer().events([
                typed("t1", 300, "jane@mexample.com"),
                typed("t2", 299, "jane@mexample.com"),
                typed("t3", 298, "jane@mexample.com"),
                typed("far", 297, "someone.else@example.org"),
            ]),
            kind: CauseKind::MistypedIdentifier,
            blocks: false,
            cited: &["t3", "t2", "t1"],
            says: &["3 attempts with `jane@mexample.com`", "a typo away", "the account itself saw none"],
        },
        Row {
            name: "unverified e-mail, inferred from the failures' words",
            case: Case::customer()
                .account(|a| a.email_verified = Some(false))
                .events([ev("v1", 240, "f", VERIFY)]),
            kind: CauseKind::EmailNotVerified,
            blocks: true,
            cited: &["state:account.email_verified", "v1"],
            says: &["e-mail not verified, and a failed login says the application requires a verified e-mail (`f`, last 2026-12-08 08:00 UTC)"],
        },
        Row {
            name: "verification state unknown: said from the events alone",
            case: Case::customer()
                .account(|a| a.email_verified = None)
                .events([ev("v1", 20, "f", "email_not_verified"), ev("v2", 10, "f", "Email is not verified.")]),
            kind: CauseKind::EmailNotVerified,
            blocks: true,
            cited: &["v2", "v1"],
            says: &["2 failed logins say the application requires a verified e-mail"],
        },
        Row {
            name: "a failure no rule recognises is still listed",
            case: Case::customer().events([
                ev("x1", 20, "f", "Access denied by the tenant's Action."),
                ev("x2", 10, "fco", "Origin is not allowed"),
            ]),
            kind: CauseKind::OtherLoginFailure,
            blocks: false,
            cited: &["x2", "x1"],
            says: &["login failed twice", "`fco`, `f`", "last 2026-12-08 11:50 UTC"],
        },
    ]);
}

#[test]
fn login_failures_are_not_assumed() {
    check_absent(vec![
        (
            "email_verified false but no failure says the app requires it",
            Case::customer()
                .account(|a| a.email_verified = Some(false))
                .events([ev("fp", 10, "fp", WRONG), ev("f", 5, "f", "Access denied.")]),
            CauseKind::EmailNotVerified,
        ),
        (
            "a mistyped name more than two characters away",
            Case::customer().events([typed("t1", 30, "jane.doe@corp.example")]),
            CauseKind::MistypedIdentifier,
        ),
        (
            "fu on the account's own connection is not another identity",
            Case::customer().events([LogEvent {
                connection: Some(crate::testing::DATABASE.into()),
                ..typed("fu", 30, EMAIL)
            }]),
            CauseKind::OtherIdentityOnly,
        ),
        (
            "another user's wrong passwords",
            Case::customer().events([LogEvent {
                user_id: Some("auth0|other".into()),
                user_name: Some("other@example.com".into()),
                ..ev("fp", 10, "fp", WRONG)
            }]),
            CauseKind::WrongPassword,
        ),
        (
            "an account exists: not \"no account\"",
            Case::customer(),
            CauseKind::NoAccount,
        ),
    ]);
}
