//! Files written whole or not at all, readable by their owner only.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::ExportError;

/// Names tried for a new file before giving up (`name-2` … `name-10000`).
const MAX_SUFFIX: u32 = 10_000;

/// A file being written: a temporary file beside its final path, moved
/// there by [`commit`](Self::commit). Dropped without a commit (an error, a
/// cancel), it disappears and nothing is left at the path.
///
/// Invariants:
/// - The temporary file has a random name and is created exclusively
///   (`O_CREAT | O_EXCL`, which never follows a symlink), so nothing
///   planted in the folder (a symlink at a name IdLens would use) is
///   written through.
/// - On Unix the file is created mode 0600, and the move keeps it: every
///   file IdLens writes for the user is readable by the user alone.
/// - A new file ([`Folder::create`](crate::Folder::create)) never replaces
///   anything: it is moved to the first free name without replacing
///   (`renameat2(RENAME_NOREPLACE)`, or a hard link), so two exports in the
///   same second each get their own name.
pub struct AtomicFile {
    target: Target,
    tmp: tempfile::NamedTempFile,
}

/// Where a committed file goes.
enum Target {
    /// This path, replacing what is there (a path the user chose).
    Replace(PathBuf),
    /// A new file in `dir`: `{base}.{ext}`, else `{base}-2.{ext}`, …,
    /// whichever is free at the commit.
    New {
        dir: PathBuf,
        base: String,
        ext: String,
    },
}

/// A committed file: where it is and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub path: PathBuf,
    pub bytes: u64,
}

impl AtomicFile {
    /// A file for `path`, replacing what is there on commit.
    pub fn create(path: &Path) -> Result<Self, ExportError> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let tmp = temporary_in(dir, &name).map_err(|e| write_error(path, e))?;
        Ok(Self {
            target: Target::Replace(path.to_owned()),
            tmp,
        })
    }

    /// A new file named `{base}.{ext}` in `dir`, or with the first free
    /// suffix; never replaces a file.
    pub(crate) fn create_new(dir: &Path, base: String, ext: &str) -> Result<Self, ExportError> {
        let tmp = temporary_in(dir, &base);
        let target = Target::New {
            dir: dir.to_owned(),
            base,
            ext: ext.to_owned(),
        };
        let tmp = tmp.map_err(|e| write_error(&target.candidate(1), e))?;
        Ok(Self { target, tmp })
    }

    /// The path the file is meant for; a new file may end up at a name with
    /// a suffix ([`Committed::path`] says where).
    pub fn path(&self) -> PathBuf {
        self.target.candidate(1)
    }

    /// A second handle on the temporary file, for writing from async code
    /// (`tokio::fs::File::from_std`). Its writes are committed like any.
    pub fn try_clone_file(&self) -> Result<std::fs::File, ExportError> {
        self.tmp.as_file().try_clone().map_err(|e| self.error(e))
    }

    /// A new handle reading the temporary file from its start (checking
    /// what was written before committing it).
    pub fn reopen(&self) -> Result<std::fs::File, ExportError> {
        self.tmp.reopen().map_err(|e| self.error(e))
    }

    /// Flushes to disk and moves the file into place.
    // AtomicFile is the one writer clippy.toml allows.
    #[allow(clippy::disallowed_methods)]
    pub fn commit(self) -> Result<Committed, ExportError> {
        let file = self.tmp.as_file();
        let synced = file.sync_all().and_then(|()| file.metadata());
        let bytes = synced
            .map_err(|e| write_error(&self.target.candidate(1), e))?
            .len();
        let path = match self.target {
            Target::Replace(path) => {
                self.tmp
                    .persist(&path)
                    .map_err(|e| write_error(&path, e.error))?;
                path
            }
            target @ Target::New { .. } => target.persist_new(self.tmp)?,
        };
        Ok(Committed { path, bytes })
    }

    /// A write error on this file, for callers that write through it.
    pub fn error(&self, source: std::io::Error) -> ExportError {
        write_error(&self.target.candidate(1), source)
    }
}

impl Target {
    /// The `n`th name a new file may take (from 1); the path itself otherwise.
    fn candidate(&self, n: u32) -> PathBuf {
        match self {
            Target::Replace(path) => path.clone(),
            Target::New { dir, base, ext } if n == 1 => dir.join(format!("{base}.{ext}")),
            Target::New { dir, base, ext } => dir.join(format!("{base}-{n}.{ext}")),
        }
    }

    /// Moves `tmp` to the first free name, replacing nothing.
    fn persist_new(self, mut tmp: tempfile::NamedTempFile) -> Result<PathBuf, ExportError> {
        for n in 1..=MAX_SUFFIX {
            let path = self.candidate(n);
            match tmp.persist_noclobber(&path) {
                Ok(_) => return Ok(path),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
                Err(e) => return Err(write_error(&path, e.error)),
            }
        }
        let taken = std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{MAX_SUFFIX} files by that name exist"),
        );
        Err(write_error(&self.candidate(1), taken))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// A temporary file in `dir` for the file `name`: `.idlens-partial-`, the
/// name's first 100 characters, and a random part; created exclusively,
/// mode 0600.
fn temporary_in(dir: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let name: String = name.chars().take(100).collect();
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        ));
    }
    tempfile::Builder::new()
        .prefix(&format!(".idlens-partial-{name}-"))
        .tempfile_in(dir)
}

/// Writes `bytes` to `path` whole or not at all.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<u64, ExportError> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| file.error(e))?;
    Ok(file.commit()?.bytes)
}

fn write_error(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Write {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_abandoned_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"half of it").unwrap();
        drop(file);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[test]
    fn a_committed_file_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        assert_eq!(write_atomically(&path, b"new contents").unwrap(), 12);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new contents");
        assert_eq!(names(dir.path()), vec!["out.csv"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let err = write_atomically(Path::new("/nonexistent-idlens/out.csv"), b"x").unwrap_err();
        assert!(
            err.to_string().contains("/nonexistent-idlens/out.csv"),
            "{err}"
        );
    }

    #[test]
    fn writes_through_a_second_handle_are_committed_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.json.gz");
        let file = AtomicFile::create(&path).unwrap();
        file.try_clone_file().unwrap().write_all(b"abc").unwrap();
        let mut read = String::new();
        std::io::Read::read_to_string(&mut file.reopen().unwrap(), &mut read).unwrap();
        assert_eq!(read, "abc");
        assert_eq!(
            file.commit().unwrap(),
            Committed {
                path: path.clone(),
                bytes: 3
            }
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"abc");
    }

    #[cfg(unix)]
    #[test]
    fn committed_files_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "old, world-readable").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&path, b"{}").unwrap();
        let new = AtomicFile::create_new(dir.path(), "idlens-x".into(), "csv").unwrap();
        let new = new.commit().unwrap().path;
        for written in [path, new] {
            let mode = std::fs::metadata(&written).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", written.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_replaced_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        // At the path itself, and at the `.part` name IdLens once used.
        let out = dir.path().join("out.json.gz");
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("out.json.gz.part")).unwrap();
        write_atomically(&out, b"export").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&out).unwrap().is_symlink());
        assert_eq!(std::fs::read(&out).unwrap(), b"export");
    }
}
