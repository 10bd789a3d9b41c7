//! How an input is read: its name for messages and the limits that stop
//! the reading (docs/audit.md, "Reading limits").

/// The default longest record: 1 MiB (an Auth0 user with large metadata is
/// a few KiB, a graph node less).
pub const DEFAULT_MAX_RECORD: usize = 1 << 20;

/// The default most bytes read once decompressed: 64 GiB. A users export
/// is downloaded up to 4 GiB gzipped and Auth0's NDJSON compresses about
/// tenfold, so a real export stays well under it, while a small file that
/// expands a thousandfold (a gzip bomb) stops at 16 times the download's
/// cap instead of running for hours.
pub const DEFAULT_MAX_DECOMPRESSED: u64 = 64 << 30;

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
