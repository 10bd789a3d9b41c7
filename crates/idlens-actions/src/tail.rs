//! The log's last record, read back from the end of the file: at most one
//! line's limit, whatever the file's size.

use std::fs::File;
use std::io::{Seek, SeekFrom};

use crate::record::Record;
use crate::MAX_LINE;

/// The end of the log as an append finds it.
pub(crate) struct Tail {
    /// The last record; `None` when the file is empty.
    pub last: Option<Record>,
    /// The file's last byte is not a line break (an editor dropped it): the
    /// next line must start with one.
    pub needs_line_break: bool,
}

/// The last line of `file` as a record. `Err` says why the last line is not
/// a record.
pub(crate) fn last_record(file: &mut File) -> std::io::Result<Result<Tail, String>> {
    let len = file.seek(SeekFrom::End(0))?;
    if len == 0 {
        return Ok(Ok(Tail {
            last: None,
            needs_line_break: false,
        }));
    }
    // The line, its line break, and one byte more to see the previous one's.
    let window = (MAX_LINE as u64 + 2).min(len);
    file.seek(SeekFrom::Start(len - window))?;
    let bytes = read_exactly(file, window as usize)?;
    let needs_line_break = !bytes.ends_with(b"\n");
    let record = last_line(&bytes, window < len).and_then(Record::parse);
    Ok(record.map(|record| Tail {
        last: Some(record),
        needs_line_break,
    }))
}

fn read_exactly(file: &mut File, n: usize) -> std::io::Result<Vec<u8>> {
    idlens_bounded::read_to_end(std::io::Read::take(file, n as u64), n).map_err(|e| match e {
        idlens_bounded::ReadError::Io(io) => io,
        other => std::io::Error::other(other.to_string()),
    })
}

/// The last line of `bytes` (the tail of a file). `more_before`: the file
/// goes on before these bytes.
fn last_line(bytes: &[u8], more_before: bool) -> Result<&[u8], String> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    match body.iter().rposition(|&b| b == b'\n') {
        Some(i) => Ok(&body[i + 1..]),
        None if !more_before => Ok(body),
        None => Err(format!(
            "its last line is longer than {}",
            idlens_bounded::Bytes(MAX_LINE as u64)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_line_is_found_in_the_tail() {
        assert_eq!(last_line(b"a\nbb\n", false).unwrap(), b"bb");
        assert_eq!(last_line(b"only\n", false).unwrap(), b"only");
        assert_eq!(last_line(b"x\nlast\n", true).unwrap(), b"last");
        assert!(last_line(b"no-newline-at-all\n", true).is_err());
        assert_eq!(last_line(b"a\nno-break", false).unwrap(), b"no-break");
    }
}
