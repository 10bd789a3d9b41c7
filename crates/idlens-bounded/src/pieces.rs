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

    /// `inner` read through this limit. Put it above any buffering, so
    /// that what it counts is what the parser took.
    pub fn reader<R: Read>(&self, inner: R) -> PieceCapped<'_, R> {
        PieceCapped { inner, limit: self }
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

/// A reader that fails with [`PieceTooLong`] (wrapped in an `io::Error`)
/// once the current piece of its [`PieceLimit`] is longer than the limit.
/// It never reads more than one byte past the limit of a piece.
pub struct PieceCapped<'l, R> {
    inner: R,
    limit: &'l PieceLimit,
}

impl<R: Read> Read for PieceCapped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let limit = self.limit;
        if let Some(stopped) = limit.exceeded() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, stopped));
        }
        // One byte past the limit is enough to know the piece is too long.
        let room = (limit.limit + 1 - limit.read.get()).min(buf.len() as u64) as usize;
        let n = self.inner.read(&mut buf[..room])?;
        limit.read.set(limit.read.get() + n as u64);
        if limit.read.get() > limit.limit {
            limit.exceeded.set(true);
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                limit.exceeded().expect("just exceeded"),
            ));
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
    fn an_endless_piece_is_read_one_byte_past_the_limit() {
        let limit = PieceLimit::new(1000);
        let mut source = std::io::repeat(b'a').take(1 << 20);
        let mut out = Vec::new();
        let err = limit.reader(&mut source).read_to_end(&mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(source.limit(), (1 << 20) - 1001);
    }
}
