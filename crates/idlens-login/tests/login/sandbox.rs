//! The sign-in core against the sandbox tenant (`idlens-sandbox`), started
//! in-process on 127.0.0.1 by each test and shut down at its end. The sandbox
//! speaks Auth0's dialect (`audience`, `/activate`, `/oauth/revoke`, refresh
//! token rotation with reuse detection); the tests play the person at its
//! login and `/activate` pages over HTTP, following redirects by hand.

use std::time::{Duration, Instant};

use idlens_login::{
    cancellation, BrowserLogin, Cancellation, LoginClient, LoginError, LoginSettings, ProviderKind,
    Secret, TokenRole, Tokens, SLOW_DOWN_STEP,
};
use idlens_profile::Issuer;
use idlens_sandbox::{RunningSandbox, Sandbox, SandboxConfig, SignInUser};
use serde_json::{json, Value};
use url::Url;

use idlens_testkit::login_page::{self, browser, redirect_target, LoginPage};
use idlens_testkit::loopback::{self, free_port};

/// The device flow's polling interval in these tests: a real tenant's pace
/// (5 s) scaled down. The sandbox answers `slow_down` to faster polls.
const DEVICE_INTERVAL: Duration = Duration::from_secs(1);

/// Upper bound on any one wait for a flow, so a broken flow fails instead of hanging.
const FLOW_DEADLINE: Duration = Duration::from_secs(30);

const ADMIN: usize = 0;
const SUPPORT: usize = 1;

fn config() -> SandboxConfig {
    SandboxConfig {
        seed: 11,
        device_interval: DEVICE_INTERVAL,
        ..SandboxConfig::default()
    }
}

async fn start(config: SandboxConfig) -> RunningSandbox {
    Sandbox::start(config)
        .await
        .expect("the sandbox starts on 127.0.0.1")
}

/// Stops the sandbox; a shutdown that hangs fails the test.
async fn stop(sb: RunningSandbox) {
    tokio::time::timeout(Duration::from_secs(10), sb.shutdown())
        .await
        .expect("the sandbox shuts down within 10 s");
}

/// IdLens's settings for the sandbox's desktop application and API, as
/// `idlens sandbox` shows them.
fn settings(sb: &RunningSandbox, callback_port: u16) -> LoginSettings {
    let summary = sb.summary();
    LoginSettings {
        issuer: Issuer::parse(sb.issuer()).expect("the sandbox's loopback issuer"),
        client_id: summary.client_id,
        audience: Some(summary.audience),
        scopes: vec!["read:users".to_owned()],
        callback_port,
        provider: ProviderKind::Auth0,
        callback_timeout: Duration::from_secs(20),
        request_timeout: Duration::from_secs(10),
    }
}

async fn discover(sb: &RunningSandbox) -> LoginClient {
    LoginClient::discover(settings(sb, 0))
        .await
        .expect("discovery of the sandbox")
}

fn user(sb: &RunningSandbox, index: usize) -> SignInUser {
    sb.summary().sign_in_users[index].clone()
}

/// Whether IdLens's listener at `redirect_uri` is closed.
fn listener_is_closed(redirect_uri: &str) -> bool {
    let port = Url::parse(redirect_uri)
        .ok()
        .and_then(|u| u.port())
        .expect("a loopback redirect URI with a port");
    loopback::is_closed(port)
}

// ---------------------------------------------------------------- browser flow

/// A started browser sign-in whose callback URL the sandbox's application
/// registers: Auth0 (and the sandbox) match loopback callbacks port and all,
/// so the test picks a free port first and registers it. If another program
/// takes the port before the listener binds it, it tries again.
async fn start_browser(config: SandboxConfig) -> (RunningSandbox, LoginClient, BrowserLogin) {
    for _ in 0..5 {
        let port = free_port();
        let sb = start(SandboxConfig {
            extra_callbacks: vec![format!("http://127.0.0.1:{port}/callback")],
            ..config.clone()
        })
        .await;
        let client = LoginClient::discover(settings(&sb, port))
            .await
            .expect("discovery of the sandbox");
        match client.start_browser_login().await {
            Ok(login) => return (sb, client, login),
            Err(LoginError::CallbackPort { .. }) => stop(sb).await,
            Err(other) => panic!("the browser sign-in did not start: {other}"),
        }
    }
    panic!("no free callback port in 5 attempts");
}

/// The person on the sandbox's login page: opens the authorize URL, submits
/// the form with `action` ("allow" or "deny"), and returns where the sandbox
/// redirects the browser.
async fn login_page(authorize_url: &Url, who: &SignInUser, action: &str) -> Url {
    let http = browser();
    let page = LoginPage::open(&http, authorize_url).await;
    assert!(
        page.html
            .contains("openid profile email offline_access read:users"),
        "the page names the scopes asked for: {}",
        page.html
    );
    assert!(
        page.html.contains(idlens_sandbox::API_AUDIENCE),
        "the page names the API (sent as `audience`): {}",
        page.html
    );
    let response = page.submit(&http, &who.email, &who.password, action).await;
    redirect_target(authorize_url, &response)
}

/// The browser following the redirect to the loopback callback: status and page.
async fn follow(to: &Url) -> (u16, String) {
    let (status, page) = login_page::follow(&browser(), to).await;
    assert_ne!(status, 0, "{to}: {page}");
    (status, page)
}

fn query_param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

/// Signs `who` in through the login page; the tokens and the page the browser showed.
async fn browser_sign_in(
    client: &LoginClient,
    login: BrowserLogin,
    who: &SignInUser,
) -> (Result<Tokens, LoginError>, (u16, String)) {
    let url = login.authorize_url().clone();
    let (tokens, page) = tokio::join!(
        client.finish_browser_login(login, Cancellation::never()),
        async {
            let callback = login_page(&url, who, "allow").await;
            follow(&callback).await
        },
    );
    (tokens, page)
}

fn assert_signed_in(tokens: &Tokens, sb: &RunningSandbox, who: &SignInUser) {
    let summary = sb.summary();
    let id = tokens
        .id_claims
        .as_ref()
        .expect("validated ID token claims");
    assert_eq!(tokens.subject(), Some(who.user_id.as_str()));
    assert_eq!(id["iss"], sb.issuer());
    assert_eq!(id["aud"], summary.client_id.as_str());
    assert_eq!(id["email"], who.email.as_str());
    let access = tokens
        .access_claims
        .as_ref()
        .expect("validated access token claims");
    assert_eq!(access["sub"], who.user_id.as_str());
    assert_eq!(access["azp"], summary.client_id.as_str());
    // With `openid`, Auth0 adds its /userinfo to the access token's audiences.
    assert_eq!(
        access["aud"],
        json!([summary.audience, format!("{}userinfo", sb.issuer())])
    );
    assert!(tokens.scopes.iter().any(|s| s == "offline_access"));
    assert!(tokens.expires_at.is_some());
    assert!(
        tokens.refresh_token.is_some(),
        "offline_access gives a refresh token"
    );
}

#[tokio::test]
async fn browser_flow_signs_in_through_the_login_page() {
    let (sb, client, login) = start_browser(config()).await;
    let url = login.authorize_url().clone();
    let redirect_uri = login.redirect_uri().to_owned();
    assert!(url
        .as_str()
        .starts_with(&format!("{}authorize?", sb.issuer())));
    let param = |name| query_param(&url, name);
    assert_eq!(param("response_type").as_deref(), Some("code"));
    assert_eq!(param("code_challenge_method").as_deref(), Some("S256"));
    assert_eq!(param("client_id"), Some(sb.summary().client_id));
    assert_eq!(param("audience"), Some(sb.summary().audience));
    assert_eq!(param("resource"), None, "Auth0 names the API with audience");
    assert_eq!(
        param("prompt"),
        None,
        "no consent screen on every Auth0 sign-in"
    );
    assert_eq!(param("redirect_uri"), Some(redirect_uri.clone()));
    let nonce = param("nonce").expect("a nonce");

    let admin = user(&sb, ADMIN);
    let (tokens, (status, page)) = browser_sign_in(&client, login, &admin).await;
    let tokens = tokens.unwrap();
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("You can close this tab"), "{page}");
    assert_signed_in(&tokens, &sb, &admin);
    assert_eq!(tokens.id_claims.as_ref().unwrap()["nonce"], nonce.as_str());
    let permissions = tokens.access_claims.as_ref().unwrap()["permissions"]
        .as_array()
        .expect("RBAC permissions in the access token")
        .clone();
    assert!(permissions.contains(&json!("run:audit")), "{permissions:?}");
    assert!(
        listener_is_closed(&redirect_uri),
        "the loopback listener is closed once the code arrived"
    );
    stop(sb).await;
}

#[tokio::test]
async fn refresh_rotates_and_reusing_the_old_token_revokes_the_family() {
    let (sb, client, login) = start_browser(config()).await;
    let admin = user(&sb, ADMIN);
    let tokens = browser_sign_in(&client, login, &admin).await.0.unwrap();
    let first = tokens.refresh_token.clone().unwrap();

    let refreshed = client.refresh(&first).await.unwrap();
    let second = refreshed.refresh_token.clone().unwrap();
    assert_ne!(first, second, "the sandbox rotates refresh tokens");
    let access = refreshed.access_claims.as_ref().expect("validated");
    assert_eq!(access["sub"], admin.user_id.as_str());
    // The refreshed ID token is validated too (no nonce is expected of it).
    assert_eq!(refreshed.subject(), Some(admin.user_id.as_str()));

    // The rotated token again: refused, the message says to sign in again…
    let err = client.refresh(&first).await.unwrap_err();
    assert!(matches!(err, LoginError::InvalidGrant { .. }), "{err}");
    assert!(err.to_string().contains("Sign in again"), "{err}");
    // …and reuse detection took the newest token of the family down with it
    // (authn/refresh_token.rs `refresh`: a Rotated token marks the whole family Revoked).
    let err = client.refresh(&second).await.unwrap_err();
    assert!(matches!(err, LoginError::InvalidGrant { .. }), "{err}");
    stop(sb).await;
}

#[tokio::test]
async fn a_revoked_refresh_token_no_longer_refreshes() {
    let (sb, client, login) = start_browser(config()).await;
    let support = user(&sb, SUPPORT);
    let tokens = browser_sign_in(&client, login, &support).await.0.unwrap();
    let refresh = tokens.refresh_token.clone().unwrap();
    // The token works until sign-out…
    let refreshed = client.refresh(&refresh).await.unwrap();
    let newest = refreshed.refresh_token.clone().unwrap();

    // …sign-out revokes the newest one (the one IdLens stores)…
    client.revoke(&newest).await.unwrap();
    let err = client.refresh(&newest).await.unwrap_err();
    assert!(matches!(err, LoginError::InvalidGrant { .. }), "{err}");
    // …which ends its whole family.
    let err = client.refresh(&refresh).await.unwrap_err();
    assert!(matches!(err, LoginError::InvalidGrant { .. }), "{err}");
    // Signing out twice is fine: an unknown token is not an error (RFC 7009).
    client.revoke(&newest).await.unwrap();
    client.revoke(&Secret::new("v1.not-a-token")).await.unwrap();
    stop(sb).await;
}

#[tokio::test]
async fn a_wrong_pkce_verifier_is_refused_with_invalid_grant() {
    let (sb, client, login) = start_browser(config()).await;
    let url = login.authorize_url().clone();
    let issuer = client.endpoints().issuer.clone();
    let admin = user(&sb, ADMIN);
    let (code, page) = tokio::join!(
        login.wait_for_code(&issuer, Duration::from_secs(10), Cancellation::never()),
        async { follow(&login_page(&url, &admin, "allow").await).await },
    );
    assert_eq!(page.0, 200, "{}", page.1);
    let mut code = code.unwrap();
    let right = std::mem::replace(
        &mut code.verifier,
        Secret::new("a-verifier-that-does-not-match-the-challenge-0123456789abcdef"),
    );
    let err = client.exchange_code(&code).await.unwrap_err();
    match &err {
        LoginError::InvalidGrant { description } => assert_eq!(
            description.as_deref(),
            Some("Failed to verify code verifier")
        ),
        other => panic!("expected InvalidGrant, got {other}"),
    }
    // The failed attempt used the code up: the right verifier is too late.
    code.verifier = right;
    let err = client.exchange_code(&code).await.unwrap_err();
    assert!(matches!(err, LoginError::InvalidGrant { .. }), "{err}");
    stop(sb).await;
}

#[tokio::test]
async fn a_forged_callback_is_ignored_and_the_real_one_still_signs_in() {
    let (sb, client, login) = start_browser(config()).await;
    let url = login.authorize_url().clone();
    let redirect_uri = login.redirect_uri().to_owned();
    let admin = user(&sb, ADMIN);
    let (result, forged_page) = tokio::join!(
        client.finish_browser_login(login, Cancellation::never()),
        async {
            // A genuine code from the sandbox, delivered with another state
            // (as a forged or crossed redirect would be), then the real one.
            let genuine = login_page(&url, &admin, "allow").await;
            let mut forged = genuine.clone();
            forged
                .query_pairs_mut()
                .clear()
                .append_pair("code", &query_param(&genuine, "code").unwrap())
                .append_pair("state", "not-the-state-this-sign-in-sent");
            let forged_page = follow(&forged).await;
            let real_page = follow(&genuine).await;
            assert_eq!(real_page.0, 200, "{}", real_page.1);
            forged_page
        },
    );
    let tokens = result.expect("the real redirect finishes the sign-in");
    assert!(tokens.id_token.is_some());
    assert_eq!(forged_page.0, 400);
    assert!(
        forged_page.1.contains("does not belong to the sign-in"),
        "{}",
        forged_page.1
    );
    assert!(listener_is_closed(&redirect_uri), "listener still open");
    stop(sb).await;
}

#[tokio::test]
async fn denying_on_the_login_page_gives_access_denied() {
    let (sb, client, login) = start_browser(config()).await;
    let url = login.authorize_url().clone();
    let redirect_uri = login.redirect_uri().to_owned();
    let admin = user(&sb, ADMIN);
    let (result, page) = tokio::join!(
        client.finish_browser_login(login, Cancellation::never()),
        async {
            let back = login_page(&url, &admin, "deny").await;
            assert_eq!(
                query_param(&back, "error").as_deref(),
                Some("access_denied")
            );
            assert_eq!(query_param(&back, "code"), None);
            follow(&back).await
        },
    );
    let err = result.unwrap_err();
    match &err {
        LoginError::AccessDenied { description } => assert_eq!(
            description.as_deref(),
            Some("User did not authorize the request")
        ),
        other => panic!("expected AccessDenied, got {other}"),
    }
    let message = err.to_string();
    assert!(
        message.starts_with("The sign-in was denied (User did not authorize the request)."),
        "{message}"
    );
    assert!(
        message.contains("Start it again and approve it"),
        "{message}"
    );
    // The browser tab says the same.
    assert_eq!(page.0, 400);
    assert!(page.1.contains("The sign-in was denied"), "{}", page.1);
    assert!(listener_is_closed(&redirect_uri), "listener still open");
    stop(sb).await;
}

#[tokio::test]
async fn the_callback_listener_times_out_and_closes() {
    let (sb, client, login) = start_browser(config()).await;
    let redirect_uri = login.redirect_uri().to_owned();
    let issuer = client.endpoints().issuer.clone();
    let started = Instant::now();
    let err = login
        .wait_for_code(&issuer, Duration::from_millis(300), Cancellation::never())
        .await
        .unwrap_err();
    let waited = started.elapsed();
    assert!(matches!(err, LoginError::CallbackTimeout { .. }), "{err}");
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    let message = err.to_string();
    assert!(message.contains(&redirect_uri), "{message}");
    assert!(message.contains("within 1 s"), "{message}");
    assert!(listener_is_closed(&redirect_uri), "listener still open");
    stop(sb).await;
}

#[tokio::test]
async fn a_browser_sign_in_can_be_cancelled_and_the_listener_closes() {
    let (sb, client, login) = start_browser(config()).await;
    let redirect_uri = login.redirect_uri().to_owned();
    let (handle, cancel) = cancellation();
    let started = Instant::now();
    let (result, ()) = tokio::join!(client.finish_browser_login(login, cancel), async {
        handle.cancel()
    });
    assert!(matches!(result, Err(LoginError::Cancelled)), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(listener_is_closed(&redirect_uri), "listener still open");
    stop(sb).await;
}

// ----------------------------------------------------------------- device flow

/// The person at the `/activate` page: opens the complete verification URI
/// (the code is filled in), signs in as `who` and approves, or denies.
async fn activate(complete: &str, user_code: &str, who: &SignInUser, action: &str) -> String {
    let http = browser();
    let page_url = Url::parse(complete).expect("verification_uri_complete");
    let page = LoginPage::open(&http, &page_url).await;
    let filled_in = page.input_value("user_code");
    assert_eq!(filled_in, user_code, "the page fills in the code shown");
    let response = http
        .post(page.form_action())
        .form(&[
            ("user_code", filled_in.as_str()),
            ("email", who.email.as_str()),
            ("password", who.password.as_str()),
            ("action", action),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "the page accepts the {action}");
    response.text().await.unwrap()
}

/// Waits for a spawned flow, failing the test instead of hanging.
async fn outcome(
    flow: tokio::task::JoinHandle<Result<Tokens, LoginError>>,
) -> Result<Tokens, LoginError> {
    tokio::time::timeout(FLOW_DEADLINE, flow)
        .await
        .expect("the device flow ends")
        .expect("the device flow does not panic")
}

/// Waits until the flow has polled twice: it was answered
/// `authorization_pending` and kept going.
async fn past_a_pending_answer(sb: &RunningSandbox, user_code: &str) {
    let deadline = Instant::now() + FLOW_DEADLINE;
    while sb.device_polls(user_code).unwrap_or(0) < 2 {
        assert!(Instant::now() < deadline, "the flow stopped polling");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn device_flow_signs_in_through_the_activate_page() {
    let sb = start(config()).await;
    let client = discover(&sb).await;
    let login = client.start_device_login().await.unwrap();
    let shown = login.authorization().clone();
    // What the user is shown: the code and where to enter it.
    assert_eq!(shown.user_code.len(), 9, "{}", shown.user_code);
    assert_eq!(shown.verification_uri, format!("{}activate", sb.issuer()));
    assert_eq!(
        shown.verification_uri_complete.as_deref(),
        Some(format!("{}activate?user_code={}", sb.issuer(), shown.user_code).as_str())
    );
    assert_eq!(shown.interval, DEVICE_INTERVAL.as_secs());
    assert_eq!(shown.expires_in, 900);

    let flow = tokio::spawn(async move {
        client
            .finish_device_login(login, Cancellation::never())
            .await
    });
    past_a_pending_answer(&sb, &shown.user_code).await;
    assert!(!flow.is_finished(), "authorization_pending ended the flow");
    let support = user(&sb, SUPPORT);
    let page = activate(
        shown.verification_uri_complete.as_deref().unwrap(),
        &shown.user_code,
        &support,
        "approve",
    )
    .await;
    assert!(page.contains("Your device is now connected"), "{page}");

    let tokens = outcome(flow).await.unwrap();
    assert_signed_in(&tokens, &sb, &support);
    // A device sign-in sends no nonce, so its ID token carries none.
    assert!(tokens.id_claims.as_ref().unwrap().get("nonce").is_none());
    stop(sb).await;
}

#[tokio::test]
async fn device_flow_keeps_polling_while_pending_and_never_polls_too_fast() {
    let sb = start(config()).await;
    let client = discover(&sb).await;
    let login = client.start_device_login().await.unwrap();
    let user_code = login.authorization().user_code.clone();
    let interval = login.authorization().interval;
    let started = Instant::now();
    let flow = tokio::spawn(async move {
        client
            .finish_device_login(login, Cancellation::never())
            .await
    });
    past_a_pending_answer(&sb, &user_code).await;
    assert!(!flow.is_finished(), "authorization_pending ended the flow");
    let admin = user(&sb, ADMIN);
    sb.approve_device_code(&user_code, &admin.email).unwrap();
    let tokens = outcome(flow).await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(tokens.subject(), Some(admin.user_id.as_str()));
    // The sandbox answers `slow_down` to a poll sooner than the interval,
    // and the flow then waits 5 s more (RFC 8628): finishing within
    // interval + 5 s means the flow kept the sandbox's pace throughout.
    let no_slow_down = Duration::from_secs(interval) + SLOW_DOWN_STEP;
    assert!(
        elapsed < no_slow_down,
        "took {elapsed:?}: the sandbox must have answered slow_down"
    );
    assert!(elapsed >= Duration::from_secs(interval), "{elapsed:?}");
    stop(sb).await;
}

#[tokio::test]
async fn device_flow_stops_when_the_code_expires() {
    let sb = start(config()).await;
    let client = discover(&sb).await;
    let login = client.start_device_login().await.unwrap();
    let expires_in = login.authorization().expires_in;
    // The code outlives its 900 s on the sandbox's clock before the first poll.
    sb.advance_clock(Duration::from_secs(expires_in + 1))
        .unwrap();
    let started = Instant::now();
    let err = tokio::time::timeout(
        FLOW_DEADLINE,
        client.finish_device_login(login, Cancellation::never()),
    )
    .await
    .expect("the device flow ends")
    .unwrap_err();
    assert!(matches!(err, LoginError::DeviceCodeExpired), "{err}");
    assert!(err.to_string().contains("Start the sign-in again"), "{err}");
    // The first poll ended it: no waiting for the local expiry.
    assert!(started.elapsed() < Duration::from_secs(5));
    stop(sb).await;
}

#[tokio::test]
async fn device_flow_stops_when_the_user_denies_on_the_activate_page() {
    let sb = start(config()).await;
    let client = discover(&sb).await;
    let login = client.start_device_login().await.unwrap();
    let shown = login.authorization().clone();
    let flow = tokio::spawn(async move {
        client
            .finish_device_login(login, Cancellation::never())
            .await
    });
    let page = activate(
        shown.verification_uri_complete.as_deref().unwrap(),
        &shown.user_code,
        &user(&sb, ADMIN),
        "deny",
    )
    .await;
    assert!(page.contains("You denied the device"), "{page}");
    let err = outcome(flow).await.unwrap_err();
    match &err {
        LoginError::AccessDenied { description } => assert!(
            description
                .as_deref()
                .is_some_and(|d| d.contains("User cancelled the confirmation prompt")),
            "{description:?}"
        ),
        other => panic!("expected AccessDenied, got {other}"),
    }
    assert!(
        err.to_string().contains("Start it again and approve it"),
        "{err}"
    );
    stop(sb).await;
}

#[tokio::test]
async fn device_flow_cancel_stops_it_at_once() {
    // A real tenant's 5 s interval: cancelling must not wait for it.
    let sb = start(SandboxConfig {
        device_interval: Duration::from_secs(5),
        ..config()
    })
    .await;
    let client = discover(&sb).await;
    let login = client.start_device_login().await.unwrap();
    let (handle, cancel) = cancellation();
    let started = Instant::now();
    let flow = tokio::spawn(async move { client.finish_device_login(login, cancel).await });
    tokio::task::yield_now().await;
    handle.cancel();
    let err = outcome(flow).await.unwrap_err();
    assert!(matches!(err, LoginError::Cancelled), "{err}");
    // Well within the 5 s the next poll would take.
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    stop(sb).await;
}

// ------------------------------------------------------------- IdP unreachable

#[tokio::test]
async fn discovery_against_a_port_with_nothing_listening_is_unreachable() {
    let port = free_port();
    let issuer = format!("http://127.0.0.1:{port}/");
    let settings = LoginSettings {
        issuer: Issuer::parse(&issuer).unwrap(),
        client_id: idlens_sandbox::DESKTOP_CLIENT_ID.to_owned(),
        audience: Some(idlens_sandbox::API_AUDIENCE.to_owned()),
        scopes: Vec::new(),
        callback_port: 0,
        provider: ProviderKind::Auth0,
        callback_timeout: Duration::from_secs(20),
        request_timeout: Duration::from_secs(10),
    };
    let started = Instant::now();
    let err = match LoginClient::discover(settings).await {
        Err(err) => err,
        Ok(_) => panic!("discovery worked with nothing listening"),
    };
    assert!(started.elapsed() < Duration::from_secs(5), "no hang");
    match &err {
        LoginError::Unreachable { url, .. } => {
            assert_eq!(url, &format!("{issuer}.well-known/openid-configuration"))
        }
        other => panic!("expected Unreachable, got {other}"),
    }
    let message = err.to_string();
    assert!(message.contains("connection failed"), "{message}");
    assert!(
        message.contains("identity provider is running"),
        "{message}"
    );
}

#[tokio::test]
async fn a_sandbox_that_stops_mid_device_flow_is_unreachable() {
    let sb = start(config()).await;
    let client = discover(&sb).await;
    let token_endpoint = client.endpoints().token_endpoint.clone();
    let login = client.start_device_login().await.unwrap();
    stop(sb).await;
    let started = Instant::now();
    let err = tokio::time::timeout(
        FLOW_DEADLINE,
        client.finish_device_login(login, Cancellation::never()),
    )
    .await
    .expect("the device flow ends")
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5), "no hang");
    match &err {
        LoginError::Unreachable { url, .. } => assert_eq!(url, &token_endpoint),
        other => panic!("expected Unreachable, got {other}"),
    }
    let message = err.to_string();
    assert!(message.contains("connection failed"), "{message}");
    assert!(message.contains("try again"), "{message}");
}

// ----------------------------------------------------------- token validation

/// The `kid` a JWT's header names (read, not verified).
fn kid(token: &Secret) -> Value {
    let report = idlens_token::inspect(
        token.expose(),
        &idlens_token::InspectOptions::default(),
        None,
    );
    report.header.expect("a JWT header")["kid"].clone()
}

#[tokio::test]
async fn tokens_from_an_issuer_whose_clock_runs_ahead_are_discarded() {
    let (sb, client, login) = start_browser(config()).await;
    // The sandbox's clock is a day ahead: its tokens say they were issued tomorrow.
    sb.advance_clock(Duration::from_secs(24 * 3600)).unwrap();
    let (result, _) = browser_sign_in(&client, login, &user(&sb, ADMIN)).await;
    let err = result.unwrap_err();
    match &err {
        LoginError::InvalidToken { role, check, .. } => {
            assert_eq!(*role, TokenRole::IdToken);
            assert_eq!(check, "issuedAt");
        }
        other => panic!("expected InvalidToken, got {other}"),
    }
    let message = err.to_string();
    assert!(message.contains("ID token"), "{message}");
    assert!(message.contains("`issuedAt` check"), "{message}");
    assert!(message.contains("discarded"), "{message}");
    stop(sb).await;
}

#[tokio::test]
async fn tokens_signed_with_a_newly_rotated_key_are_trusted() {
    let (sb, client, login) = start_browser(config()).await;
    let admin = user(&sb, ADMIN);
    let tokens = browser_sign_in(&client, login, &admin).await.0.unwrap();
    let old_kid = kid(&tokens.access_token);
    assert_eq!(old_kid, sb.current_kid().as_str());

    // The tenant rotates its signing key after IdLens cached the old key set.
    let new_kid = sb.rotate_signing_key().unwrap();
    assert_ne!(old_kid, new_kid.as_str());
    let refreshed = client
        .refresh(tokens.refresh_token.as_ref().unwrap())
        .await
        .expect("the unknown kid makes the key cache fetch the new key set");
    assert_eq!(kid(&refreshed.access_token), new_kid.as_str());
    assert_eq!(kid(refreshed.id_token.as_ref().unwrap()), new_kid.as_str());
    assert_eq!(
        refreshed.access_claims.as_ref().unwrap()["sub"],
        admin.user_id.as_str()
    );
    stop(sb).await;
}

#[tokio::test]
async fn a_refresh_whose_tokens_fail_validation_hands_back_the_rotated_refresh_token() {
    let (sb, client, login) = start_browser(config()).await;
    let tokens = browser_sign_in(&client, login, &user(&sb, ADMIN))
        .await
        .0
        .unwrap();
    let spent = tokens.refresh_token.unwrap();
    // Tokens issued "tomorrow" fail the `iat` check, but only after the
    // sandbox has rotated the refresh token.
    sb.advance_clock(Duration::from_secs(24 * 3600)).unwrap();
    let err = client.refresh(&spent).await.unwrap_err();
    let LoginError::RejectedAfterRotation {
        error,
        refresh_token,
    } = &err
    else {
        panic!("expected RejectedAfterRotation, got {err}");
    };
    assert!(
        matches!(&**error, LoginError::InvalidToken { check, .. } if check == "issuedAt"),
        "{error}"
    );
    assert!(err.to_string().contains("`issuedAt` check"), "{err}");
    assert!(!format!("{err:?}").contains(refresh_token.expose()));
    assert_ne!(refresh_token, &spent);
    // The handed-back token is the live one: it refreshes again (and fails
    // validation again, the clock still being ahead), where the spent one
    // would be refused as reuse.
    let again = client.refresh(refresh_token).await.unwrap_err();
    assert!(
        matches!(again, LoginError::RejectedAfterRotation { .. }),
        "{again}"
    );
    stop(sb).await;
}
