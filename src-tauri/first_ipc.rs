//! Reports the steps of a launch, for the startup benchmark.
//!
//! With `IDLENS_REPORT_FIRST_IPC=1` in the environment, the shell prints a
//! line on stderr at each step of a launch — `startup <step>` for the steps
//! below, and `first-ipc` when the first command from the webview arrives
//! (the page has loaded, run its script and reached the core).
//! `scripts/bench-startup.sh` timestamps each line as it arrives, for IdLens
//! and for the bare Tauri app in `bench/bare-tauri`, which prints the same
//! lines, so a slow launch shows which step took the time. Without the
//! variable nothing is printed and the handler is passed through as is.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::ipc::Invoke;
use tauri::webview::PageLoadEvent;

/// The environment variable that turns the report on.
const REPORT_VARIABLE: &str = "IDLENS_REPORT_FIRST_IPC";

fn enabled() -> bool {
    std::env::var_os(REPORT_VARIABLE).is_some_and(|v| v == "1")
}

/// A step of the launch: `main` (the shell starts), `profiles` (the profile
/// store and keychain are open), `setup` (Tauri's app is built, before its
/// window), `page-started` and `page-finished` (the web view's page load).
pub fn step(name: &str) {
    if enabled() {
        eprintln!("startup {name}");
    }
}

/// [`step`] for a page-load event of the web view.
pub fn page_load(event: PageLoadEvent) {
    step(match event {
        PageLoadEvent::Started => "page-started",
        PageLoadEvent::Finished => "page-finished",
    });
}

/// Wraps the app's command handler so the first invocation is reported.
pub fn reported<H>(handler: H) -> Box<dyn Fn(Invoke) -> bool + Send + Sync>
where
    H: Fn(Invoke) -> bool + Send + Sync + 'static,
{
    if !enabled() {
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
