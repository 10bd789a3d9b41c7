//! RS256 (RSA-2048) verification with cached keys.
//!
//! `cargo bench -p idlens-token --bench verify` prints tokens/s per core for:
//! - `idlens/inspect`: the full verdict (decode, every check, no explanations),
//!   the path `idlens inspect --batch` takes;
//! - `idlens/inspect+explain`: the same with per-claim explanations, as the
//!   Inspector screen asks for;
//! - `idlens/batch-1000`: `inspect_batch` on one thread, 1000 tokens per iteration;
//! - `idlens/without-keys`: the same inspection without keys, so every step
//!   but the signature: what a verdict costs on top of the RSA verify;
//! - `reference/jsonwebtoken-crypto-verify`: jsonwebtoken's `crypto::verify`,
//!   which re-parses the key on every call (why IdLens pre-parses);
//! - `reference/aws-lc-verify`: the bare RSA verify with a pre-parsed key, the
//!   ceiling on this machine.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use idlens_token::{inspect, inspect_batch, InspectOptions, KeySet};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn verify(c: &mut Criterion) {
    let tokens: serde_json::Value = serde_json::from_str(&fixture("pyjwt-tokens.json")).unwrap();
    let token = tokens["tokens"]["access-RS256"]
        .as_str()
        .unwrap()
        .to_owned();
    let keys = KeySet::from_jwks_json(&fixture("jwks.json"), "bench JWKS").unwrap();
    let opts = InspectOptions {
        issuer: Some(tokens["issuer"].as_str().unwrap().to_owned()),
        audiences: vec![tokens["api"].as_str().unwrap().to_owned()],
        now: Some(UNIX_EPOCH + Duration::from_secs(1_750_000_000)),
        explain: false,
        ..InspectOptions::default()
    };
    assert!(inspect(&token, &opts, Some(&keys)).valid);
    let explaining = InspectOptions {
        explain: true,
        now: Some(SystemTime::now()),
        ..opts.clone()
    };

    let mut group = c.benchmark_group("idlens");
    group.throughput(Throughput::Elements(1));
    group.bench_function("inspect", |b| {
        b.iter(|| inspect(black_box(&token), &opts, Some(&keys)))
    });
    group.bench_function("inspect+explain", |b| {
        b.iter(|| inspect(black_box(&token), &explaining, Some(&keys)))
    });
    group.bench_function("without-keys", |b| {
        b.iter(|| inspect(black_box(&token), &opts, None))
    });
    let batch = vec![token.clone(); 1000];
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.bench_function("batch-1000", |b| {
        b.iter(|| inspect_batch(black_box(&batch), &opts, Some(&keys), NonZeroUsize::MIN))
    });
    group.finish();

    let (message, signature_b64) = token.rsplit_once('.').unwrap();
    let set: JwkSet = serde_json::from_str(&fixture("jwks.json")).unwrap();
    let decoding = DecodingKey::from_jwk(set.find("rsa-1").unwrap()).unwrap();
    let signature = URL_SAFE_NO_PAD.decode(signature_b64).unwrap();
    let der = {
        let pem = fixture("rsa.pub.pem");
        DecodingKey::from_rsa_pem(pem.as_bytes())
            .unwrap()
            .try_get_as_bytes()
            .unwrap()
            .to_vec()
    };
    let parsed = aws_lc_rs::signature::ParsedPublicKey::new(
        &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
        &der,
    )
    .unwrap();

    let mut group = c.benchmark_group("reference");
    group.throughput(Throughput::Elements(1));
    group.bench_function("jsonwebtoken-crypto-verify", |b| {
        b.iter(|| {
            jsonwebtoken::crypto::verify(
                signature_b64,
                black_box(message.as_bytes()),
                &decoding,
                Algorithm::RS256,
            )
            .unwrap()
        })
    });
    group.bench_function("aws-lc-verify", |b| {
        b.iter(|| {
            parsed
                .verify_sig(black_box(message.as_bytes()), &signature)
                .is_ok()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(5)).sample_size(50);
    targets = verify
}
criterion_main!(benches);
