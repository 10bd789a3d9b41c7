//! The action log (`idlens-actions`): every fix made at a tenant, listed
//! newest first, verified and exported; and [`Api::record_action`], which
//! the fix commands call to append.

mod recorder;
pub mod types;

use std::path::Path;

use idlens_actions::{ActionLog, ActionLogError, HeadCheck, Verification};
use idlens_export::{AtomicFile, Format, Saved};
use idlens_profile::ProfileStore;

use crate::types::{
    ActionLogEntry, ActionLogPage, ActionLogRequest, ActionLogVerified, ExportFormat, ExportSaved,
};
use crate::{Api, ApiError, ErrorCode};

pub use recorder::outcome_of;

/// The most records a page holds.
const MAX_PAGE: u32 = 500;

impl Api {
    /// A page of the action log, newest first.
    pub fn action_log_list(&self, request: ActionLogRequest) -> Result<ActionLogPage, ApiError> {
        let log = action_log(&self.store);
        let limit = request.limit.min(MAX_PAGE) as usize;
        let page = idlens_actions::list(&log, request.offset, limit)?;
        let entries = page.entries.into_iter().map(entry).collect();
        Ok(ActionLogPage {
            path: log.path().display().to_string(),
            total: page.total,
            entries,
        })
    }

    /// Verifies the action log's chain and its head in the keychain.
    pub fn action_log_verify(&self) -> Result<ActionLogVerified, ApiError> {
        let log = action_log(&self.store);
        let verification = idlens_actions::verify(&log, &self.keychain)?;
        Ok(ActionLogVerified {
            path: log.path().display().to_string(),
            intact: verification.problem.is_none(),
            message: verdict(&verification),
            verification,
        })
    }

    /// Saves the whole action log as CSV or JSON in the export folder.
    pub fn action_log_export(&self, format: ExportFormat) -> Result<ExportSaved, ApiError> {
        let format = Format::from(format);
        let file = crate::exports::export_folder()?.create("action-log", format.extension())?;
        Ok(self.export_into(file, format)?.into())
    }

    /// Saves the whole action log as CSV or JSON at `path` (whole or not at
    /// all); for the CLI's `--output`.
    pub fn action_log_export_to(
        &self,
        path: &Path,
        format: ExportFormat,
    ) -> Result<ExportSaved, ApiError> {
        let file = AtomicFile::create(path)?;
        Ok(self.export_into(file, Format::from(format))?.into())
    }

    fn export_into(&self, mut file: AtomicFile, format: Format) -> Result<Saved, ApiError> {
        let log = action_log(&self.store);
        let (_, rows) = idlens_actions::export(&log, format, &mut file)?;
        let committed = file.commit()?;
        Ok(Saved {
            path: committed.path,
            rows,
            bytes: committed.bytes,
        })
    }
}

/// The log beside the profile file.
pub(crate) fn action_log(store: &ProfileStore) -> ActionLog {
    ActionLog::in_dir(store.dir())
}

fn entry(listed: idlens_actions::Listed) -> ActionLogEntry {
    match listed.record {
        Ok(record) => ActionLogEntry {
            line: listed.line,
            what: Some(record.action.words().to_owned()),
            record: Some(record),
            unreadable: None,
        },
        Err(reason) => ActionLogEntry {
            line: listed.line,
            record: None,
            what: None,
            unreadable: Some(reason),
        },
    }
}

/// The verification's verdict in a sentence.
fn verdict(v: &Verification) -> String {
    if let Some(problem) = &v.problem {
        let mut text = problem.describe();
        text.push_str(". The action log has been tampered with or damaged: keep a copy of it as it is for the investigation.");
        return capitalized(&text);
    }
    let head = match &v.head {
        HeadCheck::Matched | HeadCheck::Mismatched | HeadCheck::NotCompared => {
            "and it ends at the head kept in the OS keychain".to_owned()
        }
        HeadCheck::MemoryOnly { reason } | HeadCheck::Unavailable { reason } => format!(
            "but the head could not be checked ({reason}), so a cut-short log would go unnoticed"
        ),
    };
    let records = match v.records {
        1 => "1 record chains".to_owned(),
        n => format!("{n} records chain"),
    };
    format!("The action log is intact: {records} correctly, {head}.")
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

impl From<ActionLogError> for ApiError {
    fn from(e: ActionLogError) -> Self {
        let code = match &e {
            ActionLogError::Lock { .. } | ActionLogError::Io { .. } => ErrorCode::Io,
            ActionLogError::TailUnreadable { .. } | ActionLogError::Unreadable { .. } => {
                ErrorCode::InvalidInput
            }
            ActionLogError::Export(_) => ErrorCode::Io,
        };
        ApiError::new(code, e.to_string())
    }
}
