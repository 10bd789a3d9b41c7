//! Reading the Auth0 side: NDJSON user objects, plain or gzipped, into an
//! [`Auth0Index`], on three threads: decompression (see `pipeline`),
//! line splitting and JSON parsing into [`UserBatch`]es, and indexing (the
//! caller's thread). Two cores share the three stages.

use std::io::Read;
use std::sync::mpsc::{self, Receiver, SyncSender};

use idlens_bounded::{Bytes, Lines};

use crate::auth0_line::Auth0Line;
use crate::batch::{UserBatch, BATCH_USERS};
use crate::error::AuditError;
use crate::gzip::Decoded;
use crate::index::Auth0Index;
use crate::pipeline::{fault_of, with_background_reader, BlockReader};

/// The default longest record: 1 MiB (an Auth0 user with large metadata is
/// a few KiB, a graph node less).
pub const DEFAULT_MAX_RECORD: usize = 1 << 20;

/// The default most bytes read once decompressed: 64 GiB. A users export
/// is downloaded up to 4 GiB gzipped and Auth0's NDJSON compresses about
/// tenfold, so a real export stays well under it, while a small file that
/// expands a thousandfold (a gzip bomb) stops at 16 times the download's
/// cap instead of running for hours.
pub const DEFAULT_MAX_DECOMPRESSED: u64 = 64 << 30;

const BATCHES_IN_FLIGHT: usize = 4;

/// How to read an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The input's name for messages ("users.json.gz").
    pub source_name: String,
    /// Count bad lines and go on instead of stopping at the first.
    pub skip_bad_lines: bool,
    /// Longest record accepted, in bytes: an NDJSON line (a longer one is a
    /// bad line), a CSV record with its quoted line breaks, a JSON array's
    /// element (a longer one stops the reading: it cannot be skipped
    /// without being held).
    pub max_record: usize,
    /// Most bytes read once decompressed (the whole input when it is not
    /// gzipped); past it the reading stops with an error naming the input.
    pub max_decompressed: u64,
}

impl ReadOptions {
    pub fn new(source_name: impl Into<String>) -> Self {
        ReadOptions {
            source_name: source_name.into(),
            skip_bad_lines: false,
            max_record: DEFAULT_MAX_RECORD,
            max_decompressed: DEFAULT_MAX_DECOMPRESSED,
        }
    }
}

impl Auth0Index {
    /// Reads Auth0 users, one JSON object a line, gzipped or not.
    pub fn read(input: impl Read + Send, options: &ReadOptions) -> Result<Self, AuditError> {
        let decoded =
            Decoded::open(input, options.max_decompressed).map_err(|error| AuditError::Read {
                source_name: options.source_name.clone(),
                error,
            })?;
        with_background_reader(decoded, |reader| {
            std::thread::scope(|scope| {
                let (tx, rx) = mpsc::sync_channel(BATCHES_IN_FLIGHT);
                let (back_tx, back_rx) = mpsc::channel();
                scope.spawn(move || parse_lines(reader, options, tx, back_rx));
                let mut index = Auth0Index::default();
                // An error ends the loop; dropping `rx` then stops the parser.
                for batch in rx {
                    let batch: UserBatch = batch?;
                    index.insert_batch(&batch);
                    let _ = back_tx.send(batch);
                }
                index.end_of_input();
                Ok(index)
            })
        })
    }
}

type BatchResult = Result<UserBatch, AuditError>;

/// Splits and parses lines into batches until the input ends, an error, or
/// the indexer hangs up.
fn parse_lines(
    reader: &mut BlockReader,
    options: &ReadOptions,
    tx: SyncSender<BatchResult>,
    back: Receiver<UserBatch>,
) {
    let mut lines = Lines::new(reader, options.max_record);
    let mut buf = Vec::with_capacity(4096);
    let mut batch = UserBatch::default();
    loop {
        let end = match lines.read_line(&mut buf) {
            Ok(Some(end)) => end,
            Ok(None) => {
                let _ = tx.send(Ok(batch));
                return;
            }
            Err(e) => {
                let _ = tx.send(Err(fault_of(e).into_error(&options.source_name)));
                return;
            }
        };
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = if end.too_long {
            Err(format!(
                "it is longer than {}",
                Bytes(options.max_record as u64)
            ))
        } else {
            Auth0Line::parse(&buf)
        };
        match parsed {
            Ok(line) => batch.push(&line),
            Err(_) if options.skip_bad_lines => batch.bad_lines += 1,
            Err(problem) => {
                let _ = tx.send(Err(AuditError::BadLine {
                    source_name: options.source_name.clone(),
                    line: end.number,
                    problem,
                }));
                return;
            }
        }
        if batch.len() >= BATCH_USERS {
            let mut next = back.try_recv().unwrap_or_default();
            next.clear();
            if tx.send(Ok(std::mem::replace(&mut batch, next))).is_err() {
                return;
            }
        }
    }
}
