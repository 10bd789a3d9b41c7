//! The desktop shell: a thin Tauri adapter over `idlens-api`.
//!
//! Invariant: this is the only crate that knows Tauri. It holds no business
//! logic: commands unpack arguments, call [`idlens_api::Api`] and return its
//! result; state is the `Api` itself. The one exception is [`updates`]:
//! replacing the running app cannot be done without Tauri.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod commands;
mod display;
mod first_ipc;
mod updates;
mod webview_settings;

use std::process::ExitCode;
use std::sync::Arc;

use idlens_api::Api;
use tauri::Manager;

/// The label of the one window (`tauri.conf.json`).
const MAIN_WINDOW: &str = "main";

/// Opens the main window and runs until it is closed.
pub fn run() -> ExitCode {
    first_ipc::step("main");
    webview_settings::before_webkit_starts();
    // The profile store and the keychain probe (a D-Bus round trip) open
    // while GTK connects to the display: neither waits for the other.
    let opening = std::thread::spawn(Api::open_default);
    if let Err(problem) = display::check() {
        eprintln!("error: {problem}");
        return ExitCode::from(2);
    }
    let api = match opening.join() {
        Ok(Ok(api)) => {
            first_ipc::step("profiles");
            Arc::new(api)
        }
        Ok(Err(e)) => {
            eprintln!("error: {}", e.message);
            return ExitCode::from(2);
        }
        Err(_panicked) => {
            eprintln!(
                "error: IdLens could not open its profiles (a bug; the message above has details)"
            );
            return ExitCode::from(2);
        }
    };
    let result = updates::register(tauri::Builder::default())
        .manage(api)
        .setup(|app| {
            first_ipc::step("setup");
            if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                webview_settings::show_at_the_latest(window);
            }
            Ok(())
        })
        .on_page_load(|webview, payload| {
            first_ipc::page_load(payload.event());
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                if let Some(window) = webview.app_handle().get_webview_window(MAIN_WINDOW) {
                    webview_settings::show(&window);
                }
            }
        })
        .invoke_handler(first_ipc::reported(commands::handler()))
        .run(context());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: IdLens could not open its window: {e}");
            ExitCode::from(2)
        }
    }
}

/// The app as `tauri.conf.json`, the capabilities and the permission
/// manifest (`build.rs`) make it, assets included.
fn context() -> tauri::Context {
    tauri::generate_context!("tauri.conf.json")
}
