//! [`VerifyingKey`]: one trusted key, parsed once into aws-lc public keys (one
//! per algorithm it may verify) or an HMAC secret, and [`KeyType`], which
//! matches a key to a token's `alg`.

use std::fmt;

use aws_lc_rs::signature::{self as lc, ParsedPublicKey, VerificationAlgorithm};
use idlens_secret::Secret;
use jsonwebtoken::jwk::{Jwk, ThumbprintHash};
use jsonwebtoken::{Algorithm, DecodingKey};

use super::{ed25519, hmac, rsa};
use crate::shown::Shown;
use crate::verify::DEFAULT_ALGORITHMS;

/// What kind of key, as far as matching it to a token's `alg` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    Rsa { bits: usize },
    EcP256,
    EcP384,
    Ed25519,
    Hmac,
}

impl KeyType {
    /// Whether a token signed with `alg` could have been signed by this kind of key.
    pub fn fits(self, alg: Algorithm) -> bool {
        use Algorithm::*;
        match self {
            KeyType::Rsa { .. } => matches!(alg, RS256 | RS384 | RS512 | PS256 | PS384 | PS512),
            KeyType::EcP256 => alg == ES256,
            KeyType::EcP384 => alg == ES384,
            KeyType::Ed25519 => alg == EdDSA,
            KeyType::Hmac => matches!(alg, HS256 | HS384 | HS512),
        }
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyType::Rsa { bits } => write!(f, "RSA-{bits}"),
            KeyType::EcP256 => f.write_str("EC P-256"),
            KeyType::EcP384 => f.write_str("EC P-384"),
            KeyType::Ed25519 => f.write_str("Ed25519"),
            KeyType::Hmac => f.write_str("HMAC secret"),
        }
    }
}

/// One trusted key, parsed and ready to verify.
pub struct VerifyingKey {
    kid: Option<String>,
    /// The JWK's `alg`, when it restricts the key to one algorithm.
    alg: Option<Algorithm>,
    key_type: KeyType,
    thumbprint: Option<String>,
    material: Material,
    /// Why this key cannot be used (e.g. RSA under 2048 bits); kept so the
    /// `key` check can say so instead of "no key".
    problem: Option<String>,
    /// [`VerifyingKey::describe`], made once: messages about a key are
    /// written for every token.
    description: String,
}

pub(super) enum Material {
    /// One parsed key per algorithm the key may verify.
    Public(Vec<(Algorithm, ParsedPublicKey)>),
    Hmac(Secret),
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("type", &self.key_type)
            .field("thumbprint", &self.thumbprint)
            .field("problem", &self.problem)
            .finish_non_exhaustive()
    }
}

impl VerifyingKey {
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    pub fn alg(&self) -> Option<Algorithm> {
        self.alg
    }

    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// RFC 7638 SHA-256 thumbprint (base64url); `None` for HMAC secrets,
    /// whose hash would help an offline guess of the secret.
    pub fn thumbprint(&self) -> Option<&str> {
        self.thumbprint.as_deref()
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Whether this key may verify a token signed with `alg`.
    pub fn fits(&self, alg: Algorithm) -> bool {
        self.key_type.fits(alg) && self.alg.is_none_or(|a| a == alg)
    }

    /// "RSA-2048 key kid=\"abc\"", for messages.
    pub fn describe(&self) -> String {
        self.description.clone()
    }

    pub(crate) fn description(&self) -> &str {
        &self.description
    }

    pub(super) fn new(
        kid: Option<String>,
        alg: Option<Algorithm>,
        key_type: KeyType,
        thumbprint: Option<String>,
        material: Material,
        problem: Option<String>,
    ) -> Self {
        let description = match &kid {
            Some(kid) => format!("{key_type} key kid={}", Shown(kid)),
            None => format!("{key_type} key (no kid)"),
        };
        Self {
            kid,
            alg,
            key_type,
            thumbprint,
            material,
            problem,
            description,
        }
    }

    /// Verifies `signature` over `message` with `alg`. False for any
    /// mismatch, including an `alg` this key does not fit.
    pub(crate) fn verify(
        &self,
        alg: Algorithm,
        message: &[u8],
        signature: &[u8],
        signature_b64: &str,
    ) -> bool {
        if !self.fits(alg) || self.problem.is_some() {
            return false;
        }
        match &self.material {
            Material::Public(parsed) => parsed
                .iter()
                .find(|(a, _)| *a == alg)
                .is_some_and(|(_, key)| key.verify_sig(message, signature).is_ok()),
            Material::Hmac(secret) => hmac::verify(secret, alg, message, signature_b64),
        }
    }
}

/// The aws-lc algorithm that verifies `alg`, if IdLens verifies it with a
/// public key.
pub(super) fn lc_algorithm(alg: Algorithm) -> Option<&'static dyn VerificationAlgorithm> {
    Some(match alg {
        Algorithm::RS256 => &lc::RSA_PKCS1_2048_8192_SHA256,
        Algorithm::RS384 => &lc::RSA_PKCS1_2048_8192_SHA384,
        Algorithm::RS512 => &lc::RSA_PKCS1_2048_8192_SHA512,
        Algorithm::PS256 => &lc::RSA_PSS_2048_8192_SHA256,
        Algorithm::PS384 => &lc::RSA_PSS_2048_8192_SHA384,
        Algorithm::PS512 => &lc::RSA_PSS_2048_8192_SHA512,
        Algorithm::ES256 => &lc::ECDSA_P256_SHA256_FIXED,
        Algorithm::ES384 => &lc::ECDSA_P384_SHA384_FIXED,
        Algorithm::EdDSA => &lc::ED25519,
        _ => return None,
    })
}

/// Builds a verifying key from public key bytes in the form aws-lc expects
/// (PKCS#1 DER for RSA, an uncompressed point for EC, 32 bytes for Ed25519).
/// A key IdLens must not trust (RSA under 2048 bits, a small-order or
/// non-canonical Ed25519 point, bytes aws-lc refuses) is kept with its
/// problem and verifies nothing.
pub(super) fn build_public(
    kid: Option<String>,
    alg: Option<Algorithm>,
    key_type: KeyType,
    bytes: &[u8],
    decoding: &DecodingKey,
) -> VerifyingKey {
    let mut problem = match key_type {
        KeyType::Rsa { bits } => rsa::size_problem(bits),
        KeyType::Ed25519 => ed25519::problem(bytes).map(str::to_owned),
        _ => None,
    };
    let mut parsed = Vec::new();
    if problem.is_none() {
        match parse_for_algorithms(key_type, alg, bytes) {
            Ok(keys) => parsed = keys,
            Err(why) => problem = Some(why),
        }
    }
    let thumbprint = Jwk::from_decoding_key(decoding, None)
        .and_then(|jwk| jwk.thumbprint(ThumbprintHash::SHA256))
        .ok();
    VerifyingKey::new(
        kid,
        alg,
        key_type,
        thumbprint,
        Material::Public(parsed),
        problem,
    )
}

/// The key parsed by aws-lc once for each algorithm IdLens verifies that
/// it fits (only `alg` when the key names one).
fn parse_for_algorithms(
    key_type: KeyType,
    alg: Option<Algorithm>,
    bytes: &[u8],
) -> Result<Vec<(Algorithm, ParsedPublicKey)>, String> {
    let algs = DEFAULT_ALGORITHMS
        .into_iter()
        .filter(|a| key_type.fits(*a) && alg.is_none_or(|only| only == *a));
    let mut parsed = Vec::new();
    for a in algs {
        let Some(lc_alg) = lc_algorithm(a) else {
            continue;
        };
        let key = ParsedPublicKey::new(lc_alg, bytes)
            .map_err(|e| format!("the {key_type} key was rejected by the crypto library ({e})"))?;
        parsed.push((a, key));
    }
    Ok(parsed)
}
