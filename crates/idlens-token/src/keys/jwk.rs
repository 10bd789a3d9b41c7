//! Reading a JWKS (`{"keys": [...]}`) or a single JWK into verifying keys:
//! private keys refuse the whole set, unusable entries are skipped with a
//! reason, and each usable entry goes to the module of its key type.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::Algorithm;
use serde_json::{Map, Value};

use super::set::check_size;
use super::verifying_key::lc_algorithm;
use super::{ec, ed25519, rsa, VerifyingKey};
use crate::shown::shown;
use crate::KeyError;

/// Members only a private JWK has.
const PRIVATE_JWK_MEMBERS: [&str; 6] = ["d", "p", "q", "dp", "dq", "qi"];

/// Why a JWK gave no key.
pub(super) enum JwkProblem {
    /// It holds a private key: the whole set is refused.
    Private,
    /// It cannot be used, for this reason: it is skipped.
    Unusable(String),
}

/// A JWK's members, read with messages that name the key.
pub(super) struct JwkFields<'a> {
    jwk: &'a Map<String, Value>,
    pub(super) kid: Option<String>,
    /// The algorithm the JWK restricts the key to, when it names one.
    pub(super) alg: Option<Algorithm>,
    /// The key's `kid` as shown in messages, or "(no kid)".
    pub(super) label: String,
}

impl JwkFields<'_> {
    pub(super) fn text(&self, name: &str) -> Option<&str> {
        self.jwk.get(name).and_then(Value::as_str)
    }

    /// A base64url member's bytes.
    pub(super) fn bytes(&self, name: &str) -> Result<Vec<u8>, JwkProblem> {
        let label = &self.label;
        let value = self
            .text(name)
            .ok_or_else(|| JwkProblem::Unusable(format!("{label} has no `{name}` member")))?;
        URL_SAFE_NO_PAD
            .decode(value.trim_end_matches('='))
            .map_err(|_| JwkProblem::Unusable(format!("{label}: `{name}` is not base64url")))
    }
}

pub(super) fn parse_jwks(text: &str, source: &str) -> Result<Vec<VerifyingKey>, KeyError> {
    let invalid = |problem: String| KeyError::Invalid {
        source_name: source.to_owned(),
        problem,
    };
    check_size(text, source)?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| invalid(format!("it is not JSON ({e})")))?;
    let entries = jwks_entries(&value).map_err(|problem| invalid(problem.to_owned()))?;

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

/// The JWK objects of a JWKS, or of a single JWK; `Err` says why `value` is
/// neither.
fn jwks_entries(value: &Value) -> Result<Vec<&Map<String, Value>>, &'static str> {
    match value {
        Value::Object(o) if o.contains_key("keys") => match &o["keys"] {
            Value::Array(keys) => keys
                .iter()
                .map(|k| k.as_object().ok_or("an entry of `keys` is not a JSON object"))
                .collect(),
            _ => Err("its `keys` member is not an array"),
        },
        Value::Object(o) if o.contains_key("kty") => Ok(vec![o]),
        Value::Object(_) => Err(
            "it is JSON but not a JWKS: there is no `keys` array (and it is not a single JWK with `kty`)",
        ),
        _ => Err("it is JSON but not an object with a `keys` array"),
    }
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
    let fields = JwkFields {
        jwk,
        kid,
        alg,
        label,
    };
    let label = &fields.label;
    match text("kty") {
        Some("RSA") => rsa::from_jwk(&fields).map(Some),
        Some("EC") => ec::from_jwk(&fields).map(Some),
        Some("OKP") => ed25519::from_jwk(&fields).map(Some),
        Some("oct") => Err(JwkProblem::Unusable(format!(
            "{label} is a symmetric (oct) key; IdLens uses an HMAC secret only when you give it explicitly"
        ))),
        other => Err(JwkProblem::Unusable(format!(
            "{label} has key type {}, which IdLens does not verify",
            other.map(shown).unwrap_or_else(|| "(none)".to_owned())
        ))),
    }
}
