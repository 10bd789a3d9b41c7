//! Long work from the command line: a job whose progress is one line on
//! stderr while stderr is a terminal (and nothing with `--json` or when
//! piped), cancelled by Ctrl+C. A wait whose rate-limit headers look wrong
//! is said once on stderr as a warning, whatever stderr is.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use idlens_api::types::wait_note_text;
use idlens_api::{ApiError, ErrorCode};
use idlens_job::{Job, Progress, WaitNote};

use crate::terminal::Untrusted;

/// Runs `work` with a job, showing its progress unless `quiet`; Ctrl+C
/// cancels it (the work then ends with a `cancelled` error).
pub fn run_job<T, F>(quiet: bool, work: impl FnOnce(Job) -> F) -> Result<T, ApiError>
where
    F: std::future::Future<Output = Result<T, ApiError>>,
{
    let show = !quiet && std::io::stderr().is_terminal();
    let warned: Mutex<Option<WaitNote>> = Mutex::new(None);
    let (job, cancel) = Job::new(move |p| {
        if let Some(note) = new_note(&warned, p) {
            if show {
                let _cleared = write!(std::io::stderr(), "\r\x1b[2K");
            }
            crate::output::note(&format!("warning: {}", wait_note_text(&note)));
        }
        if show {
            draw(p);
        }
    });
    let outcome = crate::block_on(async move {
        let work = work(job);
        tokio::pin!(work);
        tokio::select! {
            result = &mut work => result,
            _ = tokio::signal::ctrl_c() => {
                cancel.cancel();
                // The work notices within one request and ends.
                work.await
            }
        }
    })?;
    if show {
        // Clear the progress line.
        let _cleared = write!(std::io::stderr(), "\r\x1b[2K");
    }
    outcome.map_err(|e| match e.code {
        ErrorCode::Cancelled => ApiError::new(
            ErrorCode::Cancelled,
            "Cancelled (Ctrl+C): nothing was printed.",
        ),
        _ => e,
    })
}

/// The wait's note, when it is not the one last warned about.
fn new_note(warned: &Mutex<Option<WaitNote>>, p: &Progress) -> Option<WaitNote> {
    let note = p.wait_note?;
    let mut last = warned.lock().unwrap_or_else(|e| e.into_inner());
    (*last != Some(note)).then(|| {
        *last = Some(note);
        note
    })
}

/// One line: "Reading the members of role Everyone… 400/1191 (waiting for the rate limit, 1 s)".
fn draw(p: &Progress) {
    let mut line = format!("{}…", Untrusted(&p.phase));
    if p.done > 0 || p.total.is_some() {
        line.push_str(&format!(" {}", p.done));
        if let Some(total) = p.total {
            line.push_str(&format!("/{total}"));
        }
    }
    if let Some(until) = p.waiting_until {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        line.push_str(&format!(
            " (waiting for the rate limit, {} s)",
            (until - now).max(0)
        ));
    }
    // The terminal is a person's, and this line is ours: \\r and the erase
    // sequence are the only controls in it (the phase is escaped).
    let _drawn = write!(std::io::stderr(), "\r\x1b[2K{line}");
}
