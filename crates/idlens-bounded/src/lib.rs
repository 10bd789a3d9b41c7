//! Bounded reads of input IdLens does not control: files, pipes, devices and
//! standard input. (HTTP bodies have the same guard in `idlens-http`.)
//!
//! Invariants:
//! - A limit is enforced while reading, never against a size the source
//!   reports: `/dev/zero`, a FIFO or a pipe has no size, and a file can grow
//!   while it is read. Reading stops one byte past the limit.
//! - Nothing here holds more than the limit (plus one byte) of one read or
//!   one line in memory, whatever the input.
//!
//! Entry points: [`read_to_end`] and [`read_to_string`] for whole inputs,
//! [`read_file`] for a path, and [`Lines`] for line-oriented input (token
//! batches, export files) with line numbers and a length limit per line.
//! For parsers that hold one record or element at a time: [`CsvRecordCap`]
//! (a limit per CSV record, quoted line breaks included) and [`PieceLimit`]
//! (a limit per piece, such as a JSON array's element). [`SkipBom`] drops
//! a leading byte-order mark.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod bom;
mod csv_record;
mod lines;
mod pieces;

use std::io::Read;
use std::path::Path;

pub use bom::SkipBom;
pub use csv_record::{CsvRecordCap, RecordTooLong};
pub use lines::{LineEnd, Lines};
pub use pieces::{PieceCapped, PieceLimit, PieceTooLong};

/// Why a bounded read failed. Messages are phrases to put after "could not
/// read X: ".
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The input goes on past `limit` bytes; IdLens stopped reading there.
    #[error("it is larger than {} (IdLens stopped reading there)", Bytes(*.limit))]
    TooLarge { limit: u64 },
    /// The bytes are not UTF-8 text.
    #[error("it is not UTF-8 text (byte {offset} is not valid UTF-8)")]
    NotUtf8 { offset: usize },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Reads `reader` to its end, holding at most `limit` bytes: when there is
/// more, it stops after `limit + 1` bytes and fails with
/// [`ReadError::TooLarge`].
// The one unbounded read the workspace allows (clippy.toml): bounded by `take`.
#[allow(clippy::disallowed_methods)]
pub fn read_to_end(reader: impl Read, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    // `take` stops the reads themselves, so an endless source costs at most
    // `limit + 1` bytes of reading.
    let read = reader
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(ReadError::Io)?;
    if read > limit {
        out.clear();
        return Err(ReadError::TooLarge {
            limit: limit as u64,
        });
    }
    Ok(out)
}

/// [`read_to_end`], then UTF-8.
pub fn read_to_string(reader: impl Read, limit: usize) -> Result<String, ReadError> {
    let bytes = read_to_end(reader, limit)?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Opens `path` and reads it as text, at most `limit` bytes. Works the same
/// for regular files, devices, FIFOs and `/proc` files.
pub fn read_file(path: &Path, limit: usize) -> Result<String, ReadError> {
    let file = std::fs::File::open(path)?;
    read_to_string(file, limit)
}

/// A byte count for messages: "512 KiB", "16384 bytes".
#[derive(Debug, Clone, Copy)]
pub struct Bytes(pub u64);

impl std::fmt::Display for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const KIB: u64 = 1024;
        const MIB: u64 = 1024 * KIB;
        const GIB: u64 = 1024 * MIB;
        match self.0 {
            n if n >= GIB && n % GIB == 0 => write!(f, "{} GiB", n / GIB),
            n if n >= MIB && n % MIB == 0 => write!(f, "{} MiB", n / MIB),
            n if n >= KIB && n % KIB == 0 => write!(f, "{} KiB", n / KIB),
            n => write!(f, "{n} bytes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An endless source that counts what was taken from it.
    struct Endless {
        served: u64,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b'y');
            self.served += buf.len() as u64;
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_source_is_read_only_one_byte_past_the_limit() {
        let mut source = Endless { served: 0 };
        let err = read_to_end(&mut source, 1000).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 1000 }), "{err}");
        assert_eq!(source.served, 1001);
        assert_eq!(
            err.to_string(),
            "it is larger than 1000 bytes (IdLens stopped reading there)"
        );
    }

    #[test]
    fn input_at_the_limit_is_read_whole() {
        assert_eq!(read_to_end(&b"abc"[..], 3).unwrap(), b"abc");
        assert_eq!(read_to_end(&b""[..], 0).unwrap(), b"");
        assert!(matches!(
            read_to_end(&b"abcd"[..], 3),
            Err(ReadError::TooLarge { limit: 3 })
        ));
    }

    #[test]
    fn text_must_be_utf8() {
        let err = read_to_string(&b"ok\xffno"[..], 100).unwrap_err();
        assert!(matches!(err, ReadError::NotUtf8 { offset: 2 }), "{err}");
    }

    #[test]
    #[cfg(unix)]
    fn devices_are_bounded_although_their_size_is_zero() {
        let err = read_file(Path::new("/dev/zero"), 1024 * 1024).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("1 MiB"), "{err}");
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_file(&dir.path().join("nope"), 10).unwrap_err();
        assert!(matches!(err, ReadError::Io(_)), "{err}");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(Bytes(512 * 1024).to_string(), "512 KiB");
        assert_eq!(Bytes(16 * 1024).to_string(), "16 KiB");
        assert_eq!(Bytes(16_385).to_string(), "16385 bytes");
        assert_eq!(Bytes(4 << 30).to_string(), "4 GiB");
    }
}
