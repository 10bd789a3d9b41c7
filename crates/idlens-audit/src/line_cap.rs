//! A reader that refuses lines longer than a limit, for parsers that would
//! otherwise hold a whole record however long it is (the csv crate keeps a
//! record's fields in memory until its end). A hostile or broken export with
//! a field of gigabytes ends in an error naming the line, not in memory
//! growing with it.

use std::io::{self, Read};

pub(crate) struct LineCap<R> {
    inner: R,
    max_line: usize,
    /// Bytes since the last line break.
    current: usize,
    /// The line being read, from 1.
    line: u64,
}

impl<R: Read> LineCap<R> {
    pub fn new(inner: R, max_line: usize) -> Self {
        LineCap {
            inner,
            max_line,
            current: 0,
            line: 1,
        }
    }

    fn too_long(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "line {} is longer than {} bytes, more than any user row holds: is it the right file?",
                self.line, self.max_line
            ),
        )
    }
}

impl<R: Read> Read for LineCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut rest = &buf[..n];
        while let Some(at) = memchr::memchr(b'\n', rest) {
            if self.current + at > self.max_line {
                return Err(self.too_long());
            }
            self.current = 0;
            self.line += 1;
            rest = &rest[at + 1..];
        }
        self.current += rest.len();
        if self.current > self.max_line {
            return Err(self.too_long());
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], max: usize) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        LineCap::new(input, max).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn lines_within_the_limit_pass_unchanged() {
        let input = b"sub,email\nauth0|a,a@x.test\n";
        assert_eq!(read_all(input, 18).unwrap(), input);
    }

    #[test]
    fn a_longer_line_is_refused_with_its_number() {
        let mut input = b"sub,email\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        let err = read_all(&input, 100).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(
            err.to_string()
                .starts_with("line 2 is longer than 100 bytes"),
            "{err}"
        );
    }
}
