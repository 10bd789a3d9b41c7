//! Exports: the tables a screen shows, saved as CSV or JSON in the export
//! folder (`$IDLENS_EXPORT_DIR`, else Downloads), whole or not at all.
//! Long lists (a role's members) are written by the core from what it
//! holds, row by row, rather than sent through the webview.

pub mod types;

use std::io::Write;
use std::path::Path;

use idlens_export::{AtomicFile, Folder, Format, Saved, Table, TableWriter};

use crate::types::{ExportSaved, TableExport};
use crate::{Api, ApiError, ErrorCode};

/// The most rows and cells a table from the screen may have.
const MAX_ROWS: usize = 200_000;
const MAX_COLUMNS: usize = 200;
const MAX_TEXT: usize = 64 * 1024 * 1024;

impl Api {
    /// Saves a table the screen shows.
    pub fn export_table(&self, request: TableExport) -> Result<ExportSaved, ApiError> {
        check_size(&request)?;
        let table = Table {
            columns: request.columns,
            rows: request.rows,
        };
        let format = Format::from(request.format);
        let saved = write_rows(&request.name, format, &table.columns, |writer| {
            table.rows.iter().try_for_each(|row| writer.row(row))
        })?;
        Ok(saved.into())
    }
}

/// Writes a new export `name` in the export folder: `rows` writes its rows.
/// Any error removes the partial file.
pub(crate) fn write_rows(
    name: &str,
    format: Format,
    columns: &[String],
    rows: impl FnOnce(&mut TableWriter<&mut AtomicFile>) -> Result<(), idlens_export::ExportError>,
) -> Result<Saved, ApiError> {
    let mut file = export_folder()?.create(name, format.extension())?;
    let path = file.path();
    let mut writer =
        TableWriter::new(&mut file, format, columns).map_err(|e| file_error(&path, e))?;
    rows(&mut writer)?;
    let (_, count) = writer.finish().map_err(|e| file_error(&path, e))?;
    let committed = file.commit()?;
    Ok(Saved {
        path: committed.path,
        rows: count,
        bytes: committed.bytes,
    })
}

/// Writes a new export `name` whose bytes are ready.
pub(crate) fn write_bytes(
    name: &str,
    format: Format,
    bytes: &[u8],
    rows: u64,
) -> Result<Saved, ApiError> {
    let mut file = export_folder()?.create(name, format.extension())?;
    file.write_all(bytes).map_err(|e| file.error(e))?;
    let committed = file.commit()?;
    Ok(Saved {
        path: committed.path,
        rows,
        bytes: committed.bytes,
    })
}

/// The files `idlens-{stem}-….json` in the export folder with their sizes,
/// newest first.
pub(crate) fn saved_files(stem: &str) -> Result<Vec<(std::path::PathBuf, u64)>, ApiError> {
    let folder = export_folder()?;
    let entries = std::fs::read_dir(folder.dir()).map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!("Could not list {}: {e}", folder.dir().display()),
        )
    })?;
    let prefix = format!("idlens-{stem}-");
    let mut found: Vec<(std::time::SystemTime, std::path::PathBuf, u64)> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".json")
        })
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file().then(|| {
                (
                    meta.modified().unwrap_or(std::time::UNIX_EPOCH),
                    e.path(),
                    meta.len(),
                )
            })
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    Ok(found
        .into_iter()
        .map(|(_, path, bytes)| (path, bytes))
        .collect())
}

/// The text of a saved document (`what`: "snapshot", "report"), read up to
/// `limit` bytes: an unreadable file is an I/O error, one too large or not
/// UTF-8 is invalid input.
pub(crate) fn read_saved(path: &Path, limit: usize, what: &str) -> Result<String, ApiError> {
    idlens_bounded::read_file(path, limit).map_err(|e| {
        let code = match e {
            idlens_bounded::ReadError::Io(_) => ErrorCode::Io,
            _ => ErrorCode::InvalidInput,
        };
        ApiError::new(
            code,
            format!("Could not read the {what} {}: {e}.", path.display()),
        )
    })
}

pub(crate) fn export_folder() -> Result<Folder, ApiError> {
    let folder = Folder::from_env()?;
    if !folder.dir().is_dir() {
        return Err(ApiError::new(
            ErrorCode::Io,
            format!(
                "The export folder {} does not exist: create it, or set IDLENS_EXPORT_DIR to another folder.",
                folder.dir().display()
            ),
        ));
    }
    Ok(folder)
}

fn file_error(path: &Path, source: std::io::Error) -> ApiError {
    idlens_export::ExportError::Write {
        path: path.display().to_string(),
        source,
    }
    .into()
}

fn check_size(request: &TableExport) -> Result<(), ApiError> {
    let text: usize = request
        .rows
        .iter()
        .flatten()
        .chain(&request.columns)
        .map(String::len)
        .sum();
    if request.rows.len() > MAX_ROWS || request.columns.len() > MAX_COLUMNS || text > MAX_TEXT {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "This table is too large to export from the screen ({} rows, {} columns): narrow it with a filter.",
                request.rows.len(),
                request.columns.len()
            ),
        ));
    }
    Ok(())
}

impl From<Saved> for ExportSaved {
    fn from(s: Saved) -> Self {
        Self {
            file_name: s
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: s.path.display().to_string(),
            rows: s.rows,
            bytes: s.bytes,
        }
    }
}
