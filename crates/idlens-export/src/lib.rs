//! Exports: what a screen shows, as a file a person opens elsewhere.
//!
//! - [`Table`] rows go out as CSV ([`csv`]), with every cell a spreadsheet
//!   would run as a formula made inert, or as JSON (one object per row).
//! - [`AtomicFile`] writes a file whole or not at all, readable by its owner
//!   only: a failure or a cancelled export never leaves half a file where
//!   the user looks, and nothing planted in the folder is written through.
//! - [`Folder`] is where exports go (the Downloads folder unless set), with
//!   names that never overwrite an earlier export, even one made in the
//!   same second by another process.
//!
//! Rows are written as they come ([`TableWriter`]), so an export of a long
//! list never holds the whole file in memory.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod atomic;
mod folder;
mod table;

pub use atomic::{write_atomically, AtomicFile, Committed};
pub use folder::{file_stem, Folder};
pub use table::{Format, Table, TableWriter};

/// Why an export could not be written. Messages name the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write {path}: {source}. Check that the folder exists and has free space.")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("a row has {found} cells where the table has {expected} columns")]
    RowWidth { expected: usize, found: usize },
    #[error("no folder to export to: set IDLENS_EXPORT_DIR to one")]
    NoFolder,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: std::path::PathBuf,
    pub rows: u64,
    pub bytes: u64,
}
