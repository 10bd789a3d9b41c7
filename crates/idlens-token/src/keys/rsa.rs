//! RSA public keys: from a JWK's `n` and `e` (encoded as PKCS#1 DER for
//! aws-lc) or a PEM block; under 2048 bits they are kept with a problem.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk};
use jsonwebtoken::DecodingKey;

use super::jwk::{JwkFields, JwkProblem};
use super::verifying_key::build_public;
use super::{KeyType, VerifyingKey};

/// Why an RSA key of `bits` must not be trusted, if it must not.
pub(super) fn size_problem(bits: usize) -> Option<String> {
    (bits < 2048).then(|| {
        format!("it is a {bits}-bit RSA key; IdLens accepts RSA keys of 2048 bits or more")
    })
}

/// An `RSA` JWK.
pub(super) fn from_jwk(jwk: &JwkFields<'_>) -> Result<VerifyingKey, JwkProblem> {
    let (n, e) = (jwk.bytes("n")?, jwk.bytes("e")?);
    let decoding = DecodingKey::from_rsa_raw_components(strip_zeros(&n), strip_zeros(&e));
    let key_type = KeyType::Rsa { bits: bit_len(&n) };
    Ok(build_public(
        jwk.kid.clone(),
        jwk.alg,
        key_type,
        &pkcs1_der(&n, &e),
        &decoding,
    ))
}

/// The RSA key a PEM block was read as.
pub(super) fn from_pem(decoding: &DecodingKey, label: &str) -> Result<VerifyingKey, String> {
    let unreadable = |e: jsonwebtoken::errors::Error| {
        format!("the RSA key in the `{label}` block cannot be read ({e})")
    };
    let der = decoding.try_get_as_bytes().map_err(unreadable)?.to_vec();
    let jwk = Jwk::from_decoding_key(decoding, None).map_err(unreadable)?;
    let bits = match &jwk.algorithm {
        AlgorithmParameters::RSA(p) => URL_SAFE_NO_PAD
            .decode(&p.n)
            .map(|n| bit_len(&n))
            .unwrap_or(0),
        _ => 0,
    };
    Ok(build_public(
        None,
        None,
        KeyType::Rsa { bits },
        &der,
        decoding,
    ))
}

/// DER `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017).
fn pkcs1_der(n: &[u8], e: &[u8]) -> Vec<u8> {
    fn push_len(out: &mut Vec<u8>, len: usize) {
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
    }
    fn push_uint(out: &mut Vec<u8>, value: &[u8]) {
        let value = strip_zeros(value);
        let pad = value.first().is_none_or(|b| b & 0x80 != 0);
        out.push(0x02);
        push_len(out, value.len() + usize::from(pad));
        if pad {
            out.push(0);
        }
        out.extend_from_slice(value);
    }
    let mut body = Vec::with_capacity(n.len() + e.len() + 16);
    push_uint(&mut body, n);
    push_uint(&mut body, e);
    let mut out = Vec::with_capacity(body.len() + 6);
    out.push(0x30);
    push_len(&mut out, body.len());
    out.extend_from_slice(&body);
    out
}

fn strip_zeros(value: &[u8]) -> &[u8] {
    let skip = value.iter().take_while(|b| **b == 0).count();
    &value[skip..]
}

fn bit_len(value: &[u8]) -> usize {
    let value = strip_zeros(value);
    match value.first() {
        Some(first) => value.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkcs1_der_encodes_lengths_and_sign_bytes() {
        assert_eq!(pkcs1_der(&[0x01], &[0x03]), [0x30, 6, 2, 1, 1, 2, 1, 3]);
        // High bit set gets a leading zero; leading zeros are stripped.
        assert_eq!(
            pkcs1_der(&[0, 0, 0x80], &[1, 0, 1]),
            [0x30, 9, 2, 2, 0, 0x80, 2, 3, 1, 0, 1]
        );
        let long = pkcs1_der(&[0x7f; 256], &[1, 0, 1]);
        assert_eq!(&long[..4], &[0x30, 0x82, 0x01, 0x09]);
        assert_eq!(&long[4..8], &[0x02, 0x82, 0x01, 0x00]);
    }

    #[test]
    fn bit_len_ignores_leading_zeros() {
        assert_eq!(bit_len(&[0, 0x80, 0]), 16);
        assert_eq!(bit_len(&[0x01]), 1);
        assert_eq!(bit_len(&[]), 0);
    }
}
