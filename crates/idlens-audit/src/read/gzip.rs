//! Plain or gzipped input, told apart by the gzip magic bytes, and the
//! gzip faults put in words.

use std::io::{self, BufReader, Read};

use flate2::read::MultiGzDecoder;
use idlens_bounded::SkipBom;

use crate::error::AuditError;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Why reading the decompressed bytes failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SourceFault {
    #[error("the input ends early")]
    Truncated,
    #[error("the input is larger than its limit once decompressed")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(io::Error),
}

impl SourceFault {
    pub fn into_error(self, source_name: &str) -> AuditError {
        let source_name = source_name.to_owned();
        match self {
            SourceFault::Truncated => AuditError::Truncated { source_name },
            SourceFault::TooLarge { limit } => AuditError::TooLarge { source_name, limit },
            SourceFault::Corrupt(detail) => AuditError::BadGzip {
                source_name,
                detail,
            },
            SourceFault::Io(error) => AuditError::Read { source_name, error },
        }
    }
}

/// A reader of the decompressed bytes, at most `limit` of them, and how to
/// name its faults.
pub(crate) struct Decoded<'a> {
    reader: Box<dyn Read + Send + 'a>,
    gzipped: bool,
    limit: u64,
    produced: u64,
}

impl<'a> Decoded<'a> {
    /// Looks at the first two bytes: gzip is decompressed (all members of
    /// a multi-member file), anything else is read as it is; either way
    /// without a leading byte-order mark. Reading past `limit` bytes
    /// (decompressed) is [`SourceFault::TooLarge`].
    pub fn open(mut reader: impl Read + Send + 'a, limit: u64) -> io::Result<Self> {
        let mut head = [0u8; 2];
        let mut got = 0;
        while got < 2 {
            match reader.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let whole = io::Cursor::new(head).take(got as u64).chain(reader);
        let gzipped = got == 2 && head == GZIP_MAGIC;
        let reader: Box<dyn Read + Send + 'a> = if gzipped {
            Box::new(SkipBom::new(MultiGzDecoder::new(BufReader::with_capacity(
                1 << 17,
                whole,
            ))))
        } else {
            Box::new(SkipBom::new(whole))
        };
        Ok(Decoded {
            reader,
            gzipped,
            limit,
            produced: 0,
        })
    }

    /// Reads into `buf` like [`Read::read`], naming gzip faults; stops
    /// once more than the limit was read.
    pub fn read(&mut self, buf: &mut [u8]) -> Result<usize, SourceFault> {
        loop {
            match self.reader.read(buf) {
                Ok(n) => {
                    self.produced += n as u64;
                    if self.produced > self.limit {
                        return Err(SourceFault::TooLarge { limit: self.limit });
                    }
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.fault(e)),
            }
        }
    }

    fn fault(&self, e: io::Error) -> SourceFault {
        if !self.gzipped {
            return SourceFault::Io(e);
        }
        match e.kind() {
            io::ErrorKind::UnexpectedEof => SourceFault::Truncated,
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
                SourceFault::Corrupt(e.to_string())
            }
            _ => SourceFault::Io(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use crate::{AuditError, Auth0Index, ReadOptions, DEFAULT_MAX_DECOMPRESSED};

    /// Blank lines of 64 KiB: nothing to parse, so only the reading counts.
    fn blank_lines(size: usize) -> Vec<u8> {
        let mut line = vec![b' '; 64 << 10];
        *line.last_mut().unwrap() = b'\n';
        line.repeat(size / line.len())
    }

    /// A small gzip that expands a thousandfold: one member of 256 KiB of
    /// blank lines, `members` times over (gzip members concatenate).
    fn bomb(members: usize) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&blank_lines(256 << 10)).unwrap();
        gz.finish().unwrap().repeat(members)
    }

    fn read(bytes: &[u8], max_decompressed: u64) -> Result<Auth0Index, AuditError> {
        let options = ReadOptions {
            max_decompressed,
            ..ReadOptions::new("users.json.gz")
        };
        Auth0Index::read(bytes, &options)
    }

    #[test]
    fn a_file_that_expands_past_the_cap_stops_naming_it() {
        let gz = bomb(16); // 4 MiB
        assert!(gz.len() < 8 << 10, "{} bytes", gz.len());
        let err = read(&gz, 1 << 20).expect_err("the cap stops the reading");
        assert!(
            matches!(err, AuditError::TooLarge { limit, .. } if limit == 1 << 20),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "users.json.gz holds more than 1 MiB once decompressed, so IdLens stopped reading it there: an Auth0 users export is far smaller. Check where the file came from, or export one connection at a time"
        );
        // Within the cap the same file reads (to no users).
        assert_eq!(read(&bomb(2), 1 << 20).unwrap().stats().users, 0);
        assert_eq!(DEFAULT_MAX_DECOMPRESSED, 64 << 30);
    }

    #[test]
    fn the_cap_holds_for_plain_input_too() {
        let plain = blank_lines(2 << 20);
        let err = read(&plain, 1 << 20).expect_err("the cap stops the reading");
        assert!(matches!(err, AuditError::TooLarge { .. }), "{err}");
    }
}
