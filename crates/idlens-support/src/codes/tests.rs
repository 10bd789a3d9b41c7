use std::collections::BTreeSet;

use super::{lookup, LogCategory, Lookup, Outcome, LOG_CODES};

#[test]
fn every_code_appears_once() {
    let mut seen = BTreeSet::new();
    let repeated: Vec<&str> = LOG_CODES
        .iter()
        .filter(|c| !seen.insert(c.code))
        .map(|c| c.code)
        .collect();
    assert_eq!(repeated, Vec::<&str>::new());
}

#[test]
fn every_code_has_all_its_words() {
    for c in LOG_CODES {
        for (what, text) in [
            ("event", c.event),
            ("what happened", c.what_happened),
            ("likely cause", c.likely_cause),
            ("next step", c.next_step),
        ] {
            assert!(!text.trim().is_empty(), "{}: no {what}", c.code);
        }
        for sentence in [c.what_happened, c.likely_cause, c.next_step] {
            assert!(
                sentence.ends_with('.'),
                "{}: {sentence:?} is not a sentence",
                c.code
            );
        }
    }
}

#[test]
fn codes_are_lowercase_ascii() {
    for c in LOG_CODES {
        assert!(
            !c.code.is_empty()
                && c.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{:?} is not a lowercase ASCII code",
            c.code
        );
    }
}

#[test]
fn the_table_is_sorted_by_code() {
    let codes: Vec<&str> = LOG_CODES.iter().map(|c| c.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
}

#[test]
fn the_table_covers_auth0s_families() {
    // The families support meets most (docs: Auth0's "Log Type Codes").
    for family in [
        "f",
        "fp",
        "fu",
        "fc",
        "fco",
        "fcoa",
        "fsa",
        "fens",
        "fs",
        "flo",
        "w",
        "mfar",
        "limit_wc",
        "limit_mu",
        "ublkdu",
        "api_limit",
        "api_limit_warning",
        "pwd_leak",
        "signup_pwd_leak",
        "reset_pwd_leak",
        "gd_start_auth",
        "gd_auth_failed",
        "gd_auth_rejected",
        "gd_auth_succeed",
        "gd_otp_rate_limit_exceed",
        "feacft",
        "seacft",
        "feccft",
        "seccft",
        "fede",
        "sede",
        "fepft",
        "sepft",
        "ferrt",
        "fertft",
        "sertft",
        "fdeac",
        "fdeaz",
        "fdecc",
        "fce",
        "sce",
        "fcp",
        "scp",
        "du",
        "sdu",
        "fdu",
        "sapi",
        "fapi",
        "mgmt_api_read",
        "depnote",
        "con",
        "coff",
        "fcpro",
        "acls_summary",
        "actions_execution_failed",
        "appi",
        "ciba_start_failed",
        "oidc_backchannel_logout_failed",
        "limit_sul",
        "srrt",
        "fi",
        "si",
        "pla",
        "fepotpft",
        "gd_send_email",
        "gd_webauthn_challenge_failed",
        "sys_update_start",
        "s",
        "ss",
        "ssa",
        "slo",
        "scoa",
        "cls",
        "cs",
    ] {
        assert!(
            lookup(family).known().is_some(),
            "{family} is missing from the table"
        );
    }
    assert!(LOG_CODES.len() >= 150, "{} codes", LOG_CODES.len());
}

#[test]
fn spot_checks_of_category_and_outcome() {
    use LogCategory::*;
    use Outcome::*;
    let expected = [
        ("fp", Login, Failure),
        ("fu", Login, Failure),
        ("f", Login, Failure),
        ("s", Login, Success),
        ("limit_wc", LimitsAndBlocks, Failure),
        ("limit_mu", LimitsAndBlocks, Failure),
        ("ublkdu", LimitsAndBlocks, Success),
        ("ferrt", TokenExchange, Failure),
        ("seacft", TokenExchange, Success),
        ("gd_auth_failed", Mfa, Failure),
        ("pwd_leak", BreachedPassword, Failure),
        ("sapi", ManagementApi, Success),
    ];
    for (code, category, outcome) in expected {
        let known = lookup(code).known().expect(code);
        assert_eq!(
            (known.category, known.outcome),
            (category, outcome),
            "{code}"
        );
    }
}

#[test]
fn every_category_has_a_code() {
    for category in LogCategory::ALL {
        assert!(
            LOG_CODES.iter().any(|c| c.category == category),
            "{category:?} has no code"
        );
    }
}

#[test]
fn an_unknown_code_is_kept_raw() {
    let unknown = lookup("brand_new_code");
    assert_eq!(unknown, Lookup::Unknown("brand_new_code"));
    assert_eq!(unknown.code(), "brand_new_code");
    assert_eq!(unknown.event(), "Unknown event type \"brand_new_code\"");
    assert_eq!(unknown.known(), None);
    // Codes are case-sensitive, as Auth0 sends them.
    assert_eq!(lookup("FP"), Lookup::Unknown("FP"));
}

#[test]
fn a_known_code_is_explained() {
    let fp = lookup("fp");
    assert_eq!(fp.code(), "fp");
    assert_eq!(fp.event(), "Failed Login (Incorrect Password)");
}

#[test]
fn a_record_serializes_with_camel_case_fields() {
    let fp = lookup("fp").known().expect("fp");
    let json = serde_json::to_value(fp).expect("serialize");
    assert_eq!(json["code"], "fp");
    assert_eq!(json["category"], "login");
    assert_eq!(json["outcome"], "failure");
    assert!(json["whatHappened"].is_string());
    assert!(json["likelyCause"].is_string());
    assert!(json["nextStep"].is_string());
}
