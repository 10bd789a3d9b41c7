// In release builds on Windows, the GUI must not open a console window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

/// `idlens` opens the desktop app; `idlens <subcommand>` runs headless and
/// never initialises GTK or a display.
fn main() -> ExitCode {
    if std::env::args_os().len() > 1 {
        attach_parent_console();
        return idlens_cli::main(std::env::args_os());
    }
    idlens_shell::run()
}

/// Lets the CLI print to the terminal it was started from, despite the
/// Windows GUI subsystem.
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{AttachConsole, ATTACH_PARENT_PROCESS};
    // SAFETY: AttachConsole takes a process id and has no memory preconditions;
    // when there is no parent console it fails, which leaves output unattached.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}
