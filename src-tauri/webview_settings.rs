//! WebKitGTK settings of the app's web views (Linux; elsewhere nothing to set).
//!
//! GPU compositing is off. IdLens draws forms, tables and text; WebKit's
//! accelerated compositing keeps a backing store per composited layer (the
//! scrolling main column, sticky headers, spinners), which cost ~100 MiB more
//! in the web process than painting them in software and bought nothing we
//! could see (BENCHMARKS.md, "Startup time and memory"). It also sidesteps
//! WebKitGTK's blank-window problems with some GPU drivers.
//!
//! It is WebKit's own switch, `WEBKIT_DISABLE_COMPOSITING_MODE=1`, set before
//! WebKit starts: switching the web view's hardware-acceleration policy after
//! the page began loading left WebKit's snapshots (what WebDriver's screenshot
//! asks for) waiting for a paint that never came. A user who sets
//! `WEBKIT_FORCE_COMPOSITING_MODE=1` or `WEBKIT_DISABLE_COMPOSITING_MODE`
//! themselves keeps their choice.

/// Sets WebKit's environment. Call first thing, while this is the only thread.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn before_webkit_starts() {
    let user_chose = [
        "WEBKIT_FORCE_COMPOSITING_MODE",
        "WEBKIT_DISABLE_COMPOSITING_MODE",
    ]
    .iter()
    .any(|name| std::env::var_os(name).is_some());
    if !user_chose {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn before_webkit_starts() {}
