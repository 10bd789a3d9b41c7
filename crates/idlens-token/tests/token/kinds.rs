//! What an input is, which tenant issued it, what its claims mean, and what
//! the report looks like on the wire.

use expect_test::{expect, Expect};
use idlens_token::{
    inspect, Algorithm, CheckName, CheckStatus, ClaimCategory, InspectOptions, Report, TokenKind,
};
use serde_json::json;
use ts_rs::TS;

use crate::support::*;

fn decode_only(input: &str) -> Report {
    inspect(
        input,
        &InspectOptions {
            now: Some(now()),
            ..InspectOptions::default()
        },
        None,
    )
}

/// `kind: summary` for an input decoded without keys.
fn check(input: &str, expected: Expect) {
    let report = decode_only(input);
    expected.assert_eq(&format!("{:?}: {}", report.kind, report.summary));
}

#[test]
fn recognises_every_kind_of_input() {
    let jwe_header = |h: serde_json::Value| b64(h.to_string());
    check(
        &format!(
            "{}..8eNPbSQoVv0qKBKA.gv9d1TK5iJVDKgzW.pBt4_0LMVg78B7a9UzdkHg",
            jwe_header(
                json!({"alg":"dir","enc":"A256GCM","iss":"https://idlens-test.eu.auth0.com/"})
            )
        ),
        expect![[
            r#"OpaqueAccessToken: Opaque access token from idlens-test.eu.auth0.com: An Auth0 opaque access token (encrypted by Auth0 for itself), not a JWT: it cannot be verified offline."#
        ]],
    );
    check(
        &format!(
            "{}.ZW5j.aXY.Y3Q.dGFn",
            jwe_header(json!({"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"k"}))
        ),
        expect![[
            r#"Encrypted: Encrypted token (JWE): An encrypted token (JWE): only its header can be read without the decryption key."#
        ]],
    );
    check(
        "v1.MRrTz2Yb0dQ4pYbm5Kx7Ts8dSxk2JEzUKcLnl8H3ztk4rzJz5mHbz1T6oVUj0FGeGmnZ3RDeUy4u",
        expect![[
            r#"RefreshToken: Refresh token: A refresh token, not an access or ID token: it cannot be decoded."#
        ]],
    );
    check(
        "JnWHziXXkCWTdNwqj_6QluvcJPGq-oMi",
        expect![[
            r#"OpaqueAccessToken: Opaque access token: An opaque string of 32 characters, not a JWT: it cannot be decoded or verified offline."#
        ]],
    );
    check(
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0",
        expect![[
            r#"Malformed: Not a token: The input has 2 parts separated by '.'; a signed JWT has 3 (header.payload.signature) and an encrypted token (JWE) has 5. Check that the whole token was copied."#
        ]],
    );
    check(
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.abc def",
        expect![[
            r#"Malformed: Not a token: Part 3 is not base64url: it contains ' ' at character 41. Tokens are one unbroken line: remove spaces and line breaks (a copy from an e-mail or a terminal may have wrapped it)."#
        ]],
    );
    check(
        r#"{"access_token":"eyJ...","token_type":"Bearer"}"#,
        expect![[
            r#"Malformed: Not a token: This is a JSON token response, not a token: paste the value of its `access_token` field instead."#
        ]],
    );
    check(
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0=.c2ln",
        expect!["Malformed: Not a token: Part 2 is not base64url: it contains '=' at character 37. JWTs use base64url without '=' padding: was the token re-encoded?"],
    );
    check(
        &format!("{}.{}.c2ln", b64(r#"{"alg":"RS256"}"#), b64("hello")),
        expect![[
            r#"Malformed: Not a token: Part 2 (payload) is not a JSON object: expected value at line 1 column 1."#
        ]],
    );
}

#[test]
fn classifies_signed_tokens_and_names_the_tenant() {
    let mut claims = access_claims();
    claims["gty"] = json!("client-credentials");
    claims["sub"] = json!("client-1@clients");
    let report = decode_only(&rs256(&claims));
    assert_eq!(report.kind, TokenKind::MachineToMachine);

    claims["aud"] = json!("https://idlens-test.eu.auth0.com/api/v2/");
    let report = decode_only(&rs256(&claims));
    assert_eq!(report.kind, TokenKind::ManagementApi);
    assert!(report.about.contains("treat it like a password"));
    let tenant = report.tenant.unwrap();
    assert_eq!(
        (tenant.name.as_deref(), tenant.region.as_deref()),
        (Some("idlens-test"), Some("eu"))
    );

    let report = decode_only(&PyJwt::load().token("id-RS256"));
    assert_eq!(report.kind, TokenKind::IdToken);
}

#[test]
fn decoding_without_keys_is_labelled_unverified() {
    let report = decode_only(&PyJwt::load().token("access-RS256"));
    assert!(!report.valid);
    assert!(report.unverified);
    assert_eq!(
        report.check(CheckName::Signature).unwrap().status,
        CheckStatus::Skipped
    );
    assert_eq!(
        report.summary,
        "Unverified API access token from idlens-test.eu.auth0.com: decoded only, no keys were given."
    );
    assert!(report.claims.is_some());
    // Expectations that are given are still checked, on the unverified claims.
    let wrong_api = InspectOptions {
        audiences: vec!["https://other".into()],
        now: Some(now()),
        ..InspectOptions::default()
    };
    let report = inspect(&PyJwt::load().token("access-RS256"), &wrong_api, None);
    assert_eq!(failed(&report), [CheckName::Audience]);
    assert!(report.summary.starts_with("Unverified API access token from idlens-test.eu.auth0.com (no keys were given): The token is for"), "{}", report.summary);
}

#[test]
fn explains_every_claim_with_category_and_times() {
    let mut claims = access_claims();
    claims["https://example.com/roles"] = json!(["admin"]);
    claims["org_id"] = json!("org_123");
    claims["email"] = json!("ada@example.com");
    let report = decode_only(&rs256(&claims));
    let names: Vec<&str> = report
        .explanations
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    let claim_names: Vec<&str> = report
        .claims
        .as_ref()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(names, claim_names, "one explanation per claim, in order");
    let find = |name: &str| report.explanations.iter().find(|e| e.name == name).unwrap();
    assert_eq!(find("iss").category, ClaimCategory::Registered);
    assert_eq!(find("org_id").category, ClaimCategory::Auth0);
    assert_eq!(find("email").category, ClaimCategory::Oidc);
    let roles = find("https://example.com/roles");
    assert_eq!(roles.category, ClaimCategory::Custom);
    assert!(roles.personal && find("sub").personal && find("email").personal);
    assert!(!find("scope").personal);

    let exp = find("exp").time.clone().unwrap();
    assert_eq!(exp.relative, "expires in 1 h");
    assert_eq!(exp.rfc3339, "2025-06-15T16:06:40Z");
    assert_eq!(exp.utc, "2025-06-15 16:06:40 UTC");
    assert_eq!(
        find("iat").time.as_ref().unwrap().relative,
        "issued 1 min ago"
    );
}

#[test]
fn the_report_serialises_in_camel_case_with_hints_only_on_failure() {
    let mut claims = access_claims();
    claims["aud"] = json!("https://other-api.test");
    let report = inspect(
        &rs256(&claims),
        &InspectOptions {
            explain: false,
            ..opts()
        },
        Some(&jwks()),
    );
    let mut value = serde_json::to_value(&report).unwrap();
    // The thumbprint is the fixture key's; everything else is deterministic.
    value["key"]["thumbprint"] = json!("…");
    let shown = json!({
        "valid": value["valid"],
        "unverified": value["unverified"],
        "kind": value["kind"],
        "summary": value["summary"],
        "key": value["key"],
        "keys": value["keys"],
        "checks": value["checks"],
    });
    expect![[r#"
        {
          "checks": [
            {
              "name": "size",
              "reason": "618 bytes, within the 16384-byte limit.",
              "status": "passed"
            },
            {
              "name": "format",
              "reason": "A signed JWT whose header, payload and signature decode.",
              "status": "passed"
            },
            {
              "name": "algorithm",
              "reason": "RS256 is on the allowed list.",
              "status": "passed"
            },
            {
              "name": "critical",
              "reason": "No critical header extensions.",
              "status": "passed"
            },
            {
              "name": "headerKeys",
              "reason": "The header names no key of its own; keys come only from the source you chose.",
              "status": "passed"
            },
            {
              "name": "key",
              "reason": "The RSA-2048 key kid=\"rsa-1\" from the test JWKS fits RS256.",
              "status": "passed"
            },
            {
              "name": "signature",
              "reason": "The RS256 signature verifies with the RSA-2048 key kid=\"rsa-1\".",
              "status": "passed"
            },
            {
              "name": "issuer",
              "reason": "Issued by \"https://idlens-test.eu.auth0.com/\", as expected.",
              "status": "passed"
            },
            {
              "hint": "The token was requested for audience \"https://other-api.test\"; this API expects \"https://api.idlens.test\" — request it with audience=https://api.idlens.test.",
              "name": "audience",
              "reason": "The token is for \"https://other-api.test\", not for \"https://api.idlens.test\".",
              "status": "failed"
            },
            {
              "name": "expiry",
              "reason": "Expires in 1 h (2025-06-15 16:06:40 UTC).",
              "status": "passed"
            },
            {
              "name": "notBefore",
              "reason": "The token has no `nbf`.",
              "status": "skipped"
            },
            {
              "name": "issuedAt",
              "reason": "Issued 1 min ago (2025-06-15 15:05:40 UTC).",
              "status": "passed"
            },
            {
              "name": "authorizedParty",
              "reason": "No expected client was given, so `azp` was not compared.",
              "status": "skipped"
            },
            {
              "name": "nonce",
              "reason": "No expected nonce was given, so `nonce` was not compared.",
              "status": "skipped"
            }
          ],
          "key": {
            "alg": "RS256",
            "kid": "rsa-1",
            "thumbprint": "…"
          },
          "keys": {
            "freshness": {
              "state": "local"
            },
            "keyCount": 4,
            "note": null,
            "source": "the test JWKS"
          },
          "kind": "accessToken",
          "summary": "Invalid API access token from idlens-test.eu.auth0.com: The token is for \"https://other-api.test\", not for \"https://api.idlens.test\".",
          "unverified": false,
          "valid": false
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&sorted(shown)).unwrap());
}

/// Keys in sorted order whether or not serde_json preserves insertion order
/// (a workspace feature another crate may turn on).
fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(sorted).collect())
        }
        other => other,
    }
}

#[test]
fn typescript_declarations_match_the_wire_format() {
    let decl = Report::decl();
    for field in [
        "valid: boolean",
        "unverified: boolean",
        "kind: TokenKind",
        "checks: Array<Check>",
        "key: KeyUsed | null",
    ] {
        assert!(decl.contains(field), "{field} missing from {decl}");
    }
    assert!(
        idlens_token::Check::decl().contains("hint?: string"),
        "{}",
        idlens_token::Check::decl()
    );
}

#[test]
fn es256_tokens_from_jsonwebtoken_verify_too() {
    let header = json!({"alg": "ES256", "kid": "ec256-1"});
    let token = sign_raw(
        &header,
        &access_claims(),
        Algorithm::ES256,
        &encoding_key("ec256", Algorithm::ES256),
    );
    assert_valid(&inspect(&token, &opts(), Some(&jwks())));
}
