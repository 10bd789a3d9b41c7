//! Whether a desktop is there to open a window on, asked before Tauri is.
//!
//! On Linux, Tauri's event loop panics (exit 101, "Failed to initialize gtk
//! backend") when GTK finds no display. IdLens asks GTK first and, without a
//! display, says so and points to the headless subcommands (exit 2).

/// What to tell someone who ran `idlens` without a desktop.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn check() -> Result<(), String> {
    // gtk::init is what Tauri's event loop calls; it is safe to call first
    // (it only runs once) and fails with an error instead of panicking.
    gtk::init().map_err(|_| {
        let which = match (
            std::env::var_os("DISPLAY"),
            std::env::var_os("WAYLAND_DISPLAY"),
        ) {
            (None, None) => {
                "no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set)".to_owned()
            }
            (display, wayland) => format!(
                "the display could not be opened (DISPLAY={}, WAYLAND_DISPLAY={})",
                display
                    .map(|d| d.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                wayland
                    .map(|d| d.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
        };
        format!(
            "IdLens could not open its window: {which}. Run it from a desktop session, \
             or use it headless with a subcommand (`idlens --help`: inspect, login, profile, …); \
             on a server, `xvfb-run idlens` gives it a virtual display."
        )
    })
}

/// Windows and macOS always have a desktop for a GUI process.
#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn check() -> Result<(), String> {
    Ok(())
}
