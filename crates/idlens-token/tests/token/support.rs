//! Fixtures, token minting and a tiny HTTP server on 127.0.0.1.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use idlens_token::{Algorithm, CheckName, CheckStatus, InspectOptions, KeySet, Report};
use jsonwebtoken::EncodingKey;
use serde_json::Value;

/// The time every test checks tokens against: 2025-06-15.
pub const NOW: i64 = 1_750_000_000;

pub fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW as u64)
}

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap()
}

/// `tests/fixtures/pyjwt-tokens.json`, minted by `mint.py`.
pub struct PyJwt(Value);

impl PyJwt {
    pub fn load() -> Self {
        Self(serde_json::from_str(&fixture("pyjwt-tokens.json")).unwrap())
    }

    pub fn get(&self, field: &str) -> String {
        self.0[field].as_str().unwrap().to_owned()
    }

    pub fn token(&self, name: &str) -> String {
        self.0["tokens"][name].as_str().unwrap().to_owned()
    }
}

pub fn issuer() -> String {
    PyJwt::load().get("issuer")
}

pub fn api() -> String {
    PyJwt::load().get("api")
}

pub fn jwks() -> KeySet {
    KeySet::from_jwks_json(&fixture("jwks.json"), "the test JWKS").unwrap()
}

/// Options expecting the fixtures' issuer and API, at [`NOW`].
pub fn opts() -> InspectOptions {
    InspectOptions {
        issuer: Some(issuer()),
        audiences: vec![api()],
        now: Some(now()),
        ..InspectOptions::default()
    }
}

pub fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).unwrap()
}

pub fn encoding_key(name: &str, alg: Algorithm) -> EncodingKey {
    let pem = fixture(&format!("{name}.key.pem"));
    match alg {
        Algorithm::ES256 | Algorithm::ES384 => EncodingKey::from_ec_pem(pem.as_bytes()).unwrap(),
        Algorithm::EdDSA => EncodingKey::from_ed_pem(pem.as_bytes()).unwrap(),
        _ => EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap(),
    }
}

/// Signs `header` and `claims` exactly as given (any header, any alg name)
/// with `alg` and `key`.
pub fn sign_raw(header: &Value, claims: &Value, alg: Algorithm, key: &EncodingKey) -> String {
    let message = format!("{}.{}", b64(header.to_string()), b64(claims.to_string()));
    let signature = jsonwebtoken::crypto::sign(message.as_bytes(), key, alg).unwrap();
    format!("{message}.{signature}")
}

/// Claims of a valid access token for the fixtures' API at [`NOW`].
pub fn access_claims() -> Value {
    serde_json::json!({
        "iss": issuer(),
        "sub": "auth0|abc",
        "aud": api(),
        "iat": NOW - 60,
        "exp": NOW + 3600,
        "azp": "client-1",
        "scope": "read:users",
    })
}

/// An RS256 token from the fixture RSA key (kid `rsa-1`) with `claims`.
pub fn rs256(claims: &Value) -> String {
    let header = serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": "rsa-1"});
    sign_raw(
        &header,
        claims,
        Algorithm::RS256,
        &encoding_key("rsa", Algorithm::RS256),
    )
}

pub fn failed(report: &Report) -> Vec<CheckName> {
    report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Failed)
        .map(|c| c.name)
        .collect()
}

/// Asserts the report is invalid and that exactly `expected` checks failed.
#[track_caller]
pub fn assert_rejected_by(report: &Report, expected: &[CheckName]) {
    assert!(!report.valid, "expected rejection: {}", report.summary);
    assert_eq!(failed(report), expected, "{:#?}", report.checks);
}

#[track_caller]
pub fn assert_valid(report: &Report) {
    assert!(report.valid, "{}\n{:#?}", report.summary, report.checks);
    assert!(!report.unverified);
    assert!(failed(report).is_empty());
}

pub fn reason(report: &Report, name: CheckName) -> String {
    report
        .check(name)
        .map(|c| c.reason.clone())
        .unwrap_or_default()
}

pub fn hint(report: &Report, name: CheckName) -> String {
    report
        .check(name)
        .and_then(|c| c.hint.clone())
        .unwrap_or_default()
}

pub use idlens_testkit::canned_http::{Answer, CannedServer};
