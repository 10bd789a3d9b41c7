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
            SourceFault::Corrupt(detail) => AuditError::BadGzip {
                source_name,
                detail,
            },
            SourceFault::Io(error) => AuditError::Read { source_name, error },
        }
    }
}

/// A reader of the decompressed bytes, and how to name its faults.
pub(crate) struct Decoded<'a> {
    reader: Box<dyn Read + Send + 'a>,
    gzipped: bool,
}

impl<'a> Decoded<'a> {
    /// Looks at the first two bytes: gzip is decompressed (all members of
    /// a multi-member file), anything else is read as it is; either way
    /// without a leading byte-order mark.
    pub fn open(mut reader: impl Read + Send + 'a) -> io::Result<Self> {
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
        Ok(Decoded { reader, gzipped })
    }

    /// Reads into `buf` like [`Read::read`], naming gzip faults.
    pub fn read(&mut self, buf: &mut [u8]) -> Result<usize, SourceFault> {
        loop {
            match self.reader.read(buf) {
                Ok(n) => return Ok(n),
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
