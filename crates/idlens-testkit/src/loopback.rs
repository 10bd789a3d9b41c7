//! Ports on 127.0.0.1, for the loopback listener a browser sign-in opens.

use std::net::{TcpListener, TcpStream};

/// A port on 127.0.0.1 that was free a moment ago (another program may take
/// it before the test binds it: callers try again).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// Whether nothing listens on `port` of 127.0.0.1 any more.
pub fn is_closed(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_err()
}
