//! Ed25519 public keys (JWK `kty: OKP`, `crv: Ed25519`, or a PEM block), and
//! the check that refuses small-order and non-canonical points.

use jsonwebtoken::DecodingKey;

use super::jwk::{JwkFields, JwkProblem};
use super::pem::key_bytes;
use super::verifying_key::build_public;
use super::{KeyType, VerifyingKey};

/// An `OKP` JWK: only Ed25519.
pub(super) fn from_jwk(jwk: &JwkFields<'_>) -> Result<VerifyingKey, JwkProblem> {
    let label = &jwk.label;
    if jwk.text("crv") != Some("Ed25519") {
        return Err(JwkProblem::Unusable(format!(
            "{label} is an OKP key that is not Ed25519"
        )));
    }
    let x = jwk.bytes("x")?;
    if x.len() != 32 {
        return Err(JwkProblem::Unusable(format!(
            "{label}: an Ed25519 key is 32 bytes"
        )));
    }
    let decoding = DecodingKey::from_ed_der(&x);
    Ok(build_public(
        jwk.kid.clone(),
        jwk.alg,
        KeyType::Ed25519,
        &x,
        &decoding,
    ))
}

/// The Ed25519 key a PEM block was read as.
pub(super) fn from_pem(decoding: &DecodingKey, label: &str) -> Result<VerifyingKey, String> {
    let x = key_bytes(decoding)?;
    if x.len() != 32 {
        return Err(format!(
            "the key in the `{label}` block is not an Ed25519 key"
        ));
    }
    Ok(build_public(None, None, KeyType::Ed25519, &x, decoding))
}

/// Why a 32-byte Ed25519 public key must not be trusted, if it must not.
///
/// A small-order point (the identity, the order-2 point, the order-4 and
/// order-8 points) "verifies" the signature R = identity, S = 0 over any
/// message, so a key set holding one would make forged tokens VALID; aws-lc
/// does not refuse them. Non-canonical encodings (y ≥ p, or a negative
/// zero x) are refused too: no honest key generator makes them.
pub(super) fn problem(x: &[u8]) -> Option<&'static str> {
    use curve25519_dalek::edwards::CompressedEdwardsY;
    let Ok(bytes) = <[u8; 32]>::try_from(x) else {
        return Some("an Ed25519 key is 32 bytes");
    };
    let Some(point) = CompressedEdwardsY(bytes).decompress() else {
        return Some("it is not a point on the Ed25519 curve");
    };
    if point.is_small_order() {
        return Some(
            "it is a small-order Ed25519 point, which would accept a forged signature on any token; \
             no real key is one, so the key set is broken or forged",
        );
    }
    if point.compress().to_bytes() != bytes {
        return Some("it is a non-canonical encoding of an Ed25519 point, which no honest key generator makes");
    }
    None
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    use super::*;

    #[test]
    fn ed25519_keys_must_be_canonical_points_of_large_order() {
        // A real key (RFC 8032, test 1) is fine.
        let real = URL_SAFE_NO_PAD
            .decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
            .unwrap();
        assert_eq!(problem(&real), None);
        // y = p + k for small k: non-canonical whenever it decodes at all.
        let mut found = 0;
        for k in 2u8..=18 {
            let mut y = [0xffu8; 32];
            y[0] = 0xed + k;
            y[31] = 0x7f;
            if let Some(problem) = problem(&y) {
                if problem.contains("non-canonical") {
                    found += 1;
                }
            }
        }
        assert!(
            found > 0,
            "no non-canonical encoding of y = p + 2..18 decoded"
        );
        // The identity with the sign bit set is a "negative zero" x.
        let mut negative_zero = [0u8; 32];
        negative_zero[0] = 1;
        negative_zero[31] = 0x80;
        assert!(problem(&negative_zero).is_some());
        assert_eq!(problem(&[0u8; 31]), Some("an Ed25519 key is 32 bytes"));
    }
}
