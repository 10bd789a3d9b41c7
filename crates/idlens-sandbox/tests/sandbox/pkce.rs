use idlens_sandbox::{API_AUDIENCE, DESKTOP_CLIENT_ID};
use idlens_token::TokenKind;

use crate::support::*;

#[tokio::test]
async fn login_page_lists_the_sign_in_users_with_their_passwords() {
    let sb = start().await;
    let html = text(
        http()
            .get(url(&sb, "authorize"))
            .query(&authorize_query(&[])),
    )
    .await;
    for user in &sb.tenant().sign_in_users {
        assert!(html.contains(&user.email), "{} is listed", user.email);
        assert!(html.contains(&user.password));
    }
    assert!(html.contains("value=\"deny\""), "a deny button");
}

#[tokio::test]
async fn pkce_happy_path_gives_verified_tokens_and_passes_state_through() {
    let sb = start().await;
    let resp = login(&sb, &[], ADMIN, "allow").await;
    let (base, params) = redirect_params(&resp);
    assert_eq!(base, CALLBACK);
    assert_eq!(params["state"], "st-123");
    let (status, body) = redeem(&sb, &params["code"], VERIFIER, CALLBACK).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["refresh_token"].as_str().unwrap().starts_with("v1."));

    let access = valid_api_token(&sb, &body).await;
    assert_eq!(access.kind, TokenKind::AccessToken);
    let c = claims(&access);
    let admin = sb.tenant().sign_in_users[0].clone();
    assert_eq!(c["sub"], admin.user_id.as_str());
    assert_eq!(c["azp"], DESKTOP_CLIENT_ID);
    assert_eq!(
        c["aud"],
        serde_json::json!([API_AUDIENCE, format!("{}userinfo", sb.issuer())])
    );
    assert_eq!(c["scope"], "openid profile email offline_access read:users");
    let permissions = c["permissions"].as_array().unwrap();
    assert!(
        permissions.iter().any(|p| p == "run:audit"),
        "the admin role's permissions"
    );

    let id = verify(
        &sb,
        body["id_token"].as_str().unwrap(),
        DESKTOP_CLIENT_ID,
        Some("n-456"),
    )
    .await;
    assert_valid(&id);
    assert_eq!(id.kind, TokenKind::IdToken);
    let c = claims(&id);
    assert_eq!(c["email"], admin.email.as_str());
    assert_eq!(c["email_verified"], true);
    assert_eq!(c["name"], "Ada Admin");
    assert!(c["sid"].is_string() && c["auth_time"].is_i64() && c["picture"].is_string());
}

#[tokio::test]
async fn a_code_is_single_use_and_a_bad_verifier_is_refused() {
    let sb = start().await;
    let resp = login(&sb, &[], ADMIN, "allow").await;
    let (_, params) = redirect_params(&resp);
    let code = &params["code"];
    let wrong = "the-wrong-verifier-the-wrong-verifier-0000000";
    let (status, body) = redeem(&sb, code, wrong, CALLBACK).await;
    assert_eq!(status, 403);
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(body["error_description"], "Failed to verify code verifier");
    // The failed attempt used the code up.
    let (status, body) = redeem(&sb, code, VERIFIER, CALLBACK).await;
    assert_error(status, &body, 403, "invalid_grant");
}

#[tokio::test]
async fn a_redirect_uri_that_differs_at_token_time_is_refused() {
    let sb = start().await;
    let resp = login(&sb, &[], ADMIN, "allow").await;
    let (_, params) = redirect_params(&resp);
    let (status, body) = redeem(
        &sb,
        &params["code"],
        VERIFIER,
        "http://127.0.0.1:53135/callback",
    )
    .await;
    assert_error(status, &body, 403, "invalid_grant");
}

#[tokio::test]
async fn an_unregistered_callback_never_gets_a_redirect() {
    let sb = start().await;
    // Another port on the same host is a different callback (Auth0 matches ports exactly).
    let resp = http()
        .get(url(&sb, "authorize"))
        .query(&authorize_query(&[(
            "redirect_uri",
            "http://127.0.0.1:53135/callback",
        )]))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert!(resp.headers().get("location").is_none());
    assert!(resp.text().await.unwrap().contains("Callback URL mismatch"));
}

#[tokio::test]
async fn extra_callbacks_are_registered_from_the_config() {
    let sb = idlens_sandbox::Sandbox::start(idlens_sandbox::SandboxConfig {
        extra_callbacks: vec!["http://127.0.0.1:61000/callback".into()],
        ..Default::default()
    })
    .await
    .unwrap();
    let resp = login(
        &sb,
        &[("redirect_uri", "http://127.0.0.1:61000/callback")],
        ADMIN,
        "allow",
    )
    .await;
    let (base, params) = redirect_params(&resp);
    assert_eq!(base, "http://127.0.0.1:61000/callback");
    assert!(params.contains_key("code"));
}

#[tokio::test]
async fn the_user_denying_redirects_with_access_denied_and_the_state() {
    let sb = start().await;
    let resp = login(&sb, &[], ("", ""), "deny").await;
    let (base, params) = redirect_params(&resp);
    assert_eq!(base, CALLBACK);
    assert_eq!(params["error"], "access_denied");
    assert_eq!(params["state"], "st-123");
    assert!(!params.contains_key("code"));
}

#[tokio::test]
async fn a_wrong_password_shows_the_page_again() {
    let sb = start().await;
    let resp = login(&sb, &[], (ADMIN.0, "not-the-password"), "allow").await;
    assert_eq!(resp.status(), 401);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("Wrong email or password."));
}

#[tokio::test]
async fn pkce_is_required_and_only_s256() {
    let sb = start().await;
    for overrides in [
        vec![("code_challenge_method", "plain")],
        vec![("code_challenge", ""), ("code_challenge_method", "")],
    ] {
        let resp = http()
            .get(url(&sb, "authorize"))
            .query(&authorize_query(&overrides))
            .send()
            .await
            .unwrap();
        let (_, params) = redirect_params(&resp);
        assert_eq!(params["error"], "invalid_request", "{overrides:?}");
        assert_eq!(params["state"], "st-123");
    }
}

#[tokio::test]
async fn state_comes_back_byte_for_byte() {
    let sb = start().await;
    let state = "a&b=c d/é?#%";
    let resp = login(&sb, &[("state", state)], ADMIN, "allow").await;
    let (_, params) = redirect_params(&resp);
    assert_eq!(params["state"], state);
}
