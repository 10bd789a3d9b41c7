//! The sandbox tenant: a local server on 127.0.0.1 that speaks Auth0's
//! Authentication and Management APIs, seeded with a realistic tenant. It is
//! IdLens's offline demo (`idlens sandbox`) and the peer of the tests.
//!
//! Invariants:
//! - It binds 127.0.0.1 only.
//! - Everything about the tenant's data follows from the seed, and changes
//!   only through the Management API; keys and tokens are random per run.
//! - Locks are taken in one order: the tenant, then the flows, then the
//!   keys; the tenant is never taken while the flows are held, nor twice.
//!   The logs, the brute-force state and the outbox are leaves: taken after any of
//!   those, never while holding the other, and nothing is taken while
//!   either is held (an event about a block is logged once the block's lock
//!   is released).
//! - Time comes from the sandbox's own clock (the system clock plus an offset
//!   tests can advance), so expiry is testable without sleeping.
//!
//! Routes are grouped by API and merged into one router in [`Sandbox::start`]:
//! `authn` (the Authentication API) and `hooks` (the sandbox's test hooks under
//! `/sandbox/`) and `mgmt` (the Management API under `/api/v2/`), all over the
//! same [`tenant`] data.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod authn;
mod brute_force;
mod demo_graph;
mod expiring;
mod hooks;
mod keys;
mod logs;
mod mgmt;
mod pages;
mod sessions;
pub mod tenant;
mod tickets;

/// The event shape the tenant's logs hold ([`RunningSandbox::log_events`]), declared once in idlens-support.
pub use idlens_support::LogEvent;
pub use logs::stories::SupportStory;
pub use logs::Plan;
pub use mgmt::MANAGEMENT_ENDPOINTS;
pub use tickets::SandboxMail;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use idlens_secret::Secret;
use serde::Serialize;

use expiring::Expiring;

pub use demo_graph::{demo_drift, demo_graph, write_graph_csv, DemoDrift, DemoNode};
pub use tenant::{
    Connection, SignInUser, Tenant, API_AUDIENCE, DESKTOP_CLIENT_ID, LIMITED_M2M_CLIENT_ID,
    M2M_CLIENT_ID,
};

/// Why the sandbox could not start or a hook failed.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("could not listen on 127.0.0.1:{port}: {source}. Choose another port with --port.")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Crypto(&'static str),
    #[error("no pending device sign-in has the user code {0}; request a new code.")]
    UnknownUserCode(String),
    #[error("{0} is not a sandbox user.")]
    UnknownUser(String),
    #[error("could not open the request log {}: {source}", path.display())]
    RequestLog {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{setting} must be between {min} and {max} seconds, not {given}.")]
    OutOfRange {
        setting: &'static str,
        min: u64,
        max: u64,
        given: u64,
    },
}

/// The sandbox's clock runs at most this far ahead of the system clock (ten
/// years): far enough for any expiry test, and far from the limits of the
/// time types, so no date computation can overflow.
pub const MAX_CLOCK_OFFSET: Duration = Duration::from_secs(10 * 365 * 86_400);

/// The longest access-token lifetime, as Auth0 allows for an API (30 days).
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 86_400);

/// How to start the sandbox.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The port on 127.0.0.1; `None` picks a free one.
    pub port: Option<u16>,
    /// Seeds the tenant's users; the same seed gives the same tenant.
    pub seed: u64,
    /// Callback URLs registered for `idlens-desktop` besides `http://127.0.0.1:53134/callback`.
    pub extra_callbacks: Vec<String>,
    /// The polling interval the device flow asks for. Polling again sooner
    /// (on the sandbox's clock) answers `slow_down`; zero never does.
    pub device_interval: Duration,
    /// How long a device code lives.
    pub device_code_lifetime: Duration,
    /// How long access and ID tokens live.
    pub token_lifetime: Duration,
    /// Pending sign-ins, authorization codes and device codes held, each; a
    /// flood of `/authorize` or `/oauth/device/code` stops there with `429`.
    pub max_pending: usize,
    /// Issued access and refresh tokens remembered (for `/userinfo`,
    /// rotation and revocation), each.
    pub max_issued: usize,
    /// Management API requests answered per second before `429`; `None`
    /// is no limit.
    pub mgmt_rate: Option<u32>,
    /// Appends a line per Management API request (time, method, path and
    /// query, status) to this file; `None` keeps no log. See
    /// `mgmt/request_log.rs` for the format.
    pub request_log: Option<PathBuf>,
    /// How long a users-export download link (a job's `location`) works,
    /// on the sandbox's clock (Auth0's: about 60 s). A new `GET jobs/{id}`
    /// gives a new link.
    pub export_link_lifetime: Duration,
    /// Users-export jobs held (each with its file); creating more answers `429`.
    pub max_export_jobs: usize,
    /// The tenant's plan: how many days of logs it keeps.
    pub plan: Plan,
    /// Log events held at most (the oldest go first).
    pub max_log_events: usize,
    /// Background sign-ins to seed: `None` seeds 1,200 over the last 29
    /// days (the plan shows those it keeps); `Some(n)` seeds `n` within the
    /// plan's retention window (all shown) and holds `max_log_events` live
    /// events besides. A million take about
    /// three seconds and 1.3 GB.
    pub log_events: Option<usize>,
    /// Takes a request's IP from its first `X-Forwarded-For` address. Off
    /// by default: the header is the client's word. Every client of the
    /// sandbox is 127.0.0.1, so tests of per-IP brute-force protection (and
    /// a demo of an attack from elsewhere) turn it on to name their IP.
    pub trust_forwarded_for: bool,
}

impl SandboxConfig {
    /// Every duration within what Auth0 allows (and what the sandbox's date
    /// arithmetic can hold).
    pub fn validate(&self) -> Result<(), SandboxError> {
        let check = |setting: &'static str, value: Duration, min: u64, max: Duration| {
            if value.as_secs() < min || value > max {
                Err(SandboxError::OutOfRange {
                    setting,
                    min,
                    max: max.as_secs(),
                    given: value.as_secs(),
                })
            } else {
                Ok(())
            }
        };
        check(
            "the token lifetime",
            self.token_lifetime,
            1,
            MAX_TOKEN_LIFETIME,
        )?;
        check(
            "the device code lifetime",
            self.device_code_lifetime,
            1,
            Duration::from_secs(3600),
        )?;
        check(
            "the device polling interval",
            self.device_interval,
            0,
            Duration::from_secs(60),
        )?;
        check(
            "the export link lifetime",
            self.export_link_lifetime,
            1,
            Duration::from_secs(7 * 86_400),
        )
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            port: None,
            seed: 1,
            extra_callbacks: Vec::new(),
            device_interval: Duration::from_secs(5),
            device_code_lifetime: Duration::from_secs(900),
            token_lifetime: Duration::from_secs(86_400),
            max_pending: 10_000,
            max_issued: 100_000,
            mgmt_rate: Some(50),
            request_log: None,
            export_link_lifetime: Duration::from_secs(60),
            max_export_jobs: 64,
            plan: Plan::Enterprise,
            max_log_events: 50_000,
            log_events: None,
            trust_forwarded_for: false,
        }
    }
}

/// The sandbox server.
pub struct Sandbox;

impl Sandbox {
    /// Binds 127.0.0.1 and serves on the current tokio runtime until
    /// [`RunningSandbox::shutdown`] (or drop).
    pub async fn start(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
        Self::start_with_front(config, None).await
    }

    /// A test hook: [`Sandbox::start`] with `front` answering first, for
    /// the routes it has (a test's hostile Management API endpoint); the
    /// sandbox answers everything else (sign-in, tokens, other endpoints).
    /// The sandbox itself stays a well-behaved tenant.
    pub async fn start_fronted(
        config: SandboxConfig,
        front: axum::Router,
    ) -> Result<RunningSandbox, SandboxError> {
        Self::start_with_front(config, Some(front)).await
    }

    async fn start_with_front(
        config: SandboxConfig,
        front: Option<axum::Router>,
    ) -> Result<RunningSandbox, SandboxError> {
        config.validate()?;
        let request_log = match &config.request_log {
            Some(path) => Some(Arc::new(mgmt::RequestLog::open(path).map_err(
                |source| SandboxError::RequestLog {
                    path: path.clone(),
                    source,
                },
            )?)),
            None => None,
        };
        let port = config.port.unwrap_or(0);
        let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
            .await
            .map_err(|source| SandboxError::Bind { port, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| SandboxError::Bind { port, source })?;
        let issuer = format!("http://127.0.0.1:{}/", addr.port());
        // RSA key generation takes a while; keep it off the async workers.
        let keys = tokio::task::spawn_blocking(keys::KeyRing::new)
            .await
            .map_err(|_| SandboxError::Crypto("key generation was interrupted"))??;
        let export_secret = keys::random_token(32)?;
        let mut tenant = Tenant::seeded(config.seed, &issuer, &config.extra_callbacks);
        let (log_store, brute_force, stories) = seeded_logs(&config, &mut tenant, addr);
        let state = Arc::new(State {
            tenant: RwLock::new(tenant),
            logs: Mutex::new(log_store),
            brute_force: Mutex::new(brute_force),
            stories,
            issuer,
            keys: Mutex::new(keys),
            clock_offset: Mutex::new(Duration::ZERO),
            flows: Mutex::new(Flows::new(&config)),
            mgmt_rate: mgmt::RateLimit::new(config.mgmt_rate),
            export_secret,
            fail_exports: std::sync::atomic::AtomicU32::new(0),
            hold_exports: std::sync::atomic::AtomicU32::new(0),
            outbox: Mutex::new(tickets::Outbox::default()),
            config,
        });
        let router = axum::Router::new()
            .merge(authn::routes())
            .merge(hooks::routes())
            .merge(tickets::routes())
            .merge(mgmt::routes(state.clone()))
            .with_state(state.clone());
        let router = match request_log {
            Some(log) => router.layer(axum::middleware::from_fn_with_state(
                log,
                mgmt::log_requests,
            )),
            None => router,
        };
        let router = match front {
            Some(front) => front.fallback_service(router),
            None => router,
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let service = router.into_make_service_with_connect_info::<SocketAddr>();
            let _ = axum::serve(listener, service)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(RunningSandbox {
            state,
            addr,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// The seeded tenant's logs, its current brute-force blocks and the
/// support stories they tell, dated back from now.
fn seeded_logs(
    config: &SandboxConfig,
    tenant: &mut Tenant,
    addr: SocketAddr,
) -> (logs::LogStore, brute_force::BruteForce, Vec<SupportStory>) {
    let now = State::clock_secs(Duration::ZERO);
    let (background, cap) = match config.log_events {
        None => (logs::stories::Background::DEFAULT, config.max_log_events),
        Some(n) => (
            logs::stories::Background::within(n, config.plan.retention_days()),
            n.saturating_add(config.max_log_events),
        ),
    };
    let seeded = logs::stories::seed(config.seed, tenant, now, background);
    let mut store = logs::LogStore::new(
        cap,
        config.plan.retention_days(),
        &format!("127.0.0.1:{}", addr.port()),
    );
    store.reserve(seeded.events.len());
    for (at, event) in seeded.events {
        store.record(event, at, now);
    }
    let mut brute_force = brute_force::BruteForce::new();
    for block in seeded.blocks {
        brute_force.set_block(block, now);
    }
    (store, brute_force, seeded.stories)
}

/// A running sandbox. Dropping it stops the server.
pub struct RunningSandbox {
    state: Arc<State>,
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// What the sign-in screen of `idlens sandbox` shows.
#[derive(Debug, Clone, Serialize)]
pub struct SandboxSummary {
    pub issuer: String,
    pub client_id: String,
    pub callbacks: Vec<String>,
    pub audience: String,
    pub management_audience: String,
    pub m2m_client_id: String,
    pub users: usize,
    pub sign_in_users: Vec<SignInUser>,
    /// The seeded customers whose logs tell a support story.
    pub support_stories: Vec<SupportStory>,
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT/`, with the trailing slash Auth0 uses.
    pub fn issuer(&self) -> &str {
        &self.state.issuer
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The tenant as it is now (seeded, then changed through the Management API).
    pub fn tenant(&self) -> RwLockReadGuard<'_, Tenant> {
        self.state.tenant()
    }

    /// The Management API's audience, `{issuer}api/v2/`.
    pub fn management_audience(&self) -> String {
        format!("{}api/v2/", self.state.issuer)
    }

    /// The machine-to-machine client's secret.
    pub fn m2m_client_secret(&self) -> Secret {
        self.client_secret(M2M_CLIENT_ID)
            .expect("the seeded M2M client has a secret")
    }

    /// A confidential client's secret (the sandbox's are public by design).
    pub fn client_secret(&self, client_id: &str) -> Option<Secret> {
        self.state
            .tenant()
            .client(client_id)
            .and_then(|c| c.client_secret.clone())
    }

    /// The seeded user whose logs tell the support story `story`
    /// (`locked_out`, `no_events`, … see [`SupportStory::story`]).
    pub fn support_story(&self, story: &str) -> Option<&SupportStory> {
        self.support_stories().iter().find(|s| s.story == story)
    }

    /// The seeded users whose logs tell a support story.
    pub fn support_stories(&self) -> &[SupportStory] {
        &self.state.stories
    }

    /// How many log events the tenant holds (test hook: the cap holds).
    pub fn log_events_held(&self) -> usize {
        lock(&self.state.logs).len()
    }

    /// The e-mails the tenant would have sent (verification links), oldest
    /// first, at most the last 100 (test hook; also `GET /sandbox/outbox`).
    /// The sandbox sends no mail.
    pub fn outbox(&self) -> Vec<SandboxMail> {
        self.state.outbox().mails()
    }

    /// Every event the tenant's logs show now, in `log_id` order (test
    /// hook: what a full read of the log must find, each once).
    pub fn log_events(&self) -> Vec<LogEvent> {
        let now = self.state.now_secs();
        lock(&self.state.logs).visible(now).cloned().collect()
    }

    /// How many Management API requests were refused with `429` (test hook).
    pub fn mgmt_requests_refused(&self) -> u64 {
        self.state.mgmt_rate.refused()
    }

    pub fn summary(&self) -> SandboxSummary {
        let tenant = self.state.tenant();
        let desktop = tenant.client(DESKTOP_CLIENT_ID).expect("seeded");
        SandboxSummary {
            issuer: self.state.issuer.clone(),
            client_id: DESKTOP_CLIENT_ID.to_owned(),
            callbacks: desktop.callbacks.clone(),
            audience: API_AUDIENCE.to_owned(),
            management_audience: self.management_audience(),
            m2m_client_id: M2M_CLIENT_ID.to_owned(),
            users: tenant.users.len(),
            sign_in_users: tenant.sign_in_users.clone(),
            support_stories: self.support_stories().to_vec(),
        }
    }

    /// Approves a pending device sign-in as the user with this e-mail (test hook;
    /// the `/activate` page does the same for a person).
    pub fn approve_device_code(&self, user_code: &str, email: &str) -> Result<(), SandboxError> {
        self.state.approve_device(user_code, email)
    }

    /// How many times the token endpoint was polled for this device sign-in
    /// (test hook: lets a test wait for a client's next poll instead of
    /// sleeping). `None` once the code is gone (redeemed, denied or expired).
    pub fn device_polls(&self, user_code: &str) -> Option<u32> {
        let mut flows = self.state.flows();
        State::device_by_user_code(&mut flows, user_code).map(|d| d.polls)
    }

    /// How full the sandbox's tables are (test hook).
    pub fn table_sizes(&self) -> TableSizes {
        let flows = self.state.flows();
        TableSizes {
            transactions: flows.transactions.len(),
            codes: flows.codes.len(),
            devices: flows.devices.len(),
            refresh_tokens: flows.refresh.len(),
            access_tokens: flows.access.len(),
            management_tokens: flows.management.len(),
            export_jobs: flows.exports.len(),
        }
    }

    /// Makes the next `count` users-export jobs fail (test hook; also
    /// `POST /sandbox/exports/fail-next` with `count`): each goes pending,
    /// then processing, then `failed` with `status_details`.
    pub fn fail_next_exports(&self, count: u32) {
        self.state
            .fail_exports
            .store(count, std::sync::atomic::Ordering::Relaxed);
    }

    /// Makes the next `count` users-export jobs never finish (test hook;
    /// also `POST /sandbox/exports/hold-next` with `count`): each stays
    /// `processing` at 10 %, whatever the polls, as a job of millions of
    /// users seems to.
    pub fn hold_next_exports(&self, count: u32) {
        self.state
            .hold_exports
            .store(count, std::sync::atomic::Ordering::Relaxed);
    }

    /// Denies a pending device sign-in (test hook).
    pub fn deny_device_code(&self, user_code: &str) -> Result<(), SandboxError> {
        self.state.deny_device(user_code)
    }

    /// Publishes the next signing key without signing with it. Returns its `kid`.
    pub fn stage_next_signing_key(&self) -> Result<String, SandboxError> {
        self.state.stage_next_key()
    }

    /// Starts signing with the next key (publishing it first if needed); the
    /// old key stays in the JWKS. Returns the new `kid`.
    pub fn rotate_signing_key(&self) -> Result<String, SandboxError> {
        self.state.rotate_key()
    }

    /// Removes the previous signing key from the JWKS.
    pub fn revoke_previous_signing_key(&self) {
        self.state.keys().revoke_previous();
    }

    /// The `kid` tokens are signed with now.
    pub fn current_kid(&self) -> String {
        self.state.keys().current_kid().to_owned()
    }

    /// Moves the sandbox's clock forward (expiry without sleeping). Tokens
    /// issued afterwards carry the advanced time: verify them at [`Self::now`].
    /// The clock goes at most [`MAX_CLOCK_OFFSET`] ahead in all.
    pub fn advance_clock(&self, by: Duration) -> Result<(), SandboxError> {
        self.state.advance_clock(by)
    }

    /// The sandbox's clock.
    pub fn now(&self) -> SystemTime {
        self.state.now()
    }

    /// Stops accepting connections and waits for the server to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl std::fmt::Debug for RunningSandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningSandbox")
            .field("issuer", &self.state.issuer)
            .finish_non_exhaustive()
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// What a sign-in granted: who, to which client, for what.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub user_id: String,
    pub client_id: String,
    pub scope: Vec<String>,
    pub audience: Option<String>,
    pub nonce: Option<String>,
    pub auth_time: i64,
    pub sid: String,
}

/// An `/authorize` request waiting for the user on the login page.
#[derive(Debug, Clone)]
pub(crate) struct Transaction {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub scope: Vec<String>,
    pub audience: Option<String>,
    pub code_challenge: String,
}

#[derive(Debug, Clone)]
pub(crate) struct CodeRecord {
    pub grant: Grant,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DeviceState {
    Pending,
    Approved(String),
    Denied,
}

#[derive(Debug, Clone)]
pub(crate) struct DeviceRecord {
    pub user_code: String,
    pub client_id: String,
    pub scope: Vec<String>,
    pub audience: Option<String>,
    pub expires_at: i64,
    pub interval: i64,
    pub last_poll: Option<i64>,
    /// Polls answered so far (test hook: a waiting client's progress).
    pub polls: u32,
    pub state: DeviceState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefreshState {
    Active,
    /// Exchanged for a newer token; presenting it again is reuse.
    Rotated,
    Revoked,
}

#[derive(Debug, Clone)]
pub(crate) struct RefreshRecord {
    pub family: String,
    pub grant: Grant,
    pub state: RefreshState,
    /// Its absolute lifetime ends here (UNIX seconds, sandbox clock).
    pub expires_at: i64,
}

/// An access token the sandbox issued, for `/userinfo`.
#[derive(Debug, Clone)]
pub(crate) struct AccessRecord {
    pub grant: Grant,
    pub expires_at: i64,
    pub userinfo: bool,
}

/// The sign-ins in progress and the tokens issued, each table capped and
/// its entries expiring (see [`expiring`]).
pub(crate) struct Flows {
    pub transactions: Expiring<Transaction>,
    pub codes: Expiring<CodeRecord>,
    /// By device code.
    pub devices: Expiring<DeviceRecord>,
    pub refresh: Expiring<RefreshRecord>,
    /// By the token's SHA-256 ([`keys::s256`]), so the table holds no token.
    pub access: Expiring<AccessRecord>,
    /// Management API tokens, by their SHA-256.
    pub management: Expiring<mgmt::IssuedToken>,
    /// Users-export jobs, by job ID, each with its file.
    pub exports: Expiring<mgmt::ExportJob>,
    /// Sign-in sessions at the login page, by session ID (`sid`).
    pub sessions: Expiring<sessions::SessionRecord>,
    /// Password-change and e-mail verification tickets, by their SHA-256.
    pub tickets: Expiring<tickets::Ticket>,
    /// Verification e-mail jobs, by job ID.
    pub email_jobs: Expiring<tickets::EmailJob>,
}

impl Flows {
    fn new(config: &SandboxConfig) -> Self {
        Self {
            transactions: Expiring::new(config.max_pending),
            codes: Expiring::new(config.max_pending),
            devices: Expiring::new(config.max_pending),
            refresh: Expiring::new(config.max_issued),
            access: Expiring::new(config.max_issued),
            management: Expiring::new(config.max_issued),
            exports: Expiring::new(config.max_export_jobs),
            sessions: Expiring::new(config.max_issued),
            tickets: Expiring::new(config.max_pending),
            email_jobs: Expiring::new(config.max_pending),
        }
    }
}

/// How many entries each of the sandbox's tables holds (test hook: memory
/// stays bounded under a flood).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TableSizes {
    pub transactions: usize,
    pub codes: usize,
    pub devices: usize,
    pub refresh_tokens: usize,
    pub access_tokens: usize,
    pub management_tokens: usize,
    pub export_jobs: usize,
}

pub(crate) struct State {
    pub issuer: String,
    tenant: RwLock<Tenant>,
    /// The tenant's logs (a leaf lock: see the crate's invariants).
    logs: Mutex<logs::LogStore>,
    /// Brute-force settings, counts and blocks (a leaf lock).
    brute_force: Mutex<brute_force::BruteForce>,
    /// The seeded support stories.
    stories: Vec<SupportStory>,
    pub config: SandboxConfig,
    keys: Mutex<keys::KeyRing>,
    clock_offset: Mutex<Duration>,
    flows: Mutex<Flows>,
    pub mgmt_rate: mgmt::RateLimit,
    /// Signs users-export download links (random per run).
    pub export_secret: String,
    /// Users-export jobs still to fail (test hook).
    pub fail_exports: std::sync::atomic::AtomicU32,
    /// Users-export jobs still to hold forever (test hook).
    pub hold_exports: std::sync::atomic::AtomicU32,
    /// The e-mails the tenant would have sent (a leaf lock).
    outbox: Mutex<tickets::Outbox>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking handler cannot leave these maps half-updated in a way that
    // matters for a sandbox, so a poisoned lock is still used.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl State {
    pub(crate) fn tenant(&self) -> RwLockReadGuard<'_, Tenant> {
        // Changes are single assignments: a panic cannot leave the tenant
        // half-changed, so a poisoned lock is still used.
        self.tenant.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn tenant_mut(&self) -> RwLockWriteGuard<'_, Tenant> {
        self.tenant.write().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn keys(&self) -> MutexGuard<'_, keys::KeyRing> {
        lock(&self.keys)
    }

    pub(crate) fn flows(&self) -> MutexGuard<'_, Flows> {
        lock(&self.flows)
    }

    /// Publishes a next signing key (generated outside the lock, so token
    /// requests are not held up). Returns its `kid`.
    pub(crate) fn stage_next_key(&self) -> Result<String, SandboxError> {
        if let Some(kid) = self.keys().next_kid() {
            return Ok(kid);
        }
        let key = keys::SigningKey::generate()?;
        Ok(self.keys().stage(key))
    }

    /// Publishes a next key if none is staged, then signs with it.
    pub(crate) fn rotate_key(&self) -> Result<String, SandboxError> {
        self.stage_next_key()?;
        Ok(self.keys().promote_next())
    }

    pub(crate) fn now(&self) -> SystemTime {
        SystemTime::now() + *lock(&self.clock_offset)
    }

    pub(crate) fn now_secs(&self) -> i64 {
        Self::clock_secs(*lock(&self.clock_offset))
    }

    /// The system clock plus `offset`, in UNIX seconds.
    fn clock_secs(offset: Duration) -> i64 {
        (SystemTime::now() + offset)
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }

    /// The tenant's logs (a leaf lock: take nothing else while holding it).
    pub(crate) fn logs(&self) -> MutexGuard<'_, logs::LogStore> {
        lock(&self.logs)
    }

    /// Brute-force protection (a leaf lock: take nothing else while holding it).
    pub(crate) fn brute_force(&self) -> MutexGuard<'_, brute_force::BruteForce> {
        lock(&self.brute_force)
    }

    /// The e-mails sent (a leaf lock: take nothing else while holding it).
    pub(crate) fn outbox(&self) -> MutexGuard<'_, tickets::Outbox> {
        lock(&self.outbox)
    }

    /// Records a live event, now on the sandbox's clock.
    pub(crate) fn log(&self, event: logs::LogEvent) {
        let now = self.now_secs();
        self.logs().record(event, now, now);
    }

    /// Where a request came from (see [`SandboxConfig::trust_forwarded_for`]).
    pub(crate) fn origin(&self, peer: SocketAddr, headers: &axum::http::HeaderMap) -> logs::Origin {
        logs::Origin::of(peer, headers, self.config.trust_forwarded_for)
    }

    pub(crate) fn advance_clock(&self, by: Duration) -> Result<(), SandboxError> {
        let mut offset = lock(&self.clock_offset);
        let total = offset.checked_add(by).filter(|t| *t <= MAX_CLOCK_OFFSET);
        match total {
            Some(total) => {
                *offset = total;
                Ok(())
            }
            None => Err(SandboxError::OutOfRange {
                setting: "the clock's total advance",
                min: 0,
                max: MAX_CLOCK_OFFSET.as_secs(),
                given: offset.as_secs().saturating_add(by.as_secs()),
            }),
        }
    }

    fn device_by_user_code<'a>(
        flows: &'a mut Flows,
        user_code: &str,
    ) -> Option<&'a mut DeviceRecord> {
        let wanted = user_code.trim().to_ascii_uppercase();
        flows
            .devices
            .values_mut()
            .find(|d| d.user_code == wanted && d.state == DeviceState::Pending)
    }

    /// The client of the pending device sign-in with this user code.
    pub(crate) fn device_client(&self, user_code: &str) -> Option<String> {
        let mut flows = self.flows();
        Self::device_by_user_code(&mut flows, user_code).map(|d| d.client_id.clone())
    }

    pub(crate) fn approve_device(&self, user_code: &str, email: &str) -> Result<(), SandboxError> {
        let user_id = self
            .tenant()
            .users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(email.trim()))
            .map(|u| u.user_id.clone())
            .ok_or_else(|| SandboxError::UnknownUser(email.to_owned()))?;
        let mut flows = self.flows();
        let device = Self::device_by_user_code(&mut flows, user_code)
            .ok_or_else(|| SandboxError::UnknownUserCode(user_code.to_owned()))?;
        device.state = DeviceState::Approved(user_id);
        Ok(())
    }

    pub(crate) fn deny_device(&self, user_code: &str) -> Result<(), SandboxError> {
        let mut flows = self.flows();
        let device = Self::device_by_user_code(&mut flows, user_code)
            .ok_or_else(|| SandboxError::UnknownUserCode(user_code.to_owned()))?;
        device.state = DeviceState::Denied;
        Ok(())
    }
}
