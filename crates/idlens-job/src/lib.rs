//! Long work as jobs. A fetch of 1,000+ role members, a tenant snapshot, an
//! export or an audit takes a [`Job`]: it reports its progress through it
//! (a phase, how far, a wait for a rate limit, when it ends and, when the
//! server's headers looked wrong, a [`WaitNote`]) and stops
//! when it is cancelled. Who started the job decides where progress goes:
//! the desktop shell streams it to the UI, the CLI prints a line on stderr,
//! tests collect it. Work that streams its results (a log search or tail)
//! hands them on in batches to a sink of their type ([`Job::streaming`],
//! [`Job::deliver`]) instead of holding them until the end.
//!
//! Invariants:
//! - Progress is reported in order, on the worker's thread, at most every
//!   [`REPORT_EVERY`] except for changes of phase and waits, which are
//!   reported at once; the last state before the result is always reported.
//! - Cancelling is cooperative: the work checks [`Job::check`] between
//!   requests and races [`Job::cancelled`] against waits, so a cancel ends
//!   it within one request.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod duration_text;

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio_util::sync::CancellationToken;

pub use duration_text::{format_duration, parse_duration, DurationError};

/// Progress is passed on at most this often (changes of phase and waits at once).
pub const REPORT_EVERY: Duration = Duration::from_millis(100);

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    /// What it is doing now, as a phrase: "Fetching the members of role Admin".
    pub phase: String,
    /// Items done in this phase.
    pub done: u64,
    /// Items in this phase, when known.
    pub total: Option<u64>,
    /// While waiting for a rate limit to reset: when (UNIX seconds) it goes on.
    pub waiting_until: Option<i64>,
    /// While waiting: why the wait is not the one the server asked for.
    pub wait_note: Option<WaitNote>,
}

/// Why a rate-limit wait is not the one the server's headers asked for:
/// they look wrong, and whoever waits should know (the CLI and the UI say it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitNote {
    /// `header` asked to wait until `asked_until` (UNIX seconds), longer
    /// than IdLens ever waits on a header's word (`ceiling_secs`).
    TooLong {
        header: &'static str,
        asked_until: i64,
        ceiling_secs: u64,
    },
    /// `header` named `asked_until` (UNIX seconds), long past: IdLens waited
    /// `waited_secs` instead.
    LongPast {
        header: &'static str,
        asked_until: i64,
        waited_secs: u64,
    },
    /// `header` is not a time: IdLens waited `waited_secs` instead.
    Unreadable {
        header: &'static str,
        waited_secs: u64,
    },
}

/// The work was cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the work was cancelled")
    }
}

impl std::error::Error for Cancelled {}

type Sink = Box<dyn Fn(&Progress) + Send + Sync>;

/// Where a streaming job's batches go: the type it takes, and the sink.
struct BatchSink {
    accepts: TypeId,
    deliver: Box<dyn Fn(Box<dyn Any + Send>) + Send + Sync>,
}

/// A batch the job could not hand on: the job was made without a sink for
/// batches of that type ([`Job::streaming`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoBatchSink;

impl std::fmt::Display for NoBatchSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("this job streams its results, and nobody takes them")
    }
}

impl std::error::Error for NoBatchSink {}

/// A job's side of the work: report progress, notice a cancel. Cheap to
/// clone; clones report to the same place.
#[derive(Clone)]
pub struct Job {
    inner: Arc<Inner>,
}

struct Inner {
    cancel: CancellationToken,
    sink: Sink,
    batches: Option<BatchSink>,
    state: Mutex<State>,
}

struct State {
    progress: Progress,
    reported_at: Option<Instant>,
}

/// Cancels the [`Job`] it was made with.
#[derive(Clone, Debug)]
pub struct CancelHandle(CancellationToken);

impl CancelHandle {
    pub fn cancel(&self) {
        self.0.cancel();
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("cancelled", &self.is_cancelled())
            .finish_non_exhaustive()
    }
}

impl Job {
    /// A job whose progress goes to `sink`, and the handle that cancels it.
    pub fn new(sink: impl Fn(&Progress) + Send + Sync + 'static) -> (Self, CancelHandle) {
        Self::with_batches(Box::new(sink), None)
    }

    /// A job whose progress goes to `sink` and whose partial results (batches
    /// of `B`, as the work makes them) go to `batches`, in order, on the
    /// worker's thread: long streams (a log tail) hand on what they read
    /// instead of holding it until the end.
    pub fn streaming<B: Send + 'static>(
        sink: impl Fn(&Progress) + Send + Sync + 'static,
        batches: impl Fn(B) + Send + Sync + 'static,
    ) -> (Self, CancelHandle) {
        let deliver = move |batch: Box<dyn Any + Send>| {
            if let Ok(batch) = batch.downcast::<B>() {
                batches(*batch);
            }
        };
        let batches = BatchSink {
            accepts: TypeId::of::<B>(),
            deliver: Box::new(deliver),
        };
        Self::with_batches(Box::new(sink), Some(batches))
    }

    fn with_batches(sink: Sink, batches: Option<BatchSink>) -> (Self, CancelHandle) {
        let cancel = CancellationToken::new();
        let job = Self {
            inner: Arc::new(Inner {
                cancel: cancel.clone(),
                sink,
                batches,
                state: Mutex::new(State {
                    progress: Progress::default(),
                    reported_at: None,
                }),
            }),
        };
        (job, CancelHandle(cancel))
    }

    /// A job nobody watches or cancels (quick calls, tests).
    pub fn unwatched() -> Self {
        Self::new(|_| {}).0
    }

    /// Whether batches of `B` have somewhere to go ([`Job::streaming`]).
    pub fn takes_batches<B: Send + 'static>(&self) -> bool {
        self.inner
            .batches
            .as_ref()
            .is_some_and(|b| b.accepts == TypeId::of::<B>())
    }

    /// Hands on a batch of partial results; [`NoBatchSink`] when the job
    /// was made without a sink for `B` (check [`Job::takes_batches`] before
    /// starting the work, so nothing is read to be dropped).
    pub fn deliver<B: Send + 'static>(&self, batch: B) -> Result<(), NoBatchSink> {
        match &self.inner.batches {
            Some(sink) if sink.accepts == TypeId::of::<B>() => {
                (sink.deliver)(Box::new(batch));
                Ok(())
            }
            _ => Err(NoBatchSink),
        }
    }

    /// Starts a phase: `done` goes back to 0.
    pub fn phase(&self, phase: impl Into<String>, total: Option<u64>) {
        self.update(true, |p| {
            *p = Progress {
                phase: phase.into(),
                done: 0,
                total,
                waiting_until: None,
                wait_note: None,
            }
        });
    }

    /// `by` more items of this phase are done.
    pub fn advance(&self, by: u64) {
        self.update(false, |p| p.done = p.done.saturating_add(by));
    }

    /// The phase's total became known (or changed).
    pub fn set_total(&self, total: Option<u64>) {
        self.update(false, |p| p.total = total);
    }

    /// The work waits for a rate limit until `until` (with a `note` when
    /// that is not what the server asked); [`Job::resumed`] ends it.
    pub fn waiting(&self, until: SystemTime, note: Option<WaitNote>) {
        let secs = until
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.update(true, |p| {
            p.waiting_until = Some(secs);
            p.wait_note = note;
        });
    }

    /// The wait is over.
    pub fn resumed(&self) {
        self.update(true, |p| {
            p.waiting_until = None;
            p.wait_note = None;
        });
    }

    /// Reports the current state now, whatever the time since the last
    /// report: before the result, so the last progress seen is the last made.
    pub fn flush(&self) {
        self.update(true, |_| {});
    }

    /// The current state.
    pub fn progress(&self) -> Progress {
        lock(&self.inner.state).progress.clone()
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancel.is_cancelled()
    }

    /// `Err(Cancelled)` once the job is cancelled: call it between steps.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Resolves when the job is cancelled: race it against waits.
    pub async fn cancelled(&self) {
        self.inner.cancel.cancelled().await;
    }

    /// Sleeps `duration` unless cancelled first.
    pub async fn sleep(&self, duration: Duration) -> Result<(), Cancelled> {
        tokio::select! {
            _ = tokio::time::sleep(duration) => Ok(()),
            _ = self.inner.cancel.cancelled() => Err(Cancelled),
        }
    }

    /// `inner`, read until the job is cancelled: then every read fails with
    /// an error wrapping [`Cancelled`], so blocking work that reads a large
    /// file (checking a download) stops at its next read.
    pub fn reader<R: std::io::Read>(&self, inner: R) -> CancellableRead<R> {
        CancellableRead {
            inner,
            job: self.clone(),
        }
    }

    /// Reports through the sink, which must not call back into this job
    /// (it runs under the job's state lock, which keeps reports in order).
    fn update(&self, now: bool, change: impl FnOnce(&mut Progress)) {
        let mut state = lock(&self.inner.state);
        let before = state.progress.clone();
        change(&mut state.progress);
        let due = state
            .reported_at
            .is_none_or(|at| at.elapsed() >= REPORT_EVERY);
        if now || (due && state.progress != before) {
            state.reported_at = Some(Instant::now());
            (self.inner.sink)(&state.progress);
        }
    }
}

/// A reader that stops when its job is cancelled ([`Job::reader`]).
pub struct CancellableRead<R> {
    inner: R,
    job: Job,
}

impl<R: std::io::Read> std::io::Read for CancellableRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.job.check().map_err(std::io::Error::other)?;
        self.inner.read(buf)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collecting() -> (Job, CancelHandle, Arc<Mutex<Vec<Progress>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let (job, cancel) = Job::new(move |p| lock(&sink).push(p.clone()));
        (job, cancel, seen)
    }

    #[test]
    fn batches_go_to_the_sink_of_their_type_and_nowhere_else() {
        let got = Arc::new(Mutex::new(Vec::new()));
        let into = Arc::clone(&got);
        let (job, _cancel) = Job::streaming(|_| {}, move |b: Vec<u32>| lock(&into).extend(b));
        assert!(job.takes_batches::<Vec<u32>>());
        assert!(!job.takes_batches::<String>());
        assert_eq!(job.deliver(vec![1u32, 2]), Ok(()));
        assert_eq!(job.clone().deliver(vec![3u32]), Ok(()));
        assert_eq!(job.deliver("other".to_owned()), Err(NoBatchSink));
        assert_eq!(*lock(&got), vec![1, 2, 3]);
        assert_eq!(Job::unwatched().deliver(vec![4u32]), Err(NoBatchSink));
    }

    #[test]
    fn phases_and_waits_are_reported_at_once_steps_at_most_every_100_ms() {
        let (job, _cancel, seen) = collecting();
        job.phase("Fetching roles", Some(3));
        for _ in 0..3 {
            job.advance(1);
        }
        let note = WaitNote::TooLong {
            header: "x-ratelimit-reset",
            asked_until: 4_102_444_800,
            ceiling_secs: 60,
        };
        job.waiting(UNIX_EPOCH + Duration::from_secs(1_800_000_000), Some(note));
        job.resumed();
        job.flush();
        let seen = lock(&seen).clone();
        assert_eq!(seen[0].phase, "Fetching roles");
        assert_eq!(seen[0].done, 0);
        // The three steps came within 100 ms of the phase: none on its own.
        assert_eq!(seen[1].waiting_until, Some(1_800_000_000));
        assert_eq!(seen[1].wait_note, Some(note));
        assert_eq!(seen[1].done, 3);
        assert_eq!(seen[2].waiting_until, None);
        assert_eq!(seen[2].wait_note, None);
        assert_eq!(seen.last().unwrap().done, 3);
        assert_eq!(job.progress().total, Some(3));
    }

    #[test]
    fn a_cancelled_jobs_reader_fails_its_next_read() {
        use std::io::Read;
        let (job, cancel, _) = collecting();
        let mut reader = job.reader(std::io::repeat(b'x'));
        let mut buf = [0u8; 4];
        assert_eq!(reader.read(&mut buf).unwrap(), 4);
        cancel.cancel();
        let err = reader.read(&mut buf).unwrap_err();
        assert!(err.get_ref().is_some_and(|e| e.is::<Cancelled>()), "{err}");
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn a_cancel_ends_a_wait_and_fails_the_next_check() {
        let (job, cancel, _) = collecting();
        assert_eq!(job.check(), Ok(()));
        let waiting = job.clone();
        let sleeper = tokio::spawn(async move { waiting.sleep(Duration::from_secs(3600)).await });
        cancel.cancel();
        assert_eq!(sleeper.await.unwrap(), Err(Cancelled));
        assert_eq!(job.check(), Err(Cancelled));
        assert!(job.is_cancelled());
    }
}
