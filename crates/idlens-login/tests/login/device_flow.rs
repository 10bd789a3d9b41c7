//! RFC 8628 device flow, approved by the test over HTTP.

use idlens_login::{cancellation, Cancellation, LoginClient, LoginError};

use idlens_testkit::idp::{
    Decision, Idp, Mode, UserAgent, API, CLIENT_ID, SHORT_LIVED_CLIENT_ID, SLOW_DOWN_CLIENT_ID,
};

async fn device_sign_in_then_revoke(mode: Mode) {
    let idp = Idp::shared(mode);
    let client = LoginClient::discover(idp.settings()).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    let shown = login.authorization().clone();
    assert!(!shown.user_code.is_empty());
    assert!(shown
        .verification_uri
        .starts_with(&idp.issuer.trim_end_matches('/').to_string()));
    let shown_json = serde_json::to_value(&shown).unwrap();
    assert!(shown_json.get("device_code").is_none(), "{shown_json}");

    // The user approves on another device while IdLens polls.
    let browser = UserAgent::new(idp);
    let complete = shown
        .verification_uri_complete
        .clone()
        .expect("verification_uri_complete");
    let (page, tokens) = tokio::join!(
        browser.sign_in(&complete, "alice", Decision::Approve),
        client.finish_device_login(login, Cancellation::never()),
    );
    assert!(
        page.body.contains("Sign-in Success"),
        "{}: {}",
        page.url,
        page.body
    );
    let tokens = tokens.unwrap();

    let id = tokens
        .id_claims
        .as_ref()
        .expect("validated ID token claims");
    assert_eq!(tokens.subject(), Some("alice"));
    assert_eq!(id["aud"], CLIENT_ID);
    assert_eq!(id["iss"], idp.issuer.as_str());
    let access = tokens
        .access_claims
        .as_ref()
        .expect("validated access-token claims");
    assert_eq!(access["aud"], API);
    assert_eq!(access["sub"], "alice");
    assert_eq!(
        access["permissions"],
        serde_json::json!(["read:users", "read:roles"])
    );
    let refresh = tokens
        .refresh_token
        .clone()
        .expect("offline_access gives a refresh token");
    // Nothing secret in what a log line would print.
    let printed = format!("{tokens:?}");
    for secret in [
        &refresh,
        &tokens.access_token,
        tokens.id_token.as_ref().unwrap(),
    ] {
        assert!(!printed.contains(secret.expose()), "{printed}");
    }

    // Sign-out: the revoked refresh token no longer works.
    client.revoke(&refresh).await.unwrap();
    let err = client.refresh(&refresh).await.unwrap_err();
    assert!(matches!(err, LoginError::InvalidGrant { .. }), "{err}");
    assert!(err.to_string().contains("Sign in again"), "{err}");
}

#[tokio::test]
async fn device_flow_signs_in_and_sign_out_revokes() {
    device_sign_in_then_revoke(Mode::Default).await;
}

#[tokio::test]
async fn device_flow_signs_in_and_sign_out_revokes_auth0_style() {
    device_sign_in_then_revoke(Mode::Auth0).await;
}

#[tokio::test]
async fn device_flow_stops_when_the_user_denies() {
    let idp = Idp::shared(Mode::Auth0);
    let client = LoginClient::discover(idp.settings()).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    let complete = login
        .authorization()
        .verification_uri_complete
        .clone()
        .unwrap();
    UserAgent::new(idp)
        .sign_in(&complete, "alice", Decision::Deny)
        .await;
    let err = client
        .finish_device_login(login, Cancellation::never())
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::AccessDenied { .. }), "{err}");
    assert!(err.to_string().contains("denied"), "{err}");
}

#[tokio::test]
async fn device_flow_stops_when_the_code_expires() {
    let idp = Idp::shared(Mode::Default);
    let mut settings = idp.settings();
    settings.client_id = SHORT_LIVED_CLIENT_ID.to_owned();
    let client = LoginClient::discover(settings).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    assert_eq!(login.authorization().expires_in, 1);
    let err = client
        .finish_device_login(login, Cancellation::never())
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::DeviceCodeExpired), "{err}");
    assert!(err.to_string().contains("Start the sign-in again"), "{err}");
}

#[tokio::test]
async fn device_flow_can_be_cancelled() {
    let idp = Idp::shared(Mode::Default);
    let client = LoginClient::discover(idp.settings()).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    let (handle, cancel) = cancellation();
    let started = std::time::Instant::now();
    let (err, ()) = tokio::join!(client.finish_device_login(login, cancel), async {
        handle.cancel()
    });
    assert!(matches!(err, Err(LoginError::Cancelled)), "{err:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[tokio::test]
async fn device_flow_backs_off_five_seconds_on_slow_down() {
    let idp = Idp::shared(Mode::Default);
    let mut settings = idp.settings();
    settings.client_id = SLOW_DOWN_CLIENT_ID.to_owned();
    let client = LoginClient::discover(settings).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    let interval = std::time::Duration::from_secs(login.authorization().interval);
    let complete = login
        .authorization()
        .verification_uri_complete
        .clone()
        .unwrap();
    let started = std::time::Instant::now();
    let browser = UserAgent::new(idp);
    // The provider answers the first poll with slow_down even though the
    // user approves straight away.
    let (_, tokens) = tokio::join!(
        browser.sign_in(&complete, "grace", Decision::Approve),
        client.finish_device_login(login, Cancellation::never()),
    );
    let tokens = tokens.unwrap();
    assert_eq!(tokens.subject(), Some("grace"));
    // First poll after `interval` (slow_down), the next after `interval + 5 s`.
    let elapsed = started.elapsed();
    let expected = interval * 2 + idlens_login::SLOW_DOWN_STEP;
    assert!(
        elapsed >= expected,
        "finished after {elapsed:?}, before {expected:?}"
    );
}
