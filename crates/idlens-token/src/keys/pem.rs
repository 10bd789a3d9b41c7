//! Reading PEM text (one or more public keys or certificates) into verifying
//! keys: a private key block refuses the whole text, and each block goes to
//! the key type that reads it.

use jsonwebtoken::DecodingKey;

use super::{ec, ed25519, rsa, VerifyingKey};
use crate::KeyError;

pub(super) fn parse_pem(text: &str, source: &str) -> Result<Vec<VerifyingKey>, KeyError> {
    let invalid = |problem: String| KeyError::Invalid {
        source_name: source.to_owned(),
        problem,
    };
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block_start = &rest[start..];
        let label_end = block_start[11..]
            .find("-----")
            .ok_or_else(|| invalid("a `-----BEGIN` line is not closed with `-----`".to_owned()))?;
        let label = &block_start[11..11 + label_end];
        let end_marker = format!("-----END {label}-----");
        let end = block_start
            .find(&end_marker)
            .ok_or_else(|| invalid(format!("the `{label}` block has no `{end_marker}` line")))?;
        let block = &block_start[..end + end_marker.len()];
        rest = &block_start[end + end_marker.len()..];

        if label.contains("PRIVATE") {
            return Err(invalid(
                "it holds a private key; give IdLens only the public key (`openssl pkey -pubout`) \
                 and keep the private key secret"
                    .to_owned(),
            ));
        }
        keys.push(parse_pem_block(block, label).map_err(invalid)?);
    }
    if keys.is_empty() {
        return Err(invalid(
            "it holds no PEM block (`-----BEGIN PUBLIC KEY-----`)".to_owned(),
        ));
    }
    Ok(keys)
}

/// One block's key: RSA, then EC, then Ed25519, whichever reads it.
fn parse_pem_block(block: &str, label: &str) -> Result<VerifyingKey, String> {
    let bytes = block.as_bytes();
    if let Ok(decoding) = DecodingKey::from_rsa_pem(bytes) {
        return rsa::from_pem(&decoding, label);
    }
    if let Ok(decoding) = DecodingKey::from_ec_pem(bytes) {
        return ec::from_pem(&decoding, label);
    }
    if let Ok(decoding) = DecodingKey::from_ed_pem(bytes) {
        return ed25519::from_pem(&decoding, label);
    }
    Err(format!(
        "the `{label}` block is not an RSA, EC (P-256/P-384) or Ed25519 public key or certificate"
    ))
}

/// The public key bytes a PEM block held (an EC point, an Ed25519 key).
pub(super) fn key_bytes(decoding: &DecodingKey) -> Result<Vec<u8>, String> {
    decoding
        .try_get_as_bytes()
        .map(<[u8]>::to_vec)
        .map_err(|e| e.to_string())
}
