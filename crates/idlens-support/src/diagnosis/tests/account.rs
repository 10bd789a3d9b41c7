//! The account's state: an e-mail verified since its failures, several
//! identities for one e-mail, an admin block next to a brute-force block.

use super::*;
use crate::testing::{block, ev, identity, Case, EMAIL};
use crate::Availability;

#[test]
fn state_changes_since_the_failures_are_read() {
    let verified_since = Case::customer()
        .account(|a| a.email_verified = Some(true))
        .events([ev(
            "v1",
            60,
            "f",
            "Please verify your email before logging in.",
        )])
        .diagnose();
    let cause = find(&verified_since, CauseKind::EmailNotVerified).expect("a cause");
    assert!(cause.resolved && !cause.blocks_sign_in, "{cause:#?}");
    assert!(
        cause
            .headline
            .contains("the e-mail has been verified since"),
        "{}",
        cause.headline
    );
    assert_eq!(cited(cause), ["state:account.email_verified", "v1"]);
    assert!(!verified_since.blocks_sign_in);
}

#[test]
fn the_account_state_is_explained() {
    check(vec![
        Row {
            name: "an admin block and a brute-force block are both listed",
            case: Case::customer().account(|a| a.blocked = true).with(|c| {
                c.blocks = Availability::Available {
                    value: vec![block(Some("203.0.113.7"))],
                }
            }),
            kind: CauseKind::BruteForceBlocked,
            blocks: true,
            cited: &["state:user_blocks"],
            says: &["IP 203.0.113.7 is blocked for this account"],
        },
        Row {
            name: "an e-mail with two other identities",
            case: Case::nobody(EMAIL).with(|c| {
                c.same_email_elsewhere = vec![
                    identity("google-oauth2", "google-oauth2", true),
                    identity("samlp", "Acme-SSO", false),
                ];
            }),
            kind: CauseKind::OtherIdentityOnly,
            blocks: false,
            cited: &["state:identities"],
            says: &[
                "the `google-oauth2` and `samlp` identities",
                "Continue with Google",
            ],
        },
        Row {
            name: "an enterprise user typed a password into the database connection",
            case: Case::customer()
                .account(|a| {
                    a.user_id = "samlp|Acme-SSO|jane".into();
                    a.identities = vec![identity("samlp", "Acme-SSO", false)];
                })
                .events([crate::testing::typed("fu", 15, EMAIL)]),
            kind: CauseKind::OtherIdentityOnly,
            blocks: false,
            cited: &["state:identities", "fu"],
            says: &[
                "no such user in the `Username-Password-Authentication` connection; this e-mail belongs to a `samlp` identity (`fu`, last 2026-12-08 11:45 UTC): the customer's account is in the `Acme-SSO` connection — sign in through it",
            ],
        },
    ]);
    let both = Case::customer()
        .account(|a| a.blocked = true)
        .with(|c| {
            c.blocks = Availability::Available {
                value: vec![block(None)],
            }
        })
        .diagnose();
    assert_eq!(
        kinds(&both)[..2],
        [CauseKind::AdminBlocked, CauseKind::BruteForceBlocked]
    );
}
