//! Boundary types of exports.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    Csv,
    Json,
}

impl From<ExportFormat> for idlens_export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Csv => Self::Csv,
            ExportFormat::Json => Self::Json,
        }
    }
}

/// A table as the screen shows it, to save as a file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TableExport {
    /// What the table is ("roles", "members of Everyone"): part of the file name.
    pub name: String,
    pub format: ExportFormat,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A file an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportSaved {
    pub path: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}
