//! Reading the Auth0 side, a users export: NDJSON user objects, plain or
//! gzipped, into an [`Auth0Index`], on three threads: decompression (see
//! `read::decompress_thread`), line splitting and JSON parsing into
//! [`UserBatch`]es, and indexing (the caller's thread). Two cores share the
//! three stages.

use std::io::Read;
use std::sync::mpsc::{self, Receiver, SyncSender};

use idlens_bounded::{Bytes, Lines};

use crate::error::AuditError;
use crate::index::auth0_users::Auth0Index;
use crate::read::decompress_thread::{fault_of, with_background_reader, BlockReader};
use crate::read::gzip::Decoded;
use crate::read::options::ReadOptions;
use crate::read::user_batch::{UserBatch, BATCH_USERS};
use crate::read::user_line::Auth0Line;

const BATCHES_IN_FLIGHT: usize = 4;

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
