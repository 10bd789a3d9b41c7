use bytes::{Bytes, BytesMut};

use crate::{
    Version,
    errors::{Error, Result},
};

/// The next `len` bytes of `input`, or an error when fewer were received.
pub(crate) fn take_bytes(input: &mut Bytes, len: usize, what: &str) -> Result<Bytes> {
    if len > input.len() {
        return Err(Error::MalformedMessage(format!(
            "{what} of {len} bytes, but only {} were received",
            input.len()
        )));
    }
    Ok(input.split_to(len))
}

/// Checks that `count` entries of at least `min_size` bytes each fit in what
/// was received, before anything is allocated for them.
pub(crate) fn check_entries(
    input: &Bytes,
    count: usize,
    min_size: usize,
    what: &str,
) -> Result<()> {
    match count.checked_mul(min_size) {
        Some(size) if size <= input.len() => Ok(()),
        _ => Err(Error::MalformedMessage(format!(
            "{what} of {count} entries, but only {} bytes were received",
            input.len()
        ))),
    }
}

pub(crate) trait BoltWireFormat: Sized {
    // TODO: remove
    fn can_parse(version: Version, input: &[u8]) -> bool;

    fn parse(version: Version, input: &mut Bytes) -> Result<Self>;

    fn write_into(&self, version: Version, bytes: &mut BytesMut) -> Result<()>;

    fn into_bytes(self, version: Version) -> Result<Bytes> {
        let mut bytes = BytesMut::new();
        self.write_into(version, &mut bytes)?;
        Ok(bytes.freeze())
    }
}
