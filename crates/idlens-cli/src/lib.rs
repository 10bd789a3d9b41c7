//! `idlens <subcommand>`: the headless face of IdLens.
//!
//! Invariant: nothing here touches GTK, a display or Tauri; it runs with
//! `DISPLAY` unset. Every subcommand that prints data takes `--json`.
//!
//! Exit codes: 0 success, 1 a negative verdict or finding, 2 usage or I/O error.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod args;
mod audit;
mod fixes;
mod inspect;
mod login;
mod logs;
mod output;
mod progress;
mod rbac;
mod run;
mod sandbox;
mod stdin_secret;
mod support;
mod support_card;
mod terminal;

use std::ffi::OsString;
use std::process::ExitCode;

pub use args::Cli;

/// Exit code for a negative verdict or finding (an invalid token, an audit
/// that found drift, not signed in).
pub const EXIT_FINDING: u8 = 1;
/// Exit code for a usage error, an unreadable file, a keychain or network failure.
pub const EXIT_ERROR: u8 = 2;

/// Parses `args` (including the program name) and runs the subcommand.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    use clap::Parser;
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" to clap but succeed for us.
            let code = if e.use_stderr() { EXIT_ERROR } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    run::run(cli)
}

/// Runs `future` on a single-threaded runtime: the CLI's I/O (key fetches,
/// sign-in) is a few requests at a time.
pub(crate) fn block_on<T>(
    future: impl std::future::Future<Output = T>,
) -> Result<T, idlens_api::ApiError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            idlens_api::ApiError::new(
                idlens_api::ErrorCode::Internal,
                format!("could not start I/O: {e}"),
            )
        })?;
    Ok(runtime.block_on(future))
}
