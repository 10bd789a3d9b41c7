//! Long work from the command line: a job whose progress is one line on
//! stderr while stderr is a terminal (and nothing with `--json` or when
//! piped), cancelled by Ctrl+C. A wait whose rate-limit headers look wrong
//! is said once on stderr as a warning, whatever stderr is.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use idlens_api::types::wait_note_text;
use idlens_api::{ApiError, ErrorCode};
use idlens_job::{CancelHandle, Job, Progress, WaitNote};

use crate::terminal::Untrusted;

/// Runs `work` with a job, showing its progress unless `quiet`; Ctrl+C
/// cancels it (the work then ends with a `cancelled` error).
pub fn run_job<T, F>(quiet: bool, work: impl FnOnce(Job) -> F) -> Result<T, ApiError>
where
    F: std::future::Future<Output = Result<T, ApiError>>,
{
    let show = shows_progress(quiet);
    let (job, cancel) = Job::new(progress_sink(show));
    let outcome = until_ctrl_c(job, cancel, work)?;
    clear_line(show);
    outcome.map_err(|e| match e.code {
        ErrorCode::Cancelled => ApiError::new(
            ErrorCode::Cancelled,
            "Cancelled (Ctrl+C): nothing was printed.",
        ),
        _ => e,
    })
}

/// [`run_job`] for work that hands on batches as it goes (a log search):
/// each goes to `on_batch` (the progress line cleared first), and a cancel
/// comes back as the work's `cancelled` error, for the caller to say what
/// it had printed.
pub fn run_streaming_job<B, T, F>(
    quiet: bool,
    on_batch: impl Fn(B) + Send + Sync + 'static,
    work: impl FnOnce(Job) -> F,
) -> Result<T, ApiError>
where
    B: Send + 'static,
    F: std::future::Future<Output = Result<T, ApiError>>,
{
    let show = shows_progress(quiet);
    let batches = move |batch: B| {
        clear_line(show);
        on_batch(batch);
    };
    let (job, cancel) = Job::streaming(progress_sink(show), batches);
    let outcome = until_ctrl_c(job, cancel, work)?;
    clear_line(show);
    outcome
}

fn shows_progress(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

/// Draws progress when `show`, and says a suspicious rate-limit wait once.
fn progress_sink(show: bool) -> impl Fn(&Progress) + Send + Sync + 'static {
    let warned: Mutex<Option<WaitNote>> = Mutex::new(None);
    move |p| {
        if let Some(note) = new_note(&warned, p) {
            clear_line(show);
            crate::output::note(&format!("warning: {}", wait_note_text(&note)));
        }
        if show {
            draw(p);
        }
    }
}

/// Runs the work; Ctrl+C cancels the job, and the work notices within one
/// request and ends.
fn until_ctrl_c<T, F>(
    job: Job,
    cancel: CancelHandle,
    work: impl FnOnce(Job) -> F,
) -> Result<Result<T, ApiError>, ApiError>
where
    F: std::future::Future<Output = Result<T, ApiError>>,
{
    crate::block_on(async move {
        let work = work(job);
        tokio::pin!(work);
        tokio::select! {
            result = &mut work => result,
            _ = tokio::signal::ctrl_c() => {
                cancel.cancel();
                work.await
            }
        }
    })
}

/// Clears the progress line, when one is drawn.
fn clear_line(show: bool) {
    if show {
        let _cleared = write!(std::io::stderr(), "\r\x1b[2K");
    }
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
