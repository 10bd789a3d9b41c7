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
