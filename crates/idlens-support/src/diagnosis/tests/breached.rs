//! Breached passwords: `pwd_leak` blocks sign-in until the password
//! changes; a reset to a breached password is refused.

use super::*;
use crate::testing::{ev, Case};

const LEAK: &str =
    "Blocked login: this combination of credentials was detected in a public data breach.";

#[test]
fn breached_passwords_are_explained() {
    check(vec![
        Row {
            name: "breached password blocked (the sandbox's story)",
            case: Case::customer().events([ev("leak", 20 * 60, "pwd_leak", LEAK)]),
            kind: CauseKind::BreachedPassword,
            blocks: true,
            cited: &["leak"],
            says: &["breached password blocked (`pwd_leak`, last 2026-12-07 16:00 UTC from 203.0.113.7)", "until the password is changed"],
        },
        Row {
            name: "an f that says so",
            case: Case::customer().events([ev("f", 30, "f", LEAK), ev("leak", 40, "pwd_leak", LEAK)]),
            kind: CauseKind::BreachedPassword,
            blocks: true,
            cited: &["f", "leak"],
            says: &["breached password blocked (twice, `f`"],
        },
        Row {
            name: "a reset to a breached password was refused",
            case: Case::customer().events([ev("reset", 30, "reset_pwd_leak", "Breached password on reset")]),
            kind: CauseKind::BreachedPassword,
            blocks: false,
            cited: &["reset"],
            says: &["a password reset was refused because the new password is in a public breach (`reset_pwd_leak`"],
        },
    ]);
}

#[test]
fn a_changed_password_ends_the_breach_block() {
    check_absent(vec![(
        "the password changed after the leak",
        Case::customer().events([
            ev("leak", 60, "pwd_leak", LEAK),
            ev("changed", 30, "scp", "Success Change Password"),
        ]),
        CauseKind::BreachedPassword,
    )]);
}
