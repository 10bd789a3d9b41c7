//! Authorization code + PKCE through the loopback listener; the test plays the browser.

use idlens_login::{Cancellation, LoginClient, LoginError};

use idlens_testkit::idp::{Decision, Idp, Mode, UserAgent, API, CLIENT_ID};

async fn browser_sign_in_then_refresh(mode: Mode) {
    let idp = Idp::shared(mode);
    let client = LoginClient::discover(idp.settings()).await.unwrap();
    let login = client.start_browser_login().await.unwrap();
    let url = login.authorize_url().clone();
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let param = |name: &str| {
        query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(param("code_challenge_method"), Some("S256"));
    assert_eq!(param("client_id"), Some(CLIENT_ID));
    assert!(param("state").is_some() && param("nonce").is_some());
    assert_eq!(param("redirect_uri"), Some(login.redirect_uri()));
    match mode {
        Mode::Auth0 => {
            assert_eq!(param("audience"), Some(API));
            assert_eq!(param("resource"), None);
            assert_eq!(param("prompt"), None);
        }
        Mode::Default => {
            assert_eq!(param("resource"), Some(API));
            assert_eq!(param("audience"), None);
        }
    }
    let redirect_uri = login.redirect_uri().to_owned();

    let browser = UserAgent::new(idp);
    let (page, tokens) = tokio::join!(
        browser.sign_in(url.as_str(), "bob", Decision::Approve),
        client.finish_browser_login(login, Cancellation::never()),
    );
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("You can close this tab"),
        "{}",
        page.body
    );
    let tokens = tokens.unwrap();
    assert_eq!(tokens.subject(), Some("bob"));
    let id = tokens.id_claims.as_ref().unwrap();
    assert_eq!(id["aud"], CLIENT_ID);
    assert!(id["nonce"].is_string());
    assert_eq!(tokens.access_claims.as_ref().unwrap()["aud"], API);
    assert!(tokens.expires_at.is_some());

    // The listener is closed once the callback arrived.
    assert!(std::net::TcpStream::connect(
        redirect_uri
            .trim_start_matches("http://")
            .trim_end_matches("/callback")
    )
    .is_err());

    // Refresh with rotation: a new refresh token, valid tokens, and the old one is dead.
    let first = tokens.refresh_token.clone().expect("refresh token");
    let refreshed = client.refresh(&first).await.unwrap();
    let second = refreshed
        .refresh_token
        .clone()
        .expect("refresh token after refresh");
    assert_ne!(first, second, "the provider rotates refresh tokens");
    assert_eq!(refreshed.access_claims.as_ref().unwrap()["aud"], API);
    assert_eq!(refreshed.access_claims.as_ref().unwrap()["sub"], "bob");
    let err = client.refresh(&first).await.unwrap_err();
    assert!(matches!(err, LoginError::InvalidGrant { .. }), "{err}");
}

#[tokio::test]
async fn browser_flow_signs_in_and_refresh_rotates() {
    browser_sign_in_then_refresh(Mode::Default).await;
}

#[tokio::test]
async fn browser_flow_signs_in_and_refresh_rotates_auth0_style() {
    browser_sign_in_then_refresh(Mode::Auth0).await;
}
