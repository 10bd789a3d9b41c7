//! Sign-in sessions through the `Api`, as the Session screen and the CLI use
//! them, against the sandbox tenant started in-process on 127.0.0.1 by each
//! test: the device and browser flows, refresh ahead of expiry and its
//! serialisation, resuming from the keychain's refresh token, cancelling,
//! signing out and revoked refresh tokens. The keychain is memory-only here;
//! the OS keychain is covered by `tests/cli/login.rs`.

use std::future::Future;
use std::path::Path;
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use idlens_api::types::{
    BrowserLoginStarted, BrowserOpened, DeviceLoginStarted, LoginRequest, ProfileInput,
    RefreshTokenPlace, SessionToken, SessionView,
};
use idlens_api::{Api, ErrorCode, REFRESH_AHEAD};
use idlens_profile::{Keychain, ProfileName, ProfileStore, SecretKind};
use idlens_sandbox::{RunningSandbox, Sandbox, SandboxConfig, API_AUDIENCE, DESKTOP_CLIENT_ID};
use idlens_testkit::login_page;
use idlens_testkit::loopback::{self, free_port};
use idlens_testkit::tenant_tokens::{refresh_at, revoke_at};
use serde_json::json;

pub(crate) const PROFILE: &str = "sb";
const ADMIN_EMAIL: &str = login_page::ADMIN.0;
const MEMORY_REASON: &str = "the session tests use no OS keychain";

/// Shorter than [`REFRESH_AHEAD`]: every look at such a session refreshes it.
const SHORT_LIFETIME: Duration = Duration::from_secs(60);

/// Upper bound on any one operation, so a broken flow fails instead of hanging.
const DEADLINE: Duration = Duration::from_secs(15);

/// A sandbox tenant, and an `Api` whose profile `sb` (in use) points at it.
pub(crate) struct Tenant {
    sandbox: Option<RunningSandbox>,
    pub(crate) api: Arc<Api>,
    dir: tempfile::TempDir,
}

/// The device flow's polling interval: a real tenant's pace (5 s) scaled down.
pub(crate) fn config() -> SandboxConfig {
    SandboxConfig {
        device_interval: Duration::from_secs(1),
        ..SandboxConfig::default()
    }
}

fn short_lived() -> SandboxConfig {
    SandboxConfig {
        token_lifetime: SHORT_LIFETIME,
        ..config()
    }
}

/// `login_open_browser` runs `$BROWSER`. The environment is shared by every
/// test of this process, so it is set once, to a command that does nothing
/// and succeeds.
fn harmless_browser() {
    static SET: Once = Once::new();
    SET.call_once(|| std::env::set_var("BROWSER", "true"));
}

fn api_on(dir: &Path) -> Api {
    Api::new(ProfileStore::at(dir), Keychain::memory_only(MEMORY_REASON)).unwrap()
}

/// The sandbox's desktop application and API, as `idlens sandbox` shows them;
/// the provider is left to auto-detection (Auth0 paths).
pub(crate) fn profile_input(sb: &RunningSandbox, callback_port: Option<u16>) -> ProfileInput {
    ProfileInput {
        name: PROFILE.into(),
        issuer: sb.issuer().into(),
        provider: None,
        client_id: DESKTOP_CLIENT_ID.into(),
        audience: Some(API_AUDIENCE.into()),
        callback_port,
        scopes: vec!["read:users".into()],
        management: None,
        neo4j: None,
        export_job_deadline: None,
        // The sandbox's plan is Enterprise: 30 days of logs.
        log_retention_days: Some(30),
    }
}

pub(crate) async fn within<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(DEADLINE, future)
        .await
        .unwrap_or_else(|_| panic!("{what} did not finish within {DEADLINE:?}"))
}

fn request() -> LoginRequest {
    LoginRequest {
        profile: Some(PROFILE.into()),
        ..LoginRequest::default()
    }
}

impl Tenant {
    pub(crate) async fn start(config: SandboxConfig) -> Self {
        Self::start_with_port(config, None).await
    }

    async fn start_with_port(config: SandboxConfig, callback_port: Option<u16>) -> Self {
        harmless_browser();
        let sandbox = Sandbox::start(config)
            .await
            .expect("the sandbox starts on 127.0.0.1");
        let dir = tempfile::tempdir().expect("a temporary config directory");
        let api = api_on(dir.path());
        api.profile_add(profile_input(&sandbox, callback_port))
            .expect("a profile for the sandbox");
        Self {
            sandbox: Some(sandbox),
            api: Arc::new(api),
            dir,
        }
    }

    pub(crate) fn sandbox(&self) -> &RunningSandbox {
        self.sandbox.as_ref().expect("the sandbox is running")
    }

    fn issuer(&self) -> String {
        self.sandbox().issuer().to_owned()
    }

    /// Stops the sandbox; a shutdown that hangs fails the test.
    pub(crate) async fn stop(&mut self) {
        let sandbox = self.sandbox.take().expect("the sandbox is running");
        tokio::time::timeout(Duration::from_secs(10), sandbox.shutdown())
            .await
            .expect("the sandbox shuts down within 10 s");
    }

    async fn start_device(&self) -> DeviceLoginStarted {
        within("login_device_start", self.api.login_device_start(request()))
            .await
            .expect("a device sign-in starts")
    }

    /// The person approving the code on the sandbox's `/activate` page.
    fn approve(&self, started: &DeviceLoginStarted) {
        self.sandbox()
            .approve_device_code(&started.user_code, ADMIN_EMAIL)
            .expect("the sandbox knows the user code");
    }

    /// A device sign-in as the admin, start to end.
    pub(crate) async fn sign_in(&self) -> SessionView {
        let started = self.start_device().await;
        self.approve(&started);
        within("login_wait", self.api.login_wait(started.login_id))
            .await
            .expect("the approved sign-in completes")
    }

    /// The refresh token in the keychain, read as the keychain holds it.
    fn stored_refresh_token(&self) -> Option<String> {
        stored_refresh_token(&self.api)
    }

    fn access_token(&self) -> String {
        self.api
            .session_reveal_token(Some(PROFILE.into()), SessionToken::Access)
            .expect("signed in")
            .token
            .clone()
    }

    /// Profile `sb`'s session as `session_get` shows it: signed in or out,
    /// never an error.
    async fn session(&self) -> SessionView {
        within("session_get", self.api.session_get(Some(PROFILE.into())))
            .await
            .expect("session_get shows the session, signed in or out")
    }

    fn assert_admin(&self, view: &SessionView) {
        let admin = self.sandbox().summary().sign_in_users[0].clone();
        assert_eq!(admin.email, ADMIN_EMAIL);
        let user = view
            .user
            .as_ref()
            .unwrap_or_else(|| panic!("signed in, got {view:?}"));
        assert_eq!(user.sub, admin.user_id);
        assert_eq!(user.email.as_deref(), Some(ADMIN_EMAIL));
        assert_eq!(user.name.as_deref(), Some(admin.name.as_str()));
        assert_eq!(user.email_verified, Some(true));
        assert_eq!(
            user.connection.as_deref(),
            admin.user_id.split_once('|').map(|(p, _)| p)
        );
        assert_eq!(view.profile, PROFILE);
        assert_eq!(view.issuer, self.issuer());
        assert!(
            view.id_claims.iter().any(|c| c.name == "email"),
            "the ID token's claims are explained: {:?}",
            view.id_claims
        );
        let access = view.access.as_ref().expect("an access token");
        assert_eq!(access.audience.as_deref(), Some(API_AUDIENCE));
        assert!(access.expires_at.is_some());
        for scope in ["openid", "offline_access", "read:users"] {
            assert!(
                access.scopes.iter().any(|s| s == scope),
                "{scope} granted: {:?}",
                access.scopes
            );
        }
        // The admin role holds every permission of the sandbox API.
        assert_eq!(
            access.permissions.len(),
            6,
            "the admin's permissions: {:?}",
            access.permissions
        );
        assert!(access.permissions.iter().any(|p| p == "run:audit"));
    }
}

fn stored_refresh_token(api: &Api) -> Option<String> {
    api.keychain()
        .get(
            &ProfileName::parse(PROFILE).expect("a valid name"),
            SecretKind::RefreshToken,
        )
        .expect("the memory keychain answers")
        .map(|s| s.expose().to_owned())
}

/// Polls until `login_wait` has taken the sign-in: from then on the API
/// refuses to reopen its page (before, it opens `$BROWSER`, which is harmless).
async fn until_waiting(api: &Api, login_id: u32) {
    let deadline = Instant::now() + DEADLINE;
    tokio::task::yield_now().await;
    loop {
        if let Err(e) = api.login_open_browser(login_id) {
            assert_eq!(e.code, ErrorCode::InvalidInput, "{e:?}");
            return;
        }
        assert!(
            Instant::now() < deadline,
            "login_wait never took sign-in {login_id}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn spawn_wait(
    api: &Arc<Api>,
    login_id: u32,
) -> tokio::task::JoinHandle<Result<SessionView, idlens_api::ApiError>> {
    let api = Arc::clone(api);
    tokio::spawn(async move { api.login_wait(login_id).await })
}

// ----------------------------------------------------------------- device flow

#[tokio::test]
async fn device_sign_in_shows_the_code_and_keeps_the_session() {
    let t = Tenant::start(config()).await;
    let started = t.start_device().await;
    assert_eq!(started.profile, PROFILE);
    assert!(!started.user_code.is_empty());
    assert_eq!(started.verification_uri, format!("{}activate", t.issuer()));
    let complete = started
        .verification_uri_complete
        .as_deref()
        .expect("the sandbox sends a complete verification URI");
    assert!(
        complete.starts_with(&started.verification_uri) && complete.contains(&started.user_code),
        "{complete}"
    );
    assert_eq!(started.interval, 1);
    assert!(started.expires_in > 0);
    let qr = started
        .qr
        .as_ref()
        .expect("a QR code of the verification URI");
    assert!(
        qr.size > 20,
        "a QR code of a URL has more modules: {}",
        qr.size
    );
    assert!(qr.path.starts_with('M'), "an SVG path: {}", qr.path);
    let started_json = serde_json::to_string(&started).unwrap();
    assert!(
        !started_json.contains("device_code") && !started_json.contains("deviceCode"),
        "the device code stays in the core: {started_json}"
    );

    t.approve(&started);
    let view = within("login_wait", t.api.login_wait(started.login_id))
        .await
        .expect("the approved sign-in completes");
    t.assert_admin(&view);
    assert_eq!(view.refresh_token, RefreshTokenPlace::Memory);
    let notice = view.notice.as_deref().expect("a notice about the keychain");
    assert!(
        notice.contains("memory only") && notice.contains(MEMORY_REASON),
        "{notice}"
    );
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["refreshToken"], "memory");
    assert_eq!(json["user"]["email"], ADMIN_EMAIL);

    let refresh_token = t.stored_refresh_token().expect("the refresh token is kept");
    let access_token = t.access_token();
    let text = json.to_string();
    assert!(
        !text.contains(&refresh_token) && !text.contains(&access_token),
        "a view holds no token"
    );

    // The Session screen looks again: the same session, no refresh.
    let again = t.session().await;
    assert_eq!(again.user, view.user);
    assert_eq!(again.access, view.access);
    assert!(
        t.stored_refresh_token() == Some(refresh_token),
        "not refreshed"
    );
    assert!(t.access_token() == access_token, "the same access token");

    // The sign-in is over: its id is gone.
    let gone = t.api.login_wait(started.login_id).await.unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);
}

// ------------------------------------------------------------------ refreshing

#[tokio::test]
async fn an_access_token_expiring_within_refresh_ahead_is_refreshed_first() {
    assert!(SHORT_LIFETIME < REFRESH_AHEAD);
    let t = Tenant::start(short_lived()).await;
    t.sign_in().await;
    let first_refresh = t.stored_refresh_token().expect("stored");

    let view = t.session().await;
    t.assert_admin(&view);
    let rotated = t.stored_refresh_token().expect("still stored");
    assert!(
        rotated != first_refresh,
        "refreshed: the refresh token rotated"
    );

    let current = within(
        "session_current",
        t.api.session_current(Some(PROFILE.into())),
    )
    .await
    .expect("the session");
    t.assert_admin(&current);
    assert!(t.stored_refresh_token() != Some(rotated), "refreshed again");
}

#[tokio::test]
async fn an_access_token_expiring_later_is_used_as_it_is() {
    let t = Tenant::start(config()).await;
    t.sign_in().await;
    let refresh_token = t.stored_refresh_token().expect("stored");

    for _ in 0..2 {
        let view = t.session().await;
        t.assert_admin(&view);
        let view = within("session_current", t.api.session_current(None))
            .await
            .expect("the session of the profile in use");
        t.assert_admin(&view);
    }
    assert!(
        t.stored_refresh_token().as_ref() == Some(&refresh_token),
        "not refreshed"
    );

    // Asked to, it refreshes whatever the expiry.
    let view = within(
        "session_refresh",
        t.api.session_refresh(Some(PROFILE.into())),
    )
    .await
    .expect("refreshed");
    t.assert_admin(&view);
    assert!(
        t.stored_refresh_token() != Some(refresh_token),
        "refreshed: the refresh token rotated"
    );
}

/// With rotation and reuse detection, two refreshes with the same token
/// revoke the whole family; the API must run them one after the other.
#[tokio::test]
async fn concurrent_refreshes_are_serialised_and_keep_the_session() {
    let t = Tenant::start(short_lived()).await;
    t.sign_in().await;
    let first_refresh = t.stored_refresh_token().expect("stored");
    let api = &t.api;
    let some = || Some(PROFILE.to_owned());
    let results = within("four refreshes at once", async {
        let (a, b, c, d) = tokio::join!(
            api.session_refresh(some()),
            api.session_get(some()),
            api.session_refresh(some()),
            api.session_get(some()),
        );
        [a, b, c, d]
    })
    .await;
    for (i, result) in results.into_iter().enumerate() {
        let view = result.unwrap_or_else(|e| panic!("call {i} failed: {e:?}"));
        assert!(view.signed_in(), "call {i} signed out: {:?}", view.notice);
    }
    assert!(
        t.stored_refresh_token() != Some(first_refresh),
        "the refresh token rotated"
    );

    // The family is alive: the session refreshes again.
    let view = within("session_refresh", t.api.session_refresh(some()))
        .await
        .expect("the session survives concurrent refreshes");
    t.assert_admin(&view);
}

#[tokio::test]
async fn a_restarted_app_resumes_from_the_keychains_refresh_token() {
    let t = Tenant::start(config()).await;
    let first = t.sign_in().await;
    let refresh_token = t
        .api
        .keychain()
        .get(
            &ProfileName::parse(PROFILE).unwrap(),
            SecretKind::RefreshToken,
        )
        .unwrap()
        .expect("stored");

    // The same profile store; a keychain without the token: signed out, and
    // nothing to explain.
    let restarted = api_on(t.dir.path());
    let err = within(
        "session_current",
        restarted.session_current(Some(PROFILE.into())),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired, "{err:?}");
    let view = within("session_get", restarted.session_get(Some(PROFILE.into())))
        .await
        .expect("a signed-out view");
    assert!(!view.signed_in());
    assert_eq!(view.notice, None);
    assert_eq!(view.refresh_token, RefreshTokenPlace::None);
    assert_eq!(view.access, None);
    assert_eq!(view.issuer, t.issuer());

    // With the token (as the OS keychain keeps it across a restart): resumed.
    restarted
        .keychain()
        .set(
            &ProfileName::parse(PROFILE).unwrap(),
            SecretKind::RefreshToken,
            &refresh_token,
        )
        .unwrap();
    let resumed = within(
        "session_current",
        restarted.session_current(Some(PROFILE.into())),
    )
    .await
    .expect("the session resumes");
    t.assert_admin(&resumed);
    assert_eq!(resumed.user, first.user);
    let rotated = stored_refresh_token(&restarted).expect("stored");
    assert!(
        rotated != refresh_token.expose(),
        "resuming rotates the token"
    );

    // Resumed once: from then on the session is kept in memory.
    within("session_get", restarted.session_get(Some(PROFILE.into())))
        .await
        .expect("the session");
    assert!(
        stored_refresh_token(&restarted) == Some(rotated),
        "not refreshed again"
    );
}

// ----------------------------------------------------- cancelling and replacing

#[tokio::test]
async fn a_cancelled_sign_in_ends_promptly_and_is_gone() {
    let t = Tenant::start(config()).await;
    let started = t.start_device().await;
    let id = started.login_id;
    let waiting = spawn_wait(&t.api, id);
    until_waiting(&t.api, id).await;
    let again = t.api.login_wait(id).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::InvalidInput, "waited for once only");

    let cancelled_at = Instant::now();
    t.api.login_cancel(id).unwrap();
    // Without the cancel it would wait for the 15-minute code to expire.
    let result = tokio::time::timeout(Duration::from_secs(3), waiting)
        .await
        .expect("login_wait ends within 3 s of the cancel")
        .expect("the waiting task");
    let err = result.unwrap_err();
    assert_eq!(err.code, ErrorCode::Cancelled, "{err:?}");
    assert!(cancelled_at.elapsed() < Duration::from_secs(3));

    // Approving the code now signs nobody in.
    t.approve(&started);
    let gone = t.api.login_wait(id).await.unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);
    assert!(gone.message.contains("Start the sign-in again"), "{gone:?}");
    let view = within("session_get", t.api.session_get(None))
        .await
        .unwrap();
    assert!(!view.signed_in());

    // A started sign-in nobody waits for can be cancelled too.
    let unwaited = t.start_device().await;
    t.api.login_cancel(unwaited.login_id).unwrap();
    let gone = t.api.login_wait(unwaited.login_id).await.unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);

    // Cancelling what is not in progress changes nothing.
    let started = t.start_device().await;
    t.api.login_cancel(id).unwrap();
    t.api.login_cancel(started.login_id + 1000).unwrap();
    t.approve(&started);
    let view = within("login_wait", t.api.login_wait(started.login_id))
        .await
        .expect("an unrelated cancel leaves the sign-in alone");
    t.assert_admin(&view);

    let unknown = t.api.login_wait(started.login_id + 1000).await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_new_sign_in_replaces_the_profiles_sign_in_in_progress() {
    let t = Tenant::start(config()).await;
    // Another profile's sign-in is not replaced.
    let mut other = profile_input(t.sandbox(), None);
    other.name = "other".into();
    t.api.profile_add(other).unwrap();
    let others = within(
        "login_device_start",
        t.api.login_device_start(LoginRequest {
            profile: Some("other".into()),
            ..LoginRequest::default()
        }),
    )
    .await
    .unwrap();

    // Replaced while waiting: the wait ends.
    let first = t.start_device().await;
    let waiting = spawn_wait(&t.api, first.login_id);
    until_waiting(&t.api, first.login_id).await;
    let second = t.start_device().await;
    assert_ne!(second.login_id, first.login_id);
    assert_ne!(second.user_code, first.user_code);
    let result = tokio::time::timeout(Duration::from_secs(3), waiting)
        .await
        .expect("the replaced sign-in ends within 3 s")
        .expect("the waiting task");
    assert_eq!(result.unwrap_err().code, ErrorCode::Cancelled);

    // Replaced before anyone waited: gone.
    let third = t.start_device().await;
    let gone = t.api.login_wait(second.login_id).await.unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);

    assert_eq!(
        t.api.login_open_browser(others.login_id).unwrap(),
        BrowserOpened::Opened,
        "the other profile's sign-in is still there"
    );
    t.approve(&third);
    let view = within("login_wait", t.api.login_wait(third.login_id))
        .await
        .expect("the newest sign-in completes");
    t.assert_admin(&view);
}

// ----------------------------------------------------------------- signing out

#[tokio::test]
async fn sign_out_revokes_and_forgets_the_refresh_token() {
    let t = Tenant::start(config()).await;
    t.sign_in().await;
    let refresh_token = t.stored_refresh_token().expect("stored");

    let view = within(
        "session_sign_out",
        t.api.session_sign_out(Some(PROFILE.into())),
    )
    .await
    .expect("signed out");
    assert!(!view.signed_in());
    assert_eq!(view.notice, None, "the provider confirmed the revocation");
    assert_eq!(view.refresh_token, RefreshTokenPlace::None);
    assert!(
        t.stored_refresh_token().is_none(),
        "deleted from the keychain"
    );

    let (status, body) = refresh_at(&t.issuer(), DESKTOP_CLIENT_ID, &refresh_token).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"], "invalid_grant");

    let view = t.session().await;
    assert!(!view.signed_in());
    assert_eq!(view.notice, None);
    let err = within(
        "session_current",
        t.api.session_current(Some(PROFILE.into())),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired);
    let err = t
        .api
        .session_reveal_token(Some(PROFILE.into()), SessionToken::Access)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired);
}

#[tokio::test]
async fn sign_out_without_the_provider_still_signs_out_here() {
    let mut t = Tenant::start(config()).await;
    t.sign_in().await;
    t.stop().await;

    let view = within(
        "session_sign_out",
        t.api.session_sign_out(Some(PROFILE.into())),
    )
    .await
    .expect("signing out works without the provider");
    assert!(!view.signed_in());
    let notice = view.notice.as_deref().expect("a notice");
    assert!(
        notice.contains("did not confirm") && notice.contains("revoked"),
        "{notice}"
    );
    assert!(
        t.stored_refresh_token().is_none(),
        "deleted from the keychain"
    );
    let err = t
        .api
        .session_reveal_token(Some(PROFILE.into()), SessionToken::Access)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired);

    // Signed out already: nothing to revoke, so nothing to report.
    let view = within(
        "session_sign_out",
        t.api.session_sign_out(Some(PROFILE.into())),
    )
    .await
    .expect("signing out twice");
    assert_eq!(view.notice, None);
    let view = t.session().await;
    assert!(!view.signed_in());
    assert_eq!(view.notice, None);
}

#[tokio::test]
async fn a_revoked_refresh_token_requires_signing_in_again() {
    let t = Tenant::start(short_lived()).await;

    t.sign_in().await;
    revoke_at(
        &t.issuer(),
        DESKTOP_CLIENT_ID,
        &t.stored_refresh_token().expect("stored"),
    )
    .await;
    let err = within(
        "session_current",
        t.api.session_current(Some(PROFILE.into())),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired, "{err:?}");
    assert!(err.message.contains("no longer works"), "{err:?}");
    assert!(
        t.stored_refresh_token().is_none(),
        "the dead token is forgotten"
    );
    let err = t
        .api
        .session_reveal_token(Some(PROFILE.into()), SessionToken::Access)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired);

    // The Session screen says why the user is signed out.
    t.sign_in().await;
    revoke_at(
        &t.issuer(),
        DESKTOP_CLIENT_ID,
        &t.stored_refresh_token().expect("stored"),
    )
    .await;
    let view = t.session().await;
    assert!(!view.signed_in());
    let notice = view.notice.as_deref().expect("a notice saying why");
    assert!(notice.contains("no longer works"), "{notice}");
    assert!(
        t.stored_refresh_token().is_none(),
        "deleted from the keychain"
    );
}

// ------------------------------------------------------------ editing, tokens

#[tokio::test]
async fn editing_how_a_profile_signs_in_signs_it_out() {
    let t = Tenant::start(config()).await;
    t.sign_in().await;

    // Settings that do not change the sign-in keep the session.
    let mut same = profile_input(t.sandbox(), None);
    same.callback_port = Some(50123);
    t.api.profile_update(same).await.unwrap();
    t.api
        .session_reveal_token(Some(PROFILE.into()), SessionToken::Access)
        .expect("still signed in");
    let refresh_token = t.stored_refresh_token().expect("stored");

    // Another scope: a refresh cannot add it, so the sign-in is revoked and
    // forgotten, and the user signs in again.
    let mut edited = profile_input(t.sandbox(), None);
    edited.callback_port = Some(50123);
    edited.scopes.push("read:roles".into());
    t.api.profile_update(edited).await.unwrap();
    let err = t
        .api
        .session_reveal_token(Some(PROFILE.into()), SessionToken::Access)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired);
    assert!(
        t.stored_refresh_token().is_none(),
        "deleted from the keychain"
    );
    let (status, body) = refresh_at(&t.issuer(), DESKTOP_CLIENT_ID, &refresh_token).await;
    assert_eq!(
        (status, &body["error"]),
        (403, &json!("invalid_grant")),
        "{body}"
    );
    let err = within(
        "session_current",
        t.api.session_current(Some(PROFILE.into())),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired, "{err:?}");

    // Signed in again, another API: the same.
    t.sign_in().await;
    let mut edited = profile_input(t.sandbox(), None);
    edited.callback_port = Some(50123);
    edited.scopes.push("read:roles".into());
    edited.audience = Some(t.sandbox().management_audience());
    t.api.profile_update(edited).await.unwrap();
    assert!(t.stored_refresh_token().is_none());
    let view = t.session().await;
    assert!(!view.signed_in());
}

#[tokio::test]
async fn a_revealed_token_needs_a_session_and_is_never_debug_printed() {
    let t = Tenant::start(config()).await;
    let err = t
        .api
        .session_reveal_token(None, SessionToken::Access)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired);

    t.sign_in().await;
    let access = t
        .api
        .session_reveal_token(None, SessionToken::Access)
        .expect("the access token");
    let id = t
        .api
        .session_reveal_token(None, SessionToken::Id)
        .expect("the ID token");
    for token in [&access.token, &id.token] {
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3, "a JWT");
        assert!(parts.iter().all(|p| !p.is_empty()), "a signed JWT");
    }
    assert!(access.token != id.token, "two tokens");
    let debug = format!("{access:?} {id:?}");
    assert!(
        !debug.contains(&access.token) && !debug.contains(&id.token),
        "{debug}"
    );
    assert!(debug.contains("redacted"), "{debug}");
    // Serialised, as the webview gets it when the user asked.
    assert_eq!(
        serde_json::to_value(&access).unwrap()["token"],
        access.token.as_str()
    );

    within("session_sign_out", t.api.session_sign_out(None))
        .await
        .unwrap();
    let err = t
        .api
        .session_reveal_token(None, SessionToken::Id)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::SignInRequired);
}

// ---------------------------------------------------------------- browser flow

/// A started browser sign-in whose callback the sandbox's application
/// allows: Auth0 (and the sandbox) match loopback callbacks port and all, so
/// a free port is picked and registered first. If another program takes it
/// before the listener binds it, try again.
async fn start_browser() -> (Tenant, u16, BrowserLoginStarted) {
    for _ in 0..5 {
        let port = free_port();
        let t = Tenant::start_with_port(
            SandboxConfig {
                extra_callbacks: vec![format!("http://127.0.0.1:{port}/callback")],
                ..config()
            },
            Some(port),
        )
        .await;
        let started = within(
            "login_browser_start",
            t.api.login_browser_start(LoginRequest {
                profile: Some(PROFILE.into()),
                timeout_secs: Some(20),
                no_browser: true,
            }),
        )
        .await;
        match started {
            Ok(started) => return (t, port, started),
            Err(e) if e.field.as_deref() == Some("callbackPort") => continue,
            Err(e) => panic!("the browser sign-in did not start: {e:?}"),
        }
    }
    panic!("no free callback port in 5 attempts");
}

#[tokio::test]
async fn browser_sign_in_through_the_api() {
    let (t, port, started) = start_browser().await;
    assert_eq!(started.browser, BrowserOpened::NotRequested);
    assert_eq!(started.profile, PROFILE);
    assert_eq!(started.timeout_secs, 20);
    assert_eq!(
        started.redirect_uri,
        format!("http://127.0.0.1:{port}/callback")
    );
    let url = url::Url::parse(&started.authorize_url).expect("a URL");
    assert!(
        started
            .authorize_url
            .starts_with(&format!("{}authorize?", t.issuer())),
        "{url}"
    );
    let param = |name: &str| {
        url.query_pairs()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("response_type").as_deref(), Some("code"));
    assert_eq!(param("code_challenge_method").as_deref(), Some("S256"));
    assert!(param("code_challenge").is_some_and(|c| c.len() >= 43));
    assert!(param("state").is_some_and(|s| !s.is_empty()));
    assert_eq!(param("client_id").as_deref(), Some(DESKTOP_CLIENT_ID));
    assert_eq!(param("audience").as_deref(), Some(API_AUDIENCE));
    assert_eq!(param("redirect_uri"), Some(started.redirect_uri.clone()));
    assert!(
        param("scope").is_some_and(|s| s.contains("offline_access") && s.contains("read:users")),
        "{url}"
    );
    assert!(
        !started.authorize_url.contains("code_verifier"),
        "the PKCE verifier stays in the core"
    );

    // Opening it again, on request: `$BROWSER` is `true` in these tests.
    assert_eq!(
        t.api.login_open_browser(started.login_id).unwrap(),
        BrowserOpened::Opened
    );

    let issuer = t.issuer();
    let (result, page) = within("the browser sign-in", async {
        tokio::join!(
            t.api.login_wait(started.login_id),
            login_page::sign_in_as_admin(&issuer, &started.authorize_url),
        )
    })
    .await;
    assert!(page.contains("close this tab"), "{page}");
    let view = result.expect("the browser sign-in completes");
    t.assert_admin(&view);
    assert_eq!(view.refresh_token, RefreshTokenPlace::Memory);
    assert!(t.stored_refresh_token().is_some());
    assert!(
        loopback::is_closed(port),
        "the listener closes after the sign-in"
    );

    // A browser sign-in cancelled before anyone waits closes its listener.
    let again = within(
        "login_browser_start",
        t.api.login_browser_start(LoginRequest {
            profile: None,
            timeout_secs: None,
            no_browser: true,
        }),
    )
    .await
    .expect("a second browser sign-in starts");
    assert_eq!(again.timeout_secs, 300);
    assert!(!loopback::is_closed(port), "listening again");
    t.api.login_cancel(again.login_id).unwrap();
    assert!(loopback::is_closed(port), "the cancel closed the listener");
    assert_eq!(
        t.api.login_wait(again.login_id).await.unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn a_refresh_token_rotated_by_another_process_is_the_one_used() {
    let t = Tenant::start(config()).await;
    t.sign_in().await;
    // `idlens whoami` in a terminal renews the session this app holds and
    // stores the rotated refresh token in the shared keychain.
    let (status, body) = refresh_at(
        &t.issuer(),
        DESKTOP_CLIENT_ID,
        &t.stored_refresh_token().unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let rotated = body["refresh_token"].as_str().expect("rotated").to_owned();
    t.api
        .keychain()
        .set(
            &ProfileName::parse(PROFILE).unwrap(),
            SecretKind::RefreshToken,
            &idlens_secret::Secret::new(rotated.as_str()),
        )
        .unwrap();
    // The app's next refresh uses the keychain's token, not the spent one it
    // held (which the provider would take for theft, revoking both).
    let view = within(
        "session_refresh",
        t.api.session_refresh(Some(PROFILE.into())),
    )
    .await
    .expect("refreshed with the newest token");
    t.assert_admin(&view);
    assert_ne!(t.stored_refresh_token().as_deref(), Some(rotated.as_str()));
    within(
        "session_refresh",
        t.api.session_refresh(Some(PROFILE.into())),
    )
    .await
    .expect("the family is intact");
}
