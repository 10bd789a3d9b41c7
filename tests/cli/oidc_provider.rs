//! `idlens login`, `whoami` and `logout` against `oidc-provider` (npm, OpenID
//! Certified; `tests/idp`), once with its own routes and once renamed to
//! Auth0's: the CLI completes both flows, the refresh token rotates in the
//! keychain, and sign-out revokes it at the provider.

use serde_json::{json, Value};

use crate::idlens::TestUser;
use idlens_testkit::idp::{Decision, Idp, Mode, UserAgent, API, CLIENT_ID};
use idlens_testkit::keychain_session::KeychainSession;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Profile `op` for the provider's native client and test API, in use.
fn add_profile(user: &TestUser, idp: &Idp, extra: &[&str]) {
    let provider = match idp.mode {
        Mode::Default => "oidc",
        Mode::Auth0 => "auth0",
    };
    let mut args = vec![
        "--client-id",
        CLIENT_ID,
        "--audience",
        API,
        "--scope",
        "read:users",
        "--provider",
        provider,
    ];
    args.extend_from_slice(extra);
    let mut full = vec!["profile", "add", "op", "--issuer", idp.issuer.as_str()];
    full.extend_from_slice(&args);
    user.run(&full).expect_code(0);
    user.run(&["profile", "use", "op"]).expect_code(0);
}

fn keychain_token(session: &KeychainSession) -> Option<String> {
    session.lookup("op/refresh-token")
}

fn device_flow_whoami_and_logout(mode: Mode) {
    let idp = Idp::start(mode);
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    add_profile(&user, &idp, &[]);
    let rt = runtime();

    let mut login = user.spawn(&["login", "--json"]);
    let first: Value = serde_json::from_str(&login.next_line()).unwrap();
    let complete = first["verification_uri_complete"].as_str().unwrap();
    let page = rt.block_on(UserAgent::new(&idp).sign_in(complete, "ada", Decision::Approve));
    assert_eq!(page.status, 200, "{}", page.body);
    let done = login.finish().expect_code(0);
    let identity: Value = serde_json::from_str(done.stdout.lines().nth(1).unwrap()).unwrap();
    assert_eq!(identity["user"]["sub"], json!("ada"));
    assert_eq!(identity["access"]["audience"], json!(API));
    assert_eq!(identity["refreshToken"], json!("keychain"));

    // whoami renews with the stored token; the provider rotates it.
    let before = keychain_token(&session).expect("stored");
    let whoami = user.run(&["whoami", "--json"]).expect_code(0).json();
    assert_eq!(whoami["user"]["sub"], json!("ada"));
    let after = keychain_token(&session).expect("still stored");
    assert_ne!(
        before, after,
        "the rotated refresh token replaced the old one"
    );

    // Sign-out revokes at the provider: the token, put back, no longer works.
    user.run(&["logout"]).expect_code(0);
    assert_eq!(keychain_token(&session), None);
    session.store("op/refresh-token", &after);
    let revoked = user.run(&["whoami"]).expect_code(1);
    revoked.assert_mentions(&["no longer works"]);
}

fn browser_flow(mode: Mode) {
    let idp = Idp::start(mode);
    let user = TestUser::without_keychain();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    add_profile(&user, &idp, &["--callback-port", &port]);
    let rt = runtime();

    let mut login = user.spawn(&["login", "--browser", "--no-browser", "--json"]);
    let first: Value = serde_json::from_str(&login.next_line()).unwrap();
    assert_eq!(
        first["redirect_uri"],
        json!(format!("http://127.0.0.1:{port}/callback"))
    );
    let authorize_url = first["authorize_url"].as_str().unwrap();
    let param = match mode {
        Mode::Default => "resource=",
        Mode::Auth0 => "audience=",
    };
    assert!(authorize_url.contains(param), "{authorize_url}");
    let page = rt.block_on(UserAgent::new(&idp).sign_in(authorize_url, "grace", Decision::Approve));
    assert!(page.body.contains("close this tab"), "{}", page.body);
    let done = login.finish().expect_code(0);
    let identity: Value = serde_json::from_str(done.stdout.lines().nth(1).unwrap()).unwrap();
    assert_eq!(identity["user"]["sub"], json!("grace"));
    assert_eq!(identity["access"]["audience"], json!(API));
}

#[test]
fn device_login_whoami_logout_with_oidc_providers_own_routes() {
    device_flow_whoami_and_logout(Mode::Default);
}

#[test]
fn device_login_whoami_logout_with_auth0s_routes() {
    device_flow_whoami_and_logout(Mode::Auth0);
}

#[test]
fn browser_login_with_oidc_providers_own_routes() {
    browser_flow(Mode::Default);
}

#[test]
fn browser_login_with_auth0s_routes() {
    browser_flow(Mode::Auth0);
}
