use crate::support::*;

#[tokio::test]
async fn discovery_names_auth0_paths_with_a_trailing_slash_issuer() {
    let sb = start().await;
    assert!(sb.issuer().starts_with("http://127.0.0.1:"));
    assert!(sb.issuer().ends_with('/'));
    assert_eq!(sb.addr().ip().to_string(), "127.0.0.1");
    let doc: serde_json::Value = http()
        .get(url(&sb, ".well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let i = sb.issuer();
    assert_eq!(doc["issuer"], i);
    assert_eq!(doc["authorization_endpoint"], format!("{i}authorize"));
    assert_eq!(doc["token_endpoint"], format!("{i}oauth/token"));
    assert_eq!(
        doc["device_authorization_endpoint"],
        format!("{i}oauth/device/code")
    );
    assert_eq!(doc["userinfo_endpoint"], format!("{i}userinfo"));
    assert_eq!(doc["jwks_uri"], format!("{i}.well-known/jwks.json"));
    assert_eq!(doc["revocation_endpoint"], format!("{i}oauth/revoke"));
    assert_eq!(
        doc["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
}

#[tokio::test]
async fn jwks_publishes_one_rs256_signing_key() {
    let sb = start().await;
    let jwks: serde_json::Value = http()
        .get(url(&sb, ".well-known/jwks.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(key["kty"], "RSA");
    assert_eq!(key["alg"], "RS256");
    assert_eq!(key["use"], "sig");
    assert_eq!(key["kid"], sb.current_kid());
    assert_eq!(key["e"], "AQAB");
    assert!(key["n"].as_str().unwrap().len() > 300, "a 2048-bit modulus");
}

#[tokio::test]
async fn key_rotation_publishes_the_next_key_before_it_signs_and_keeps_the_old_one() {
    let sb = start().await;
    let old_kid = sb.current_kid();
    let before = pkce_tokens(&sb, &[]).await;
    let old_token = before["access_token"].as_str().unwrap().to_owned();

    // Staged over HTTP: published, not yet signing.
    let staged: serde_json::Value = http()
        .post(url(&sb, "sandbox/keys/stage"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let new_kid = staged["kid"].as_str().unwrap().to_owned();
    assert!(jwks(&sb).await.has_kid(&new_kid));
    assert_eq!(
        sb.current_kid(),
        old_kid,
        "the staged key does not sign yet"
    );

    assert_eq!(sb.rotate_signing_key().unwrap(), new_kid);
    let keys = jwks(&sb).await;
    assert_eq!(keys.keys().len(), 2, "the new key and the previous one");
    assert!(keys.has_kid(&old_kid) && keys.has_kid(&new_kid));

    let after = pkce_tokens(&sb, &[]).await;
    let new_token = after["access_token"].as_str().unwrap();
    let report = verify(&sb, new_token, idlens_sandbox::API_AUDIENCE, None).await;
    assert_valid(&report);
    assert_eq!(report.header.as_ref().unwrap()["kid"], new_kid.as_str());
    // A token signed before the rotation still verifies while the old key is published…
    assert_valid(&verify(&sb, &old_token, idlens_sandbox::API_AUDIENCE, None).await);
    // …and stops verifying once it is revoked.
    sb.revoke_previous_signing_key();
    assert!(
        !verify(&sb, &old_token, idlens_sandbox::API_AUDIENCE, None)
            .await
            .valid
    );
}

#[tokio::test]
async fn the_server_binds_loopback_and_stops_on_shutdown() {
    let sb = start().await;
    let addr = sb.addr();
    assert!(addr.ip().is_loopback());
    sb.shutdown().await;
    let err = http()
        .get(format!("http://{addr}/.well-known/jwks.json"))
        .send()
        .await;
    assert!(err.is_err(), "nothing answers after shutdown");
}

#[tokio::test]
async fn the_rotate_hook_over_http_switches_the_signing_key() {
    let sb = start().await;
    let old_kid = sb.current_kid();
    let rotated: serde_json::Value = http()
        .post(url(&sb, "sandbox/keys/rotate"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let new_kid = rotated["kid"].as_str().unwrap();
    assert_ne!(new_kid, old_kid);
    assert_eq!(sb.current_kid(), new_kid);
    let keys = jwks(&sb).await;
    assert!(keys.has_kid(&old_kid) && keys.has_kid(new_kid));
}
