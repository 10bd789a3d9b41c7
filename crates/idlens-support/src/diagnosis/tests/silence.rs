//! No events: the customer's attempts never reached this tenant.

use super::*;
use crate::testing::{at, ev, Case};

#[test]
fn no_attempt_in_the_window_points_at_the_application() {
    check(vec![
        Row {
            name: "no event at all",
            case: Case::customer(),
            kind: CauseKind::NoAttempts,
            blocks: false,
            cited: &["state:timeline"],
            says: &["Auth0 saw no attempt in the retention window; the account has no login on record: check the application's domain and client ID"],
        },
        Row {
            name: "only account changes, and a login long ago",
            case: Case::customer()
                .account(|a| a.last_login = Some(at(40 * 24 * 60)))
                .events([ev("sapi", 60, "sapi", "Update a User")]),
            kind: CauseKind::NoAttempts,
            blocks: false,
            cited: &["state:timeline", "state:account.last_login"],
            says: &["the last successful login on record was 2026-10-29 12:00 UTC"],
        },
    ]);
    let diagnosis = Case::customer().diagnose();
    assert_eq!(kinds(&diagnosis), [CauseKind::NoAttempts]);
    assert!(!diagnosis.blocks_sign_in);
}

#[test]
fn any_attempt_is_not_silence() {
    check_absent(vec![
        (
            "a success",
            Case::customer().events([ev("s", 10, "s", "Success Login")]),
            CauseKind::NoAttempts,
        ),
        (
            "a token refresh",
            Case::customer().events([ev("r", 10, "sertft", "ok")]),
            CauseKind::NoAttempts,
        ),
        (
            "no account: that is its own cause",
            Case::nobody("x@example.com"),
            CauseKind::NoAttempts,
        ),
    ]);
}
