//! What a message received from the server may be, checked before any decoder
//! sees it, so that neither message path (the default one and
//! `unstable-bolt-protocol-impl-v2`) trusts a size it has not received.
//!
//! A server is not trusted to be well-formed: the bytes come from the network,
//! and over plaintext `bolt://` anyone on the path can write them.

use crate::errors::{Error, Result};

/// The largest message the driver reads, 4 MiB. Longer messages are refused
/// as they arrive, before the rest is read, and the connection is not used
/// again.
pub const MAX_MESSAGE_SIZE: usize = 4 * 1024 * 1024;

/// The most values one message may hold (every string, number, list, map key
/// and value, structure and its fields counts one, the message itself too).
pub const MAX_MESSAGE_VALUES: usize = 1 << 18;

/// How deeply lists, maps and structures may nest in a message (the message
/// itself and a record's list of values count): the decoders recurse once per
/// level.
pub const MAX_NESTING_DEPTH: usize = 64;

/// Checks that `message` is exactly one PackStream value whose every size fits
/// in the bytes received, whose markers are all known, whose nesting is at
/// most [`MAX_NESTING_DEPTH`] and which holds at most [`MAX_MESSAGE_VALUES`]
/// values; returns how many it holds. It walks the message without recursion
/// and allocates one slot per open container.
pub(crate) fn check_message(message: &[u8]) -> Result<usize> {
    check_message_within(message, MAX_MESSAGE_VALUES)
}

/// [`check_message`] with at most `max_values` values.
pub(crate) fn check_message_within(message: &[u8], max_values: usize) -> Result<usize> {
    let mut reader = Reader { rest: message };
    // How many values each open container still holds; the message is one.
    let mut open = vec![1usize];
    let mut values = 0;
    while let Some(left) = open.last_mut() {
        if *left == 0 {
            open.pop();
            continue;
        }
        *left -= 1;
        values += 1;
        if values > max_values {
            return Err(Error::AnswerTooLarge(format!(
                "more than {max_values} values in one message, the most the driver reads"
            )));
        }
        let items = reader.value()?;
        if items > 0 {
            if open.len() > MAX_NESTING_DEPTH {
                return Err(malformed(format!(
                    "values nest deeper than {MAX_NESTING_DEPTH} levels"
                )));
            }
            open.push(items);
        }
    }
    match reader.rest.len() {
        0 => Ok(values),
        n => Err(malformed(format!(
            "{n} bytes follow the end of the message"
        ))),
    }
}

fn malformed(detail: String) -> Error {
    Error::MalformedMessage(detail)
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl Reader<'_> {
    /// Reads one value's marker and whatever it holds that is not a value
    /// itself; returns how many values follow inside it (list items, map keys
    /// and values, structure fields), each at least one byte, all of which
    /// must have been received.
    fn value(&mut self) -> Result<usize> {
        let marker = self.take(1, "a marker")?[0];
        let (hi, lo) = (marker >> 4, usize::from(marker & 0x0F));
        match (hi, lo) {
            (0x8, _) => self.skip(lo, "a string").map(|()| 0),
            (0x9, _) => self.items(lo, 1, "a list"),
            (0xA, _) => self.items(lo, 2, "a map"),
            (0xB, _) => {
                self.take(1, "a structure's tag")?;
                self.items(lo, 1, "a structure")
            }
            (0xC, 0x0 | 0x2 | 0x3) => Ok(0),
            (0xC, 0x1) => self.skip(8, "a float").map(|()| 0),
            (0xC, 0x8..=0xB) => self.skip(1 << (lo - 0x8), "an integer").map(|()| 0),
            (0xC, 0xC..=0xE) => {
                let size = self.size(lo - 0xC, "a byte array")?;
                self.skip(size, "a byte array").map(|()| 0)
            }
            (0xD, 0x0..=0x2) => {
                let size = self.size(lo, "a string")?;
                self.skip(size, "a string").map(|()| 0)
            }
            (0xD, 0x4..=0x6) => {
                let count = self.size(lo - 0x4, "a list")?;
                self.items(count, 1, "a list")
            }
            (0xD, 0x8..=0xA) => {
                let count = self.size(lo - 0x8, "a map")?;
                self.items(count, 2, "a map")
            }
            (0x0..=0x7 | 0xF, _) => Ok(0),
            _ => Err(malformed(format!("unknown marker {marker:#04X}"))),
        }
    }

    /// A size of 1, 2 or 4 bytes (`width` 0, 1, 2), big-endian.
    fn size(&mut self, width: usize, what: &str) -> Result<usize> {
        let bytes = self.take(1 << width, what)?;
        let size = bytes.iter().fold(0u64, |n, &b| n << 8 | u64::from(b));
        usize::try_from(size).map_err(|_| malformed(format!("{what} of {size} items")))
    }

    /// `count` containers' worth of values (`per_item` values each), when at
    /// least that many bytes remain.
    fn items(&self, count: usize, per_item: usize, what: &str) -> Result<usize> {
        match count.checked_mul(per_item) {
            Some(values) if values <= self.rest.len() => Ok(values),
            _ => Err(malformed(format!(
                "{what} claims {count} entries but only {} bytes were received",
                self.rest.len()
            ))),
        }
    }

    fn skip(&mut self, n: usize, what: &str) -> Result<()> {
        self.take(n, what).map(|_| ())
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&[u8]> {
        if n > self.rest.len() {
            return Err(malformed(format!(
                "{what} needs {n} bytes but only {} were received",
                self.rest.len()
            )));
        }
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test_case(&[0xB1, 0x70, 0xA0]; "empty success")]
    #[test_case(&[0xB1, 0x71, 0x93, 0x01, 0xC1, 0, 0, 0, 0, 0, 0, 0, 0, 0x81, 0x61]; "record")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xD2, 0, 0, 0, 2, 0x61, 0x62]; "string32")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xCE, 0, 0, 0, 1, 0xFF]; "bytes32")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xDA, 0, 0, 0, 1, 0x81, 0x61, 0xC0]; "map32")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xB3, 0x4E, 0x01, 0x90, 0xA0]; "node")]
    #[test_case(&[0xB0, 0x7E]; "ignored")]
    fn accepts(message: &[u8]) {
        check_message(message).unwrap();
    }

    #[test_case(&[]; "nothing")]
    #[test_case(&[0xB1, 0x70, 0xA1]; "a map entry missing")]
    #[test_case(&[0xB1, 0x70, 0xA1, 0x81, 0x61, 0xD6, 0xFF, 0xFF, 0xFF, 0xFF]; "list32 absurd")]
    #[test_case(&[0xB1, 0x70, 0xA1, 0x81, 0x61, 0xD2, 0xFF, 0xFF, 0xFF, 0xFF, 0x61]; "string32 absurd")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xCB, 0x01]; "int64 cut")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xC1, 0x01]; "float cut")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xD1, 0x01]; "string16 size cut")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xDA, 0x80, 0, 0, 0]; "map32 absurd")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xE0]; "unknown marker")]
    #[test_case(&[0xB1, 0x71, 0x91, 0xDC, 0x01, 0x4E]; "struct8")]
    #[test_case(&[0xB1]; "structure without its tag")]
    #[test_case(&[0xB1, 0x70, 0xA0, 0x00]; "trailing bytes")]
    fn refuses(message: &[u8]) {
        let error = check_message(message).unwrap_err();
        assert!(matches!(error, Error::MalformedMessage(_)), "{error:?}");
    }

    #[test]
    fn values_up_to_the_limit_are_counted_and_past_it_refused() {
        // A record of three integers: the record, its list and the integers.
        let message = [0xB1, 0x71, 0x93, 0x01, 0x02, 0x03];
        assert_eq!(check_message_within(&message, 5).unwrap(), 5);
        let error = check_message_within(&message, 4).unwrap_err();
        assert!(matches!(error, Error::AnswerTooLarge(_)), "{error:?}");
        assert!(error.to_string().contains("more than 4 values"), "{error}");
    }

    #[test]
    fn the_default_limit_of_values_is_taken_exactly() {
        let record_of = |count: usize| {
            let mut message = vec![0xB1, 0x71, 0xD6];
            message.extend_from_slice(&(count as u32).to_be_bytes());
            message.resize(message.len() + count, 0x01);
            message
        };
        let full = record_of(MAX_MESSAGE_VALUES - 2);
        assert_eq!(check_message(&full).unwrap(), MAX_MESSAGE_VALUES);
        let error = check_message(&record_of(MAX_MESSAGE_VALUES - 1)).unwrap_err();
        assert!(matches!(error, Error::AnswerTooLarge(_)), "{error:?}");
    }

    #[test]
    fn nesting_up_to_the_limit_is_accepted_and_past_it_refused() {
        let nested = |levels: usize| {
            let mut message = vec![0x91; levels];
            message.push(0xC0);
            message
        };
        check_message(&nested(MAX_NESTING_DEPTH)).unwrap();
        let error = check_message(&nested(MAX_NESTING_DEPTH + 1)).unwrap_err();
        assert!(error.to_string().contains("nest deeper"), "{error}");
    }
}
