//! Reports the UI's first command, for the startup benchmark.
//!
//! With `IDLENS_REPORT_FIRST_IPC=1` in the environment, the shell prints the
//! line `first-ipc` on stderr when the first command from the webview
//! arrives: the page has loaded, run its script and reached the core.
//! `scripts/bench-startup.sh` times launch → that line for IdLens and for the
//! bare Tauri app in `bench/bare-tauri`, which prints the same line. Without
//! the variable nothing is printed and the handler is passed through as is.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::ipc::Invoke;

/// The environment variable that turns the report on.
const REPORT_VARIABLE: &str = "IDLENS_REPORT_FIRST_IPC";

/// Wraps the app's command handler so the first invocation is reported.
pub fn reported<H>(handler: H) -> Box<dyn Fn(Invoke) -> bool + Send + Sync>
where
    H: Fn(Invoke) -> bool + Send + Sync + 'static,
{
    if std::env::var_os(REPORT_VARIABLE).is_none_or(|v| v != "1") {
        return Box::new(handler);
    }
    let reported = AtomicBool::new(false);
    Box::new(move |invoke| {
        if !reported.swap(true, Ordering::SeqCst) {
            eprintln!("first-ipc");
        }
        handler(invoke)
    })
}
