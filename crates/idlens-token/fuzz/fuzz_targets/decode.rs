//! Any input, decoded and checked against the test JWKS: nothing panics, the
//! report always serialises, and nothing but the genuine fixture tokens ever
//! verifies (the fuzzer cannot forge a signature, so a `valid` report on any
//! other input is a verification bug).

#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

use idlens_token::unverified::{decode, UnverifiedInput};
use idlens_token::{inspect, InspectOptions, KeySet};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    keys: KeySet,
    opts: InspectOptions,
    genuine: HashSet<String>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let keys =
            KeySet::from_jwks_json(include_str!("../../tests/fixtures/jwks.json"), "fuzz JWKS")
                .unwrap();
        let tokens: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/pyjwt-tokens.json")).unwrap();
        let genuine = tokens["tokens"]
            .as_object()
            .unwrap()
            .values()
            .map(|t| t.as_str().unwrap().to_owned())
            .collect();
        let opts = InspectOptions {
            issuer: Some(tokens["issuer"].as_str().unwrap().to_owned()),
            audiences: vec![
                tokens["api"].as_str().unwrap().to_owned(),
                tokens["client"].as_str().unwrap().to_owned(),
            ],
            now: Some(UNIX_EPOCH + Duration::from_secs(1_750_000_000)),
            ..InspectOptions::default()
        };
        Fixture {
            keys,
            opts,
            genuine,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let fixture = fixture();
    let report = inspect(&input, &fixture.opts, Some(&fixture.keys));
    serde_json::to_string(&report).expect("every report serialises");
    assert_eq!(report.checks.len(), 14, "every report lists every check");
    if report.valid {
        let UnverifiedInput::Jws(jws) = decode(&input) else {
            panic!("a valid report for something that is not a JWS")
        };
        let token = format!("{}.{}", jws.signing_input, jws.signature_b64);
        assert!(
            fixture.genuine.contains(&token),
            "forged token verified: {input:?}"
        );
    }
    let unkeyed = inspect(&input, &fixture.opts, None);
    assert!(
        !unkeyed.valid && unkeyed.unverified,
        "valid without keys: {input:?}"
    );
});
