//! Tokens minted by PyJWT verify; their tampered variants do not; and the
//! signature verdicts agree with jsonwebtoken's own verifier.

use idlens_secret::Secret;
use idlens_token::{inspect, CheckName, InspectOptions, KeySet, TokenKind};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::DecodingKey;

use crate::support::*;

const ASYMMETRIC: [(&str, &str); 9] = [
    ("access-RS256", "rsa-1"),
    ("access-RS384", "rsa-1"),
    ("access-RS512", "rsa-1"),
    ("access-PS256", "rsa-1"),
    ("access-PS384", "rsa-1"),
    ("access-PS512", "rsa-1"),
    ("access-ES256", "ec256-1"),
    ("access-ES384", "ec384-1"),
    ("access-EdDSA", "ed-1"),
];

#[test]
fn pyjwt_tokens_verify_with_the_jwks() {
    let fixtures = PyJwt::load();
    let keys = jwks();
    for (name, kid) in ASYMMETRIC {
        let report = inspect(&fixtures.token(name), &opts(), Some(&keys));
        assert_valid(&report);
        assert_eq!(report.kind, TokenKind::AccessToken, "{name}");
        let used = report.key.expect("key used");
        assert_eq!(used.kid.as_deref(), Some(kid), "{name}");
        assert_eq!(used.alg, name.trim_start_matches("access-"));
        assert_eq!(used.thumbprint.as_deref().map(str::len), Some(43), "{name}");
    }
}

#[test]
fn pyjwt_tokens_verify_with_pem_public_keys() {
    let fixtures = PyJwt::load();
    for (token, pem) in [
        ("access-RS256", "rsa.pub.pem"),
        ("access-PS512", "rsa.pub.pem"),
        ("access-ES256", "ec256.pub.pem"),
        ("access-EdDSA", "ed25519.pub.pem"),
    ] {
        let keys = KeySet::from_file(&fixture_path(pem)).unwrap();
        let report = inspect(&fixtures.token(token), &opts(), Some(&keys));
        assert_valid(&report);
        assert_eq!(report.key.unwrap().kid, None, "a PEM key has no kid");
    }
}

#[test]
fn the_same_key_has_the_same_thumbprint_from_pem_and_jwks() {
    let token = PyJwt::load().token("access-RS256");
    let from_jwks = inspect(&token, &opts(), Some(&jwks())).key.unwrap();
    let pem = KeySet::from_file(&fixture_path("rsa.pub.pem")).unwrap();
    let from_pem = inspect(&token, &opts(), Some(&pem)).key.unwrap();
    assert_eq!(from_jwks.thumbprint, from_pem.thumbprint);
}

#[test]
fn thumbprint_matches_the_rfc_7638_example() {
    // RFC 7638 §3.1.
    let jwk = r#"{"kty":"RSA","e":"AQAB","alg":"RS256","kid":"2011-04-29","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}"#;
    let keys = KeySet::from_jwks_json(jwk, "RFC 7638").unwrap();
    assert_eq!(
        keys.keys()[0].thumbprint(),
        Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    );
}

#[test]
fn pyjwt_id_token_verifies_with_nonce_and_client() {
    let fixtures = PyJwt::load();
    let client = fixtures.get("client");
    let opts = InspectOptions {
        audiences: vec![client.clone()],
        nonce: Some(fixtures.get("nonce")),
        authorized_party: Some(client),
        ..opts()
    };
    let report = inspect(&fixtures.token("id-RS256"), &opts, Some(&jwks()));
    assert_valid(&report);
    assert_eq!(report.kind, TokenKind::IdToken);

    let wrong_nonce = InspectOptions {
        nonce: Some("another-login".into()),
        ..opts
    };
    let report = inspect(&fixtures.token("id-RS256"), &wrong_nonce, Some(&jwks()));
    assert_rejected_by(&report, &[CheckName::Nonce]);
}

#[test]
fn pyjwt_hs256_verifies_only_with_the_explicit_secret() {
    let fixtures = PyJwt::load();
    let token = fixtures.token("access-HS256");
    let secret = KeySet::from_hmac_secret(Secret::new(fixtures.get("hmac_secret"))).unwrap();
    let report = inspect(&token, &opts(), Some(&secret));
    assert_valid(&report);
    assert_eq!(
        report.key.unwrap().thumbprint,
        None,
        "no thumbprint for a secret"
    );

    let wrong = KeySet::from_hmac_secret(Secret::new("not-the-secret")).unwrap();
    assert_rejected_by(
        &inspect(&token, &opts(), Some(&wrong)),
        &[CheckName::Signature],
    );
    assert_rejected_by(
        &inspect(&token, &opts(), Some(&jwks())),
        &[CheckName::Algorithm],
    );
}

/// Variants of a token that must never verify.
fn tampered(token: &str) -> Vec<(String, String)> {
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: serde_json::Value = serde_json::from_slice(&unb64(parts[1])).unwrap();
    claims["sub"] = "auth0|attacker".into();
    let changed_claim = format!("{}.{}.{}", parts[0], b64(claims.to_string()), parts[2]);
    let mut signature = unb64(parts[2]);
    let last = signature.len() - 1;
    signature[last] ^= 1;
    let flipped_signature = format!("{}.{}.{}", parts[0], parts[1], b64(&signature));
    let mut payload = unb64(parts[1]);
    payload.push(b' ');
    let extra_space = format!("{}.{}.{}", parts[0], b64(&payload), parts[2]);
    let other_signature = PyJwt::load().token("id-RS256");
    let swapped = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        other_signature.rsplit('.').next().unwrap()
    );
    vec![
        ("changed claim".into(), changed_claim),
        ("flipped signature bit".into(), flipped_signature),
        ("payload re-encoded".into(), extra_space),
        ("signature of another token".into(), swapped),
    ]
}

#[test]
fn tampered_pyjwt_tokens_fail_the_signature_check() {
    let fixtures = PyJwt::load();
    let keys = jwks();
    for (name, _) in ASYMMETRIC {
        for (how, token) in tampered(&fixtures.token(name)) {
            let report = inspect(&token, &opts(), Some(&keys));
            assert!(!report.valid, "{name} with {how} verified");
            assert_eq!(failed(&report), [CheckName::Signature], "{name} with {how}");
            assert!(report.unverified);
        }
    }
}

/// Our signature verdicts and jsonwebtoken's, on the same tokens and keys.
#[test]
fn signature_verdicts_agree_with_jsonwebtoken() {
    let fixtures = PyJwt::load();
    let set: JwkSet = serde_json::from_str(&fixture("jwks.json")).unwrap();
    let keys = jwks();
    for (name, kid) in ASYMMETRIC {
        let original = fixtures.token(name);
        let mut variants = tampered(&original);
        variants.push(("original".into(), original));
        for (how, token) in variants {
            let (message, signature) = token.rsplit_once('.').unwrap();
            let header = jsonwebtoken::decode_header(&token).unwrap();
            let key = DecodingKey::from_jwk(set.find(kid).unwrap()).unwrap();
            let theirs =
                jsonwebtoken::crypto::verify(signature, message.as_bytes(), &key, header.alg)
                    .unwrap_or(false);
            let ours = inspect(&token, &opts(), Some(&keys))
                .check(CheckName::Signature)
                .unwrap()
                .status
                == idlens_token::CheckStatus::Passed;
            assert_eq!(ours, theirs, "{name} {how}");
        }
    }
}
