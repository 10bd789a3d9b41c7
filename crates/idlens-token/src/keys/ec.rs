//! EC public keys on P-256 and P-384: from a JWK's `crv`, `x` and `y` (an
//! uncompressed point for aws-lc) or a PEM block.

use jsonwebtoken::DecodingKey;

use super::jwk::{JwkFields, JwkProblem};
use super::pem::key_bytes;
use super::verifying_key::build_public;
use super::{KeyType, VerifyingKey};
use crate::shown::shown;

/// An `EC` JWK.
pub(super) fn from_jwk(jwk: &JwkFields<'_>) -> Result<VerifyingKey, JwkProblem> {
    let label = &jwk.label;
    let (key_type, size) = match jwk.text("crv") {
        Some("P-256") => (KeyType::EcP256, 32),
        Some("P-384") => (KeyType::EcP384, 48),
        other => {
            return Err(JwkProblem::Unusable(format!(
                "{label} is on curve {}, which IdLens does not verify (P-256 and P-384 only)",
                other.map(shown).unwrap_or_else(|| "(none)".to_owned())
            )))
        }
    };
    let (x, y) = (jwk.bytes("x")?, jwk.bytes("y")?);
    if x.len() != size || y.len() != size {
        return Err(JwkProblem::Unusable(format!(
            "{label}: its coordinates are not {size} bytes long, as {key_type} needs"
        )));
    }
    let mut point = Vec::with_capacity(1 + 2 * size);
    point.push(4);
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    let decoding = DecodingKey::from_ec_der(&point);
    Ok(build_public(
        jwk.kid.clone(),
        jwk.alg,
        key_type,
        &point,
        &decoding,
    ))
}

/// The EC key a PEM block was read as.
pub(super) fn from_pem(decoding: &DecodingKey, label: &str) -> Result<VerifyingKey, String> {
    let point = key_bytes(decoding)?;
    let key_type = match point.len() {
        65 => KeyType::EcP256,
        97 => KeyType::EcP384,
        _ => {
            return Err(format!(
                "the EC key in the `{label}` block is not on P-256 or P-384"
            ))
        }
    };
    Ok(build_public(None, None, key_type, &point, decoding))
}
