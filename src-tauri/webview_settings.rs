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

/// The main window is created hidden (`visible: false` in `tauri.conf.json`)
/// and shown once its page has loaded, or after [`SHOW_AT_THE_LATEST`] if
/// the load never finishes.
///
/// Painting without compositing, WebKitGTK's UI process waits up to 500 ms
/// (`didUpdateBackingStoreStateTimeout`) for the web process's first
/// backing store when GTK asks a visible web view to draw before the web
/// process has one: a window shown while its web process is still starting
/// sometimes froze the launch for that half second, before the page even
/// started loading (a third of launches in the startup benchmark, and the
/// bare Tauri app too once compositing is off in it). A hidden window is
/// not drawn, so nothing waits; shown after the load, it shows the first
/// screen rather than a blank one.
pub const SHOW_AT_THE_LATEST: std::time::Duration = std::time::Duration::from_secs(3);

/// Shows `window` (again: showing a shown window does nothing).
pub fn show<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    if let Err(e) = window.show() {
        eprintln!("error: IdLens could not show its window: {e}");
    }
}

/// Shows the main window after [`SHOW_AT_THE_LATEST`], whether or not its
/// page has loaded by then.
pub fn show_at_the_latest<R: tauri::Runtime>(window: tauri::WebviewWindow<R>) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SHOW_AT_THE_LATEST).await;
        show(&window);
    });
}
