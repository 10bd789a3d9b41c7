//! A bare Tauri 2 app: one window, one command, one page. The page calls
//! `ping` once it has loaded; the first call prints `first-ipc` on stderr,
//! which is what the startup benchmark times. It prints the same launch
//! steps as IdLens (`startup main`, `setup`, `page-started`,
//! `page-finished`; src-tauri/first_ipc.rs), so the two launches can be
//! compared step by step.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::webview::PageLoadEvent;

static ANSWERED: AtomicBool = AtomicBool::new(false);

#[tauri::command]
fn ping() -> &'static str {
    if !ANSWERED.swap(true, Ordering::SeqCst) {
        eprintln!("first-ipc");
    }
    "pong"
}

fn main() {
    eprintln!("startup main");
    tauri::Builder::default()
        .setup(|_| {
            eprintln!("startup setup");
            Ok(())
        })
        .on_page_load(|_, payload| match payload.event() {
            PageLoadEvent::Started => eprintln!("startup page-started"),
            PageLoadEvent::Finished => eprintln!("startup page-finished"),
        })
        .invoke_handler(tauri::generate_handler![ping])
        .run(tauri::generate_context!())
        .expect("the bare app could not open its window");
}
