//! The log as a table for a spreadsheet (CSV, formula-like cells made
//! inert by `idlens-export`) or as JSON, oldest first, written as it is
//! read.

use std::io::Write;

use idlens_export::{Format, TableWriter};

use crate::record::{Credential, Outcome, Record};
use crate::{ActionLog, ActionLogError};

const COLUMNS: [&str; 14] = [
    "seq",
    "at",
    "profile",
    "credential",
    "action",
    "what",
    "userId",
    "identifier",
    "changes",
    "result",
    "errorCode",
    "errorMessage",
    "prev",
    "hash",
];

/// Writes every record of `log` to `out` in `format`; returns the writer and
/// the count. A line that is not a record stops the export with an error
/// naming it (the caller discards what was written: nothing partial is
/// kept as if whole).
pub fn export<W: Write>(
    log: &ActionLog,
    format: Format,
    out: W,
) -> Result<(W, u64), ActionLogError> {
    let columns: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    let mut writer = TableWriter::new(out, format, &columns).map_err(|e| log.io(e))?;
    let mut failure = None;
    each_record(log, &mut failure, |record| {
        writer.row(&cells(record)).map_err(ActionLogError::from)
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    writer.finish().map_err(|e| log.io(e))
}

fn each_record(
    log: &ActionLog,
    failure: &mut Option<ActionLogError>,
    mut write: impl FnMut(&Record) -> Result<(), ActionLogError>,
) -> Result<u64, ActionLogError> {
    crate::list::each_line(log, |end, bytes| {
        let written = match crate::list::parse(bytes, end.too_long) {
            Ok(record) => write(&record),
            Err(reason) => Err(ActionLogError::Unreadable {
                path: log.path().to_path_buf(),
                line: end.number,
                reason,
            }),
        };
        match written {
            Ok(()) => true,
            Err(e) => {
                *failure = Some(e);
                false
            }
        }
    })
}

fn cells(record: &Record) -> [String; 14] {
    let credential = match &record.actor.credential {
        Credential::M2mClient { client_id } => format!("M2M client {client_id}"),
        Credential::Admin { sub } => format!("admin {sub}"),
    };
    let (result, error_code, error_message) = match &record.result {
        Outcome::Ok => ("ok", String::new(), String::new()),
        Outcome::Error { code, message } => ("error", code.clone(), message.clone()),
    };
    [
        record.seq.to_string(),
        record.at.clone(),
        record.actor.profile.clone(),
        credential,
        record.action.as_str().to_owned(),
        record.action.words().to_owned(),
        record.target.user_id.clone().unwrap_or_default(),
        record.target.identifier.clone().unwrap_or_default(),
        record.changes.clone(),
        result.to_owned(),
        error_code,
        error_message,
        record.prev.clone(),
        record.hash.clone(),
    ]
}
