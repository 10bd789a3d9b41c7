//! Trusted verification keys: a JWKS, PEM public keys, or an HMAC secret the
//! user gave explicitly.
//!
//! Keys are parsed and validated once, when the set is built, into aws-lc
//! public keys ready to verify: jsonwebtoken's own `crypto::verify` re-parses
//! the key on every call, which costs about a quarter of an RS256 verify.
//! jsonwebtoken still does the key import (PEM/DER), the JWK model and the
//! RFC 7638 thumbprints; HMAC goes through `jsonwebtoken::crypto::verify`.
//!
//! Invariants:
//! - A key set never holds a private key: private PEM blocks and JWKs with a
//!   private member (`d`, `p`, …) are refused.
//! - `oct` (symmetric) JWKs are refused: an HMAC secret is used only when the
//!   user gives one explicitly ([`KeySet::from_hmac_secret`]).
//! - Keys named by a token's header (`jwk`, `jku`, `x5u`, `x5c`) never reach
//!   this module.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use aws_lc_rs::signature::{self as lc, ParsedPublicKey, VerificationAlgorithm};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use idlens_secret::Secret;
use jsonwebtoken::jwk::{Jwk, ThumbprintHash};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde_json::{Map, Value};

use crate::report::{KeyFreshness, KeysStatus};
use crate::KeyError;

/// Largest key file or pasted key text IdLens reads.
pub const MAX_KEY_TEXT: usize = 1024 * 1024;

/// Keys trusted to verify tokens, with where they came from.
///
/// Cheap to clone (the keys are shared). Safe to use from many threads.
#[derive(Clone)]
pub struct KeySet {
    keys: Arc<[VerifyingKey]>,
    status: KeysStatus,
    /// The issuer these keys were discovered from, when they were.
    issuer: Option<String>,
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field("keys", &self.keys)
            .field("status", &self.status)
            .finish()
    }
}

impl KeySet {
    /// Parses a JWKS (`{"keys": [...]}`) or a single JWK. `source` names where
    /// it came from in messages and in the report ("JWKS file keys.json").
    pub fn from_jwks_json(text: &str, source: &str) -> Result<Self, KeyError> {
        let keys = parse_jwks(text, source)?;
        Ok(Self::local(keys, source))
    }

    /// Parses one or more PEM public keys or certificates.
    pub fn from_pem(text: &str, source: &str) -> Result<Self, KeyError> {
        let keys = parse_pem(text, source)?;
        Ok(Self::local(keys, source))
    }

    /// A JWKS or PEM, whichever `text` is.
    pub fn from_text(text: &str, source: &str) -> Result<Self, KeyError> {
        if text.len() > MAX_KEY_TEXT {
            return Err(KeyError::Invalid {
                source_name: source.to_owned(),
                problem: format!(
                    "it is {} bytes, more than the {MAX_KEY_TEXT} bytes a key set may have",
                    text.len()
                ),
            });
        }
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') {
            Self::from_jwks_json(text, source)
        } else if trimmed.starts_with("-----BEGIN") {
            Self::from_pem(text, source)
        } else {
            Err(KeyError::Invalid {
                source_name: source.to_owned(),
                problem: "it is neither a JWKS (JSON starting with `{`) nor a PEM public key \
                          (starting with `-----BEGIN PUBLIC KEY-----`)"
                    .to_owned(),
            })
        }
    }

    /// Reads a JWKS or PEM file of at most [`MAX_KEY_TEXT`] bytes. The limit
    /// holds while reading, so a device or FIFO (`/dev/zero`) is cut off there.
    pub fn from_file(path: &Path) -> Result<Self, KeyError> {
        let source = format!("key file {}", path.display());
        let text = idlens_bounded::read_file(path, MAX_KEY_TEXT).map_err(|e| match e {
            idlens_bounded::ReadError::Io(source) => KeyError::Io {
                path: path.display().to_string(),
                source,
            },
            other => KeyError::Invalid {
                source_name: source.clone(),
                problem: other.to_string(),
            },
        })?;
        Self::from_text(&text, &source)
    }

    /// An HMAC secret for HS256/384/512 tokens. Only ever built from a secret
    /// the user gave on purpose; never from a public key or a JWKS.
    pub fn from_hmac_secret(secret: Secret) -> Result<Self, KeyError> {
        if secret.is_empty() {
            return Err(KeyError::Invalid {
                source_name: "the HMAC secret".to_owned(),
                problem: "it is empty".to_owned(),
            });
        }
        let key = VerifyingKey::new(
            None,
            None,
            KeyType::Hmac,
            None,
            Material::Hmac(secret),
            None,
        );
        Ok(Self::local(vec![key], "the HMAC secret you gave"))
    }

    fn local(keys: Vec<VerifyingKey>, source: &str) -> Self {
        Self {
            status: KeysStatus {
                source: source.to_owned(),
                key_count: keys.len(),
                freshness: KeyFreshness::Local,
                note: None,
            },
            keys: keys.into(),
            issuer: None,
        }
    }

    pub(crate) fn fetched(
        keys: Arc<[VerifyingKey]>,
        status: KeysStatus,
        issuer: Option<String>,
    ) -> Self {
        Self {
            keys,
            status,
            issuer,
        }
    }

    pub(crate) fn shared_keys(&self) -> &Arc<[VerifyingKey]> {
        &self.keys
    }

    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }

    pub fn status(&self) -> &KeysStatus {
        &self.status
    }

    /// The issuer whose discovery document led to these keys, if any. The
    /// issuer check expects it when no issuer is given explicitly.
    pub fn discovered_issuer(&self) -> Option<&str> {
        self.issuer.as_deref()
    }

    pub fn has_kid(&self, kid: &str) -> bool {
        self.keys.iter().any(|k| k.kid.as_deref() == Some(kid))
    }

    /// True when the set holds an HMAC secret (so HS* tokens may be checked).
    pub fn has_hmac_secret(&self) -> bool {
        self.keys.iter().any(|k| k.key_type == KeyType::Hmac)
    }
}

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

enum Material {
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

    fn new(
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
            Material::Hmac(secret) => {
                let key = DecodingKey::from_secret(secret.expose().as_bytes());
                jsonwebtoken::crypto::verify(signature_b64, message, &key, alg).unwrap_or(false)
            }
        }
    }
}

/// Shows an untrusted string (a `kid`, an `alg`) in a message: quoted,
/// escaped and cut short, so injection strings stay inert.
pub(crate) fn shown(s: &str) -> String {
    Shown(s).to_string()
}

/// [`shown`] as a `Display`, to write it into a message without an
/// intermediate string.
#[derive(Clone, Copy)]
pub(crate) struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX: usize = 64;
        let s = self.0;
        // Short printable ASCII without quotes or backslashes is what `{:?}`
        // leaves as it is: only the quotes need adding. Issuers, audiences and
        // kids almost always are.
        if s.len() <= MAX
            && s.bytes()
                .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
        {
            f.write_str("\"")?;
            f.write_str(s)?;
            return f.write_str("\"");
        }
        match s.char_indices().nth(MAX) {
            Some((cut, _)) => write!(f, "{:?}…", &s[..cut]),
            None => write!(f, "{s:?}"),
        }
    }
}

fn lc_algorithm(alg: Algorithm) -> Option<&'static dyn VerificationAlgorithm> {
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

const RSA_ALGS: [Algorithm; 6] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
];

/// Builds a verifying key from public key bytes in the form aws-lc expects
/// (PKCS#1 DER for RSA, an uncompressed point for EC, 32 bytes for Ed25519).
fn build_public(
    kid: Option<String>,
    alg: Option<Algorithm>,
    key_type: KeyType,
    bytes: &[u8],
    decoding: &DecodingKey,
) -> VerifyingKey {
    let algs: &[Algorithm] = match key_type {
        KeyType::Rsa { .. } => &RSA_ALGS,
        KeyType::EcP256 => &[Algorithm::ES256],
        KeyType::EcP384 => &[Algorithm::ES384],
        KeyType::Ed25519 => &[Algorithm::EdDSA],
        KeyType::Hmac => &[],
    };
    let mut problem = match key_type {
        KeyType::Rsa { bits } if bits < 2048 => Some(format!(
            "it is a {bits}-bit RSA key; IdLens accepts RSA keys of 2048 bits or more"
        )),
        KeyType::Ed25519 => ed25519_problem(bytes).map(str::to_owned),
        _ => None,
    };
    let mut parsed = Vec::with_capacity(algs.len());
    if problem.is_none() {
        for &a in algs.iter().filter(|a| alg.is_none_or(|only| only == **a)) {
            let Some(lc_alg) = lc_algorithm(a) else {
                continue;
            };
            match ParsedPublicKey::new(lc_alg, bytes) {
                Ok(key) => parsed.push((a, key)),
                Err(e) => {
                    problem = Some(format!(
                        "the {key_type} key was rejected by the crypto library ({e})"
                    ));
                    break;
                }
            }
        }
    }
    let thumbprint = Jwk::from_decoding_key(decoding, None)
        .and_then(|jwk| jwk.thumbprint(ThumbprintHash::SHA256))
        .ok();
    let material = Material::Public(if problem.is_some() {
        Vec::new()
    } else {
        parsed
    });
    VerifyingKey::new(kid, alg, key_type, thumbprint, material, problem)
}

/// Why a 32-byte Ed25519 public key must not be trusted, if it must not.
///
/// A small-order point (the identity, the order-2 point, the order-4 and
/// order-8 points) "verifies" the signature R = identity, S = 0 over any
/// message, so a key set holding one would make forged tokens VALID; aws-lc
/// does not refuse them. Non-canonical encodings (y ≥ p, or a negative
/// zero x) are refused too: no honest key generator makes them.
fn ed25519_problem(x: &[u8]) -> Option<&'static str> {
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

/// DER `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017).
fn rsa_pkcs1_der(n: &[u8], e: &[u8]) -> Vec<u8> {
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

const PRIVATE_JWK_MEMBERS: [&str; 6] = ["d", "p", "q", "dp", "dq", "qi"];

fn parse_jwks(text: &str, source: &str) -> Result<Vec<VerifyingKey>, KeyError> {
    let invalid = |problem: String| KeyError::Invalid {
        source_name: source.to_owned(),
        problem,
    };
    if text.len() > MAX_KEY_TEXT {
        return Err(invalid(format!(
            "it is {} bytes, more than the {MAX_KEY_TEXT} bytes a key set may have",
            text.len()
        )));
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| invalid(format!("it is not JSON ({e})")))?;
    let entries: Vec<&Map<String, Value>> = match &value {
        Value::Object(o) if o.contains_key("keys") => match &o["keys"] {
            Value::Array(keys) => keys
                .iter()
                .map(|k| k.as_object().ok_or_else(|| invalid("an entry of `keys` is not a JSON object".to_owned())))
                .collect::<Result<_, _>>()?,
            _ => return Err(invalid("its `keys` member is not an array".to_owned())),
        },
        Value::Object(o) if o.contains_key("kty") => vec![o],
        Value::Object(_) => {
            return Err(invalid(
                "it is JSON but not a JWKS: there is no `keys` array (and it is not a single JWK with `kty`)"
                    .to_owned(),
            ))
        }
        _ => return Err(invalid("it is JSON but not an object with a `keys` array".to_owned())),
    };

    let mut keys = Vec::new();
    let mut skipped = Vec::new();
    for (index, entry) in entries.into_iter().enumerate() {
        match parse_jwk(entry) {
            Ok(Some(key)) => keys.push(key),
            Ok(None) => {}
            Err(JwkProblem::Private) => {
                return Err(invalid(format!(
                    "key {} holds a private key; give IdLens only public keys and keep private keys secret",
                    index + 1
                )))
            }
            Err(JwkProblem::Unusable(why)) => skipped.push(format!("key {}: {why}", index + 1)),
        }
    }
    if keys.is_empty() {
        let why = if skipped.is_empty() {
            "it holds no signing keys".to_owned()
        } else {
            format!(
                "it holds no usable signing keys ({})",
                summarise_skipped(&skipped)
            )
        };
        return Err(invalid(why));
    }
    Ok(keys)
}

/// The first few reasons keys were skipped and how many more there are:
/// a key set of 150,000 broken entries must not make a 10 MB message.
fn summarise_skipped(skipped: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = skipped[..skipped.len().min(SHOWN)].join("; ");
    if skipped.len() > SHOWN {
        text.push_str(&format!(
            "; and {} more of the {} keys were skipped",
            skipped.len() - SHOWN,
            skipped.len()
        ));
    }
    text
}

enum JwkProblem {
    Private,
    Unusable(String),
}

/// `Ok(None)` for keys that are not for signatures (`use: enc`).
fn parse_jwk(jwk: &Map<String, Value>) -> Result<Option<VerifyingKey>, JwkProblem> {
    if PRIVATE_JWK_MEMBERS.iter().any(|m| jwk.contains_key(*m)) {
        return Err(JwkProblem::Private);
    }
    let text = |name: &str| jwk.get(name).and_then(Value::as_str);
    if text("use").is_some_and(|u| u != "sig") {
        return Ok(None);
    }
    let kid = text("kid").map(str::to_owned);
    let label = kid
        .as_deref()
        .map(shown)
        .unwrap_or_else(|| "(no kid)".to_owned());
    let alg = match text("alg") {
        None => None,
        Some(name) => match name.parse::<Algorithm>() {
            Ok(a) if lc_algorithm(a).is_some() => Some(a),
            _ => {
                return Err(JwkProblem::Unusable(format!(
                    "{label} is for algorithm {}, which IdLens does not verify",
                    shown(name)
                )))
            }
        },
    };
    let b64 = |name: &str| -> Result<Vec<u8>, JwkProblem> {
        let value = text(name)
            .ok_or_else(|| JwkProblem::Unusable(format!("{label} has no `{name}` member")))?;
        URL_SAFE_NO_PAD
            .decode(value.trim_end_matches('='))
            .map_err(|_| JwkProblem::Unusable(format!("{label}: `{name}` is not base64url")))
    };
    match text("kty") {
        Some("RSA") => {
            let (n, e) = (b64("n")?, b64("e")?);
            let decoding = DecodingKey::from_rsa_raw_components(strip_zeros(&n), strip_zeros(&e));
            let key_type = KeyType::Rsa { bits: bit_len(&n) };
            Ok(Some(build_public(kid, alg, key_type, &rsa_pkcs1_der(&n, &e), &decoding)))
        }
        Some("EC") => {
            let (key_type, size) = match text("crv") {
                Some("P-256") => (KeyType::EcP256, 32),
                Some("P-384") => (KeyType::EcP384, 48),
                other => {
                    return Err(JwkProblem::Unusable(format!(
                        "{label} is on curve {}, which IdLens does not verify (P-256 and P-384 only)",
                        other.map(shown).unwrap_or_else(|| "(none)".to_owned())
                    )))
                }
            };
            let (x, y) = (b64("x")?, b64("y")?);
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
            Ok(Some(build_public(kid, alg, key_type, &point, &decoding)))
        }
        Some("OKP") => {
            if text("crv") != Some("Ed25519") {
                return Err(JwkProblem::Unusable(format!(
                    "{label} is an OKP key that is not Ed25519"
                )));
            }
            let x = b64("x")?;
            if x.len() != 32 {
                return Err(JwkProblem::Unusable(format!("{label}: an Ed25519 key is 32 bytes")));
            }
            let decoding = DecodingKey::from_ed_der(&x);
            Ok(Some(build_public(kid, alg, KeyType::Ed25519, &x, &decoding)))
        }
        Some("oct") => Err(JwkProblem::Unusable(format!(
            "{label} is a symmetric (oct) key; IdLens uses an HMAC secret only when you give it explicitly"
        ))),
        other => Err(JwkProblem::Unusable(format!(
            "{label} has key type {}, which IdLens does not verify",
            other.map(shown).unwrap_or_else(|| "(none)".to_owned())
        ))),
    }
}

fn parse_pem(text: &str, source: &str) -> Result<Vec<VerifyingKey>, KeyError> {
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

fn parse_pem_block(block: &str, label: &str) -> Result<VerifyingKey, String> {
    let bytes = block.as_bytes();
    if let Ok(decoding) = DecodingKey::from_rsa_pem(bytes) {
        let der = decoding
            .try_get_as_bytes()
            .map_err(|e| format!("the RSA key in the `{label}` block cannot be read ({e})"))?
            .to_vec();
        let jwk = Jwk::from_decoding_key(&decoding, None)
            .map_err(|e| format!("the RSA key in the `{label}` block cannot be read ({e})"))?;
        let bits = match &jwk.algorithm {
            jsonwebtoken::jwk::AlgorithmParameters::RSA(p) => URL_SAFE_NO_PAD
                .decode(&p.n)
                .map(|n| bit_len(&n))
                .unwrap_or(0),
            _ => 0,
        };
        return Ok(build_public(
            None,
            None,
            KeyType::Rsa { bits },
            &der,
            &decoding,
        ));
    }
    if let Ok(decoding) = DecodingKey::from_ec_pem(bytes) {
        let point = decoding
            .try_get_as_bytes()
            .map_err(|e| e.to_string())?
            .to_vec();
        let key_type = match point.len() {
            65 => KeyType::EcP256,
            97 => KeyType::EcP384,
            _ => {
                return Err(format!(
                    "the EC key in the `{label}` block is not on P-256 or P-384"
                ))
            }
        };
        return Ok(build_public(None, None, key_type, &point, &decoding));
    }
    if let Ok(decoding) = DecodingKey::from_ed_pem(bytes) {
        let x = decoding
            .try_get_as_bytes()
            .map_err(|e| e.to_string())?
            .to_vec();
        if x.len() != 32 {
            return Err(format!(
                "the key in the `{label}` block is not an Ed25519 key"
            ));
        }
        return Ok(build_public(None, None, KeyType::Ed25519, &x, &decoding));
    }
    Err(format!(
        "the `{label}` block is not an RSA, EC (P-256/P-384) or Ed25519 public key or certificate"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkcs1_der_encodes_lengths_and_sign_bytes() {
        assert_eq!(rsa_pkcs1_der(&[0x01], &[0x03]), [0x30, 6, 2, 1, 1, 2, 1, 3]);
        // High bit set gets a leading zero; leading zeros are stripped.
        assert_eq!(
            rsa_pkcs1_der(&[0, 0, 0x80], &[1, 0, 1]),
            [0x30, 9, 2, 2, 0, 0x80, 2, 3, 1, 0, 1]
        );
        let long = rsa_pkcs1_der(&[0x7f; 256], &[1, 0, 1]);
        assert_eq!(&long[..4], &[0x30, 0x82, 0x01, 0x09]);
        assert_eq!(&long[4..8], &[0x02, 0x82, 0x01, 0x00]);
    }

    #[test]
    fn bit_len_ignores_leading_zeros() {
        assert_eq!(bit_len(&[0, 0x80, 0]), 16);
        assert_eq!(bit_len(&[0x01]), 1);
        assert_eq!(bit_len(&[]), 0);
    }

    #[test]
    fn shown_quotes_escapes_and_cuts() {
        assert_eq!(shown("a\"b\n"), r#""a\"b\n""#);
        assert!(shown(&"x".repeat(100)).ends_with('…'));
    }

    #[test]
    fn shown_is_always_the_escaped_debug_form_cut_at_64_chars() {
        // The definition the fast path for plain ASCII must keep to.
        fn reference(s: &str) -> String {
            if s.chars().count() > 64 {
                let cut: String = s.chars().take(64).collect();
                format!("{cut:?}…")
            } else {
                format!("{s:?}")
            }
        }
        let long_ascii = "k".repeat(64);
        let cases = [
            "",
            "rsa-1",
            "https://dev-abc.us.auth0.com/",
            "it's ~ {ok} [x] `y` <z>",
            "a\\b",
            "quote\"d",
            "tab\there",
            "\u{7f}del",
            "\u{0}nul",
            "é accent",
            "\u{301}combining",
            "../../../etc/passwd' OR '1'='1",
            long_ascii.as_str(),
            &"k".repeat(65),
            &"é".repeat(64),
            &"é".repeat(65),
            &format!("{}\n", "k".repeat(63)),
        ];
        for s in cases {
            assert_eq!(shown(s), reference(s), "{s:?}");
            assert_eq!(Shown(s).to_string(), reference(s), "{s:?}");
        }
        for b in 0u8..=127 {
            let s = format!("x{}y", char::from(b));
            assert_eq!(shown(&s), reference(&s), "byte {b}");
        }
    }

    #[test]
    fn ed25519_keys_must_be_canonical_points_of_large_order() {
        // A real key (RFC 8032, test 1) is fine.
        let real = URL_SAFE_NO_PAD
            .decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
            .unwrap();
        assert_eq!(ed25519_problem(&real), None);
        // y = p + k for small k: non-canonical whenever it decodes at all.
        let mut found = 0;
        for k in 2u8..=18 {
            let mut y = [0xffu8; 32];
            y[0] = 0xed + k;
            y[31] = 0x7f;
            if let Some(problem) = ed25519_problem(&y) {
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
        assert!(ed25519_problem(&negative_zero).is_some());
        assert_eq!(
            ed25519_problem(&[0u8; 31]),
            Some("an Ed25519 key is 32 bytes")
        );
    }

    #[test]
    #[cfg(unix)]
    fn key_files_are_read_with_a_bound_whatever_size_they_report() {
        // /dev/zero reports 0 bytes and never ends.
        let err = KeySet::from_file(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("larger than 1 MiB"), "{err}");
    }

    #[test]
    fn refuses_private_and_symmetric_keys() {
        let private = r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}]}"#;
        let err = KeySet::from_jwks_json(private, "test")
            .unwrap_err()
            .to_string();
        assert!(err.contains("private key"), "{err}");
        let oct = r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#;
        let err = KeySet::from_jwks_json(oct, "test").unwrap_err().to_string();
        assert!(err.contains("symmetric"), "{err}");
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        let err = KeySet::from_pem(pem, "test").unwrap_err().to_string();
        assert!(err.contains("private key"), "{err}");
    }

    #[test]
    fn an_hmac_secret_never_shows_in_debug_output() {
        let keys = KeySet::from_hmac_secret(Secret::new("hunter2-hunter2")).unwrap();
        let printed = format!("{keys:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(keys.has_hmac_secret());
        assert_eq!(keys.keys()[0].thumbprint(), None);
    }

    #[test]
    fn garbage_key_text_gets_a_clear_error() {
        let err = KeySet::from_text("hello", "pasted keys")
            .unwrap_err()
            .to_string();
        assert!(err.contains("neither a JWKS"), "{err}");
        let err = KeySet::from_text("{\"a\":1}", "pasted keys")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no `keys` array"), "{err}");
        let err = KeySet::from_text("{nope", "pasted keys")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not JSON"), "{err}");
    }
}
