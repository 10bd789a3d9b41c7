//! Line-oriented input with a length limit per line and line numbers: token
//! batches, NDJSON and CSV exports.

use std::io::{BufRead, ErrorKind};

/// Reads lines of at most `max_line` bytes (without the line break) from a
/// `BufRead`, numbering them from 1.
///
/// A longer line is not an error and does not stop the input: its first
/// `max_line + 1` bytes are kept (so the caller can tell it is too long and
/// say where it starts), the rest is skipped without being stored, and
/// [`LineEnd::too_long`] is set. Bytes are handed out as they are, valid
/// UTF-8 or not, so one bad line can be reported without losing the others.
pub struct Lines<R> {
    reader: R,
    max_line: usize,
    number: u64,
}

/// What [`Lines::read_line`] found besides the line's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEnd {
    /// 1-based line number.
    pub number: u64,
    /// The line was longer than the limit; the buffer holds its first
    /// `max_line + 1` bytes.
    pub too_long: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, max_line: usize) -> Self {
        Self {
            reader,
            max_line,
            number: 0,
        }
    }

    /// The longest line kept whole, in bytes.
    pub fn max_line(&self) -> usize {
        self.max_line
    }

    /// Lines read so far.
    pub fn lines_read(&self) -> u64 {
        self.number
    }

    /// Reads the next line into `buf` (cleared first), without its `\n` or
    /// `\r\n`. `Ok(None)` at the end of the input.
    pub fn read_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<Option<LineEnd>> {
        self.read(buf, true)
    }

    /// Like [`read_line`](Self::read_line), but a line longer than the limit
    /// ends the reading there: its rest is not read (for a reader that
    /// stops at the first bad line, such as a verification). After a
    /// too-long line the input is in the middle of it, so the caller must
    /// read no more.
    pub fn read_line_or_stop(&mut self, buf: &mut Vec<u8>) -> std::io::Result<Option<LineEnd>> {
        self.read(buf, false)
    }

    fn read(&mut self, buf: &mut Vec<u8>, skip_long: bool) -> std::io::Result<Option<LineEnd>> {
        buf.clear();
        let keep = self.max_line.saturating_add(1);
        let mut saw_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            saw_any = true;
            let newline = memchr::memchr(b'\n', available);
            let content = &available[..newline.unwrap_or(available.len())];
            let room = keep - buf.len();
            buf.extend_from_slice(&content[..content.len().min(room)]);
            let newline = newline.is_some();
            let kept = content.len().min(room);
            let too_long = buf.len() == keep;
            if too_long && !skip_long {
                // Stop inside the line: consume only what was kept.
                self.reader.consume(kept);
                return Ok(Some(self.finish(buf)));
            }
            let consumed = if newline {
                content.len() + 1
            } else {
                available.len()
            };
            self.reader.consume(consumed);
            if newline {
                return Ok(Some(self.finish(buf)));
            }
        }
        Ok(saw_any.then(|| self.finish(buf)))
    }

    fn finish(&mut self, buf: &mut Vec<u8>) -> LineEnd {
        self.number += 1;
        let too_long = buf.len() > self.max_line;
        if !too_long && buf.last() == Some(&b'\r') {
            buf.pop();
        }
        LineEnd {
            number: self.number,
            too_long,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Read};

    fn all(input: &[u8], max: usize, capacity: usize) -> Vec<(u64, bool, Vec<u8>)> {
        let mut lines = Lines::new(BufReader::with_capacity(capacity, input), max);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(end) = lines.read_line(&mut buf).unwrap() {
            out.push((end.number, end.too_long, buf.clone()));
        }
        out
    }

    #[test]
    fn numbers_lines_and_strips_line_breaks() {
        for capacity in [1, 2, 3, 7, 64] {
            let lines = all(b"a\r\nbb\n\nccc", 10, capacity);
            assert_eq!(
                lines,
                vec![
                    (1, false, b"a".to_vec()),
                    (2, false, b"bb".to_vec()),
                    (3, false, b"".to_vec()),
                    (4, false, b"ccc".to_vec()),
                ],
                "buffer of {capacity}"
            );
        }
        assert!(all(b"", 10, 8).is_empty());
        assert_eq!(all(b"x\n", 10, 8), vec![(1, false, b"x".to_vec())]);
    }

    #[test]
    fn a_long_line_is_cut_marked_and_the_next_lines_still_come() {
        for capacity in [1, 4, 64] {
            let lines = all(b"ok\n0123456789abc\nnext\n", 5, capacity);
            assert_eq!(
                lines,
                vec![
                    (1, false, b"ok".to_vec()),
                    (2, true, b"012345".to_vec()),
                    (3, false, b"next".to_vec()),
                ],
                "buffer of {capacity}"
            );
        }
        // Exactly at the limit is fine.
        assert_eq!(all(b"12345\n", 5, 8), vec![(1, false, b"12345".to_vec())]);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_handed_out_as_they_are() {
        assert_eq!(
            all(b"a\n\xff\xfe\nb", 10, 8),
            vec![
                (1, false, b"a".to_vec()),
                (2, false, vec![0xff, 0xfe]),
                (3, false, b"b".to_vec())
            ]
        );
    }

    /// A newline-free endless stream: memory stays at the limit while the
    /// line is skipped. The stream ends after `total` bytes so the test ends.
    struct NoNewlines {
        left: u64,
    }

    impl Read for NoNewlines {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = (buf.len() as u64).min(self.left) as usize;
            buf[..n].fill(b'A');
            self.left -= n as u64;
            Ok(n)
        }
    }

    #[test]
    fn read_line_or_stop_reads_no_further_than_the_limit_of_a_long_line() {
        let source = NoNewlines { left: 1 << 20 };
        let mut lines = Lines::new(BufReader::with_capacity(4096, source), 1000);
        let mut buf = Vec::new();
        let end = lines.read_line_or_stop(&mut buf).unwrap().unwrap();
        assert!(end.too_long);
        assert_eq!(buf.len(), 1001);
        let left = lines.reader.get_ref().left;
        assert!(left >= (1 << 20) - 8192, "read {} bytes", (1 << 20) - left);
        // Short lines read as with `read_line`.
        let mut lines = Lines::new(&b"ab\ncd"[..], 10);
        assert!(!lines.read_line_or_stop(&mut buf).unwrap().unwrap().too_long);
        assert_eq!(buf, b"ab");
        lines.read_line_or_stop(&mut buf).unwrap().unwrap();
        assert_eq!(buf, b"cd");
    }

    #[test]
    fn a_huge_line_never_grows_the_buffer_past_the_limit() {
        let source = NoNewlines { left: 64 << 20 };
        let mut lines = Lines::new(BufReader::with_capacity(1 << 16, source), 16 * 1024);
        let mut buf = Vec::new();
        let end = lines.read_line(&mut buf).unwrap().unwrap();
        assert!(end.too_long);
        assert_eq!(buf.len(), 16 * 1024 + 1);
        assert!(buf.capacity() < 64 * 1024, "{}", buf.capacity());
        assert_eq!(lines.read_line(&mut buf).unwrap(), None);
    }
}
