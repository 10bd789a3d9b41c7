//! Graph nodes from a CSV export with a header row (Neo4j Browser's "Export
//! CSV" of `RETURN u.sub, u.email, …`). A leading byte-order mark is
//! skipped; a record (quoted line breaks included) longer than
//! `max_record` stops the reading, as the csv crate would hold it whole.

use std::io::Read;
use std::sync::mpsc::{self, Receiver, SyncSender};

use idlens_bounded::{CsvRecordCap, RecordTooLong, SkipBom};

use crate::error::AuditError;
use crate::index::row_store::RowStore;
use crate::mapping::Mapping;
use crate::read::graph_columns::{parse_bool, Columns};
use crate::read::graph_row::GraphRowRef;
use crate::read::graph_stats::GraphStats;
use crate::read::options::ReadOptions;

/// Rows per batch handed from the parsing thread.
const BATCH_ROWS: usize = 8192;

/// Reads a CSV export and hands each row to `row`. The header must name
/// the id and e-mail properties; it is checked before any row is read. Parsing
/// runs on a second thread while `row` runs on the caller's.
pub fn read_graph_csv(
    input: impl Read + Send,
    mapping: &Mapping,
    options: &ReadOptions,
    mut row: impl FnMut(GraphRowRef<'_>),
) -> Result<GraphStats, AuditError> {
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel(4);
        let (back_tx, back_rx) = mpsc::channel();
        let parser = scope.spawn(move || parse_csv(input, mapping, options, tx, back_rx));
        for batch in rx {
            let batch: RowStore = batch;
            for n in 0..batch.len() {
                row(batch.get(n as u32));
            }
            let _ = back_tx.send(batch);
        }
        parser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn parse_csv(
    input: impl Read,
    mapping: &Mapping,
    options: &ReadOptions,
    tx: SyncSender<RowStore>,
    back: Receiver<RowStore>,
) -> Result<GraphStats, AuditError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .buffer_capacity(1 << 17)
        .from_reader(CsvRecordCap::new(SkipBom::new(input), options.max_record));
    let columns = header_columns(&mut reader, mapping, options)?;
    let mut stats = GraphStats {
        absent: columns.absent(mapping),
        ..GraphStats::default()
    };
    let mut record = csv::StringRecord::new();
    let mut batch = RowStore::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => {
                let _ = tx.send(batch);
                return Ok(stats);
            }
            Ok(true) => match to_row(&record, &columns) {
                Ok(parsed) => {
                    stats.rows += 1;
                    batch.push(&parsed);
                }
                Err(problem) => {
                    let line = record.position().map_or(0, |p| p.line());
                    stats.bad_row(options, "line", line, problem)?;
                }
            },
            Err(e) => match e.kind() {
                csv::ErrorKind::Io(_) => return Err(read_error(e, options)),
                _ => {
                    let line = e.position().map_or(0, |p| p.line());
                    stats.bad_row(options, "line", line, csv_problem(&e))?;
                }
            },
        }
        if batch.len() >= BATCH_ROWS {
            let mut next = back.try_recv().unwrap_or_default();
            next.clear();
            if tx.send(std::mem::replace(&mut batch, next)).is_err() {
                return Ok(stats);
            }
        }
    }
}

fn header_columns<R: Read>(
    reader: &mut csv::Reader<R>,
    mapping: &Mapping,
    options: &ReadOptions,
) -> Result<Columns, AuditError> {
    let header = reader.headers().map_err(|e| read_error(e, options))?;
    Columns::find(header.iter(), mapping).map_err(|expected| AuditError::WrongHeader {
        source_name: options.source_name.clone(),
        found: header.iter().map(str::to_owned).collect(),
        expected,
    })
}

fn to_row<'r>(record: &'r csv::StringRecord, columns: &Columns) -> Result<GraphRowRef<'r>, String> {
    let cell = |i: usize| record.get(i).filter(|c| !c.is_empty());
    let id = cell(columns.id).ok_or("its id is empty")?;
    Ok(GraphRowRef {
        id,
        email: cell(columns.email),
        name: columns.name.and_then(cell),
        email_verified: match columns.email_verified.and_then(cell) {
            Some(value) => parse_bool(value)?,
            None => None,
        },
    })
}

/// The csv crate's message without its own position (ours is in front).
fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("it has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".to_owned(),
        _ => e.to_string(),
    }
}

/// An error of the reading itself: the input's, or a record past the cap.
fn read_error(e: csv::Error, options: &ReadOptions) -> AuditError {
    let error = match e.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => std::io::Error::other(format!("{other:?}")),
    };
    if let Some(too_long) = RecordTooLong::of(&error) {
        return AuditError::TooLong {
            source_name: options.source_name.clone(),
            what: "the record that begins on line",
            at: too_long.line,
            limit: too_long.limit,
        };
    }
    AuditError::Read {
        source_name: options.source_name.clone(),
        error,
    }
}
