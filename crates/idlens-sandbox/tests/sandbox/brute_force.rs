//! Brute-force protection through the real login page, in both of Auth0's
//! modes, and the Management API that lists and removes its blocks. The
//! sandbox trusts `X-Forwarded-For` here so each client names its IP.

use idlens_sandbox::{RunningSandbox, Sandbox, SandboxConfig, M2M_CLIENT_ID};
use idlens_testkit::login_page::LoginPage;
use serde_json::json;

use crate::logs::{events_since, mark};
use crate::management::m2m_token;
use crate::support::*;

const BLOCKED: &str = "Your account has been blocked after multiple consecutive login attempts.";

async fn start_trusting_ips() -> RunningSandbox {
    Sandbox::start(SandboxConfig {
        seed: 7,
        trust_forwarded_for: true,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// A browser (no redirects followed) whose requests come from `ip`.
fn browser_from(ip: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", ip.parse().unwrap());
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// The login page of a new sign-in, opened from `http`.
async fn login_page(sb: &RunningSandbox, http: &reqwest::Client) -> LoginPage {
    let mut authorize = url::Url::parse(&url(sb, "authorize")).unwrap();
    authorize
        .query_pairs_mut()
        .extend_pairs(authorize_query(&[]));
    LoginPage::open(http, &authorize).await
}

/// Submits `password` for the admin: `Ok(())` for a redirect with a code,
/// else the page's status and text.
async fn sign_in(
    sb: &RunningSandbox,
    http: &reqwest::Client,
    password: &str,
) -> Result<(), (u16, String)> {
    let page = login_page(sb, http).await;
    let response = page.submit(http, ADMIN.0, password, "allow").await;
    if response.status().is_redirection() {
        let (_, params) = redirect_params(&response);
        assert!(params.contains_key("code"));
        return Ok(());
    }
    Err((response.status().as_u16(), response.text().await.unwrap()))
}

#[tokio::test]
async fn ten_wrong_passwords_block_the_pair_until_the_blocks_are_removed() {
    let sb = start_trusting_ips().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let from = mark(&sb, &t).await;
    let attacker = browser_from("192.0.2.10");
    let page = login_page(&sb, &attacker).await;
    for attempt in 1..=10 {
        let response = page.submit(&attacker, ADMIN.0, "guess", "allow").await;
        assert_eq!(response.status(), 401);
        let text = response.text().await.unwrap();
        let want = if attempt < 10 {
            "Wrong email or password."
        } else {
            BLOCKED
        };
        assert!(text.contains(want), "attempt {attempt}: {text}");
    }
    // The right password from that IP fails now; from another IP it works.
    let (status, text) = sign_in(&sb, &attacker, ADMIN.1).await.unwrap_err();
    assert_eq!(status, 401);
    assert!(text.contains(BLOCKED), "{text}");
    assert!(sign_in(&sb, &browser_from("192.0.2.20"), ADMIN.1)
        .await
        .is_ok());

    let identifier = format!("user-blocks?identifier={}", ADMIN.0.to_uppercase());
    let (status, blocks) = mgmt(&sb, reqwest::Method::GET, &identifier, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        blocks,
        json!({"blocked_for": [{"identifier": ADMIN.0, "ip": "192.0.2.10", "connection": "Username-Password-Authentication"}]})
    );
    let events = events_since(&sb, &t, &from).await;
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "fp").count(),
        10,
        "{kinds:?}"
    );
    let limit = events
        .iter()
        .find(|e| e["type"] == "limit_wc")
        .expect("limit_wc");
    assert_eq!(
        (&limit["ip"], &limit["user_name"]),
        (&json!("192.0.2.10"), &json!(ADMIN.0))
    );
    assert_eq!(kinds[10..13], ["limit_wc", "f", "s"], "{kinds:?}");

    let (status, _) = mgmt(&sb, reqwest::Method::DELETE, &identifier, None).await;
    assert_eq!(status, 204);
    assert!(sign_in(&sb, &attacker, ADMIN.1).await.is_ok(), "unblocked");
    let after = events_since(&sb, &t, &from).await;
    assert!(after
        .iter()
        .any(|e| e["type"] == "ublkdu" && e["user_name"] == ADMIN.0));
    assert!(after.iter().any(|e| e["type"] == "sapi"));
}

#[tokio::test]
async fn a_successful_sign_in_starts_the_count_again() {
    let sb = start_trusting_ips().await;
    let me = browser_from("192.0.2.30");
    for _ in 0..2 {
        for _ in 0..9 {
            assert!(sign_in(&sb, &me, "typo").await.is_err());
        }
        assert!(sign_in(&sb, &me, ADMIN.1).await.is_ok());
    }
}

#[tokio::test]
async fn per_identifier_mode_blocks_the_account_from_every_ip() {
    let sb = start_trusting_ips().await;
    let settings = "attack-protection/brute-force-protection";
    let patch = json!({"mode": "count_per_identifier", "max_attempts": 3});
    let (status, updated) = mgmt(&sb, reqwest::Method::PATCH, settings, Some(patch)).await;
    assert_eq!(
        (status, &updated["mode"]),
        (200, &json!("count_per_identifier")),
        "{updated}"
    );
    let (status, bad) = mgmt(
        &sb,
        reqwest::Method::PATCH,
        settings,
        Some(json!({"max_attempts": 0})),
    )
    .await;
    assert_eq!((status, &bad["errorCode"]), (400, &json!("invalid_body")));
    for ip in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
        assert!(sign_in(&sb, &browser_from(ip), "nope").await.is_err());
    }
    let (_, text) = sign_in(&sb, &browser_from("198.51.100.99"), ADMIN.1)
        .await
        .unwrap_err();
    assert!(text.contains(BLOCKED), "{text}");

    let admin_id = sb.tenant().sign_in_users[0].user_id.clone();
    let (status, blocks) = mgmt(
        &sb,
        reqwest::Method::GET,
        &format!("user-blocks/{admin_id}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(blocks["blocked_for"][0]["identifier"], ADMIN.0);
    assert!(
        blocks["blocked_for"][0].get("ip").is_none(),
        "every IP: {blocks}"
    );
    let (status, _) = mgmt(
        &sb,
        reqwest::Method::DELETE,
        &format!("user-blocks/{admin_id}"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    assert!(sign_in(&sb, &browser_from("198.51.100.99"), ADMIN.1)
        .await
        .is_ok());
}

#[tokio::test]
async fn the_seeded_lockout_is_a_current_block_and_x_forwarded_for_is_ignored_by_default() {
    let sb = start().await;
    let locked = story(&sb, "locked_out");
    let (status, blocks) = mgmt(
        &sb,
        reqwest::Method::GET,
        &format!("user-blocks?identifier={}", locked.email),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(blocks["blocked_for"][0]["ip"], "203.0.113.7");
    // Without trust, a forged header does not move the count to another IP.
    let forged = browser_from("192.0.2.77");
    for _ in 0..10 {
        assert!(sign_in(&sb, &forged, "nope").await.is_err());
    }
    let (_, blocks) = mgmt(
        &sb,
        reqwest::Method::GET,
        &format!("user-blocks?identifier={}", ADMIN.0),
        None,
    )
    .await;
    assert_eq!(blocks["blocked_for"][0]["ip"], "127.0.0.1", "{blocks}");
}

#[tokio::test]
async fn a_block_lasts_30_days_on_the_sandbox_clock() {
    let sb = start_trusting_ips().await;
    let patch = json!({"max_attempts": 2});
    let settings = "attack-protection/brute-force-protection";
    assert_eq!(
        mgmt(&sb, reqwest::Method::PATCH, settings, Some(patch))
            .await
            .0,
        200
    );
    let me = browser_from("192.0.2.40");
    for _ in 0..2 {
        assert!(sign_in(&sb, &me, "nope").await.is_err());
    }
    sb.advance_clock(std::time::Duration::from_secs(30 * 86_400 - 60))
        .unwrap();
    let (_, text) = sign_in(&sb, &me, ADMIN.1).await.unwrap_err();
    assert!(
        text.contains(BLOCKED),
        "still blocked a minute before: {text}"
    );
    sb.advance_clock(std::time::Duration::from_secs(60))
        .unwrap();
    assert!(sign_in(&sb, &me, ADMIN.1).await.is_ok(), "30 days later");
}
