//! An exclusive OS file lock held around a read-modify-write of a file that
//! several IdLens processes share (the profile file, the action log).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process held it for the whole wait.
    #[error("another IdLens (the app or a command) has held {} for {} s", path.display(), waited.as_secs())]
    Busy { path: PathBuf, waited: Duration },
    #[error("could not lock {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Opens (creating it if need be, private to its owner, never truncating)
/// `path` for reading and appending, and takes its exclusive lock, waiting up to `wait` for another
/// holder. The lock is released when the returned file is dropped.
///
/// `flock` semantics on Unix: two opens of the same file conflict, even in
/// one process, so threads and processes are serialised alike.
// The file is opened only to be locked (and, for the action log, appended
// to under that lock); it is not a file for the user.
#[allow(clippy::disallowed_methods)]
pub fn lock_exclusive(path: &Path, wait: Duration) -> Result<File, LockError> {
    let io = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).read(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(io)?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                // Holders keep it for milliseconds; poll rather than block,
                // so a stuck process gives an error instead of a hang.
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(LockError::Busy {
                    path: path.to_path_buf(),
                    waited: wait,
                })
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
    }
}
