//! `idlens logs search|tail` against the sandbox tenant's logs (its
//! 1,200 background sign-ins and support stories, and events it logs live)
//! and against hostile tenants: every event once, the search's 1,000-result
//! cap said, the whole log past it by checkpoint, a tail that picks up what
//! happens after it started, escapes and megabytes shown escaped and cut,
//! unknown codes shown raw, a stuck checkpoint and a 429 storm ending in
//! clear errors that mark what was printed as incomplete.

use std::collections::HashSet;

use idlens_sandbox::tenant::rbac::EVERYONE_ROLE_ID;
use idlens_sandbox::LogEvent;
use serde_json::Value;

use crate::rbac::{hostile_tenant_and_admin, tenant_and_admin};
use idlens_testkit::hostile_tenant::Hostile;
use idlens_testkit::keychain_session::KeychainSession;

/// Every line of NDJSON output.
fn events(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The `summary` JSON line on stderr.
fn summary(stderr: &str) -> Value {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("{\"summary\""))
        .unwrap_or_else(|| panic!("no summary on stderr: {stderr}"));
    serde_json::from_str::<Value>(line).unwrap()["summary"].clone()
}

/// The `log_id`s of the sandbox's events `keep` keeps, oldest first.
fn logged(tenant: &crate::tenant::Tenant, keep: impl Fn(&LogEvent) -> bool) -> Vec<String> {
    let events = tenant.sandbox().log_events().into_iter();
    events
        .filter(|e| keep(e))
        .filter_map(|e| e.log_id)
        .collect()
}

fn ids(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["logId"].as_str().expect("a log_id").to_owned())
        .collect()
}

#[test]
fn a_search_with_a_query_and_a_category_shows_each_matching_event_explained() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let ip = "203.0.113.7";
    let run = user
        .run(&[
            "logs",
            "search",
            &format!("ip:{ip}"),
            "--type",
            "limits-and-blocks",
            "--json",
        ])
        .expect_code(0);
    let found = events(&run.stdout);
    let mut expected = logged(&tenant, |e| {
        e.ip.as_deref() == Some(ip) && e.kind.as_deref().is_some_and(|k| k.starts_with("limit_"))
    });
    expected.reverse();
    assert!(!expected.is_empty());
    assert_eq!(ids(&found), expected, "newest first, each once");
    for event in &found {
        assert_eq!(
            event["explanation"]["category"], "limitsAndBlocks",
            "{event}"
        );
        assert!(event["explanation"]["nextStep"]
            .as_str()
            .is_some_and(|s| !s.is_empty()));
    }
    let summary = summary(&run.stderr);
    assert_eq!(summary["capReached"], false);
    assert_eq!(summary["categoryFilteredLocally"], false);

    // Text: one line per event, the code's name beside the code.
    let text = user
        .run(&[
            "logs",
            "search",
            &format!("ip:{ip}"),
            "--type",
            "limits-and-blocks",
        ])
        .expect_code(0);
    assert_eq!(
        text.stdout.lines().count(),
        expected.len(),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("limit_wc  Blocked Account"),
        "{}",
        text.stdout
    );

    // Nothing matches: exit 1. A query that cannot be read: exit 2, said here.
    user.run(&["logs", "search", "ip:192.0.2.250"])
        .expect_code(1);
    let bad = user
        .run(&["logs", "search", "type:fp AND", "--json"])
        .expect_code(2);
    assert_eq!(bad.json()["error"]["code"], "invalidInput");
    assert!(bad.stderr.contains("field:value"), "{}", bad.stderr);
}

#[test]
fn the_search_says_when_it_stops_at_1000_and_all_reads_past_it_each_event_once() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let capped = user.run(&["logs", "search", "type:s"]).expect_code(0);
    assert_eq!(capped.stdout.lines().count(), 1_000);
    assert!(capped.stderr.contains("1,000"), "{}", capped.stderr);
    assert!(capped.stderr.contains("--all"), "{}", capped.stderr);

    let expected = logged(&tenant, |e| e.kind.as_deref() == Some("s"));
    assert!(expected.len() > 1_000, "{} sign-ins", expected.len());
    let all = user
        .run(&["logs", "search", "type:s", "--all", "--json"])
        .expect_code(0);
    let read = ids(&events(&all.stdout));
    assert_eq!(
        read.len(),
        read.iter().collect::<HashSet<_>>().len(),
        "no event twice"
    );
    assert_eq!(read, expected, "every matching event, oldest first");
    let summary = summary(&all.stderr);
    assert_eq!(summary["mode"], "all");
    assert_eq!(summary["events"], expected.len());
    let checkpoint = summary["checkpoint"]
        .as_str()
        .expect("a checkpoint")
        .to_owned();

    // From the checkpoint, only what came after: a write the sandbox logs.
    let story = tenant.sandbox().support_stories()[0].user_id.clone();
    assert_eq!(
        tenant.change_role(reqwest::Method::POST, &story, EVERYONE_ROLE_ID),
        204
    );
    let after = user
        .run(&[
            "logs",
            "search",
            "type:sapi",
            "--all",
            "--from",
            &checkpoint,
            "--json",
        ])
        .expect_code(0);
    let later = events(&after.stdout);
    assert_eq!(later.len(), 1, "{}", after.stdout);
    assert!(later[0]["description"].as_str().unwrap().contains("/roles"));

    // --limit stops early and says so.
    let limited = user
        .run(&["logs", "search", "type:s", "--all", "--limit", "150"])
        .expect_code(0);
    assert_eq!(limited.stdout.lines().count(), 150);
    assert!(limited.stderr.contains("--limit"), "{}", limited.stderr);
}

#[test]
fn a_tail_shows_what_happens_after_it_started_filtered_and_ctrl_c_ends_it() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let mut tail = user.spawn(&[
        "logs",
        "tail",
        "--type",
        "management-api",
        "--interval",
        "100ms",
        "--json",
    ]);
    let live = tail.next_error_line();
    assert!(live.starts_with("Caught up"), "{live}");

    let story = tenant.sandbox().support_stories()[0].user_id.clone();
    // The token request logs an exchange (filtered out), the write `sapi`.
    assert_eq!(
        tenant.change_role(reqwest::Method::POST, &story, EVERYONE_ROLE_ID),
        204
    );
    let first: Value = serde_json::from_str(&tail.next_line()).unwrap();
    assert_eq!(first["code"], "sapi", "{first}");
    assert_eq!(first["event"], "Success API Operation");
    assert_eq!(
        tenant.change_role(reqwest::Method::DELETE, &story, EVERYONE_ROLE_ID),
        204
    );
    let second: Value = serde_json::from_str(&tail.next_line()).unwrap();
    assert_eq!(second["code"], "sapi", "{second}");
    assert_ne!(second["logId"], first["logId"]);

    tail.interrupt();
    let ended = tail.finish();
    assert_eq!(ended.code, 0, "{}", ended.stderr);
    assert!(
        ended.stderr.contains("Stopped (Ctrl+C) after 2 events"),
        "{}",
        ended.stderr
    );
    assert_eq!(
        ended.stdout.lines().count(),
        2,
        "the two writes, nothing else"
    );
}

#[test]
fn escapes_and_a_megabyte_of_description_are_shown_escaped_and_cut_and_unknown_codes_raw() {
    let session = KeychainSession::start();
    let (_tenant, user, _requests) =
        hostile_tenant_and_admin(&session, Hostile::LogsLoudPage { bytes: 1 << 20 });
    let run = user.run(&["logs", "search", "", "--all"]).expect_code(0);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no escape reaches the terminal"
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].contains("\\x1b[31m\\x1b]0;owned\\x07xxx"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with("[cut at 2000 characters]"),
        "{}",
        &lines[0][lines[0].len() - 80..]
    );
    assert!(lines[0].len() < 3_000, "{} bytes", lines[0].len());
    assert!(
        lines[1].contains("zz_future_code  Unknown event type \"zz_future_code\""),
        "{}",
        lines[1]
    );

    let json = user
        .run(&["logs", "search", "", "--all", "--json"])
        .expect_code(0);
    let shown = events(&json.stdout);
    assert_eq!(shown[0]["truncated"], serde_json::json!(["description"]));
    assert_eq!(shown[1]["code"], "zz_future_code");
    assert_eq!(shown[1]["explanation"], Value::Null);
}

#[test]
fn a_checkpoint_that_repeats_or_a_429_storm_ends_in_an_error_that_marks_the_output_incomplete() {
    let session = KeychainSession::start();
    let (_tenant, user, _requests) = hostile_tenant_and_admin(&session, Hostile::LogsSamePage);
    let stuck = user.run(&["logs", "search", "", "--all"]).expect_code(2);
    assert_eq!(
        stuck.stdout.lines().count(),
        3,
        "the first page, then the error"
    );
    assert!(
        stuck.stderr.contains("does not advance"),
        "{}",
        stuck.stderr
    );
    assert!(
        stuck
            .stderr
            .contains("after 3 events: the events printed above are not the whole answer"),
        "{}",
        stuck.stderr
    );

    let (_tenant, user, requests) = hostile_tenant_and_admin(&session, Hostile::LogsRateLimitStorm);
    let storm = user.run(&["logs", "tail", "--json"]).expect_code(2);
    assert_eq!(storm.json()["error"]["code"], "network");
    assert!(storm.stderr.contains("429"), "{}", storm.stderr);
    assert_eq!(
        requests.load(std::sync::atomic::Ordering::Relaxed),
        6,
        "five retries, then the error"
    );
}
