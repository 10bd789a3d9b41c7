//! What goes wrong, and that IdLens says so clearly.

use std::time::Duration;

use idlens_login::{AuthorizedCode, Cancellation, LoginClient, LoginError, Secret};

use idlens_testkit::idp::{Decision, Idp, Mode, UserAgent};

fn port_of(redirect_uri: &str) -> String {
    redirect_uri
        .trim_start_matches("http://")
        .trim_end_matches("/callback")
        .to_owned()
}

/// A browser sign-in to the shared `mode` provider, approved as `user`, up
/// to the code its callback received (not exchanged yet).
async fn approved_code(mode: Mode, user: &str) -> (LoginClient, AuthorizedCode) {
    let idp = Idp::shared(mode);
    let client = LoginClient::discover(idp.settings()).await.unwrap();
    let login = client.start_browser_login().await.unwrap();
    let url = login.authorize_url().to_string();
    let issuer = client.endpoints().issuer.clone();
    let browser = UserAgent::new(idp);
    let (_, code) = tokio::join!(
        browser.sign_in(&url, user, Decision::Approve),
        login.wait_for_code(&issuer, Duration::from_secs(10), Cancellation::never()),
    );
    (client, code.expect("the callback receives a code"))
}

#[tokio::test]
async fn a_wrong_pkce_verifier_is_refused() {
    let (client, mut code) = approved_code(Mode::Auth0, "carol").await;
    code.verifier = Secret::new("a-verifier-that-does-not-match-the-challenge-0123456789abcdef");
    let err = client.exchange_code(&code).await.unwrap_err();
    assert!(matches!(err, LoginError::InvalidGrant { .. }), "{err}");
}

#[tokio::test]
async fn an_id_token_for_another_sign_in_is_never_returned() {
    let (client, mut code) = approved_code(Mode::Default, "frank").await;
    // As if the code had been injected into another sign-in: its nonce differs.
    code.nonce = Secret::new("the-nonce-of-another-sign-in");
    let err = client.exchange_code(&code).await.unwrap_err();
    match &err {
        LoginError::InvalidToken { role, check, .. } => {
            assert_eq!(*role, idlens_login::TokenRole::IdToken);
            assert_eq!(check, "nonce");
        }
        other => panic!("expected InvalidToken, got {other}"),
    }
    assert!(err.to_string().contains("start the login again"), "{err}");
}

#[tokio::test]
async fn forged_callbacks_and_idle_connections_do_not_stop_the_real_sign_in() {
    let idp = Idp::shared(Mode::Default);
    let client = LoginClient::discover(idp.settings()).await.unwrap();
    let login = client.start_browser_login().await.unwrap();
    let url = login.authorize_url().to_string();
    let redirect = login.redirect_uri().to_owned();
    let forged = format!("{redirect}?code=stolen&state=not-the-one-sent");
    // Eight connections that never send a request: each would once have held
    // the listener for 5 s.
    let idle: Vec<_> = (0..8)
        .map(|_| std::net::TcpStream::connect(port_of(&redirect)).unwrap())
        .collect();
    let started = std::time::Instant::now();
    let browser = UserAgent::new(idp);
    let (strays, result) = tokio::join!(
        async {
            // A stray request gets a 404, a forged redirect a 400; neither
            // ends the wait, and the real sign-in follows.
            let other = reqwest::get(redirect.replace("/callback", "/favicon.ico"))
                .await
                .unwrap();
            let response = reqwest::get(&forged).await.unwrap();
            let strays = (
                other.status().as_u16(),
                response.status().as_u16(),
                response.text().await.unwrap(),
            );
            browser.sign_in(&url, "carol", Decision::Approve).await;
            strays
        },
        client.finish_browser_login(login, Cancellation::never()),
    );
    let tokens = result.expect("the real redirect signs in");
    assert!(tokens.id_token.is_some());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "idle connections held the listener: {:?}",
        started.elapsed()
    );
    assert_eq!(strays.0, 404);
    assert_eq!(strays.1, 400);
    assert!(
        strays.2.contains("does not belong to the sign-in"),
        "{}",
        strays.2
    );
    assert!(
        std::net::TcpStream::connect(port_of(&redirect)).is_err(),
        "listener still open"
    );
    drop(idle);
}

#[tokio::test]
async fn a_user_who_denies_in_the_browser_gets_access_denied() {
    let idp = Idp::shared(Mode::Default);
    let client = LoginClient::discover(idp.settings()).await.unwrap();
    let login = client.start_browser_login().await.unwrap();
    let url = login.authorize_url().to_string();
    let browser = UserAgent::new(idp);
    let (page, result) = tokio::join!(
        browser.sign_in(&url, "dave", Decision::Deny),
        client.finish_browser_login(login, Cancellation::never()),
    );
    let err = result.unwrap_err();
    assert!(matches!(err, LoginError::AccessDenied { .. }), "{err}");
    assert!(page.body.contains("denied"), "{}", page.body);
}

#[tokio::test]
async fn the_listener_times_out_and_closes() {
    let idp = Idp::shared(Mode::Default);
    let mut settings = idp.settings();
    settings.callback_timeout = Duration::from_millis(300);
    let client = LoginClient::discover(settings).await.unwrap();
    let login = client.start_browser_login().await.unwrap();
    let redirect = login.redirect_uri().to_owned();
    let err = client
        .finish_browser_login(login, Cancellation::never())
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::CallbackTimeout { .. }), "{err}");
    assert!(err.to_string().contains(&redirect), "{err}");
    assert!(
        std::net::TcpStream::connect(port_of(&redirect)).is_err(),
        "listener still open"
    );
}

#[tokio::test]
async fn a_busy_callback_port_says_which_url_to_register() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let idp = Idp::shared(Mode::Default);
    let mut settings = idp.settings();
    settings.callback_port = port;
    let client = LoginClient::discover(settings).await.unwrap();
    let err = client.start_browser_login().await.unwrap_err();
    assert!(matches!(err, LoginError::CallbackPort { .. }), "{err}");
    assert!(
        err.to_string()
            .contains(&format!("http://127.0.0.1:{port}/callback")),
        "{err}"
    );
}

#[tokio::test]
async fn an_identity_provider_that_is_down_gives_a_clear_error() {
    let idp = Idp::start(Mode::Default);
    let settings = idp.settings();
    let issuer = idp.issuer.clone();
    drop(idp);
    let err = match LoginClient::discover(settings).await {
        Err(err) => err,
        Ok(_) => panic!("discovery worked against a stopped provider"),
    };
    assert!(matches!(err, LoginError::Unreachable { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains(issuer.trim_end_matches('/')), "{message}");
    assert!(message.contains("connection failed"), "{message}");
    assert!(
        message.contains("identity provider is running"),
        "{message}"
    );
}

#[tokio::test]
async fn an_idp_that_goes_down_mid_flow_stops_the_device_poll() {
    let idp = Idp::start(Mode::Default);
    let client = LoginClient::discover(idp.settings()).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    drop(idp);
    let err = client
        .finish_device_login(login, Cancellation::never())
        .await
        .unwrap_err();
    assert!(matches!(err, LoginError::Unreachable { .. }), "{err}");
}

#[tokio::test]
async fn an_access_token_for_another_api_is_never_returned() {
    let idp = Idp::shared(Mode::Auth0);
    let mut settings = idp.settings();
    // This API's tokens carry another `aud` (a misconfigured API identifier):
    // validation must refuse the access token and name the failed check.
    settings.audience = Some("https://misconfigured.idlens.test/".to_owned());
    let client = LoginClient::discover(settings).await.unwrap();
    let login = client.start_device_login().await.unwrap();
    let complete = login
        .authorization()
        .verification_uri_complete
        .clone()
        .unwrap();
    let browser = UserAgent::new(idp);
    let (_, tokens) = tokio::join!(
        browser.sign_in(&complete, "erin", Decision::Approve),
        client.finish_device_login(login, Cancellation::never()),
    );
    let err = tokens.unwrap_err();
    match &err {
        LoginError::InvalidToken { role, check, .. } => {
            assert_eq!(*role, idlens_login::TokenRole::AccessToken);
            assert_eq!(check, "audience");
        }
        other => panic!("expected InvalidToken, got {other}"),
    }
    let message = err.to_string();
    assert!(message.contains("access token"), "{message}");
    assert!(
        message.contains("https://another-api.idlens.test/"),
        "{message}"
    );
}
