//! Append-only text store of small records, so a million users cost one
//! allocation instead of millions of `String`s.
//!
//! A record is a run of fields; each field is its length plus one (0 means
//! "absent") followed by its text. Lengths are written in ASCII bytes (six
//! bits each, 0x40 marking "more bytes follow"), so the whole store stays
//! valid UTF-8 and reading a field back is a slice, with no UTF-8 check.

#[derive(Debug, Default)]
pub(crate) struct Arena {
    text: String,
}

const MORE: u8 = 0x40;
const BITS: u8 = 0x3f;

impl Arena {
    /// Where the next record starts.
    pub fn end(&self) -> u64 {
        self.text.len() as u64
    }

    pub fn push(&mut self, field: Option<&str>) {
        let mut n = field.map_or(0, |f| f.len() as u64 + 1);
        loop {
            let low = (n as u8) & BITS;
            n >>= 6;
            if n == 0 {
                self.text.push(char::from(low));
                break;
            }
            self.text.push(char::from(low | MORE));
        }
        if let Some(field) = field {
            self.text.push_str(field);
        }
    }

    /// The fields of the record starting at `at`.
    pub fn fields(&self, at: u64) -> Fields<'_> {
        Fields {
            text: &self.text,
            pos: at as usize,
        }
    }

    /// The first field of the record at `at` ("" when absent).
    pub fn first(&self, at: u64) -> &str {
        self.fields(at).next_str().unwrap_or_default()
    }

    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
    }

    /// Empties the store, keeping its allocation.
    pub fn clear(&mut self) {
        self.text.clear();
    }
}

pub(crate) struct Fields<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Fields<'a> {
    pub fn next_str(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut n: u64 = 0;
        let mut shift = 0;
        loop {
            let byte = bytes[self.pos];
            self.pos += 1;
            n |= u64::from(byte & BITS) << shift;
            shift += 6;
            if byte & MORE == 0 {
                break;
            }
        }
        let len = n.checked_sub(1)? as usize;
        let field = &self.text[self.pos..self.pos + len];
        self.pos += len;
        Some(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_back_as_written() {
        let mut arena = Arena::default();
        let long = "é".repeat(3000);
        arena.push(Some("a"));
        let second = arena.end();
        arena.push(None);
        arena.push(Some(""));
        arena.push(Some(&long));
        arena.push(Some("z"));
        assert_eq!(arena.first(0), "a");
        let mut f = arena.fields(second);
        assert_eq!(f.next_str(), None);
        assert_eq!(f.next_str(), Some(""));
        assert_eq!(f.next_str(), Some(long.as_str()));
        assert_eq!(f.next_str(), Some("z"));
    }
}
