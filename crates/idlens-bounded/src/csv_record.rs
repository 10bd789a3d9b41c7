//! CSV records with a length limit. A CSV parser holds a record until its
//! end, and a quoted field may run over any number of lines, so a limit per
//! line does not bound what it holds: a file with an opening quote and then
//! gigabytes of short lines is one record. [`CsvRecordCap`] passes the bytes
//! through unchanged while following the quoting as RFC 4180 and the `csv`
//! crate read it, and fails once one record is longer than the limit.

use std::io::{self, Read};

use memchr::{memchr, memchr3, memchr_iter};

use crate::Bytes;

/// Why [`CsvRecordCap`] stopped: the `io::Error` it returns wraps this (see
/// [`RecordTooLong::of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the record that begins on line {line} is longer than {}", Bytes(*.limit))]
pub struct RecordTooLong {
    /// The line the record begins on, from 1.
    pub line: u64,
    pub limit: u64,
}

impl RecordTooLong {
    /// The `RecordTooLong` inside an error a reader returned, if that is
    /// why it failed.
    pub fn of(error: &io::Error) -> Option<RecordTooLong> {
        error.get_ref()?.downcast_ref::<RecordTooLong>().copied()
    }
}

/// Where the reading is in the CSV's quoting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    /// Outside quotes: a `"` opens a quoted field only at a field's start.
    Outside,
    /// Inside a quoted field: line breaks and commas are the field's.
    Inside,
    /// A `"` inside a quoted field was the last byte read: the next byte
    /// tells whether it closed the field or was the first of `""`.
    QuoteInside,
}

/// Reads CSV bytes unchanged, failing with [`RecordTooLong`] (wrapped in an
/// `io::Error`) once a record, its terminator excluded, is longer than
/// `max_record` bytes. Records end at `\n` or `\r` outside quotes, as the
/// `csv` crate ends them; the quote is `"` and `""` inside quotes is a quote.
pub struct CsvRecordCap<R> {
    inner: R,
    max_record: usize,
    quoting: Quoting,
    /// The last byte read (a record's start counts as after a line break).
    last: u8,
    /// Bytes of the current record read before this read's bytes.
    current: usize,
    /// Line breaks read so far.
    breaks: u64,
    /// The line the current record begins on.
    record_line: u64,
}

impl<R: Read> CsvRecordCap<R> {
    pub fn new(inner: R, max_record: usize) -> Self {
        CsvRecordCap {
            inner,
            max_record,
            quoting: Quoting::Outside,
            last: b'\n',
            current: 0,
            breaks: 0,
            record_line: 1,
        }
    }

    fn too_long(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            RecordTooLong {
                line: self.record_line,
                limit: self.max_record as u64,
            },
        )
    }

    /// Follows the quoting through `bytes`, ending records and counting
    /// their length.
    fn scan(&mut self, bytes: &[u8]) -> io::Result<()> {
        // Where the current record's bytes begin in `bytes`.
        let mut since = 0;
        let mut at = 0;
        while at < bytes.len() {
            match self.quoting {
                Quoting::Inside => {
                    let end = memchr(b'"', &bytes[at..]).map_or(bytes.len(), |i| at + i);
                    self.breaks += memchr_iter(b'\n', &bytes[at..end]).count() as u64;
                    if end < bytes.len() {
                        self.quoting = Quoting::QuoteInside;
                    }
                    at = (end + 1).min(bytes.len());
                }
                Quoting::QuoteInside if bytes[at] == b'"' => {
                    self.quoting = Quoting::Inside;
                    at += 1;
                }
                Quoting::QuoteInside => {
                    self.quoting = Quoting::Outside;
                    self.last = b'"';
                }
                Quoting::Outside => match memchr3(b'"', b'\n', b'\r', &bytes[at..]) {
                    None => at = bytes.len(),
                    Some(i) => {
                        let found = at + i;
                        let before = if found == 0 {
                            self.last
                        } else {
                            bytes[found - 1]
                        };
                        if bytes[found] == b'"' {
                            if matches!(before, b',' | b'\n' | b'\r') {
                                self.quoting = Quoting::Inside;
                            }
                        } else {
                            self.end_record(found - since)?;
                            self.breaks += u64::from(bytes[found] == b'\n');
                            self.record_line = self.breaks + 1;
                            since = found + 1;
                        }
                        at = found + 1;
                    }
                },
            }
        }
        if let Some(&last) = bytes.last() {
            if self.quoting == Quoting::Outside {
                self.last = last;
            }
        }
        self.current += bytes.len() - since;
        if self.current > self.max_record {
            return Err(self.too_long());
        }
        Ok(())
    }

    /// A record ends with `tail` more bytes than counted so far.
    fn end_record(&mut self, tail: usize) -> io::Result<()> {
        if self.current + tail > self.max_record {
            return Err(self.too_long());
        }
        self.current = 0;
        Ok(())
    }
}

impl<R: Read> Read for CsvRecordCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n])?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `input` through the cap `chunk` bytes at a time.
    fn read_all(input: &[u8], max: usize, chunk: usize) -> Result<Vec<u8>, RecordTooLong> {
        let mut reader = CsvRecordCap::new(input, max);
        let mut out = Vec::new();
        let mut buf = vec![0u8; chunk];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => return Ok(out),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => return Err(RecordTooLong::of(&e).expect("a record too long")),
            }
        }
    }

    fn too_long(line: u64, limit: u64) -> Result<Vec<u8>, RecordTooLong> {
        Err(RecordTooLong { line, limit })
    }

    #[test]
    fn records_within_the_limit_pass_unchanged() {
        let input = b"sub,email\r\nauth0|a,\"a@x.test\"\n\nauth0|b,\"b,\"\"q\"\"\"\n";
        for chunk in [1, 2, 3, 7, 64] {
            assert_eq!(read_all(input, 18, chunk).as_deref(), Ok(&input[..]));
        }
    }

    #[test]
    fn a_quoted_field_over_many_lines_is_one_record() {
        // Line 2 opens a quote that ends on line 5; line 6 is the next record.
        let input = b"h\n\"a\nb\nc\nd\",x\ny\n";
        for chunk in [1, 2, 5, 64] {
            assert_eq!(read_all(input, 11, chunk).as_deref(), Ok(&input[..]));
            assert_eq!(read_all(input, 10, chunk), too_long(2, 10), "{chunk}");
        }
        let unclosed = [&b"h\n\""[..], &b"a\n".repeat(100)].concat();
        for chunk in [1, 3, 64] {
            assert_eq!(read_all(&unclosed, 50, chunk), too_long(2, 50));
        }
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_or_after_a_closing_quote_is_a_character() {
        // `x"y` and `"a"b"` open nothing: the line break ends the record.
        let input = b"x\"y,\"a\"b\"\nnext,1\n";
        for chunk in [1, 2, 64] {
            assert_eq!(read_all(input, 10, chunk).as_deref(), Ok(&input[..]));
        }
    }

    #[test]
    fn a_long_record_is_named_by_the_line_it_begins_on() {
        let input = b"ok\r\nok\n\"q\nq\"\nlong line here\n";
        for chunk in [1, 4, 64] {
            assert_eq!(read_all(input, 6, chunk), too_long(5, 6), "{chunk}");
        }
        // Exactly at the limit is fine, one byte more is not.
        assert!(read_all(b"12345\n", 5, 64).is_ok());
        assert_eq!(read_all(b"123456", 5, 64), too_long(1, 5));
    }
}
