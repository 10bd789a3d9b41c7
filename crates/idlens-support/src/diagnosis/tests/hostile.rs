//! Hostile and odd input: unknown codes, undated events, terminal escapes
//! and megabytes in descriptions, names and IPs, floods of events.

use super::*;
use crate::testing::{ev, typed, Case};
use crate::{Citation, LogEvent, MAX_CITATIONS};

const ESCAPE: &str = "\u{1b}]52;c;AAAA\u{7}\u{1b}[2J";

/// No headline or next step holds a control or bidi character.
fn assert_clean(diagnosis: &Diagnosis) {
    for cause in &diagnosis.causes {
        for text in [&cause.headline, &cause.next_step] {
            assert!(!text.chars().any(crate::who::is_hidden), "{text:?}");
        }
        for citation in &cause.citations {
            let text = format!("{citation:?}");
            assert!(!text.contains('\u{1b}'), "{text}");
        }
    }
}

#[test]
fn unknown_codes_and_odd_events_never_break_the_diagnosis() {
    let case = Case::customer().events([
        ev("u1", 10, "brand_new_code", "Something new"),
        LogEvent {
            kind: None,
            ..ev("u2", 9, "", "")
        },
        LogEvent {
            date: Some("yesterday".into()),
            ..ev("u3", 0, "fp", "Wrong email or password.")
        },
        LogEvent {
            date: None,
            log_id: None,
            ..ev("", 0, "gd_auth_failed", "Wrong OTP code")
        },
    ]);
    let diagnosis = case.diagnose();
    // The unknown codes are no cause; the undated failures still count.
    assert_eq!(
        kinds(&diagnosis),
        [CauseKind::MfaFailures, CauseKind::WrongPassword]
    );
    let wrong = find(&diagnosis, CauseKind::WrongPassword).expect("a cause");
    assert!(
        wrong.headline.contains("once since at an unknown time"),
        "{}",
        wrong.headline
    );
    assert_eq!(
        find(&diagnosis, CauseKind::MfaFailures)
            .expect("a cause")
            .citations,
        [Citation::Event {
            log_id: None,
            code: "gd_auth_failed".into(),
            date: None
        }]
    );
    // Only unknown codes: the customer made no attempt Auth0 explains.
    let only_unknown = Case::customer()
        .events([ev("u1", 10, "brand_new_code", "x")])
        .diagnose();
    assert_eq!(kinds(&only_unknown), [CauseKind::NoAttempts]);
}

#[test]
fn hostile_descriptions_are_matched_not_echoed() {
    let huge = format!("Please verify your email {ESCAPE} {}", "A".repeat(1 << 20));
    let late = format!("{}Please verify your email", "B".repeat(1 << 20));
    let case = Case::customer()
        .account(|a| a.email_verified = Some(false))
        .events([
            ev("huge", 30, "f", &huge),
            ev("late", 20, "f", &late),
            ev("esc", 10, "f", &format!("{ESCAPE}denied")),
        ]);
    let diagnosis = case.diagnose();
    assert_clean(&diagnosis);
    // The phrase at the start counts; one past the bounded prefix does not.
    let verify = find(&diagnosis, CauseKind::EmailNotVerified).expect("a cause");
    assert_eq!(cited(verify), ["state:account.email_verified", "huge"]);
    let other = find(&diagnosis, CauseKind::OtherLoginFailure).expect("a cause");
    assert_eq!(cited(other), ["esc", "late"]);
    for cause in &diagnosis.causes {
        assert!(cause.headline.len() < 600, "{}", cause.headline.len());
        assert!(!cause.headline.contains("AAAA") && !cause.headline.contains("denied"));
    }
}

#[test]
fn hostile_names_ips_and_ids_are_escaped_or_left_out() {
    let case = Case::customer().events([
        LogEvent {
            ip: Some(format!("1.2.3.4{ESCAPE}")),
            ..ev("fp", 30, "fp", "Wrong email or password.")
        },
        typed("t1", 20, &format!("jane@example.co{}", '\u{1b}')),
        LogEvent {
            log_id: Some(format!("id{ESCAPE}")),
            ..ev("", 10, "ferrt", "reused")
        },
    ]);
    let diagnosis = case.diagnose();
    assert_clean(&diagnosis);
    let wrong = find(&diagnosis, CauseKind::WrongPassword).expect("a cause");
    assert!(
        !wrong.headline.contains("1.2.3.4"),
        "an unparseable IP is not shown: {}",
        wrong.headline
    );
    let typo = find(&diagnosis, CauseKind::MistypedIdentifier).expect("a cause");
    assert!(
        typo.headline.contains("`jane@example.co\\u{1b}`"),
        "{}",
        typo.headline
    );
}

#[test]
fn a_flood_of_events_is_cited_within_bounds() {
    let flood: Vec<LogEvent> = (0..5000)
        .map(|i| {
            ev(
                &format!("fp{i:05}"),
                5000 - i,
                "fp",
                "Wrong email or password.",
            )
        })
        .chain((0..5000).map(|i| {
            typed(
                &format!("t{i:05}"),
                6000 - i,
                &format!("user{i}@example.com"),
            )
        }))
        .collect();
    let diagnosis = Case::customer().events(flood).diagnose();
    let wrong = find(&diagnosis, CauseKind::WrongPassword).expect("a cause");
    assert_eq!(wrong.citations.len(), MAX_CITATIONS);
    assert!(wrong.headline.contains("5000 times"), "{}", wrong.headline);
    assert!(diagnosis
        .causes
        .iter()
        .all(|c| c.citations.len() <= MAX_CITATIONS + 1));
}
