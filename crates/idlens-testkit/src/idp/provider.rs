//! Starts `node tests/idp/server.mjs` and stops it when dropped.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, OnceLock};
use std::time::Duration;

use idlens_login::{LoginSettings, ProviderKind, DEFAULT_CALLBACK_TIMEOUT};
use idlens_profile::Issuer;

/// How the provider is shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// oidc-provider's own routes; APIs are RFC 8707 resources.
    Default,
    /// Auth0's paths, trailing-slash issuer, `audience` parameter.
    Auth0,
}

pub const CLIENT_ID: &str = "idlens-desktop";
/// Device codes of this client expire after 1 s.
pub const SHORT_LIVED_CLIENT_ID: &str = "idlens-desktop-short";
/// The first poll of this client's device codes answers `slow_down`.
pub const SLOW_DOWN_CLIENT_ID: &str = "idlens-desktop-slow";
pub const API: &str = "https://api.idlens.test/";

/// A running provider; the process is killed on drop, and exits by itself
/// when this test process ends (its stdin closes).
pub struct Idp {
    child: Child,
    pub issuer: String,
    pub port: u16,
    pub mode: Mode,
}

/// `tests/idp` of the repository.
fn idp_dir() -> PathBuf {
    crate::repository().join("tests/idp")
}

impl Idp {
    /// One provider per mode for the whole test binary: tests use their own
    /// users and sign-ins, so they do not disturb each other, and the binary
    /// starts two node processes instead of one per test. It exits with the
    /// test process (statics are never dropped; its stdin closes then).
    pub fn shared(mode: Mode) -> &'static Idp {
        static DEFAULT: OnceLock<Idp> = OnceLock::new();
        static AUTH0: OnceLock<Idp> = OnceLock::new();
        let cell = match mode {
            Mode::Default => &DEFAULT,
            Mode::Auth0 => &AUTH0,
        };
        cell.get_or_init(|| Idp::start(mode))
    }

    /// A provider of its own, for tests that stop it.
    pub fn start(mode: Mode) -> Self {
        let dir = idp_dir();
        assert!(
            dir.join("node_modules/oidc-provider").is_dir(),
            "the test identity provider is not installed ({}/node_modules is missing): run scripts/setup.sh",
            dir.display()
        );
        let mut command = Command::new("node");
        command
            .arg("server.mjs")
            .args(["--port", "0", "--exit-with-stdin"])
            .current_dir(&dir)
            // Held open until drop; if this process dies, the provider exits too.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if mode == Mode::Auth0 {
            command.arg("--auth0");
        }
        let mut child = command
            .spawn()
            .expect("could not start node: install Node.js 20+ (scripts/setup.sh)");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        // Drains stdout until the process ends: the provider logs there too,
        // and a closed pipe would kill it.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let ready = loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) {
                        if value["ready"] == true {
                            break value;
                        }
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("tests/idp/server.mjs did not print its ready line within 20 s");
                }
            }
        };
        Idp {
            child,
            issuer: ready["issuer"].as_str().expect("issuer").to_owned(),
            port: ready["port"].as_u64().expect("port") as u16,
            mode,
        }
    }

    /// Settings for the native client, asking for the test API.
    pub fn settings(&self) -> LoginSettings {
        LoginSettings {
            issuer: Issuer::parse(&self.issuer).expect("loopback issuer"),
            client_id: CLIENT_ID.to_owned(),
            audience: Some(API.to_owned()),
            scopes: vec!["read:users".to_owned()],
            callback_port: 0,
            provider: match self.mode {
                Mode::Default => ProviderKind::Oidc,
                Mode::Auth0 => ProviderKind::Auth0,
            },
            callback_timeout: DEFAULT_CALLBACK_TIMEOUT,
            request_timeout: Duration::from_secs(10),
        }
    }
}

impl Drop for Idp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
