//! The command line never initialises GTK or WebKit: with a display on
//! offer (X11 and Wayland sockets the test listens on), `idlens --version`,
//! `idlens inspect` and `idlens profile list` finish without ever connecting
//! to it, while the desktop app, started the same way, does connect (which
//! is what proves the listeners would notice).

use std::net::TcpListener;
use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::idlens::TestUser;

/// X11 and Wayland display sockets that count and drop every connection.
struct FakeDisplay {
    x11_display: String,
    wayland_socket: PathBuf,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    watcher: Option<thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl FakeDisplay {
    fn start() -> Self {
        // X11 display N listens on TCP port 6000 + N.
        let (x11, number) = (50..400)
            .find_map(|n| {
                TcpListener::bind(("127.0.0.1", 6000 + n))
                    .ok()
                    .map(|l| (l, n))
            })
            .expect("a free X11 display number on 127.0.0.1");
        let dir = tempfile::tempdir().expect("temp dir");
        let wayland_socket = dir.path().join("wayland-test");
        let wayland = UnixListener::bind(&wayland_socket).expect("bind a Wayland socket");
        x11.set_nonblocking(true).expect("nonblocking");
        wayland.set_nonblocking(true).expect("nonblocking");
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let watcher = {
            let (connections, stop) = (Arc::clone(&connections), Arc::clone(&stop));
            thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let accepted =
                        x11.accept().is_ok() as usize + wayland.accept().is_ok() as usize;
                    connections.fetch_add(accepted, Ordering::SeqCst);
                    thread::sleep(Duration::from_millis(5));
                }
            })
        };
        Self {
            x11_display: format!("127.0.0.1:{number}"),
            wayland_socket,
            connections,
            stop,
            watcher: Some(watcher),
            _dir: dir,
        }
    }

    /// Runs `idlens ARGS` as `user` with this display offered; returns its exit code.
    fn run(&self, user: &TestUser, args: &[&str]) -> i32 {
        let output = user
            .command(args)
            .env("DISPLAY", &self.x11_display)
            .env("WAYLAND_DISPLAY", &self.wayland_socket)
            .stdin(Stdio::null())
            .output()
            .expect("run idlens");
        output.status.code().expect("idlens exited by a signal")
    }

    /// Connections seen so far; the watcher is stopped first so none is missed.
    fn connections(mut self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(watcher) = self.watcher.take() {
            watcher.join().expect("display watcher");
        }
        self.connections.load(Ordering::SeqCst)
    }
}

#[test]
fn the_command_line_never_connects_to_a_display() {
    let user = TestUser::without_keychain();
    let display = FakeDisplay::start();
    let token = crate::inspect::pyjwt_token("id-RS256");
    assert_eq!(display.run(&user, &["--version"]), 0);
    assert_eq!(
        display.run(&user, &["inspect", &token]),
        1,
        "decoded, unverified"
    );
    assert_eq!(display.run(&user, &["profile", "list"]), 0);
    assert_eq!(
        display.connections(),
        0,
        "a CLI command connected to the display"
    );
}

#[test]
fn the_desktop_app_does_connect_to_the_offered_display() {
    let user = TestUser::without_keychain();
    let display = FakeDisplay::start();
    // The fake display drops the connection, so the app reports it has no
    // display and exits 2 instead of opening a window.
    assert_eq!(display.run(&user, &[]), 2);
    assert!(display.connections() > 0, "the app never tried the display");
}
