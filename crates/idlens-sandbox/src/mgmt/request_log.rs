//! The Management API's request log (`SandboxConfig::request_log`, `idlens
//! sandbox --request-log FILE`): one line per request under `/api/v2/` as it
//! is answered, `429`s and unknown paths included, so a benchmark or a test
//! can count what a client asked for and see whether it asked twice:
//!
//! ```text
//! 1764181825.042 GET /api/v2/roles?page=0&per_page=100&include_totals=true 200
//! ```
//!
//! The fields are the time it was answered (UNIX seconds, to the
//! millisecond, on the real clock the rate limit uses), the method, the path
//! and query exactly as sent, and the status. A request target has no spaces,
//! so the fields split on them. The file is appended to, one write per line.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

pub(crate) struct RequestLog {
    file: Mutex<File>,
    /// A write failed (and was said once on stderr); nothing more is written.
    broken: AtomicBool,
}

impl RequestLog {
    /// Opens `path` for appending, creating it.
    // A log the sandbox's user asked for, appended to line by line: not an
    // export, which AtomicFile writes whole.
    #[allow(clippy::disallowed_methods)]
    pub(crate) fn open(path: &Path) -> std::io::Result<Self> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Self {
            file: Mutex::new(file),
            broken: AtomicBool::new(false),
        })
    }

    fn record(&self, line: &str) {
        if self.broken.load(Ordering::Relaxed) {
            return;
        }
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = file.write_all(line.as_bytes()) {
            if !self.broken.swap(true, Ordering::Relaxed) {
                eprintln!("sandbox: could not write the request log ({e}); it stops here");
            }
        }
    }
}

/// Middleware over the whole router: logs each request under `/api/v2/`
/// with the status it was answered with.
pub(crate) async fn log_requests(
    State(log): State<Arc<RequestLog>>,
    request: Request,
    next: Next,
) -> Response {
    if !request.uri().path().starts_with("/api/v2/") {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let target = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |pq| pq.as_str().to_owned(),
    );
    let response = next.run(request).await;
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    log.record(&format!(
        "{}.{:03} {method} {target} {}\n",
        at.as_secs(),
        at.subsec_millis(),
        response.status().as_u16()
    ));
    response
}
