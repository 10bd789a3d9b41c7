//! Runs the real `idlens` binary as a throwaway user would.

// Off Linux only the help tests use this (see main.rs).
#![cfg_attr(not(target_os = "linux"), allow(dead_code))]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

#[cfg(target_os = "linux")]
use idlens_testkit::keychain_session::KeychainSession;

/// A D-Bus address where no bus listens: the binary then finds no OS keychain.
pub const NO_BUS: &str = "unix:path=/nonexistent";

/// A CLI call that takes longer than this is hung (e.g. waiting on a keychain
/// prompt) and fails the test instead of blocking the suite.
const RUN_DEADLINE: Duration = Duration::from_secs(60);

/// A user of their own: a HOME and an IdLens config directory nobody else
/// uses, and the D-Bus session (hence the keychain) the binary sees.
pub struct TestUser {
    root: tempfile::TempDir,
    bus_address: String,
}

impl TestUser {
    /// A user whose machine has no OS keychain reachable.
    pub fn without_keychain() -> Self {
        Self::on_bus(NO_BUS)
    }

    /// A user whose OS keychain is `session`'s gnome-keyring.
    #[cfg(target_os = "linux")]
    pub fn with_keychain(session: &KeychainSession) -> Self {
        Self::on_bus(session.address())
    }

    fn on_bus(bus_address: &str) -> Self {
        let root = tempfile::Builder::new()
            .prefix("idlens-cli-test-")
            .tempdir()
            .expect("create a temp dir");
        for dir in ["home", "config"] {
            std::fs::create_dir(root.path().join(dir)).expect("create a temp dir");
        }
        Self {
            root,
            bus_address: bus_address.to_owned(),
        }
    }

    /// Everything this user's runs may write to: HOME and the config directory.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    pub fn config_dir(&self) -> PathBuf {
        self.root.path().join("config")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir().join("profiles.toml")
    }

    /// Runs `idlens ARGS` with nothing on standard input.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    /// `idlens ARGS` as this user runs it: headless, in their HOME and config
    /// directory, on their D-Bus session.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_idlens"));
        command.args(args);
        self.as_this_user(&mut command);
        command
    }

    /// `bash -c SCRIPT` in the repository's root, as this user (the same
    /// HOME, config directory and D-Bus session as [`command`](Self::command)),
    /// with `IDLENS_BIN` naming the binary under test: for a function of a
    /// repository script.
    pub fn run_script(&self, script: &str) -> Run {
        let mut command = Command::new("bash");
        command
            .args(["-c", script])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("IDLENS_BIN", env!("CARGO_BIN_EXE_idlens"));
        self.as_this_user(&mut command);
        finish(command, format!("bash -c {script:?}"), None)
    }

    fn as_this_user(&self, command: &mut Command) {
        let home = self.root.path().join("home");
        command
            // Headless: the CLI must never need a display.
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("IDLENS_PROFILE")
            .env("IDLENS_CONFIG_DIR", self.config_dir())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
            // Never a real browser: `true` accepts the URL and does nothing.
            .env("BROWSER", "true")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
    }

    /// Starts `idlens ARGS` and returns at once, to read its output line by
    /// line while it runs (a sign-in waiting for approval).
    pub fn spawn(&self, args: &[&str]) -> Running {
        let mut child = self
            .command(args)
            .stdin(Stdio::null())
            .spawn()
            .expect("start the idlens binary");
        let (lines, stdout) = line_by_line(child.stdout.take().expect("stdout is piped"));
        let (error_lines, stderr) = line_by_line(child.stderr.take().expect("stderr is piped"));
        Running {
            args: args.join(" "),
            child,
            lines,
            error_lines,
            stdout: Some(stdout),
            stderr: Some(stderr),
        }
    }

    /// Runs `idlens ARGS` with `stdin` piped in (then closed).
    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        finish(self.command(args), args.join(" "), stdin)
    }

    /// `idlens profile add NAME --issuer ISSUER --client-id ID [EXTRA…] --json`, which must succeed.
    pub fn add_profile(&self, name: &str, issuer: &str, extra: &[&str]) -> Value {
        let mut args = vec![
            "profile",
            "add",
            name,
            "--issuer",
            issuer,
            "--client-id",
            "idlens-desktop",
            "--json",
        ];
        args.extend_from_slice(extra);
        self.run(&args).expect_code(0).json()
    }

    /// `idlens profile list --json`, which must succeed.
    pub fn list(&self) -> Value {
        self.run(&["profile", "list", "--json"])
            .expect_code(0)
            .json()
    }
}

/// Runs `command` to its end with `stdin` piped in (then closed); `args`
/// names it in failures.
fn finish(mut command: Command, args: String, stdin: Option<&str>) -> Run {
    command.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = command.spawn().expect("start the idlens binary");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(input.as_bytes())
            .expect("write to idlens stdin");
    }
    let stdout = drain(child.stdout.take().expect("stdout is piped"));
    let stderr = drain(child.stderr.take().expect("stderr is piped"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for idlens") {
            break status;
        }
        if started.elapsed() > RUN_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`idlens {args}` did not finish within {RUN_DEADLINE:?}");
        }
        thread::sleep(Duration::from_millis(10));
    };
    Run {
        args,
        code: status.code().expect("idlens exited by a signal"),
        stdout: stdout.join().expect("read idlens stdout"),
        stderr: stderr.join().expect("read idlens stderr"),
    }
}

/// Each line of `pipe` as it comes, and all of it at the end.
fn line_by_line(
    pipe: impl Read + Send + 'static,
) -> (
    std::sync::mpsc::Receiver<String>,
    thread::JoinHandle<String>,
) {
    let (tx, lines) = std::sync::mpsc::channel();
    let reader = thread::spawn(move || {
        use std::io::BufRead;
        let mut all = String::new();
        for line in std::io::BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            all.push_str(&line);
            all.push('\n');
            let _ = tx.send(line);
        }
        all
    });
    (lines, reader)
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        pipe.read_to_string(&mut text).expect("idlens prints UTF-8");
        text
    })
}

/// A run of the binary that is still going.
pub struct Running {
    args: String,
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    error_lines: std::sync::mpsc::Receiver<String>,
    stdout: Option<thread::JoinHandle<String>>,
    stderr: Option<thread::JoinHandle<String>>,
}

impl Running {
    /// The next line of standard output, within [`RUN_DEADLINE`].
    #[track_caller]
    pub fn next_line(&mut self) -> String {
        self.lines.recv_timeout(RUN_DEADLINE).unwrap_or_else(|_| {
            let _ = self.child.kill();
            panic!(
                "`idlens {}` printed no line within {RUN_DEADLINE:?}",
                self.args
            )
        })
    }

    /// The next line of standard error, within [`RUN_DEADLINE`].
    #[track_caller]
    pub fn next_error_line(&mut self) -> String {
        self.error_lines
            .recv_timeout(RUN_DEADLINE)
            .unwrap_or_else(|_| {
                let _ = self.child.kill();
                panic!(
                    "`idlens {}` printed no line on stderr within {RUN_DEADLINE:?}",
                    self.args
                )
            })
    }

    /// Sends the run SIGINT, as Ctrl+C in its terminal would.
    pub fn interrupt(&self) {
        let sent = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -INT {}", self.child.id());
    }

    /// Waits for the exit (within [`RUN_DEADLINE`]); `stdout` holds every line.
    pub fn finish(mut self) -> Run {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for idlens") {
                break status;
            }
            if started.elapsed() > RUN_DEADLINE {
                let _ = self.child.kill();
                panic!(
                    "`idlens {}` did not finish within {RUN_DEADLINE:?}",
                    self.args
                );
            }
            thread::sleep(Duration::from_millis(10));
        };
        Run {
            args: std::mem::take(&mut self.args),
            code: status.code().expect("idlens exited by a signal"),
            stdout: self
                .stdout
                .take()
                .expect("joined once")
                .join()
                .expect("read stdout"),
            stderr: self
                .stderr
                .take()
                .expect("joined once")
                .join()
                .expect("read stderr"),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // A failed test must not leave a sign-in waiting in the background.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub args: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails the test unless standard error mentions every one of `needles`.
    #[track_caller]
    pub fn assert_mentions(&self, needles: &[&str]) {
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "`idlens {}` should mention {needle:?} on stderr:\n{}",
                self.args,
                self.stderr
            );
        }
    }

    /// Fails the test, showing both streams, unless the exit code is `code`.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "`idlens {}` exited {} (expected {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.code, self.stdout, self.stderr
        );
        self
    }

    /// Standard output parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "`idlens {}` printed no JSON ({e}):\n{}",
                self.args, self.stdout
            )
        })
    }
}

/// Profile names in a `profile list --json` answer, in order.
pub fn profile_names(list: &Value) -> Vec<&str> {
    list["profiles"]
        .as_array()
        .expect("`profiles` is an array")
        .iter()
        .map(|p| p["name"].as_str().expect("profile `name` is a string"))
        .collect()
}

/// Files under `dir` (recursively) whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                let bytes = std::fs::read(&path).unwrap_or_default();
                if bytes
                    .windows(needle.len())
                    .any(|window| window == needle.as_bytes())
                {
                    found.push(path);
                }
            }
        }
    }
    found
}
