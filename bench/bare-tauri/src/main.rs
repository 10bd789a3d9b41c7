//! A bare Tauri 2 app: one window, one command, one page. The page calls
//! `ping` once it has loaded; the first call prints `first-ipc` on stderr,
//! which is what the startup benchmark times.

use std::sync::atomic::{AtomicBool, Ordering};

static ANSWERED: AtomicBool = AtomicBool::new(false);

#[tauri::command]
fn ping() -> &'static str {
    if !ANSWERED.swap(true, Ordering::SeqCst) {
        eprintln!("first-ipc");
    }
    "pong"
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ping])
        .run(tauri::generate_context!())
        .expect("the bare app could not open its window");
}
