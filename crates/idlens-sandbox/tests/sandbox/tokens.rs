use idlens_sandbox::{API_AUDIENCE, DESKTOP_CLIENT_ID};
use idlens_token::{inspect, InspectOptions, TokenKind};

use crate::support::*;

async fn userinfo(sb: &idlens_sandbox::RunningSandbox, token: &str) -> reqwest::Response {
    http()
        .get(url(sb, "userinfo"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn userinfo_answers_for_the_signed_in_user() {
    let sb = start().await;
    let body = pkce_tokens(&sb, &[]).await;
    let resp = userinfo(&sb, body["access_token"].as_str().unwrap()).await;
    assert_eq!(resp.status(), 200);
    let info: serde_json::Value = resp.json().await.unwrap();
    let admin = sb.tenant().sign_in_users[0].clone();
    assert_eq!(info["sub"], admin.user_id.as_str());
    assert_eq!(info["email"], admin.email.as_str());
    assert_eq!(info["name"], "Ada Admin");

    let resp = userinfo(&sb, "not-a-token").await;
    assert_eq!(resp.status(), 401);
    assert!(resp.headers().contains_key("www-authenticate"));
}

#[tokio::test]
async fn without_an_audience_the_access_token_is_opaque_and_only_works_at_userinfo() {
    let sb = start().await;
    let body = pkce_tokens(&sb, &[("audience", "")]).await;
    let access = body["access_token"].as_str().unwrap();
    let report = inspect(access, &InspectOptions::default(), None);
    assert_eq!(
        report.kind,
        TokenKind::OpaqueAccessToken,
        "{}",
        report.summary
    );
    assert_eq!(access.split('.').count(), 5, "a JWE, like Auth0's");
    assert_eq!(userinfo(&sb, access).await.status(), 200);
    // The ID token is a JWT as always.
    assert_valid(
        &verify(
            &sb,
            body["id_token"].as_str().unwrap(),
            DESKTOP_CLIENT_ID,
            Some("n-456"),
        )
        .await,
    );
}

#[tokio::test]
async fn an_api_token_without_openid_has_a_string_audience_and_no_userinfo() {
    let sb = start().await;
    let body = pkce_tokens(&sb, &[("scope", "read:users read:graph")]).await;
    assert!(body.get("id_token").is_none());
    let access = body["access_token"].as_str().unwrap();
    let report = verify(&sb, access, API_AUDIENCE, None).await;
    assert_valid(&report);
    assert_eq!(claims(&report)["aud"], API_AUDIENCE);
    assert_eq!(userinfo(&sb, access).await.status(), 401);
}

#[tokio::test]
async fn scope_is_the_overlap_of_requested_and_granted_permissions() {
    let sb = start().await;
    // Sam (Support) has read:users and read:tokens, not write:graph.
    let resp = login(
        &sb,
        &[("scope", "openid read:users write:graph")],
        ("sam.support@idlens.test", "sandbox-support"),
        "allow",
    )
    .await;
    let (_, params) = redirect_params(&resp);
    let (status, body) = redeem(&sb, &params["code"], VERIFIER, CALLBACK).await;
    assert_eq!(status, 200);
    let report = valid_api_token(&sb, &body).await;
    let c = claims(&report);
    assert_eq!(c["scope"], "openid read:users");
    assert_eq!(
        c["permissions"],
        serde_json::json!(["read:tokens", "read:users"])
    );
}

#[tokio::test]
async fn logout_redirects_only_to_allowed_urls() {
    let sb = start().await;
    let ok = http()
        .get(url(&sb, "v2/logout"))
        .query(&[
            ("client_id", DESKTOP_CLIENT_ID),
            ("returnTo", "http://127.0.0.1:53134/"),
        ])
        .send()
        .await
        .unwrap();
    assert!(ok.status().is_redirection());
    assert_eq!(ok.headers()["location"], "http://127.0.0.1:53134/");
    let bad = http()
        .get(url(&sb, "v2/logout"))
        .query(&[("returnTo", "http://evil.test/")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let plain = http().get(url(&sb, "v2/logout")).send().await.unwrap();
    assert_eq!(plain.status(), 200);
}

#[tokio::test]
async fn token_endpoint_errors_have_auth0s_shape() {
    let sb = start().await;
    let (status, body) = token(&sb, &[("client_id", DESKTOP_CLIENT_ID)]).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_request");
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .contains("grant_type"));
    let (status, body) = token(
        &sb,
        &[("grant_type", "password"), ("client_id", DESKTOP_CLIENT_ID)],
    )
    .await;
    assert_error(status, &body, 400, "unsupported_grant_type");
    let (status, body) = token(
        &sb,
        &[("grant_type", "refresh_token"), ("client_id", "nobody")],
    )
    .await;
    assert_error(status, &body, 401, "access_denied");
}
