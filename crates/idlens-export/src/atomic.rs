//! Files written whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::ExportError;

/// A file being written: a temporary file beside its final path, renamed
/// there by [`commit`](Self::commit). Dropped without a commit (an error, a
/// cancel), it disappears and nothing is left at the path.
pub struct AtomicFile {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
    bytes: u64,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self, ExportError> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            let missing = std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", dir.display()),
            );
            return Err(write_error(path, missing));
        }
        let tmp = tempfile::Builder::new()
            .prefix(".idlens-partial-")
            .tempfile_in(dir)
            .map_err(|e| write_error(path, e))?;
        Ok(Self {
            path: path.to_owned(),
            tmp,
            bytes: 0,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes to disk and moves the file into place; returns its size.
    pub fn commit(self) -> Result<u64, ExportError> {
        let path = self.path;
        self.tmp
            .as_file()
            .sync_all()
            .map_err(|e| write_error(&path, e))?;
        self.tmp
            .persist(&path)
            .map_err(|e| write_error(&path, e.error))?;
        Ok(self.bytes)
    }

    /// A write error on this file, for callers that write through it.
    pub fn error(&self, source: std::io::Error) -> ExportError {
        write_error(&self.path, source)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.tmp.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// Writes `bytes` to `path` whole or not at all.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<u64, ExportError> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| file.error(e))?;
    file.commit()
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
}
