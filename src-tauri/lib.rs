//! The desktop shell: a thin Tauri adapter over `idlens-api`.
//!
//! Invariant: this is the only crate that knows Tauri. It holds no business
//! logic: commands unpack arguments, call [`idlens_api::Api`] and return its
//! result; state is the `Api` itself.

mod commands;
mod display;

use std::process::ExitCode;
use std::sync::Arc;

use idlens_api::Api;

/// Opens the main window and runs until it is closed.
pub fn run() -> ExitCode {
    if let Err(problem) = display::check() {
        eprintln!("error: {problem}");
        return ExitCode::from(2);
    }
    let api = match Api::open_default() {
        Ok(api) => Arc::new(api),
        Err(e) => {
            eprintln!("error: {}", e.message);
            return ExitCode::from(2);
        }
    };
    let result = tauri::Builder::default()
        .manage(api)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!("tauri.conf.json"));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: IdLens could not open its window: {e}");
            ExitCode::from(2)
        }
    }
}
