use idlens_sandbox::{API_AUDIENCE, DESKTOP_CLIENT_ID};

use crate::support::*;

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let sb = start().await;
    let first = pkce_tokens(&sb, &[]).await;
    let rt1 = first["refresh_token"].as_str().unwrap();

    let (status, second) = refresh(&sb, rt1).await;
    assert_eq!(status, 200, "{second}");
    let rt2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(rt1, rt2, "a new refresh token every time");
    assert_valid(
        &verify(
            &sb,
            second["access_token"].as_str().unwrap(),
            API_AUDIENCE,
            None,
        )
        .await,
    );
    assert_valid(
        &verify(
            &sb,
            second["id_token"].as_str().unwrap(),
            DESKTOP_CLIENT_ID,
            Some("n-456"),
        )
        .await,
    );

    // Reusing the rotated token is refused…
    let (status, body) = refresh(&sb, rt1).await;
    assert_error(status, &body, 403, "invalid_grant");
    // …and takes the newest token of the family down with it.
    let (status, body) = refresh(&sb, rt2).await;
    assert_error(status, &body, 403, "invalid_grant");
}

#[tokio::test]
async fn no_offline_access_no_refresh_token() {
    let sb = start().await;
    let body = pkce_tokens(&sb, &[("scope", "openid profile")]).await;
    assert!(body.get("refresh_token").is_none());
}

#[tokio::test]
async fn revoke_ends_the_refresh_token() {
    let sb = start().await;
    let body = pkce_tokens(&sb, &[]).await;
    let rt = body["refresh_token"].as_str().unwrap();
    let resp = http()
        .post(url(&sb, "oauth/revoke"))
        .form(&[("client_id", DESKTOP_CLIENT_ID), ("token", rt)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let (status, body) = refresh(&sb, rt).await;
    assert_error(status, &body, 403, "invalid_grant");
    // Revoking an unknown token is not an error (RFC 7009).
    let resp = http()
        .post(url(&sb, "oauth/revoke"))
        .form(&[("client_id", DESKTOP_CLIENT_ID), ("token", "v1.unknown")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}
