//! Token exchanges (`fe*`): a reused rotating refresh token (`ferrt`) and
//! its consequences, and other failed exchanges of a user's grant.

use super::*;
use crate::testing::{ev, Case};
use crate::LogEvent;

#[test]
fn token_exchange_failures_are_explained() {
    check(vec![
        Row {
            name: "refresh token reused from another IP (the sandbox's story)",
            case: Case::customer().events([
                ev("ok", 480, "sertft", "Successful exchange of Refresh Token for Access Token"),
                LogEvent {
                    ip: Some("192.0.2.44".into()),
                    ..ev("reuse", 470, "ferrt", "Unsuccessful Refresh Token exchange, reused refresh token detected")
                },
            ]),
            kind: CauseKind::RefreshTokenReused,
            blocks: false,
            cited: &["reuse"],
            says: &["refresh token reused: rotation revoked the family (`ferrt`, last 2026-12-08 04:10 UTC from 192.0.2.44)", "sign the customer in again"],
        },
        Row {
            name: "refreshes failing after the reuse belong to it",
            case: Case::customer().events([
                ev("reuse", 60, "ferrt", "Reused rotating refresh token detected, revoked the family"),
                ev("after", 30, "fertft", "Token could not be decoded or is missing in DB"),
            ]),
            kind: CauseKind::RefreshTokenReused,
            blocks: false,
            cited: &["reuse", "after"],
            says: &["refreshing failed once after it (`fertft`)"],
        },
        Row {
            name: "a code exchange failing",
            case: Case::customer().events([
                ev("c1", 40, "feacft", "Invalid authorization code"),
                ev("c2", 20, "feacft", "Invalid authorization code"),
                ev("r1", 10, "fertft", "Unknown or invalid refresh token."),
            ]),
            kind: CauseKind::TokenExchangeFailed,
            blocks: false,
            cited: &["r1", "c2", "c1"],
            says: &["token request failed 3 times (`fertft`, `feacft`; last 2026-12-08 11:50 UTC)"],
        },
    ]);
}

#[test]
fn exchanges_that_are_not_the_users_are_not_causes() {
    check_absent(vec![
        (
            "a refresh failing after a reuse is not a separate cause",
            Case::customer().events([
                ev("reuse", 60, "ferrt", "reused"),
                ev("after", 30, "fertft", "missing in DB"),
            ]),
            CauseKind::TokenExchangeFailed,
        ),
        (
            "client credentials (no user) from the customer's IP",
            Case::customer().events([LogEvent {
                user_id: None,
                user_name: None,
                ..ev("cc", 10, "feccft", "Unauthorized")
            }]),
            CauseKind::TokenExchangeFailed,
        ),
    ]);
}
