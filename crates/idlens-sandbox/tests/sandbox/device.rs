use std::time::Duration;

use idlens_sandbox::{RunningSandbox, API_AUDIENCE, DESKTOP_CLIENT_ID};
use serde_json::Value;

use crate::support::*;

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

async fn request_code(sb: &RunningSandbox) -> Value {
    let resp = http()
        .post(url(sb, "oauth/device/code"))
        .form(&[
            ("client_id", DESKTOP_CLIENT_ID),
            ("scope", "openid profile email offline_access read:users"),
            ("audience", API_AUDIENCE),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn poll(sb: &RunningSandbox, device_code: &str) -> (u16, Value) {
    token(
        sb,
        &[
            ("grant_type", DEVICE_GRANT),
            ("device_code", device_code),
            ("client_id", DESKTOP_CLIENT_ID),
        ],
    )
    .await
}

/// Waits out the polling interval on the sandbox's clock, not the wall clock.
fn wait_interval(sb: &RunningSandbox, code: &Value) {
    sb.advance_clock(Duration::from_secs(code["interval"].as_u64().unwrap()))
        .unwrap();
}

#[tokio::test]
async fn device_code_answer_has_auth0s_shape() {
    let sb = start().await;
    let code = request_code(&sb).await;
    let user_code = code["user_code"].as_str().unwrap();
    assert_eq!(user_code.len(), 9);
    assert_eq!(&user_code[4..5], "-");
    assert!(user_code
        .chars()
        .all(|c| c == '-' || c.is_ascii_uppercase()));
    assert_eq!(code["verification_uri"], format!("{}activate", sb.issuer()));
    assert_eq!(
        code["verification_uri_complete"],
        format!("{}activate?user_code={user_code}", sb.issuer())
    );
    assert_eq!(code["expires_in"], 900);
    assert_eq!(code["interval"], 5);
    assert!(code["device_code"].as_str().unwrap().len() >= 32);
}

#[tokio::test]
async fn pending_then_slow_down_then_approved_tokens() {
    let sb = start().await;
    let code = request_code(&sb).await;
    let device_code = code["device_code"].as_str().unwrap();

    let (status, body) = poll(&sb, device_code).await;
    assert_error(status, &body, 403, "authorization_pending");
    // Polling again at once is too fast.
    let (status, body) = poll(&sb, device_code).await;
    assert_error(status, &body, 429, "slow_down");
    // The interval grew by 5 s: waiting only the old interval is still too fast.
    wait_interval(&sb, &code);
    let (_, body) = poll(&sb, device_code).await;
    assert_eq!(body["error"], "slow_down");
    sb.advance_clock(Duration::from_secs(15)).unwrap();
    let (_, body) = poll(&sb, device_code).await;
    assert_eq!(body["error"], "authorization_pending");

    sb.approve_device_code(code["user_code"].as_str().unwrap(), ADMIN.0)
        .unwrap();
    sb.advance_clock(Duration::from_secs(15)).unwrap();
    let (status, body) = poll(&sb, device_code).await;
    assert_eq!(status, 200, "{body}");
    let access = valid_api_token(&sb, &body).await;
    assert_eq!(
        claims(&access)["sub"],
        sb.tenant().sign_in_users[0].user_id.as_str()
    );
    assert!(body["id_token"].is_string());
    assert!(body["refresh_token"].is_string());

    // The code is spent.
    sb.advance_clock(Duration::from_secs(30)).unwrap();
    let (status, body) = poll(&sb, device_code).await;
    assert_error(status, &body, 403, "invalid_grant");
}

#[tokio::test]
async fn the_activate_page_signs_in_and_approves() {
    let sb = start().await;
    let code = request_code(&sb).await;
    let page = text(http().get(code["verification_uri_complete"].as_str().unwrap())).await;
    let user_code = code["user_code"].as_str().unwrap();
    assert!(
        page.contains(&format!("value=\"{user_code}\"")),
        "the code is filled in"
    );
    assert!(page.contains("sandbox-admin"), "sign-in users are listed");

    let wrong = http()
        .post(url(&sb, "activate"))
        .form(&[
            ("user_code", user_code),
            ("email", ADMIN.0),
            ("password", "nope"),
            ("action", "approve"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);

    let ok = http()
        .post(url(&sb, "activate"))
        // Lower case and spaces are forgiven, as people type them.
        .form(&[
            (
                "user_code",
                format!(" {} ", user_code.to_lowercase()).as_str(),
            ),
            ("email", ADMIN.0),
            ("password", ADMIN.1),
            ("action", "approve"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let (status, body) = poll(&sb, code["device_code"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{body}");
    let admin = sb.tenant().sign_in_users[0].user_id.clone();
    let (_, user) = mgmt(&sb, reqwest::Method::GET, &format!("users/{admin}"), None).await;
    assert_eq!(
        user["last_ip"], "127.0.0.1",
        "the sign-in is the user's last: {user}"
    );
}

#[tokio::test]
async fn denied_on_the_page_gives_access_denied() {
    let sb = start().await;
    let code = request_code(&sb).await;
    let resp = http()
        .post(url(&sb, "activate"))
        .form(&[
            ("user_code", code["user_code"].as_str().unwrap()),
            ("action", "deny"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let (status, body) = poll(&sb, code["device_code"].as_str().unwrap()).await;
    assert_error(status, &body, 403, "access_denied");
}

#[tokio::test]
async fn http_hooks_approve_and_deny() {
    let sb = start().await;
    let code = request_code(&sb).await;
    let resp = http()
        .post(url(&sb, "sandbox/device/deny"))
        .form(&[("user_code", code["user_code"].as_str().unwrap())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let (_, body) = poll(&sb, code["device_code"].as_str().unwrap()).await;
    assert_eq!(body["error"], "access_denied");

    let code = request_code(&sb).await;
    let resp = http()
        .post(url(&sb, "sandbox/device/approve"))
        .form(&[
            ("user_code", code["user_code"].as_str().unwrap()),
            ("email", ADMIN.0),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let (status, _) = poll(&sb, code["device_code"].as_str().unwrap()).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn an_expired_code_gives_expired_token() {
    let sb = start().await;
    let code = request_code(&sb).await;
    let resp = http()
        .post(url(&sb, "sandbox/clock/advance"))
        .form(&[("seconds", "901")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let (status, body) = poll(&sb, code["device_code"].as_str().unwrap()).await;
    assert_error(status, &body, 403, "expired_token");
    assert!(sb
        .approve_device_code(code["user_code"].as_str().unwrap(), ADMIN.0)
        .is_err());
}

#[tokio::test]
async fn an_unknown_device_code_gives_invalid_grant() {
    let sb = start().await;
    let (status, body) = poll(&sb, "not-a-device-code").await;
    assert_error(status, &body, 403, "invalid_grant");
}

#[tokio::test]
async fn only_the_native_client_may_use_the_device_flow() {
    let sb = start().await;
    let resp = http()
        .post(url(&sb, "oauth/device/code"))
        .form(&[
            ("client_id", idlens_sandbox::M2M_CLIENT_ID),
            ("scope", "openid"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized_client");
}
