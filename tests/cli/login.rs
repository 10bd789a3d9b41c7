//! `idlens login`, `whoami` and `logout` against the sandbox tenant: the
//! device and browser flows end to end through the real binary, the refresh
//! token in the OS keychain (and nowhere on disk), rotation, revocation, and
//! every way a sign-in ends without one.

use std::collections::HashMap;
use std::time::Duration;

use idlens_sandbox::{SandboxConfig, DESKTOP_CLIENT_ID};
use serde_json::{json, Value};

use crate::idlens::{files_containing, Running, TestUser};
use crate::tenant::Tenant;
use idlens_testkit::keychain_session::KeychainSession;
use idlens_testkit::login_page;
use idlens_testkit::tenant_tokens::{refresh_at, revoke_at};

const ADMIN_EMAIL: &str = login_page::ADMIN.0;

impl Tenant {
    /// A profile for the sandbox's desktop client and API, in use.
    fn add_profile(&self, user: &TestUser, extra: &[&str]) {
        let summary = self.sandbox().summary();
        let mut args = vec!["--audience", summary.audience.as_str()];
        args.extend_from_slice(extra);
        user.add_profile("sb", &self.issuer(), &args);
        user.run(&["profile", "use", "sb"]).expect_code(0);
    }

    /// A refresh at the token endpoint, as any client would try it.
    fn refresh_status(&self, refresh_token: &str) -> (u16, Value) {
        self.runtime
            .block_on(refresh_at(&self.issuer(), DESKTOP_CLIENT_ID, refresh_token))
    }

    fn revoke(&self, refresh_token: &str) {
        self.runtime
            .block_on(revoke_at(&self.issuer(), DESKTOP_CLIENT_ID, refresh_token));
    }

    /// Signs in as the admin on the sandbox's login page the way a browser
    /// would, then follows the redirect to IdLens's loopback listener.
    /// Returns the page IdLens showed the browser.
    fn sign_in_in_browser(&self, authorize_url: &str) -> String {
        self.runtime
            .block_on(login_page::sign_in_as_admin(&self.issuer(), authorize_url))
    }
}

/// The refresh token IdLens stored for profile `sb`, read from the keychain
/// with libsecret's own tool (no IdLens code involved).
fn stored_refresh_token(session: &KeychainSession) -> Option<String> {
    session.lookup("sb/refresh-token")
}

/// Reads the device flow's first `--json` line.
fn device_code(login: &mut Running) -> HashMap<String, Value> {
    let first: HashMap<String, Value> =
        serde_json::from_str(&login.next_line()).expect("the first line is JSON");
    first
}

#[test]
fn device_login_stores_the_refresh_token_in_the_keychain_only_and_whoami_rotates_it() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    let tenant = Tenant::start(SandboxConfig::default());
    tenant.add_profile(&user, &[]);

    let mut login = user.spawn(&["login", "--json"]);
    let first = device_code(&mut login);
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "expires_in",
            "user_code",
            "verification_uri",
            "verification_uri_complete"
        ],
        "the first line is exactly what a script needs to show"
    );
    let code = first["user_code"].as_str().unwrap();
    assert_eq!(
        first["verification_uri"],
        json!(format!("{}activate", tenant.issuer()))
    );
    assert_eq!(
        first["verification_uri_complete"],
        json!(format!("{}activate?user_code={code}", tenant.issuer()))
    );
    assert_eq!(first["expires_in"], json!(900));

    tenant
        .sandbox()
        .approve_device_code(code, ADMIN_EMAIL)
        .expect("the sandbox knows the code");
    let done = login.finish().expect_code(0);
    let identity: Value =
        serde_json::from_str(done.stdout.lines().nth(1).expect("a second line")).unwrap();
    assert_eq!(identity["user"]["email"], json!(ADMIN_EMAIL));
    assert_eq!(identity["user"]["name"], json!("Ada Admin"));
    assert_eq!(identity["user"]["connection"], json!("auth0"));
    assert_eq!(identity["refreshToken"], json!("keychain"));
    assert_eq!(
        identity["access"]["audience"],
        json!(idlens_sandbox::API_AUDIENCE)
    );
    assert!(
        identity["access"]["permissions"]
            .as_array()
            .is_some_and(|p| p.contains(&json!("read:users"))),
        "the admin's permissions come from the validated access token: {identity}"
    );

    // The refresh token is in the OS keychain, and in no file and no output.
    let refresh_token = stored_refresh_token(&session).expect("a refresh token in the keychain");
    assert!(refresh_token.len() > 20);
    assert!(!done.stdout.contains(&refresh_token) && !done.stderr.contains(&refresh_token));
    assert_eq!(
        files_containing(user.root(), &refresh_token),
        Vec::<std::path::PathBuf>::new()
    );

    // whoami renews the session: the rotated refresh token replaces the old
    // one in the keychain, and the old one is spent.
    let whoami = user.run(&["whoami", "--json"]).expect_code(0).json();
    assert_eq!(whoami["user"]["email"], json!(ADMIN_EMAIL));
    let rotated = stored_refresh_token(&session).expect("still signed in");
    assert_ne!(rotated, refresh_token, "the newest refresh token is stored");
    assert_eq!(
        files_containing(user.root(), &rotated),
        Vec::<std::path::PathBuf>::new()
    );
    let text = user.run(&["whoami"]).expect_code(0);
    assert!(
        text.stdout
            .contains("Signed in to profile \"sb\" as Ada Admin <ada.admin@idlens.test>"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("Refresh token: in the OS keychain"));

    // Sign-out revokes at the provider and deletes from the keychain.
    let current = stored_refresh_token(&session).unwrap();
    let logout = user.run(&["logout"]).expect_code(0);
    assert!(
        logout.stdout.contains("revoked and deleted"),
        "{}",
        logout.stdout
    );
    assert_eq!(stored_refresh_token(&session), None);
    let (status, body) = tenant.refresh_status(&current);
    assert_eq!(
        (status, &body["error"]),
        (403, &json!("invalid_grant")),
        "{body}"
    );
    let after = user.run(&["whoami"]).expect_code(1);
    after.assert_mentions(&["Not signed in"]);
    let again = user.run(&["logout"]).expect_code(0);
    assert!(again.stdout.contains("nothing to sign out of"));
}

#[test]
fn whoami_with_a_revoked_refresh_token_exits_1_and_forgets_it() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    let tenant = Tenant::start(SandboxConfig::default());
    tenant.add_profile(&user, &[]);
    let mut login = user.spawn(&["login", "--json"]);
    let code = device_code(&mut login)["user_code"]
        .as_str()
        .unwrap()
        .to_owned();
    tenant
        .sandbox()
        .approve_device_code(&code, ADMIN_EMAIL)
        .unwrap();
    login.finish().expect_code(0);

    tenant.revoke(&stored_refresh_token(&session).unwrap());
    let whoami = user.run(&["whoami", "--json"]).expect_code(1);
    assert_eq!(whoami.json()["error"]["code"], json!("signInRequired"));
    whoami.assert_mentions(&["no longer works", "Sign in again"]);
    assert_eq!(
        stored_refresh_token(&session),
        None,
        "a dead refresh token is not kept"
    );
}

#[test]
fn a_denied_or_expired_device_code_exits_1_with_what_to_do() {
    let user = TestUser::without_keychain();
    let tenant = Tenant::start(SandboxConfig::default());
    tenant.add_profile(&user, &[]);

    let mut denied = user.spawn(&["login"]);
    let mut code = None;
    while code.is_none() {
        let line = denied.next_line();
        code = line
            .split_once("2. enter  ")
            .map(|(_, code)| code.trim().to_owned());
    }
    tenant
        .sandbox()
        .deny_device_code(code.as_deref().unwrap())
        .unwrap();
    let denied = denied.finish().expect_code(1);
    assert!(
        denied.stdout.contains("verification_uri") || denied.stdout.contains("1. open"),
        "the text form shows where to go: {}",
        denied.stdout
    );
    denied.assert_mentions(&["The sign-in was denied"]);

    // Nobody approves until the code's 15 minutes are over.
    let mut waiting = user.spawn(&["login", "--json"]);
    device_code(&mut waiting);
    tenant
        .sandbox()
        .advance_clock(Duration::from_secs(901))
        .unwrap();
    let expired = waiting.finish().expect_code(1);
    assert_eq!(
        serde_json::from_str::<Value>(expired.stdout.lines().nth(1).unwrap()).unwrap()["error"]
            ["code"],
        json!("signInRequired")
    );
    expired.assert_mentions(&["The device code expired"]);
}

#[test]
fn browser_login_prints_the_url_and_finishes_through_the_loopback_listener() {
    // A free port for the callback, registered with the sandbox's client.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let callback = format!("http://127.0.0.1:{port}/callback");
    let user = TestUser::without_keychain();
    let tenant = Tenant::start(SandboxConfig {
        extra_callbacks: vec![callback.clone()],
        ..SandboxConfig::default()
    });
    let port_text = port.to_string();
    tenant.add_profile(&user, &["--callback-port", &port_text]);

    let mut login = user.spawn(&["login", "--browser", "--no-browser", "--json"]);
    let first: Value = serde_json::from_str(&login.next_line()).unwrap();
    assert_eq!(first["redirect_uri"], json!(callback));
    let authorize_url = first["authorize_url"].as_str().unwrap();
    let url = url::Url::parse(authorize_url).unwrap();
    let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["audience"], idlens_sandbox::API_AUDIENCE);
    assert!(query.contains_key("state") && query.contains_key("nonce"));

    let page = tenant.sign_in_in_browser(authorize_url);
    assert!(page.contains("close this tab"), "{page}");
    let done = login.finish().expect_code(0);
    let identity: Value = serde_json::from_str(done.stdout.lines().nth(1).unwrap()).unwrap();
    assert_eq!(identity["user"]["email"], json!(ADMIN_EMAIL));
    // Without a keychain the session is memory-only, and IdLens says so.
    assert_eq!(identity["refreshToken"], json!("memory"));
    done.assert_mentions(&["memory only"]);
    // The listener is closed once the sign-in is over.
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn a_browser_login_nobody_finishes_times_out_and_exits_1() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let user = TestUser::without_keychain();
    let tenant = Tenant::start(SandboxConfig::default());
    let port_text = port.to_string();
    tenant.add_profile(&user, &["--callback-port", &port_text]);
    let run = user
        .run(&["login", "--browser", "--no-browser", "--timeout", "1"])
        .expect_code(1);
    assert!(run.stdout.contains("/authorize?"), "{}", run.stdout);
    run.assert_mentions(&["No sign-in arrived", "within 1 s"]);
}

#[test]
fn an_identity_provider_that_is_down_is_an_error_not_a_finding() {
    let user = TestUser::without_keychain();
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let issuer = format!("http://127.0.0.1:{port}/");
    user.add_profile("down", &issuer, &[]);
    for args in [
        &["login", "--profile", "down", "--json"][..],
        &["login", "--browser", "--no-browser", "--profile", "down"][..],
    ] {
        let run = user.run(args).expect_code(2);
        run.assert_mentions(&["Could not reach the identity provider"]);
    }
}
