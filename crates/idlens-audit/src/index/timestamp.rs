//! Auth0's timestamps (`2020-05-03T00:58:23.785Z`) packed into 9 bytes
//! instead of 24: two per user is a quarter of the index's text.
//!
//! Only the exact form `YYYY-MM-DDTHH:MM:SS.mmmZ` is packed (its 17 digits
//! as one number, 7 bits per byte, so the arena stays ASCII); anything else
//! is kept as written. Unpacking gives the same text back.

use std::borrow::Cow;

const FORM: &[u8; 24] = b"0000-00-00T00:00:00.000Z";
const PACKED_LEN: usize = 9;

/// A timestamp as the index holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp<'a> {
    Text(&'a str),
    Packed(&'a str),
}

impl<'a> Stamp<'a> {
    /// The timestamp's text, as it was in the input.
    pub fn text(self) -> Cow<'a, str> {
        match self {
            Stamp::Text(text) => Cow::Borrowed(text),
            Stamp::Packed(packed) => Cow::Owned(unpack(packed)),
        }
    }
}

/// The packed form of `text`, when it has the exact form.
pub(crate) fn pack(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.len() != FORM.len() {
        return None;
    }
    let mut value: u64 = 0;
    for (&b, &f) in bytes.iter().zip(FORM) {
        if f == b'0' {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u64::from(b - b'0');
        } else if b != f {
            return None;
        }
    }
    Some(
        (0..PACKED_LEN)
            .rev()
            .map(|i| char::from(((value >> (7 * i)) & 0x7f) as u8))
            .collect(),
    )
}

fn unpack(packed: &str) -> String {
    let value = packed.bytes().fold(0u64, |v, b| (v << 7) | u64::from(b));
    let digits = format!("{value:017}");
    let mut digits = digits.chars();
    FORM.iter()
        .map(|&f| {
            if f == b'0' {
                digits.next().unwrap_or('0')
            } else {
                char::from(f)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_gives_the_text_back_and_keeps_other_forms() {
        for text in [
            "2020-05-03T00:58:23.785Z",
            "0000-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            let packed = pack(text).unwrap();
            assert_eq!(packed.len(), PACKED_LEN);
            assert_eq!(Stamp::Packed(&packed).text(), text);
        }
        for other in [
            "2020-05-03T00:58:23Z",
            "2020-05-03 00:58:23.785Z",
            "2020-05-03T00:58:23.785+01",
            "",
        ] {
            assert_eq!(pack(other), None, "{other}");
        }
    }
}
