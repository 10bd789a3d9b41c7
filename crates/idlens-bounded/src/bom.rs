//! A leading UTF-8 byte-order mark, dropped. Exports saved by Windows tools
//! (Excel, Notepad, PowerShell's `Out-File`) start with one, and no parser of
//! CSV, JSON or NDJSON expects it.

use std::io::{self, ErrorKind, Read};

const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Reads `inner` without a byte-order mark at its start; every other byte,
/// including a mark later in the input, passes unchanged.
pub struct SkipBom<R> {
    inner: R,
    /// The first bytes, read to look for the mark; `None` until then.
    head: Option<([u8; 3], usize)>,
    /// Bytes of `head` already handed out.
    given: usize,
}

impl<R: Read> SkipBom<R> {
    pub fn new(inner: R) -> Self {
        SkipBom {
            inner,
            head: None,
            given: 0,
        }
    }

    /// Reads up to three bytes and keeps those that are not a mark.
    fn look(&mut self) -> io::Result<([u8; 3], usize)> {
        let mut head = [0u8; 3];
        let mut got = 0;
        while got < head.len() {
            match self.inner.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(if head == BOM { (head, 0) } else { (head, got) })
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (head, len) = match self.head {
            Some(head) => head,
            None => {
                let head = self.look()?;
                self.head = Some(head);
                head
            }
        };
        if self.given < len {
            let n = (len - self.given).min(buf.len());
            buf[..n].copy_from_slice(&head[self.given..self.given + n]);
            self.given += n;
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], chunk: usize) -> Vec<u8> {
        let mut reader = SkipBom::new(io::BufReader::with_capacity(chunk, input));
        let mut out = Vec::new();
        let mut buf = vec![0u8; chunk];
        loop {
            let n = reader.read(&mut buf).unwrap();
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    #[test]
    fn a_leading_mark_is_dropped_and_everything_else_kept() {
        for chunk in [1, 2, 3, 64] {
            assert_eq!(read_all(b"\xEF\xBB\xBF[1]", chunk), b"[1]", "{chunk}");
            assert_eq!(read_all(b"\xEF\xBB\xBF", chunk), b"", "{chunk}");
            assert_eq!(read_all(b"[\xEF\xBB\xBF]", chunk), b"[\xEF\xBB\xBF]");
            assert_eq!(read_all(b"\xEF\xBB[", chunk), b"\xEF\xBB[");
            assert_eq!(read_all(b"ab", chunk), b"ab");
            assert_eq!(read_all(b"", chunk), b"");
        }
    }
}
