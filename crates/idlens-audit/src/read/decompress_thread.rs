//! Decompression on one thread, parsing on the caller's: the background
//! thread fills blocks of decompressed bytes and sends them over a bounded
//! channel; [`BlockReader`] hands them to the line reader as a `BufRead`.
//! Used blocks go back to the producer, so a run allocates a handful of
//! blocks whatever the input's size.
//!
//! Invariant: when the consumer stops early (a bad line), dropping its
//! receiver makes the producer's next send fail, so the thread ends and the
//! scope joins it.

use std::io::{self, BufRead, Read};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use crate::read::gzip::{Decoded, SourceFault};

const BLOCK: usize = 1 << 20;
const BLOCKS_IN_FLIGHT: usize = 4;

type Block = Result<Vec<u8>, SourceFault>;

/// Runs `consume` on a `BufRead` of `input`'s decompressed bytes while a
/// scoped thread decompresses. A fault of the input reaches `consume` as an
/// `io::Error` wrapping a [`SourceFault`] (see [`fault_of`]).
pub(crate) fn with_background_reader<T>(
    input: Decoded<'_>,
    consume: impl FnOnce(&mut BlockReader) -> T,
) -> T {
    let (tx, rx) = mpsc::sync_channel::<Block>(BLOCKS_IN_FLIGHT);
    let (back_tx, back_rx) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        scope.spawn(move || produce(input, tx, back_rx));
        let mut reader = BlockReader {
            rx,
            back: back_tx,
            block: Vec::new(),
            pos: 0,
            done: false,
        };
        consume(&mut reader)
    })
}

fn produce(mut input: Decoded<'_>, tx: SyncSender<Block>, back: Receiver<Vec<u8>>) {
    loop {
        let mut block = back
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BLOCK));
        block.resize(BLOCK, 0);
        let mut filled = 0;
        let mut fault = None;
        while filled < BLOCK {
            match input.read(&mut block[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) => {
                    fault = Some(e);
                    break;
                }
            }
        }
        block.truncate(filled);
        let last = filled < BLOCK;
        if filled > 0 && tx.send(Ok(block)).is_err() {
            return;
        }
        if let Some(fault) = fault {
            let _ = tx.send(Err(fault));
            return;
        }
        if last {
            return;
        }
    }
}

pub(crate) struct BlockReader {
    rx: Receiver<Block>,
    back: Sender<Vec<u8>>,
    block: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Read for BlockReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for BlockReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.pos == self.block.len() && !self.done {
            match self.rx.recv() {
                Ok(Ok(block)) => {
                    let used = std::mem::replace(&mut self.block, block);
                    let _ = self.back.send(used);
                    self.pos = 0;
                }
                Ok(Err(fault)) => {
                    self.done = true;
                    return Err(io::Error::other(fault));
                }
                Err(_) => self.done = true,
            }
        }
        Ok(&self.block[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.block.len());
    }
}

/// The [`SourceFault`] inside an error of [`BlockReader`].
pub(crate) fn fault_of(e: io::Error) -> SourceFault {
    if !e.get_ref().is_some_and(|inner| inner.is::<SourceFault>()) {
        return SourceFault::Io(e);
    }
    match e.into_inner().map(|inner| inner.downcast::<SourceFault>()) {
        Some(Ok(fault)) => *fault,
        _ => SourceFault::Io(io::Error::other("a read fault was lost")),
    }
}
