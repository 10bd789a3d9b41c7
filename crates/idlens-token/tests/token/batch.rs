//! Many tokens, one key set, several threads: verdicts in input order.

use std::num::NonZeroUsize;

use idlens_token::{inspect, inspect_batch, inspect_batch_each, InspectOptions};
use serde_json::json;

use crate::support::*;

#[test]
fn batch_verdicts_come_back_in_input_order_whatever_the_thread_count() {
    let keys = jwks();
    let inputs: Vec<String> = (0..300)
        .map(|i| {
            let mut claims = access_claims();
            claims["jti"] = json!(i);
            match i % 5 {
                0 => "garbage".to_owned(),
                1 => {
                    claims["exp"] = json!(NOW - 7200);
                    rs256(&claims)
                }
                _ => rs256(&claims),
            }
        })
        .collect();
    let opts = InspectOptions {
        explain: false,
        ..opts()
    };
    let one = inspect_batch(&inputs, &opts, Some(&keys), NonZeroUsize::new(1).unwrap());
    let four = inspect_batch(&inputs, &opts, Some(&keys), NonZeroUsize::new(4).unwrap());
    assert_eq!(one.len(), inputs.len());
    assert_eq!(one, four);
    for (i, (input, report)) in inputs.iter().zip(&four).enumerate() {
        assert_eq!(report, &inspect(input, &opts, Some(&keys)), "input {i}");
        assert_eq!(report.valid, i % 5 > 1, "input {i}");
        if report.valid {
            assert_eq!(report.claims.as_ref().unwrap()["jti"], json!(i));
        }
    }
}

#[test]
fn streamed_batch_verdicts_arrive_in_input_order_on_the_calling_thread() {
    let keys = jwks();
    let inputs: Vec<String> = (0..500)
        .map(|i| {
            let mut claims = access_claims();
            claims["jti"] = json!(i);
            if i % 7 == 3 {
                claims["aud"] = json!("https://other.example/");
            }
            rs256(&claims)
        })
        .collect();
    let opts = InspectOptions {
        explain: false,
        ..opts()
    };
    let collected = inspect_batch(&inputs, &opts, Some(&keys), NonZeroUsize::MIN);
    for threads in [1, 2, 3, 8] {
        let caller = std::thread::current().id();
        let mut streamed = Vec::new();
        inspect_batch_each(
            &inputs,
            &opts,
            Some(&keys),
            NonZeroUsize::new(threads).unwrap(),
            |index, report| {
                assert_eq!(std::thread::current().id(), caller, "{threads} threads");
                assert_eq!(index, streamed.len(), "{threads} threads");
                streamed.push(report);
            },
        );
        assert_eq!(streamed, collected, "{threads} threads");
    }
    for (i, report) in collected.iter().enumerate() {
        assert_eq!(report.valid, i % 7 != 3, "input {i}");
        assert_eq!(report.claims.as_ref().unwrap()["jti"], json!(i));
    }
}

#[test]
fn an_empty_batch_is_empty() {
    let none: Vec<String> = Vec::new();
    assert!(inspect_batch(&none, &opts(), None, NonZeroUsize::new(8).unwrap()).is_empty());
    inspect_batch_each(
        &none,
        &opts(),
        None,
        NonZeroUsize::new(8).unwrap(),
        |index, _| panic!("no input, yet a report for index {index}"),
    );
}

#[test]
fn bytes_that_are_not_utf8_get_a_verdict_of_their_own() {
    let keys = jwks();
    let good = rs256(&access_claims()).into_bytes();
    let inputs: Vec<Vec<u8>> = vec![good.clone(), b"eyJ\xff\xfe.x.y".to_vec(), good];
    let reports = inspect_batch(&inputs, &opts(), Some(&keys), NonZeroUsize::new(2).unwrap());
    assert!(reports[0].valid && reports[2].valid);
    let bad = &reports[1];
    assert_eq!(bad.kind, idlens_token::TokenKind::Malformed);
    assert_rejected_by(bad, &[idlens_token::CheckName::Format]);
    assert!(
        reason(bad, idlens_token::CheckName::Format).contains("not UTF-8 text (byte 4"),
        "{}",
        bad.summary
    );
}

#[test]
fn input_cut_off_by_a_bounded_reader_reads_as_too_large() {
    let opts = InspectOptions {
        max_len: 10,
        ..opts()
    };
    // What a bounded reader hands over of a longer input: max_len + 1 bytes.
    let report = idlens_token::inspect_bytes(b"eyJhbGciOi", &opts, None);
    assert_ne!(report.kind, idlens_token::TokenKind::TooLarge);
    let report = idlens_token::inspect_bytes(b"eyJhbGciOiJ", &opts, None);
    assert_eq!(report.kind, idlens_token::TokenKind::TooLarge);
    assert_eq!(
        reason(&report, idlens_token::CheckName::Size),
        "The input is longer than the 10-byte limit, so IdLens did not read it."
    );
    // Not UTF-8 and too large: the size decides, nothing is decoded.
    let report = idlens_token::inspect_bytes(&[0xff; 11], &opts, None);
    assert_eq!(report.kind, idlens_token::TokenKind::TooLarge);
}
