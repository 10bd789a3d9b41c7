//! Files the CLI writes: whole or not at all.

use std::io::Write;
use std::path::Path;

use idlens_api::{ApiError, ErrorCode};

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so a failure (a full disk, Ctrl+C) never leaves half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    let error = |e: std::io::Error| {
        ApiError::new(
            ErrorCode::Io,
            format!("could not write {}: {e}", path.display()),
        )
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(error)?;
    tmp.write_all(bytes).map_err(error)?;
    tmp.as_file().sync_all().map_err(error)?;
    tmp.persist(path).map_err(|e| error(e.error))?;
    Ok(())
}
