//! Every PackStream value kind cut short, or claiming a size it does not have,
//! through both decoders on their own (without `message_check`, which the
//! connection runs first): each is an error, never a panic, and no size off
//! the wire is allocated before its bytes were received.

use bytes::Bytes;

use crate::{
    message_check::check_message, messages::BoltResponse, types::BoltType, version::Version,
};

/// Values that are cut short or claim more than follows them.
const BROKEN_VALUES: &[(&str, &[u8])] = &[
    ("nothing", &[]),
    ("INT8 without its byte", &[0xC8]),
    ("INT16 cut", &[0xC9, 0x01]),
    ("INT32 cut", &[0xCA, 0x01, 0x02]),
    ("INT64 cut", &[0xCB, 0x01, 0x02, 0x03]),
    ("FLOAT cut", &[0xC1, 0x3F, 0xF0]),
    ("tiny string cut", &[0x85, 0x61, 0x62]),
    ("STRING8 without its size", &[0xD0]),
    ("STRING8 cut", &[0xD0, 0x10, 0x61]),
    ("STRING16 without its size", &[0xD1, 0x01]),
    ("STRING16 cut", &[0xD1, 0x01, 0x00, 0x61]),
    ("STRING32 without its size", &[0xD2, 0x00, 0x00]),
    (
        "STRING32 of 2^32-1 bytes",
        &[0xD2, 0xFF, 0xFF, 0xFF, 0xFF, 0x61],
    ),
    ("BYTES8 without its size", &[0xCC]),
    ("BYTES8 cut", &[0xCC, 0x05, 0x01]),
    ("BYTES16 cut", &[0xCD, 0x01, 0x00, 0x01]),
    ("BYTES32 without its size", &[0xCE, 0x00]),
    (
        "BYTES32 of 2^32-1 bytes",
        &[0xCE, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
    ),
    ("tiny list cut", &[0x93, 0x01]),
    ("null, then a missing list item", &[0x92, 0xC0]),
    ("boolean, then a missing list item", &[0x92, 0xC3]),
    ("LIST8 of 255", &[0xD4, 0xFF, 0x01]),
    ("LIST16 of 65,535", &[0xD5, 0xFF, 0xFF, 0x01]),
    ("LIST32 without its size", &[0xD6, 0x00, 0x00, 0x00]),
    ("LIST32 of 2^32-1", &[0xD6, 0xFF, 0xFF, 0xFF, 0xFF]),
    ("tiny map cut", &[0xA2, 0x81, 0x61, 0x01]),
    ("tiny map with a key and no value", &[0xA1, 0x81, 0x61]),
    ("MAP8 of 255", &[0xD8, 0xFF]),
    ("MAP16 of 65,535", &[0xD9, 0xFF, 0xFF]),
    ("MAP32 without its size", &[0xDA, 0xFF]),
    ("MAP32 of 2^32-1", &[0xDA, 0xFF, 0xFF, 0xFF, 0xFF]),
    ("structure without its tag", &[0xB1]),
    ("node cut after its id", &[0xB3, 0x4E, 0x01]),
    (
        "node with a LIST32 of labels",
        &[0xB3, 0x4E, 0x01, 0xD6, 0xFF, 0xFF, 0xFF, 0xFF],
    ),
    (
        "node with a MAP32 of properties",
        &[0xB3, 0x4E, 0x01, 0x90, 0xDA, 0xFF, 0xFF, 0xFF, 0xFF],
    ),
    ("relationship cut", &[0xB5, 0x52, 0x01, 0x02, 0x03]),
    (
        "relationship with a STRING32 type",
        &[0xB5, 0x52, 0x01, 0x02, 0x03, 0xD2, 0xFF, 0xFF, 0xFF, 0xFF],
    ),
    ("unbound relationship cut", &[0xB3, 0x72, 0x01]),
    ("path cut", &[0xB3, 0x50, 0x91]),
    (
        "path with a LIST32 of relationships",
        &[0xB3, 0x50, 0x90, 0xD6, 0xFF, 0xFF, 0xFF, 0xFF],
    ),
    ("2D point cut", &[0xB3, 0x58, 0x01, 0xC1, 0x00, 0x00]),
    (
        "3D point cut",
        &[0xB4, 0x59, 0x01, 0xC1, 0, 0, 0, 0, 0, 0, 0, 0, 0xC1],
    ),
    ("date cut", &[0xB1, 0x44]),
    ("date with a cut INT64", &[0xB1, 0x44, 0xCB, 0x01]),
    ("time cut", &[0xB2, 0x54, 0x01]),
    ("local time cut", &[0xB1, 0x74]),
    ("datetime (offset) cut", &[0xB3, 0x46, 0x01, 0x02]),
    (
        "datetime (zone id) cut",
        &[0xB3, 0x66, 0x01, 0x02, 0xD0, 0x09, 0x45],
    ),
    ("local datetime cut", &[0xB2, 0x64, 0x01]),
    ("duration cut", &[0xB4, 0x45, 0x01, 0x02, 0x03]),
];

/// Well-formed PackStream with the wrong kinds of value for what they are in:
/// `check_message` lets them through and the default decoder refuses them.
const MISTYPED_VALUES: &[(&str, &[u8])] = &[
    (
        "2D point with integer coordinates",
        &[0xB3, 0x58, 0x01, 0x01, 0x01],
    ),
    (
        "node whose id is a string",
        &[0xB3, 0x4E, 0x81, 0x61, 0x90, 0xA0],
    ),
    ("map with a key that is not a string", &[0xA1, 0x01, 0x01]),
    ("string that is not UTF-8", &[0x82, 0xC3, 0x28]),
];

/// A RECORD message holding `value` as its one field.
fn record(value: &[u8]) -> Bytes {
    [&[0xB1, 0x71, 0x91][..], value].concat().into()
}

#[test]
fn the_default_decoder_refuses_every_broken_value() {
    for (case, value) in BROKEN_VALUES {
        let mut input = Bytes::copy_from_slice(value);
        let parsed = BoltType::parse(Version::V4_4, &mut input);
        assert!(parsed.is_err(), "{case}: {parsed:?}");
        let message = BoltResponse::parse(Version::V4_4, record(value));
        assert!(message.is_err(), "{case} in a RECORD: {message:?}");
        assert!(
            check_message(&record(value)).is_err(),
            "{case} passed the check"
        );
    }
}

#[test]
fn the_default_decoder_refuses_every_mistyped_value() {
    for (case, value) in MISTYPED_VALUES {
        check_message(&record(value)).unwrap();
        let message = BoltResponse::parse(Version::V4_4, record(value));
        assert!(message.is_err(), "{case} in a RECORD: {message:?}");
    }
}

#[test]
fn the_default_decoder_refuses_a_success_with_a_missing_map_entry() {
    let parsed = BoltResponse::parse(Version::V4_4, Bytes::from_static(&[0xB1, 0x70, 0xA1]));
    assert!(parsed.is_err(), "{parsed:?}");
}

#[cfg(feature = "unstable-bolt-protocol-impl-v2")]
mod v2 {
    use super::*;
    use crate::{
        bolt::{Bolt, Response},
        packstream::from_bytes,
        summary::Streaming,
    };

    /// The v2 decoder reads a container that claims more items than follow
    /// as the items that do (upstream's `dont_fail_on_wrong_lengths`), so
    /// only the connection's `check_message` refuses those; on its own it
    /// must neither panic nor allocate a size it has not received.
    #[test]
    fn the_v2_decoder_survives_every_broken_value() {
        for (_, value) in BROKEN_VALUES {
            let _ = from_bytes::<Bolt>(Bytes::copy_from_slice(value));
            let _ = from_bytes::<Response<Vec<Bolt>, Streaming>>(record(value));
        }
    }

    #[test]
    fn the_v2_decoder_refuses_sizes_past_the_end() {
        for value in [
            &[0xD2, 0xFF, 0xFF, 0xFF, 0xFF, 0x61][..],
            &[0xCE, 0, 0, 1, 0, 1],
            &[0xCB, 1],
        ] {
            let parsed = from_bytes::<Bolt>(Bytes::copy_from_slice(value));
            assert!(parsed.is_err(), "{value:02X?}: {parsed:?}");
        }
    }

    #[test]
    fn node_properties_that_are_not_a_map_are_an_error_not_a_panic() {
        // Node {id: 1, labels: [], properties: 1}.
        let node = from_bytes::<Bolt>(Bytes::from_static(&[0xB3, 0x4E, 0x01, 0x90, 0x01]));
        if let Ok(node) = node {
            assert!(node.into_bolt_type().is_err());
        }
    }
}
