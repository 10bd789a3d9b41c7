//! The attack suite: every forged or broken token is rejected, and by the
//! right check.

use idlens_token::{inspect, Algorithm, CheckName, InspectOptions, KeySet, TokenKind};
use serde_json::json;

use crate::support::*;

fn rsa_header() -> serde_json::Value {
    json!({"alg": "RS256", "typ": "JWT", "kid": "rsa-1"})
}

fn attacker() -> jsonwebtoken::EncodingKey {
    encoding_key("attacker-rsa", Algorithm::RS256)
}

/// The attacker's public key as a JWK, for embedding in headers.
fn attacker_jwk() -> serde_json::Value {
    let key = attacker();
    let jwk = jsonwebtoken::jwk::Jwk::from_encoding_key(&key, Algorithm::RS256).unwrap();
    serde_json::to_value(jwk).unwrap()
}

fn check(token: &str) -> idlens_token::Report {
    inspect(token, &opts(), Some(&jwks()))
}

#[test]
fn a_valid_token_passes_every_check_first() {
    assert_valid(&check(&rs256(&access_claims())));
}

#[test]
fn alg_none_in_any_casing_is_refused() {
    for alg in ["none", "None", "NONE", "nOnE", " none"] {
        let header = b64(json!({"alg": alg, "typ": "JWT"}).to_string());
        let claims = b64(access_claims().to_string());
        for token in [
            format!("{header}.{claims}."),
            format!("{header}.{claims}.c2lnbmF0dXJl"),
        ] {
            let report = check(&token);
            assert_rejected_by(&report, &[CheckName::Algorithm]);
            assert!(
                reason(&report, CheckName::Algorithm).contains("not signed"),
                "{alg}"
            );
            assert!(report.unverified);
        }
    }
}

#[test]
fn a_stripped_signature_is_refused() {
    let token = rs256(&access_claims());
    let stripped = format!("{}.", token.rsplit_once('.').unwrap().0);
    let report = check(&stripped);
    assert_rejected_by(&report, &[CheckName::Signature]);
    assert!(reason(&report, CheckName::Signature).contains("stripped"));
}

#[test]
fn hs256_signed_with_the_rsa_public_key_is_refused() {
    let public_pem = fixture("rsa.pub.pem");
    let header = json!({"alg": "HS256", "typ": "JWT", "kid": "rsa-1"});
    for secret in [
        public_pem.as_bytes().to_vec(),
        public_pem.trim().as_bytes().to_vec(),
    ] {
        let key = jsonwebtoken::EncodingKey::from_secret(&secret);
        let token = sign_raw(&header, &access_claims(), Algorithm::HS256, &key);
        let report = check(&token);
        assert_rejected_by(&report, &[CheckName::Algorithm]);
        assert!(hint(&report, CheckName::Algorithm).contains("algorithm confusion"));
    }
    // Same with a PEM key set: a public key is never an HMAC secret.
    let pem = KeySet::from_file(&fixture_path("rsa.pub.pem")).unwrap();
    let key = jsonwebtoken::EncodingKey::from_secret(public_pem.as_bytes());
    let token = sign_raw(&header, &access_claims(), Algorithm::HS256, &key);
    assert_rejected_by(
        &inspect(&token, &opts(), Some(&pem)),
        &[CheckName::Algorithm],
    );
}

#[test]
fn an_embedded_jwk_is_never_trusted() {
    let mut header = rsa_header();
    header["jwk"] = attacker_jwk();
    let token = sign_raw(&header, &access_claims(), Algorithm::RS256, &attacker());
    assert_rejected_by(
        &check(&token),
        &[CheckName::HeaderKeys, CheckName::Signature],
    );

    // Without a kid the attacker's key still is not among the trusted ones.
    header.as_object_mut().unwrap().remove("kid");
    let token = sign_raw(&header, &access_claims(), Algorithm::RS256, &attacker());
    assert_rejected_by(
        &check(&token),
        &[CheckName::HeaderKeys, CheckName::Signature],
    );
}

#[test]
fn jku_and_x5u_are_never_fetched_or_trusted() {
    let server = CannedServer::start();
    let attacker_jwks = json!({"keys": [attacker_jwk()]}).to_string();
    server.answer("/attacker-jwks", Answer::json(attacker_jwks));
    for member in ["jku", "x5u"] {
        let header =
            json!({"alg": "RS256", "kid": "attacker-key", member: server.url("/attacker-jwks")});
        let token = sign_raw(&header, &access_claims(), Algorithm::RS256, &attacker());
        let report = check(&token);
        assert_rejected_by(&report, &[CheckName::HeaderKeys, CheckName::Key]);
        assert!(reason(&report, CheckName::HeaderKeys).contains(member));
    }
    let header = json!({"alg": "RS256", "kid": "rsa-1", "x5c": ["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"]});
    let token = sign_raw(&header, &access_claims(), Algorithm::RS256, &attacker());
    assert_rejected_by(
        &check(&token),
        &[CheckName::HeaderKeys, CheckName::Signature],
    );
    assert_eq!(
        server.hits("/attacker-jwks"),
        0,
        "a key URL named by the token was fetched"
    );
}

#[test]
fn kid_injection_strings_find_no_key_and_stay_inert_in_messages() {
    let long = "k".repeat(5000);
    let kids = [
        "../../../../../../dev/null",
        "/etc/passwd",
        "' OR '1'='1",
        "rsa-1' --",
        "rsa-1\u{0}",
        "rsa-1\r\nX-Injected: yes",
        "| cat /etc/passwd",
        "$(reboot)",
        "<script>alert(1)</script>",
        long.as_str(),
    ];
    for kid in kids {
        let header = json!({"alg": "RS256", "kid": kid});
        let token = sign_raw(&header, &access_claims(), Algorithm::RS256, &attacker());
        let report = check(&token);
        assert_rejected_by(&report, &[CheckName::Key]);
        let reason = reason(&report, CheckName::Key);
        assert!(
            !reason.chars().any(char::is_control),
            "raw control characters in {reason:?}"
        );
        assert!(
            reason.len() < 500,
            "the kid was not cut short: {} bytes",
            reason.len()
        );
    }
}

#[test]
fn another_key_with_the_same_kid_fails_the_signature() {
    let token = sign_raw(
        &rsa_header(),
        &access_claims(),
        Algorithm::RS256,
        &attacker(),
    );
    let report = check(&token);
    assert_rejected_by(&report, &[CheckName::Signature]);
    assert!(reason(&report, CheckName::Signature).contains("kid=\"rsa-1\""));
}

#[test]
fn ecdsa_signature_with_r_and_s_zero_is_refused() {
    for (alg, kid, len) in [("ES256", "ec256-1", 64), ("ES384", "ec384-1", 96)] {
        let header = b64(json!({"alg": alg, "kid": kid}).to_string());
        let claims = b64(access_claims().to_string());
        let token = format!("{header}.{claims}.{}", b64(vec![0u8; len]));
        assert_rejected_by(&check(&token), &[CheckName::Signature]);
    }
}

#[test]
fn time_claims_are_checked_with_leeway() {
    let mut claims = access_claims();
    claims["exp"] = json!(NOW - 3 * 3600);
    let report = check(&rs256(&claims));
    assert_rejected_by(&report, &[CheckName::Expiry]);
    assert!(
        reason(&report, CheckName::Expiry).starts_with("Expired 3 h ago"),
        "{}",
        reason(&report, CheckName::Expiry)
    );

    claims["exp"] = json!(NOW - 30);
    assert_valid(&check(&rs256(&claims)));
    let strict = InspectOptions {
        leeway: std::time::Duration::ZERO,
        ..opts()
    };
    assert_rejected_by(
        &inspect(&rs256(&claims), &strict, Some(&jwks())),
        &[CheckName::Expiry],
    );

    let mut claims = access_claims();
    claims.as_object_mut().unwrap().remove("exp");
    assert_rejected_by(&check(&rs256(&claims)), &[CheckName::Expiry]);

    let mut claims = access_claims();
    claims["nbf"] = json!(NOW + 600);
    let report = check(&rs256(&claims));
    assert_rejected_by(&report, &[CheckName::NotBefore]);
    assert!(reason(&report, CheckName::NotBefore).contains("becomes valid in 10 min"));

    let mut claims = access_claims();
    claims["iat"] = json!(NOW + 3600);
    assert_rejected_by(&check(&rs256(&claims)), &[CheckName::IssuedAt]);

    let mut claims = access_claims();
    claims["exp"] = json!("tomorrow");
    assert_rejected_by(&check(&rs256(&claims)), &[CheckName::Expiry]);
}

#[test]
fn extreme_time_claims_are_judged_and_described_without_overflow() {
    let mut claims = access_claims();
    claims["exp"] = json!(i64::MIN);
    let report = check(&rs256(&claims));
    assert_rejected_by(&report, &[CheckName::Expiry]);
    assert!(
        reason(&report, CheckName::Expiry).starts_with("Expired "),
        "{}",
        reason(&report, CheckName::Expiry)
    );

    let mut claims = access_claims();
    claims["nbf"] = json!(i64::MAX);
    claims["iat"] = json!(i64::MAX);
    let report = check(&rs256(&claims));
    assert_rejected_by(&report, &[CheckName::NotBefore, CheckName::IssuedAt]);
    assert!(reason(&report, CheckName::NotBefore).contains("becomes valid in"));

    let mut claims = access_claims();
    claims["iat"] = json!(i64::MIN);
    claims["exp"] = json!(i64::MAX);
    assert_valid(&check(&rs256(&claims)));
}

#[test]
fn wrong_or_missing_issuer_is_refused() {
    let mut claims = access_claims();
    claims["iss"] = json!("https://evil.eu.auth0.com/");
    assert_rejected_by(&check(&rs256(&claims)), &[CheckName::Issuer]);

    claims.as_object_mut().unwrap().remove("iss");
    assert_rejected_by(&check(&rs256(&claims)), &[CheckName::Issuer]);

    let no_slash = InspectOptions {
        issuer: Some(issuer().trim_end_matches('/').to_owned()),
        ..opts()
    };
    let report = inspect(&rs256(&access_claims()), &no_slash, Some(&jwks()));
    assert_rejected_by(&report, &[CheckName::Issuer]);
    assert!(reason(&report, CheckName::Issuer).contains("trailing slash"));

    let no_expectation = InspectOptions {
        issuer: None,
        ..opts()
    };
    let report = inspect(&rs256(&access_claims()), &no_expectation, Some(&jwks()));
    assert_rejected_by(&report, &[CheckName::Issuer]);
}

#[test]
fn wrong_or_missing_audience_is_refused_with_a_hint() {
    let mut claims = access_claims();
    claims["aud"] = json!([
        "https://other-api.test",
        "https://idlens-test.eu.auth0.com/userinfo"
    ]);
    let report = check(&rs256(&claims));
    assert_rejected_by(&report, &[CheckName::Audience]);
    let hint = hint(&report, CheckName::Audience);
    assert!(hint.contains("\"https://other-api.test\""), "{hint}");
    assert!(
        hint.contains(&format!("request it with audience={}", api())),
        "{hint}"
    );

    claims["aud"] = json!(api());
    assert_valid(&check(&rs256(&claims)));
    claims["aud"] = json!([api()]);
    assert_valid(&check(&rs256(&claims)));

    claims.as_object_mut().unwrap().remove("aud");
    assert_rejected_by(&check(&rs256(&claims)), &[CheckName::Audience]);
    claims["aud"] = json!(42);
    assert_rejected_by(&check(&rs256(&claims)), &[CheckName::Audience]);

    let no_expectation = InspectOptions {
        audiences: vec![],
        ..opts()
    };
    assert_rejected_by(
        &inspect(&rs256(&access_claims()), &no_expectation, Some(&jwks())),
        &[CheckName::Audience],
    );
}

#[test]
fn unknown_crit_is_refused() {
    for crit in [
        json!(["exp"]),
        json!(["b64"]),
        json!(["urn:example:unknown"]),
        json!([]),
        json!("x"),
    ] {
        let mut header = rsa_header();
        header["crit"] = crit.clone();
        let token = sign_raw(
            &header,
            &access_claims(),
            Algorithm::RS256,
            &encoding_key("rsa", Algorithm::RS256),
        );
        assert_rejected_by(&check(&token), &[CheckName::Critical]);
    }
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let huge = format!("{}.{}.", "A".repeat(20_000), "B".repeat(10));
    let report = check(&huge);
    assert_rejected_by(&report, &[CheckName::Size]);
    assert_eq!(report.kind, TokenKind::TooLarge);
    assert!(report.header.is_none() && report.claims.is_none());

    // A large but real token passes with a raised bound.
    let mut claims = access_claims();
    claims["https://example.com/blob"] = json!("x".repeat(20_000));
    let token = rs256(&claims);
    assert_rejected_by(&check(&token), &[CheckName::Size]);
    let roomy = InspectOptions {
        max_len: 64 * 1024,
        ..opts()
    };
    assert_valid(&inspect(&token, &roomy, Some(&jwks())));
}

#[test]
fn malformed_input_is_refused_by_the_format_check() {
    let valid = rs256(&access_claims());
    let parts: Vec<&str> = valid.split('.').collect();
    let duplicate_alg = format!(
        "{}.{}.{}",
        b64(r#"{"alg":"RS256","kid":"rsa-1","alg":"none"}"#),
        parts[1],
        parts[2]
    );
    let duplicate_exp = format!(
        "{}.{}.{}",
        parts[0],
        b64(format!(r#"{{"exp":{},"exp":1}}"#, NOW + 60)),
        parts[2]
    );
    let inputs = [
        String::new(),
        "hello world".to_owned(),
        format!("{}.{}", parts[0], parts[1]),
        format!("{valid}.extra"),
        format!("{}.!!!.{}", parts[0], parts[2]),
        format!("{}.{}.{}", b64("not json"), parts[1], parts[2]),
        format!("{}.{}.{}", parts[0], b64("[1,2]"), parts[2]),
        format!("{}.{}.{}", parts[0], b64([0xff, 0xfe]), parts[2]),
        duplicate_alg,
        duplicate_exp,
        format!("\"{valid}\""),
    ];
    for input in inputs {
        let report = check(&input);
        assert_eq!(report.kind, TokenKind::Malformed, "{input:?}");
        assert_rejected_by(&report, &[CheckName::Format]);
    }
}

/// A JWKS holding one Ed25519 key whose `x` is `point`.
fn ed25519_jwks(point: &[u8]) -> KeySet {
    let jwks =
        json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "ed-weak", "x": b64(point)}]});
    KeySet::from_jwks_json(&jwks.to_string(), "jwks_ed_small.json").unwrap()
}

#[test]
fn small_order_ed25519_keys_are_refused_so_forged_signatures_do_not_verify() {
    let identity = {
        let mut p = [0u8; 32];
        p[0] = 1;
        p
    };
    let order_two = {
        let mut p = [0xffu8; 32];
        p[0] = 0xec;
        p[31] = 0x7f;
        p
    };
    // y = 0 (order 4) and y = p + 1 (the identity, non-canonical).
    let order_four = [0u8; 32];
    let identity_again = {
        let mut p = [0xffu8; 32];
        p[0] = 0xee;
        p[31] = 0x7f;
        p
    };
    let header = b64(json!({"alg": "EdDSA", "kid": "ed-weak"}).to_string());
    let claims = b64(access_claims().to_string());
    // R = the identity, S = 0: "verifies" under a small-order key for any message.
    let mut forged = identity.to_vec();
    forged.extend_from_slice(&[0u8; 32]);
    let token = format!("{header}.{claims}.{}", b64(&forged));
    for point in [identity, order_two, order_four, identity_again] {
        let keys = ed25519_jwks(&point);
        let report = inspect(&token, &opts(), Some(&keys));
        assert_rejected_by(&report, &[CheckName::Key]);
        assert!(keys.keys()[0].problem().is_some(), "{point:02x?}");
        let why = reason(&report, CheckName::Key);
        assert!(why.contains("Ed25519"), "{why}");
        assert!(
            why.contains("small-order") || why.contains("non-canonical"),
            "{why}"
        );
    }
}

/// ECDSA signatures are malleable: (r, n - s) verifies wherever (r, s) does.
/// IdLens accepts both, as Auth0, jose and PyJWT do: the signer still signed
/// exactly this header and these claims, and OpenSSL-based signers emit high
/// S about half the time, so refusing it would refuse genuine tokens. A
/// verdict is about who signed what, not about the signature's bytes.
#[test]
fn a_high_s_ecdsa_signature_still_verifies_by_decision() {
    const P256_ORDER: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
        0x25, 0x51,
    ];
    let header = json!({"alg": "ES256", "kid": "ec256-1"});
    let token = sign_raw(
        &header,
        &access_claims(),
        Algorithm::ES256,
        &encoding_key("ec256", Algorithm::ES256),
    );
    assert_valid(&check(&token));
    let (message, signature) = token.rsplit_once('.').unwrap();
    let mut signature = unb64(signature);
    // s' = n - s, big-endian.
    let s = signature[32..].to_vec();
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut digit = i16::from(P256_ORDER[i]) - i16::from(s[i]) - borrow;
        borrow = i16::from(digit < 0);
        if digit < 0 {
            digit += 256;
        }
        signature[32 + i] = digit as u8;
    }
    assert_ne!(signature[32..], s[..]);
    let flipped = format!("{message}.{}", b64(&signature));
    assert_valid(&check(&flipped));
}

#[test]
fn a_jwks_of_many_broken_entries_gives_a_short_error() {
    let entries = vec![json!({}); 150_000];
    let text = json!({ "keys": entries }).to_string();
    assert!(text.len() < idlens_token::MAX_KEY_TEXT);
    let err = KeySet::from_jwks_json(&text, "a hostile JWKS")
        .unwrap_err()
        .to_string();
    assert!(err.len() < 400, "{} bytes: {err}", err.len());
    assert!(err.contains("key 1: (no kid) has key type (none)"), "{err}");
    assert!(
        err.contains("and 149997 more of the 150000 keys were skipped"),
        "{err}"
    );
}

#[test]
fn an_absurd_lifetime_is_flagged_even_when_the_signature_verifies() {
    let mut claims = access_claims();
    claims["exp"] = json!(i64::MAX);
    let report = check(&rs256(&claims));
    assert_valid(&report);
    let note = hint(&report, CheckName::Expiry);
    assert!(note.contains("No real token lives this long"), "{note}");
    // An ordinary lifetime carries no note.
    assert_eq!(
        hint(&check(&rs256(&access_claims())), CheckName::Expiry),
        ""
    );
}
