//! The sandbox under floods and absurd numbers: its memory stays bounded,
//! pending sign-ins expire, and out-of-range settings are refused instead of
//! overflowing.

use std::time::Duration;

use idlens_sandbox::{Sandbox, SandboxConfig, SandboxError, DESKTOP_CLIENT_ID};

use crate::support::*;

async fn small_sandbox() -> idlens_sandbox::RunningSandbox {
    Sandbox::start(SandboxConfig {
        max_pending: 40,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_flood_of_sign_ins_stops_at_the_cap_and_expires() {
    let sb = small_sandbox().await;
    let client = http();
    let mut refused = 0;
    for _ in 0..60 {
        let authorize = client
            .get(url(&sb, "authorize"))
            .query(&authorize_query(&[]))
            .send()
            .await
            .unwrap();
        let device = client
            .post(url(&sb, "oauth/device/code"))
            .form(&[("client_id", DESKTOP_CLIENT_ID), ("scope", "openid")])
            .send()
            .await
            .unwrap();
        for response in [authorize, device] {
            match response.status().as_u16() {
                200 => {}
                429 => {
                    let body = response.text().await.unwrap();
                    assert!(body.contains("too_many_requests"), "{body}");
                    refused += 1;
                }
                other => panic!("unexpected status {other}"),
            }
        }
    }
    assert_eq!(refused, 2 * 20);
    let sizes = sb.table_sizes();
    assert_eq!((sizes.transactions, sizes.devices), (40, 40));

    // Past their lifetime (15 min for both), the next requests sweep them.
    sb.advance_clock(Duration::from_secs(3600)).unwrap();
    let page = client
        .get(url(&sb, "authorize"))
        .query(&authorize_query(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let code = client
        .post(url(&sb, "oauth/device/code"))
        .form(&[("client_id", DESKTOP_CLIENT_ID), ("scope", "openid")])
        .send()
        .await
        .unwrap();
    assert_eq!(code.status(), 200);
    let sizes = sb.table_sizes();
    assert_eq!((sizes.transactions, sizes.devices), (1, 1));
}

#[tokio::test]
async fn the_clock_refuses_to_overflow() {
    let sb = start().await;
    let client = http();
    for seconds in ["18446744073709551615", "315360001", "-5", "x"] {
        let response = client
            .post(url(&sb, "sandbox/clock/advance"))
            .form(&[("seconds", seconds)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{seconds}");
    }
    // Ten years in steps is fine; a step past it is refused.
    for _ in 0..10 {
        sb.advance_clock(Duration::from_secs(365 * 86_400)).unwrap();
    }
    assert!(matches!(
        sb.advance_clock(Duration::from_secs(1)),
        Err(SandboxError::OutOfRange { .. })
    ));
    // Token requests still work after the refused advances.
    let secret = sb.m2m_client_secret();
    let (status, body) = token(
        &sb,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", idlens_sandbox::M2M_CLIENT_ID),
            ("client_secret", secret.expose()),
            ("audience", &sb.management_audience()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["expires_in"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn lifetimes_out_of_range_are_refused_at_start() {
    for config in [
        SandboxConfig {
            token_lifetime: Duration::from_secs(u64::MAX),
            ..SandboxConfig::default()
        },
        SandboxConfig {
            device_interval: Duration::from_secs(3600),
            ..SandboxConfig::default()
        },
        SandboxConfig {
            device_code_lifetime: Duration::ZERO,
            ..SandboxConfig::default()
        },
    ] {
        let err = Sandbox::start(config).await.unwrap_err();
        assert!(matches!(err, SandboxError::OutOfRange { .. }), "{err}");
    }
}
