//! Tokens from the sandbox for tests that need real ones without driving
//! IdLens: a user's, through the browser flow (authorization code + PKCE),
//! and an application's, by client credentials; and a refresh token tried
//! or revoked at the token endpoint behind IdLens's back.

use serde_json::Value;
use url::Url;

use crate::login_page::{browser, redirect_target, LoginPage};

/// The tokens a user gets from the sandbox's browser flow (authorization
/// code with PKCE, as IdLens's desktop client) for `audience`: signs in as
/// `email` on the login page and redeems the code. A test's way to hold a
/// real user's access token without driving IdLens.
pub async fn code_flow_tokens(
    issuer: &str,
    client_id: &str,
    (email, password): (&str, &str),
    audience: &str,
) -> serde_json::Value {
    const VERIFIER: &str = "a-long-enough-code-verifier-for-these-tests-0123456789";
    const CALLBACK: &str = "http://127.0.0.1:53134/callback";
    let challenge = challenge(VERIFIER);
    let mut authorize = Url::parse(&format!("{issuer}authorize")).expect("an issuer URL");
    authorize.query_pairs_mut().extend_pairs([
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", CALLBACK),
        ("scope", "openid profile email"),
        ("audience", audience),
        ("state", "code-flow-tokens"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ]);
    let http = browser();
    let page = LoginPage::open(&http, &authorize).await;
    let answer = page.submit(&http, email, password, "allow").await;
    let back = redirect_target(&authorize, &answer);
    let code = back
        .query_pairs()
        .find(|(name, _)| name == "code")
        .unwrap_or_else(|| panic!("the sign-in gives a code: {back}"))
        .1
        .into_owned();
    let response = http
        .post(format!("{issuer}oauth/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", client_id),
            ("code", code.as_str()),
            ("code_verifier", VERIFIER),
            ("redirect_uri", CALLBACK),
        ])
        .send()
        .await
        .expect("the sandbox answers");
    assert_eq!(response.status(), 200, "the code is redeemed");
    response.json().await.expect("a JSON token response")
}

/// The S256 PKCE challenge of `verifier`.
pub fn challenge(verifier: &str) -> String {
    use base64::Engine;
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest.as_ref())
}

/// An access token for `audience` by client credentials, as a
/// machine-to-machine application gets one.
pub async fn client_credentials_token(
    issuer: &str,
    client_id: &str,
    secret: &str,
    audience: &str,
) -> String {
    let response = browser()
        .post(format!("{issuer}oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", secret),
            ("audience", audience),
        ])
        .send()
        .await
        .expect("the sandbox answers");
    assert_eq!(response.status(), 200, "the client gets a token");
    let body: serde_json::Value = response.json().await.expect("a JSON token response");
    body["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned()
}

/// A refresh at `issuer`'s token endpoint for `client_id`, as any client
/// would try it: the status and the JSON answer (`null` when it is not JSON).
pub async fn refresh_at(issuer: &str, client_id: &str, refresh_token: &str) -> (u16, Value) {
    let response = browser()
        .post(format!("{issuer}oauth/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", client_id),
            ("refresh_token", refresh_token),
        ])
        .send()
        .await
        .expect("the sandbox answers");
    let status = response.status().as_u16();
    let body = response.bytes().await.unwrap_or_default();
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// Revokes a refresh token at `issuer` behind IdLens's back (an admin
/// revoking the user's sessions).
pub async fn revoke_at(issuer: &str, client_id: &str, refresh_token: &str) {
    let response = browser()
        .post(format!("{issuer}oauth/revoke"))
        .form(&[("client_id", client_id), ("token", refresh_token)])
        .send()
        .await
        .expect("the sandbox answers");
    assert!(response.status().is_success(), "{}", response.status());
}
