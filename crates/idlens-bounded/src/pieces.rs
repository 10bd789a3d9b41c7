//! A length limit on each piece of an input that a parser reads piece by
//! piece, such as the elements of a JSON array: the parser builds one piece
//! in memory at a time, so the limit per piece bounds what it holds however
//! large the whole input is.

use std::cell::Cell;
use std::io::{self, Read};

use crate::Bytes;

/// Why a [`PieceCapped`] reader stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("piece {piece} is longer than {}", Bytes(*.limit))]
pub struct PieceTooLong {
    /// The piece being read, from 1.
    pub piece: u64,
    pub limit: u64,
}

/// The limit and the count of the current piece, shared by the reader
/// (which counts) and the parser (which says where pieces begin).
///
/// Piece 1 begins with the input; [`PieceLimit::next_piece`] begins the
/// next. Bytes between two pieces (a separator) count towards the next.
#[derive(Debug)]
pub struct PieceLimit {
    limit: u64,
    piece: Cell<u64>,
    read: Cell<u64>,
    exceeded: Cell<bool>,
}

impl PieceLimit {
    pub fn new(limit: usize) -> Self {
        PieceLimit {
            limit: limit as u64,
            piece: Cell::new(1),
            read: Cell::new(0),
            exceeded: Cell::new(false),
        }
    }

    /// `inner` read through this limit, buffered (no need for a
    /// `BufReader` around or under it).
    pub fn reader<R: Read>(&self, inner: R) -> PieceCapped<'_, R> {
        PieceCapped {
            inner,
            limit: self,
            block: vec![0; BLOCK].into_boxed_slice(),
            pos: 0,
            filled: 0,
        }
    }

    /// The next piece begins with the next byte read.
    pub fn next_piece(&self) {
        self.piece.set(self.piece.get() + 1);
        self.read.set(0);
    }

    /// Why the reader stopped, when a piece was too long.
    pub fn exceeded(&self) -> Option<PieceTooLong> {
        self.exceeded.get().then(|| PieceTooLong {
            piece: self.piece.get(),
            limit: self.limit,
        })
    }
}

/// A buffered reader that fails with [`PieceTooLong`] (wrapped in an
/// `io::Error`) once the bytes it handed out in the current piece of its
/// [`PieceLimit`] are more than the limit. It reads `inner` in blocks, so
/// at most a block past the limit is read; it counts what it hands out, so
/// give it to the parser directly (serde_json takes a byte at a time).
pub struct PieceCapped<'l, R> {
    inner: R,
    limit: &'l PieceLimit,
    block: Box<[u8]>,
    pos: usize,
    filled: usize,
}

/// Bytes read from the inner reader at a time.
const BLOCK: usize = 1 << 17;

impl<R: Read> PieceCapped<'_, R> {
    fn too_long(&self) -> io::Error {
        let stopped = self.limit.exceeded().expect("the piece is too long");
        io::Error::new(io::ErrorKind::InvalidData, stopped)
    }

    /// Refills the block; false at the end of the input.
    #[cold]
    fn refill(&mut self) -> io::Result<bool> {
        self.pos = 0;
        self.filled = loop {
            match self.inner.read(&mut self.block) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        Ok(self.filled > 0)
    }
}

impl<R: Read> Read for PieceCapped<'_, R> {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // serde_json asks for one byte at a time: that path does the least.
        // `read < limit` leaves room for the byte, so nothing else to check
        // (once exceeded, `read` stays past the limit until the next piece,
        // and the slow path refuses).
        let limit = self.limit;
        let read = limit.read.get();
        if buf.len() == 1 && self.pos < self.filled && read < limit.limit {
            buf[0] = self.block[self.pos];
            self.pos += 1;
            limit.read.set(read + 1);
            return Ok(1);
        }
        self.read_checked(buf)
    }
}

impl<R: Read> PieceCapped<'_, R> {
    /// Any other read: a refill, a longer buffer, or the byte that passes
    /// the limit.
    fn read_checked(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let limit = self.limit;
        if limit.exceeded.get() {
            return Err(self.too_long());
        }
        if buf.is_empty() || (self.pos == self.filled && !self.refill()?) {
            return Ok(0);
        }
        // One byte past the limit is enough to know the piece is too long.
        let room = limit.limit + 1 - limit.read.get();
        let n = buf
            .len()
            .min(self.filled - self.pos)
            .min(usize::try_from(room).unwrap_or(usize::MAX));
        buf[..n].copy_from_slice(&self.block[self.pos..self.pos + n]);
        self.pos += n;
        limit.read.set(limit.read.get() + n as u64);
        if limit.read.get() > limit.limit {
            limit.exceeded.set(true);
            return Err(self.too_long());
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_piece_may_use_the_whole_limit() {
        let limit = PieceLimit::new(3);
        let mut reader = limit.reader(&b"abcdefgh"[..]);
        let mut buf = [0u8; 8];
        assert_eq!(reader.read(&mut buf[..3]).unwrap(), 3);
        limit.next_piece();
        assert_eq!(reader.read(&mut buf[..2]).unwrap(), 2);
        assert_eq!(reader.read(&mut buf[..1]).unwrap(), 1);
        let err = reader.read(&mut buf).unwrap_err();
        assert_eq!(err.to_string(), "piece 2 is longer than 3 bytes");
        assert_eq!(limit.exceeded(), Some(PieceTooLong { piece: 2, limit: 3 }));
        // Stopped for good: nothing more is read.
        assert!(reader.read(&mut buf).is_err());
    }

    #[test]
    fn an_endless_piece_is_read_at_most_a_block_past_the_limit() {
        let limit = PieceLimit::new(1000);
        let mut source = std::io::repeat(b'a').take(1 << 20);
        let mut out = Vec::new();
        let err = limit.reader(&mut source).read_to_end(&mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(out.len() <= 1000, "{}", out.len());
        assert_eq!(source.limit(), (1 << 20) - BLOCK as u64);
    }
}
