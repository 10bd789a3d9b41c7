//! `idlens inspect`: verdicts, exit codes, key sources and `--batch`, against
//! tokens minted by PyJWT (fixtures) and by jsonwebtoken here, with keys from
//! files and from an issuer served on 127.0.0.1 by the test.

use idlens_testkit::canned_http::{Answer, CannedServer};
use serde_json::{json, Value};

use crate::idlens::{Run, TestUser};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/crates/idlens-token/tests/fixtures"
);
const ISSUER: &str = "https://idlens-test.eu.auth0.com/";
const API: &str = "https://api.idlens.test";

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

pub(crate) fn pyjwt_token(name: &str) -> String {
    let text = std::fs::read_to_string(fixture("pyjwt-tokens.json")).expect("fixture tokens");
    let tokens: Value = serde_json::from_str(&text).expect("fixture JSON");
    tokens["tokens"][name]
        .as_str()
        .expect("fixture token")
        .to_owned()
}

/// The token with its `sub` claim changed and the original signature kept.
fn tampered(token: &str) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let payload = URL_SAFE_NO_PAD
        .decode(&parts[1])
        .expect("base64url payload");
    let mut claims: Value = serde_json::from_slice(&payload).expect("JSON payload");
    claims["sub"] = json!("auth0|someone-else");
    parts[1] = URL_SAFE_NO_PAD.encode(claims.to_string());
    parts.join(".")
}

fn check<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} check in {report}"))
}

/// `idlens inspect` with `args`, verifying for the fixtures' issuer and
/// `audience`, with `stdin` as its input.
fn inspect_for(user: &TestUser, audience: &str, args: &[&str], stdin: &str) -> Run {
    let mut all = vec!["inspect"];
    all.extend_from_slice(args);
    all.extend(["--issuer", ISSUER, "--audience", audience]);
    user.run_with_stdin(&all, Some(stdin))
}

fn inspect_with_jwks(user: &TestUser, token: &str) -> Run {
    let jwks = fixture("jwks.json");
    inspect_for(user, API, &["-", "--jwks", &jwks, "--json"], token)
}

#[test]
fn a_valid_token_exits_0_with_every_check_reported() {
    let user = TestUser::without_keychain();
    let report = inspect_with_jwks(&user, &pyjwt_token("access-RS256"))
        .expect_code(0)
        .json();
    assert_eq!(report["valid"], true);
    assert_eq!(report["unverified"], false);
    assert_eq!(report["kind"], "accessToken");
    assert_eq!(report["header"]["alg"], "RS256");
    assert_eq!(report["claims"]["iss"], ISSUER);
    for name in ["signature", "issuer", "audience", "expiry"] {
        assert_eq!(check(&report, name)["status"], "passed", "{name}");
    }
    assert_eq!(report["key"]["kid"], "rsa-1");
    assert!(report["key"]["thumbprint"].as_str().is_some());
}

#[test]
fn a_tampered_token_exits_1_and_says_the_signature_failed() {
    let user = TestUser::without_keychain();
    let report = inspect_with_jwks(&user, &tampered(&pyjwt_token("access-RS256")))
        .expect_code(1)
        .json();
    assert_eq!(report["valid"], false);
    let signature = check(&report, "signature");
    assert_eq!(signature["status"], "failed");
    assert!(
        signature["hint"].as_str().is_some(),
        "a failure carries a hint"
    );
}

#[test]
fn the_wrong_audience_fails_with_a_hint_naming_both() {
    let user = TestUser::without_keychain();
    let jwks = fixture("jwks.json");
    let report = inspect_for(
        &user,
        "https://other.api",
        &["--jwks", &jwks, "--json"],
        &pyjwt_token("access-RS256"),
    )
    .expect_code(1)
    .json();
    let audience = check(&report, "audience");
    assert_eq!(audience["status"], "failed");
    let hint = audience["hint"].as_str().expect("hint");
    assert!(hint.contains("https://other.api"), "{hint}");
}

#[test]
fn without_keys_the_token_is_decoded_and_labelled_unverified() {
    let user = TestUser::without_keychain();
    let token = pyjwt_token("id-RS256");
    let run = user
        .run_with_stdin(&["inspect"], Some(&token))
        .expect_code(1);
    assert!(run.stdout.starts_with("UNVERIFIED:"), "{}", run.stdout);
    assert!(run.stdout.contains("ID token"), "{}", run.stdout);

    let report = user
        .run(&["inspect", &token, "--json"])
        .expect_code(1)
        .json();
    assert_eq!(report["unverified"], true);
    assert_eq!(report["kind"], "idToken");
    assert_eq!(check(&report, "signature")["status"], "skipped");
}

#[test]
fn garbage_is_a_finding_that_says_what_is_wrong() {
    let user = TestUser::without_keychain();
    let report = user
        .run_with_stdin(&["inspect", "--json"], Some("not.a.token!"))
        .expect_code(1)
        .json();
    assert_eq!(report["kind"], "malformed");
    assert_eq!(check(&report, "format")["status"], "failed");
}

#[test]
fn unreadable_keys_and_missing_secrets_are_usage_errors() {
    let user = TestUser::without_keychain();
    let token = pyjwt_token("access-RS256");
    let run = user
        .run_with_stdin(
            &["inspect", "--pem", "/nonexistent/key.pem", "--json"],
            Some(&token),
        )
        .expect_code(2);
    assert_eq!(run.json()["error"]["code"], "io");

    let run = user
        .run_with_stdin(
            &["inspect", "--secret-env", "IDLENS_TEST_UNSET_VAR", "--json"],
            Some(&token),
        )
        .expect_code(2);
    assert_eq!(run.json()["error"]["code"], "invalidInput");

    user.run(&["inspect", "--jwks", "a.json", "--pem", "b.pem"])
        .expect_code(2);
}

#[test]
fn pem_keys_verify_other_algorithms() {
    let user = TestUser::without_keychain();
    let pem = fixture("ec256.pub.pem");
    let report = inspect_for(
        &user,
        API,
        &["--pem", &pem, "--json"],
        &pyjwt_token("access-ES256"),
    )
    .expect_code(0)
    .json();
    assert_eq!(report["key"]["alg"], "ES256");
}

#[test]
fn batch_prints_one_verdict_per_line_in_input_order() {
    let user = TestUser::without_keychain();
    let good = pyjwt_token("access-RS256");
    let lines = [
        good.clone(),
        tampered(&good),
        "not.a.token!".to_owned(),
        pyjwt_token("access-PS256"),
    ];
    let input = lines.join("\n") + "\n";
    let jwks = fixture("jwks.json");
    for threads in ["1", "3"] {
        let run = inspect_for(
            &user,
            API,
            &["--batch", "-", "--threads", threads, "--jwks", &jwks],
            &input,
        )
        .expect_code(1);
        let verdicts: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        let valid: Vec<&Value> = verdicts.iter().map(|v| &v["valid"]).collect();
        assert_eq!(
            valid,
            [&json!(true), &json!(false), &json!(false), &json!(true)]
        );
        assert_eq!(verdicts[2]["kind"], "malformed");
    }

    let all_good = format!("{good}\n{good}\n");
    inspect_for(&user, API, &["--batch", "-", "--jwks", &jwks], &all_good).expect_code(0);
}

/// An issuer on 127.0.0.1 that serves discovery and a JWKS, and counts requests.
struct LocalIssuer {
    url: String,
    server: CannedServer,
}

impl LocalIssuer {
    fn start() -> Self {
        let server = CannedServer::start();
        let url = server.url("/");
        let discovery = json!({"issuer": url, "jwks_uri": server.url("/.well-known/jwks.json")});
        let jwks = std::fs::read_to_string(fixture("jwks.json")).expect("jwks fixture");
        server.answer(
            "/.well-known/openid-configuration",
            Answer::json(discovery.to_string()),
        );
        server.answer("/.well-known/jwks.json", Answer::json(jwks));
        Self { url, server }
    }

    fn requests(&self) -> usize {
        self.server.requests()
    }
}

/// A token like the fixtures' access token, issued by `issuer`, signed here
/// with the fixture RSA key (kid rsa-1).
fn mint(issuer: &str, exp: u64) -> String {
    let key = std::fs::read(fixture("rsa.key.pem")).expect("fixture key");
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some("rsa-1".to_owned());
    jsonwebtoken::encode(
        &header,
        &json!({"iss": issuer, "sub": "auth0|abc", "aud": API, "iat": 1_700_000_000u64, "exp": exp}),
        &jsonwebtoken::EncodingKey::from_rsa_pem(&key).expect("RSA key"),
    )
    .expect("sign")
}

#[test]
fn issuer_discovery_fetches_the_keys_once_for_a_whole_batch() {
    let issuer = LocalIssuer::start();
    let user = TestUser::without_keychain();
    let token = mint(&issuer.url, 4_102_444_800);

    let report = user
        .run_with_stdin(
            &[
                "inspect",
                "--issuer",
                &issuer.url,
                "--audience",
                API,
                "--json",
            ],
            Some(&token),
        )
        .expect_code(0)
        .json();
    assert_eq!(check(&report, "issuer")["status"], "passed");
    assert_eq!(issuer.requests(), 2, "discovery, then the JWKS");

    let batch = vec![token.as_str(); 200].join("\n");
    let before = issuer.requests();
    let run = user
        .run_with_stdin(
            &[
                "inspect",
                "--batch",
                "-",
                "--threads",
                "2",
                "--issuer",
                &issuer.url,
                "--audience",
                API,
            ],
            Some(&batch),
        )
        .expect_code(0);
    assert_eq!(run.stdout.lines().count(), 200);
    assert_eq!(
        issuer.requests() - before,
        2,
        "one discovery and one JWKS fetch for 200 tokens"
    );

    // Garbage is answered without any network traffic.
    let before = issuer.requests();
    user.run_with_stdin(&["inspect", "--issuer", &issuer.url], Some("garbage"))
        .expect_code(1);
    assert_eq!(issuer.requests(), before);
}

#[test]
fn an_expired_token_from_a_profile_issuer_fails_the_expiry_check() {
    let issuer = LocalIssuer::start();
    let user = TestUser::without_keychain();
    user.add_profile("local", &issuer.url, &["--audience", API]);
    let report = user
        .run_with_stdin(
            &["inspect", "--profile", "local", "--json"],
            Some(&mint(&issuer.url, 1_700_000_600)),
        )
        .expect_code(1)
        .json();
    assert_eq!(check(&report, "signature")["status"], "passed");
    assert_eq!(check(&report, "audience")["status"], "passed");
    let expiry = check(&report, "expiry");
    assert_eq!(expiry["status"], "failed");
    assert!(expiry["hint"].as_str().is_some());
}
