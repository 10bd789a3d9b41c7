//! The JWKS cache against a local server: discovery, TTL, rotation, outages
//! and garbage.

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Duration;

use idlens_token::{
    inspect_batch, inspect_remote, Algorithm, CachePolicy, CheckName, InspectOptions, JwksCache,
    KeyError, KeyFreshness, ManualClock, RemoteKeys,
};
use serde_json::json;

use crate::support::*;

const DISCOVERY: &str = "/.well-known/openid-configuration";

/// A tenant on 127.0.0.1 whose JWKS is the fixture one.
fn tenant(cache_control: Option<&str>) -> CannedServer {
    let server = CannedServer::start();
    let document = json!({"issuer": server.url("/"), "jwks_uri": server.url("/jwks")});
    server.answer(DISCOVERY, Answer::json(document.to_string()));
    serve_jwks(&server, &fixture("jwks.json"), cache_control);
    server
}

fn serve_jwks(server: &CannedServer, jwks: &str, cache_control: Option<&str>) {
    let mut answer = Answer::json(jwks);
    if let Some(value) = cache_control {
        answer = answer.with_header("Cache-Control", value);
    }
    server.answer("/jwks", answer);
}

/// The fixture JWKS plus the "attacker" key, published as the rotated `rsa-2`.
fn rotated_jwks() -> String {
    let mut set: serde_json::Value = serde_json::from_str(&fixture("jwks.json")).unwrap();
    let key = encoding_key("attacker-rsa", Algorithm::RS256);
    let mut jwk = serde_json::to_value(
        jsonwebtoken::jwk::Jwk::from_encoding_key(&key, Algorithm::RS256).unwrap(),
    )
    .unwrap();
    jwk["kid"] = json!("rsa-2");
    set["keys"].as_array_mut().unwrap().push(jwk);
    set.to_string()
}

fn cache() -> (JwksCache, ManualClock) {
    let clock = ManualClock::new(now());
    let cache = JwksCache::with_clock(CachePolicy::default(), Arc::new(clock.clone())).unwrap();
    (cache, clock)
}

/// A valid token from `server`'s tenant, signed by `key` under `kid`.
fn token(server: &CannedServer, key: &str, kid: &str) -> String {
    let mut claims = access_claims();
    claims["iss"] = json!(server.url("/"));
    let header = json!({"alg": "RS256", "kid": kid});
    sign_raw(
        &header,
        &claims,
        Algorithm::RS256,
        &encoding_key(key, Algorithm::RS256),
    )
}

/// Expects the tenant's issuer through discovery, not through options.
fn remote_opts() -> InspectOptions {
    InspectOptions {
        issuer: None,
        ..opts()
    }
}

#[tokio::test]
async fn discovery_finds_the_jwks_and_tokens_verify() {
    let server = tenant(Some("public, max-age=120"));
    let (cache, _clock) = cache();
    let source = RemoteKeys::Issuer(server.url("/"));
    let token = token(&server, "rsa", "rsa-1");

    let report = inspect_remote(&token, &remote_opts(), &cache, &source).await;
    assert_valid(&report);
    let keys = report.keys.unwrap();
    assert_eq!(keys.freshness, KeyFreshness::Fetched);
    assert!(keys.source.contains("discovered from"), "{}", keys.source);

    let again = inspect_remote(&token, &remote_opts(), &cache, &source).await;
    assert_valid(&again);
    assert_eq!(
        again.keys.unwrap().freshness,
        KeyFreshness::Cached { age_seconds: 0 }
    );
    assert_eq!((server.hits(DISCOVERY), server.hits("/jwks")), (1, 1));
}

#[tokio::test]
async fn cache_honours_max_age_and_the_default_ttl() {
    let server = tenant(Some("public, max-age=120, stale-while-revalidate=15"));
    let (cache, clock) = cache();
    let source = RemoteKeys::Issuer(server.url("/"));
    cache.keys(&source).await.unwrap();
    clock.advance(Duration::from_secs(119));
    assert!(matches!(
        cache.keys(&source).await.unwrap().status().freshness,
        KeyFreshness::Cached { age_seconds: 119 }
    ));
    assert_eq!(server.hits("/jwks"), 1);
    clock.advance(Duration::from_secs(2));
    assert_eq!(
        cache.keys(&source).await.unwrap().status().freshness,
        KeyFreshness::Fetched
    );
    assert_eq!(server.hits("/jwks"), 2);

    // Without Cache-Control the default lifetime (10 min) applies.
    let plain = tenant(None);
    let source = RemoteKeys::JwksUrl(plain.url("/jwks"));
    cache.keys(&source).await.unwrap();
    clock.advance(Duration::from_secs(599));
    cache.keys(&source).await.unwrap();
    assert_eq!(plain.hits("/jwks"), 1);
    clock.advance(Duration::from_secs(2));
    cache.keys(&source).await.unwrap();
    assert_eq!(plain.hits("/jwks"), 2);
    assert_eq!(plain.hits(DISCOVERY), 0, "a JWKS URL needs no discovery");
}

#[tokio::test]
async fn a_new_kid_triggers_at_most_one_refetch_per_cooldown() {
    let server = tenant(Some("max-age=3600"));
    let (cache, clock) = cache();
    let source = RemoteKeys::Issuer(server.url("/"));
    assert_valid(
        &inspect_remote(
            &token(&server, "rsa", "rsa-1"),
            &remote_opts(),
            &cache,
            &source,
        )
        .await,
    );

    // The tenant rotates: a token signed by the new key makes IdLens refetch once.
    serve_jwks(&server, &rotated_jwks(), Some("max-age=3600"));
    clock.advance(Duration::from_secs(5));
    let rotated = inspect_remote(
        &token(&server, "attacker-rsa", "rsa-2"),
        &remote_opts(),
        &cache,
        &source,
    )
    .await;
    assert_valid(&rotated);
    assert_eq!(rotated.key.unwrap().kid.as_deref(), Some("rsa-2"));
    assert_eq!(server.hits("/jwks"), 2);

    // Garbage kids within the cooldown do not reach the tenant.
    for kid in ["nope-1", "nope-2", "nope-3"] {
        clock.advance(Duration::from_secs(5));
        let report =
            inspect_remote(&token(&server, "rsa", kid), &remote_opts(), &cache, &source).await;
        assert_rejected_by(&report, &[CheckName::Key]);
        assert!(
            reason(&report, CheckName::Key).contains("at most every 30 s"),
            "{}",
            reason(&report, CheckName::Key)
        );
    }
    assert_eq!(server.hits("/jwks"), 2);

    clock.advance(Duration::from_secs(30));
    let report = inspect_remote(
        &token(&server, "rsa", "nope-4"),
        &remote_opts(),
        &cache,
        &source,
    )
    .await;
    assert_rejected_by(&report, &[CheckName::Key]);
    assert!(reason(&report, CheckName::Key).contains("just refetched"));
    assert_eq!(server.hits("/jwks"), 3);
}

#[tokio::test]
async fn when_the_endpoint_fails_cached_keys_keep_working_and_say_so() {
    let mut server = tenant(Some("max-age=60"));
    let (cache, clock) = cache();
    let source = RemoteKeys::Issuer(server.url("/"));
    let token = token(&server, "rsa", "rsa-1");
    cache.keys(&source).await.unwrap();

    server.answer("/jwks", Answer::status(503));
    clock.advance(Duration::from_secs(61));
    let report = inspect_remote(&token, &remote_opts(), &cache, &source).await;
    assert_valid(&report);
    match report.keys.unwrap().freshness {
        KeyFreshness::Stale { age_seconds, error } => {
            assert_eq!(age_seconds, 61);
            assert!(error.contains("HTTP 503"), "{error}");
        }
        other => panic!("expected stale keys, got {other:?}"),
    }

    server.stop();
    clock.advance(Duration::from_secs(600));
    let report = inspect_remote(&token, &remote_opts(), &cache, &source).await;
    assert_valid(&report);
    match report.keys.unwrap().freshness {
        KeyFreshness::Stale { error, .. } => assert!(error.contains("Could not fetch"), "{error}"),
        other => panic!("expected stale keys, got {other:?}"),
    }
}

#[tokio::test]
async fn garbage_jwks_is_a_clear_error() {
    let server = tenant(None);
    let (cache, _clock) = cache();
    let source = RemoteKeys::JwksUrl(server.url("/jwks"));
    for (body, expected) in [
        ("<html>maintenance</html>", "it is not JSON"),
        (r#"{"keys": []}"#, "no signing keys"),
        (r#"{"issuer": "x"}"#, "no `keys` array"),
        (
            r#"{"keys": [{"kty": "RSA", "kid": "a", "n": "!!", "e": "AQAB"}]}"#,
            "not base64url",
        ),
    ] {
        serve_jwks(&server, body, None);
        let error = cache.keys(&source).await.unwrap_err();
        assert!(matches!(error, KeyError::Invalid { .. }));
        assert!(error.to_string().contains(expected), "{error}");
    }
    let report = inspect_remote(
        &token(&server, "rsa", "rsa-1"),
        &remote_opts(),
        &cache,
        &source,
    )
    .await;
    assert_rejected_by(&report, &[CheckName::Key, CheckName::Issuer]);
    assert!(reason(&report, CheckName::Key).contains("cannot be used"));
    assert!(report.unverified && report.claims.is_some());
}

#[tokio::test]
async fn discovery_must_name_exactly_the_requested_issuer() {
    let server = tenant(None);
    let (cache, _clock) = cache();
    let without_slash = server.url("");
    let error = cache
        .keys(&RemoteKeys::Issuer(without_slash))
        .await
        .unwrap_err();
    assert!(matches!(error, KeyError::IssuerMismatch { .. }));
    assert!(error.to_string().contains("trailing slash"), "{error}");

    server.answer(
        DISCOVERY,
        Answer::json(
            json!({"issuer": "https://evil.example/", "jwks_uri": server.url("/jwks")}).to_string(),
        ),
    );
    let error = cache
        .keys(&RemoteKeys::Issuer(server.url("/")))
        .await
        .unwrap_err();
    assert!(matches!(error, KeyError::IssuerMismatch { .. }), "{error}");
}

#[tokio::test]
async fn a_whole_batch_costs_one_fetch() {
    let server = tenant(Some("max-age=600"));
    let (cache, _clock) = cache();
    let keys = cache
        .keys(&RemoteKeys::Issuer(server.url("/")))
        .await
        .unwrap();
    let tokens: Vec<String> = (0..100).map(|_| token(&server, "rsa", "rsa-1")).collect();
    let reports = inspect_batch(
        &tokens,
        &remote_opts(),
        Some(&keys),
        NonZeroUsize::new(2).unwrap(),
    );
    assert!(reports.iter().all(|r| r.valid));
    assert_eq!(server.hits("/jwks"), 1);
}

#[tokio::test]
async fn inputs_that_are_not_signed_jwts_cause_no_network_traffic() {
    let server = tenant(None);
    let (cache, _clock) = cache();
    let source = RemoteKeys::Issuer(server.url("/"));
    for input in ["garbage", "v1.MRrTabc", &"A".repeat(20_000)] {
        inspect_remote(input, &remote_opts(), &cache, &source).await;
    }
    assert_eq!((server.hits(DISCOVERY), server.hits("/jwks")), (0, 0));
}

#[tokio::test]
async fn keys_are_fetched_only_over_https_off_this_machine() {
    let (cache, _clock) = cache();
    for url in [
        "http://example.com/jwks",
        "ftp://example.com/jwks",
        "not a url",
    ] {
        let error = cache
            .keys(&RemoteKeys::JwksUrl(url.into()))
            .await
            .unwrap_err();
        assert!(matches!(error, KeyError::Url { .. }), "{url}: {error}");
    }
}
