//! Reading the log newest first, a page at a time, in two streaming passes
//! (count the lines, then keep the page's): memory holds one page.

use std::io::BufReader;

use crate::record::Record;
use crate::{ActionLog, ActionLogError, MAX_LINE};

/// One line of the log: its record, or why it is not one (shown, never
/// dropped: `--verify` says more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub line: u64,
    pub record: Result<Record, String>,
}

/// A page of the log, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPage {
    /// Lines in the log when it was read.
    pub total: u64,
    pub entries: Vec<Listed>,
}

/// Lines `offset`..`offset + limit` counted from the newest. A missing log
/// is empty.
pub fn list(log: &ActionLog, offset: u64, limit: usize) -> Result<ListedPage, ActionLogError> {
    let total = each_line(log, |_, _| true)?;
    // Newest first: the page is lines (last, first] counted from the end.
    let last = total.saturating_sub(offset);
    let first = last.saturating_sub(limit as u64);
    let mut entries = Vec::with_capacity((last - first) as usize);
    each_line(log, |end, bytes| {
        if end.number > first && end.number <= last {
            entries.push(Listed {
                line: end.number,
                record: parse(bytes, end.too_long),
            });
        }
        end.number < last
    })?;
    entries.reverse();
    Ok(ListedPage { total, entries })
}

pub(crate) fn parse(bytes: &[u8], too_long: bool) -> Result<Record, String> {
    if too_long {
        return Err(format!(
            "longer than {}",
            idlens_bounded::Bytes(MAX_LINE as u64)
        ));
    }
    Record::parse(bytes)
}

/// Calls `each` with every line (a too-long line cut at the limit and
/// marked) until it returns `false`; returns the lines read. A missing log
/// has none.
pub(crate) fn each_line(
    log: &ActionLog,
    mut each: impl FnMut(idlens_bounded::LineEnd, &[u8]) -> bool,
) -> Result<u64, ActionLogError> {
    let file = match std::fs::File::open(log.path()) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(log.io(e)),
    };
    let mut lines = idlens_bounded::Lines::new(BufReader::new(file), MAX_LINE);
    let mut buf = Vec::new();
    while let Some(end) = lines.read_line(&mut buf).map_err(|e| log.io(e))? {
        if !each(end, &buf) {
            break;
        }
    }
    Ok(lines.lines_read())
}
