//! A real OS keychain the test owns: a private D-Bus session bus with an
//! unlocked gnome-keyring (Secret Service) on it, in a throwaway HOME.
//! Both daemons are killed, and their files deleted, when it is dropped.
//! What IdLens keeps there is read and written with libsecret's own
//! `secret-tool`, so a test checks the keychain without IdLens's code.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long gnome-keyring may take to appear on the bus.
const READY_DEADLINE: Duration = Duration::from_secs(20);

/// The Secret Service's bus name.
const SECRET_SERVICE: &str = "org.freedesktop.secrets";

pub struct KeychainSession {
    // Field order is drop order: the keyring goes before its bus, and both
    // before their directory is deleted.
    keyring: Daemon,
    bus: Daemon,
    address: String,
    dir: tempfile::TempDir,
}

impl KeychainSession {
    /// Starts the bus and the keyring and returns once the Secret Service
    /// answers on the bus.
    pub fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("idlens-keychain-")
            .tempdir()
            .expect("create a temp dir");
        let daemon_env = DaemonEnv::create(dir.path());

        let mut bus = Daemon::spawn(
            "dbus-daemon",
            Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address=1"])
                .arg(format!(
                    "--address=unix:path={}",
                    dir.path().join("bus").display()
                ))
                .envs(daemon_env.vars())
                .env_remove("DBUS_SESSION_BUS_ADDRESS")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(log_file(dir.path(), "dbus-daemon.log")),
        );
        // dbus-daemon prints its address once it accepts connections.
        let mut address = String::new();
        BufReader::new(bus.0.stdout.take().expect("stdout is piped"))
            .read_line(&mut address)
            .expect("read the bus address");
        let address = address.trim().to_owned();
        assert!(
            !address.is_empty(),
            "dbus-daemon exited without a bus address:\n{}",
            read_log(dir.path(), "dbus-daemon.log")
        );

        let mut keyring = Daemon::spawn(
            "gnome-keyring-daemon",
            Command::new("gnome-keyring-daemon")
                .args(["--foreground", "--unlock", "--components=secrets"])
                .envs(daemon_env.vars())
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(log_file(dir.path(), "gnome-keyring.log")),
        );
        // `--unlock` reads the login keyring's password up to end of input,
        // creating that keyring on first use.
        keyring
            .0
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(b"idlens-test-login-password")
            .expect("give gnome-keyring its password");

        let mut session = Self {
            keyring,
            bus,
            address,
            dir,
        };
        session.wait_for_secret_service();
        session
    }

    /// The bus address to give a process as `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Where gnome-keyring keeps its (encrypted) keyring files.
    pub fn keyring_dir(&self) -> PathBuf {
        self.dir.path().join("data/keyrings")
    }

    /// The secret IdLens keeps under `account` (`PROFILE/KIND`), read with
    /// libsecret's own tool (no IdLens code involved); `None` when there is none.
    pub fn lookup(&self, account: &str) -> Option<String> {
        let output = Command::new("secret-tool")
            .args(["lookup", "service", "idlens", "username", account])
            .env("DBUS_SESSION_BUS_ADDRESS", self.address())
            .output()
            .expect("secret-tool runs (apt package libsecret-tools)");
        let secret = String::from_utf8(output.stdout).expect("UTF-8");
        (output.status.success() && !secret.is_empty()).then_some(secret)
    }

    /// Stores `secret` under `account` (`PROFILE/KIND`) where IdLens looks
    /// for it, with libsecret's own tool, as if an earlier run had kept it.
    pub fn store(&self, account: &str, secret: &str) {
        let mut child = Command::new("secret-tool")
            .args(["store", "--label"])
            .arg(format!("idlens {}", account.replace('/', " ")))
            .args(["service", "idlens", "username", account])
            .env("DBUS_SESSION_BUS_ADDRESS", self.address())
            .stdin(Stdio::piped())
            .spawn()
            .expect("secret-tool runs (apt package libsecret-tools)");
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(secret.as_bytes())
            .expect("give secret-tool the secret");
        let status = child.wait().expect("secret-tool finishes");
        assert!(status.success(), "secret-tool store {account}: {status}");
    }

    /// The whole session directory: the daemons' HOME, data and runtime dirs.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Points this test process's own `keyring` crate at this session.
    ///
    /// The Secret Service client reads `DBUS_SESSION_BUS_ADDRESS` from the
    /// process environment, so at most one session per test process may be
    /// used in-process; this panics on a second call instead of silently
    /// talking to the wrong keyring.
    pub fn use_in_this_process(&self) {
        static CLAIMED: AtomicBool = AtomicBool::new(false);
        assert!(
            !CLAIMED.swap(true, Ordering::SeqCst),
            "only one KeychainSession per test process may be used in-process"
        );
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &self.address);
    }

    fn wait_for_secret_service(&mut self) {
        let started = Instant::now();
        loop {
            if self.name_has_owner(SECRET_SERVICE) {
                return;
            }
            if let Some(status) = self.keyring.exited() {
                panic!(
                    "gnome-keyring-daemon exited ({status}) before it served {SECRET_SERVICE}:\n{}",
                    read_log(self.dir(), "gnome-keyring.log")
                );
            }
            assert!(
                started.elapsed() < READY_DEADLINE,
                "gnome-keyring-daemon did not serve {SECRET_SERVICE} within {READY_DEADLINE:?}:\n{}",
                read_log(self.dir(), "gnome-keyring.log")
            );
            if let Some(status) = self.bus.exited() {
                panic!(
                    "dbus-daemon exited ({status}):\n{}",
                    read_log(self.dir(), "dbus-daemon.log")
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Asks the bus (without activating anything) whether `name` is served.
    fn name_has_owner(&self, name: &str) -> bool {
        let output = Command::new("dbus-send")
            .arg(format!("--bus={}", self.address))
            .args([
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
            ])
            .arg(format!("string:{name}"))
            .stdin(Stdio::null())
            .output()
            .expect("run dbus-send (package dbus-bin; scripts/setup.sh installs it)");
        String::from_utf8_lossy(&output.stdout).contains("boolean true")
    }
}

/// HOME and XDG directories of the daemons, inside the session directory, so
/// nothing they write (or anything the bus activates) lands in the real HOME.
struct DaemonEnv {
    vars: Vec<(&'static str, PathBuf)>,
}

impl DaemonEnv {
    fn create(dir: &Path) -> Self {
        let vars = vec![
            ("HOME", dir.join("home")),
            ("XDG_RUNTIME_DIR", dir.join("runtime")),
            ("XDG_DATA_HOME", dir.join("data")),
            ("XDG_CONFIG_HOME", dir.join("config")),
            ("XDG_CACHE_HOME", dir.join("cache")),
        ];
        for (_, path) in &vars {
            std::fs::create_dir_all(path).expect("create a daemon dir");
        }
        // gnome-keyring refuses a runtime dir others can read.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("runtime"), std::fs::Permissions::from_mode(0o700))
            .expect("restrict the runtime dir");
        Self { vars }
    }

    fn vars(&self) -> impl Iterator<Item = (&'static str, &PathBuf)> {
        self.vars.iter().map(|(k, v)| (*k, v))
    }
}

/// A child process that is killed (and reaped) when dropped, so a failing
/// test never leaves a daemon behind.
struct Daemon(Child);

impl Daemon {
    fn spawn(program: &str, command: &mut Command) -> Self {
        match command.spawn() {
            Ok(child) => Self(child),
            Err(e) => panic!("could not start {program} ({e}); run scripts/setup.sh --deps-only"),
        }
    }

    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.0.try_wait().ok().flatten()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn log_file(dir: &Path, name: &str) -> File {
    File::create(dir.join(name)).expect("create a daemon log")
}

fn read_log(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_default()
}
