use idlens_sandbox::{API_AUDIENCE, M2M_CLIENT_ID};
use idlens_token::TokenKind;

use crate::support::*;

#[tokio::test]
async fn client_credentials_give_a_management_api_token() {
    let sb = start().await;
    let secret = sb.m2m_client_secret();
    let audience = sb.management_audience();
    assert_eq!(audience, format!("{}api/v2/", sb.issuer()));
    let (status, body) = token(
        &sb,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", M2M_CLIENT_ID),
            ("client_secret", secret.expose()),
            ("audience", &audience),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("refresh_token").is_none() && body.get("id_token").is_none());
    let report = verify(&sb, body["access_token"].as_str().unwrap(), &audience, None).await;
    assert_valid(&report);
    // The token core names client-credentials tokens by their grant first.
    assert!(
        matches!(
            report.kind,
            TokenKind::ManagementApi | TokenKind::MachineToMachine
        ),
        "{:?}",
        report.kind
    );
    let c = claims(&report);
    assert_eq!(c["gty"], "client-credentials");
    assert_eq!(c["sub"], format!("{M2M_CLIENT_ID}@clients"));
    assert_eq!(c["azp"], M2M_CLIENT_ID);
    assert_eq!(c["aud"], audience.as_str());
    assert!(c["scope"]
        .as_str()
        .unwrap()
        .split(' ')
        .any(|s| s == "read:users"));
}

#[tokio::test]
async fn client_credentials_for_the_api_carry_permissions_and_basic_auth_works() {
    use base64::Engine;
    let sb = start().await;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!(
        "{M2M_CLIENT_ID}:{}",
        sb.m2m_client_secret().expose()
    ));
    let resp = http()
        .post(url(&sb, "oauth/token"))
        .header("authorization", format!("Basic {basic}"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("audience", API_AUDIENCE),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    let report = valid_api_token(&sb, &body).await;
    assert_eq!(report.kind, TokenKind::MachineToMachine);
    assert_eq!(
        claims(&report)["permissions"],
        serde_json::json!(["read:users", "read:graph"])
    );
}

#[tokio::test]
async fn a_wrong_secret_or_unknown_audience_is_refused() {
    let sb = start().await;
    let (status, body) = token(
        &sb,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", M2M_CLIENT_ID),
            ("client_secret", "wrong"),
            ("audience", &sb.management_audience()),
        ],
    )
    .await;
    assert_error(status, &body, 401, "access_denied");
    let secret = sb.m2m_client_secret();
    let (status, body) = token(
        &sb,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", M2M_CLIENT_ID),
            ("client_secret", secret.expose()),
            ("audience", "https://nope.test/"),
        ],
    )
    .await;
    assert_error(status, &body, 403, "access_denied");
}

#[tokio::test]
async fn the_public_client_may_not_use_client_credentials() {
    let sb = start().await;
    let (status, body) = token(
        &sb,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", idlens_sandbox::DESKTOP_CLIENT_ID),
            ("audience", &sb.management_audience()),
        ],
    )
    .await;
    assert_error(status, &body, 403, "unauthorized_client");
    assert!(body["error_description"].is_string());
}

#[tokio::test]
async fn the_token_endpoint_also_takes_json_as_auth0_does() {
    let sb = start().await;
    let resp = http()
        .post(url(&sb, "oauth/token"))
        .json(&serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": M2M_CLIENT_ID,
            "client_secret": sb.m2m_client_secret().expose(),
            "audience": sb.management_audience(),
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
}
