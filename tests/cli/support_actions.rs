//! `idlens support actions`: the action log listed, verified (exit 0 intact,
//! 1 tampered with, 2 unreadable) and exported, with its head in the test's
//! own OS keychain.

use idlens_actions::head::{self, Head};
use idlens_actions::{Action, ActionLog, Actor, Credential, NewRecord, Outcome, Target};
use idlens_profile::Keychain;
use idlens_testkit::keychain_session::KeychainSession;

use crate::idlens::TestUser;

/// Appends one record per `users` to `user`'s log, as the app would, and
/// keeps the head where the app keeps it: `session`'s keychain.
fn write_log(user: &TestUser, session: Option<&KeychainSession>, users: &[&str]) -> ActionLog {
    let log = ActionLog::in_dir(&user.config_dir());
    let keychain = Keychain::memory_only("written by the test");
    let mut last = None;
    for (i, id) in users.iter().enumerate() {
        let new = NewRecord {
            actor: Actor {
                profile: "acme".into(),
                credential: Credential::M2mClient {
                    client_id: "m2m-1".into(),
                },
            },
            action: if i == 0 {
                Action::Block
            } else {
                Action::Unblock
            },
            target: Target {
                user_id: Some((*id).into()),
                identifier: None,
            },
            changes: format!("blocked changed for {id}"),
            result: Outcome::Ok,
        };
        last = Some(log.append(&keychain, new).unwrap().record);
    }
    if let (Some(session), Some(last)) = (session, last) {
        let head = Head {
            count: last.seq,
            hash: last.hash,
        };
        let account = idlens_profile::keychain_app_account(&head::entry_name(log.path()));
        session.store(&account, &head::encode(&head));
    }
    log
}

fn lines(log: &ActionLog) -> Vec<String> {
    std::fs::read_to_string(log.path())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn rewrite(log: &ActionLog, lines: &[String]) {
    std::fs::write(log.path(), lines.join("\n") + "\n").unwrap();
}

#[test]
fn an_empty_log_is_listed_and_verifies() {
    let user = TestUser::without_keychain();
    let listed = user.run(&["support", "actions"]).expect_code(0);
    assert!(
        listed.stdout.contains("The action log is empty"),
        "{}",
        listed.stdout
    );
    let verified = user.run(&["support", "actions", "--verify"]).expect_code(0);
    assert!(
        verified
            .stdout
            .contains("The action log is intact: 0 records chain correctly"),
        "{}",
        verified.stdout
    );
}

#[test]
fn the_log_is_listed_newest_first_with_untrusted_text_escaped() {
    let user = TestUser::without_keychain();
    write_log(&user, None, &["auth0|1", "auth0|2\u{1b}[2J", "auth0|3"]);
    let listed = user.run(&["support", "actions"]).expect_code(0);
    assert!(!listed.stdout.contains('\u{1b}'), "{}", listed.stdout);
    let rows: Vec<&str> = listed.stdout.lines().collect();
    assert!(rows[0].starts_with("LINE"), "{}", listed.stdout);
    assert!(
        rows[1].starts_with('3') && rows[1].contains("auth0|3"),
        "{}",
        listed.stdout
    );
    assert!(rows[1].contains("unblocked the user"), "{}", listed.stdout);
    assert!(rows[3].contains("blocked the user") && rows[3].contains("acme (M2M m2m-1)"));
    assert!(
        listed.stdout.contains("3 of 3 records, newest first"),
        "{}",
        listed.stdout
    );

    let page = user
        .run(&[
            "support", "actions", "--limit", "1", "--offset", "1", "--json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(page["total"], 3);
    assert_eq!(page["entries"].as_array().unwrap().len(), 1);
    assert_eq!(page["entries"][0]["line"], 2);
    assert_eq!(page["entries"][0]["record"]["action"], "unblock");
}

#[test]
fn an_intact_log_verifies_against_the_head_in_the_keychain() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    write_log(&user, Some(&session), &["auth0|1", "auth0|2", "auth0|3"]);
    let run = user.run(&["support", "actions", "--verify"]).expect_code(0);
    assert!(
        run.stdout.contains(
            "The action log is intact: 3 records chain correctly, and it ends at the head kept in the OS keychain."
        ),
        "{}",
        run.stdout
    );
    let json = user
        .run(&["support", "actions", "--verify", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(json["intact"], true);
    assert_eq!(json["verification"]["head"]["state"], "matched");
}

#[test]
fn an_edited_line_fails_verification_naming_the_line() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    let log = write_log(&user, Some(&session), &["auth0|1", "auth0|2", "auth0|3"]);
    let mut edited = lines(&log);
    edited[1] = edited[1].replace("auth0|2", "auth0|9");
    rewrite(&log, &edited);
    let run = user.run(&["support", "actions", "--verify"]).expect_code(1);
    assert!(
        run.stdout
            .starts_with("Line 2 was edited: its content does not match its hash."),
        "{}",
        run.stdout
    );
    let json = user
        .run(&["support", "actions", "--verify", "--json"])
        .expect_code(1)
        .json();
    assert_eq!(
        json["verification"]["problem"],
        serde_json::json!({"kind": "edited", "line": 2})
    );
}

#[test]
fn a_cut_short_tail_fails_verification_through_the_keychains_head() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    let log = write_log(&user, Some(&session), &["auth0|1", "auth0|2", "auth0|3"]);
    let mut cut = lines(&log);
    cut.pop();
    rewrite(&log, &cut);
    let run = user.run(&["support", "actions", "--verify"]).expect_code(1);
    assert!(
        run.stdout.contains(
            "The log was cut short: it holds 2 records but 3 were written (the keychain's head)"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn without_a_keychain_verification_says_the_head_was_not_checked() {
    let user = TestUser::without_keychain();
    write_log(&user, None, &["auth0|1", "auth0|2"]);
    let run = user.run(&["support", "actions", "--verify"]).expect_code(0);
    assert!(
        run.stdout
            .contains("2 records chain correctly, but the head could not be checked"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_log_that_cannot_be_read_is_an_error() {
    let user = TestUser::without_keychain();
    std::fs::create_dir_all(user.config_dir().join("actions.jsonl")).unwrap();
    let run = user.run(&["support", "actions", "--verify"]).expect_code(2);
    assert!(run.stderr.contains("actions.jsonl"), "{}", run.stderr);
}

#[test]
fn the_log_is_exported_as_csv_and_json() {
    let user = TestUser::without_keychain();
    write_log(&user, None, &["auth0|1", "=cmd|' /C calc'!A0"]);
    let csv = user.root().join("log.csv");
    let run = user
        .run(&[
            "support",
            "actions",
            "--export",
            "csv",
            "--output",
            csv.to_str().unwrap(),
        ])
        .expect_code(0);
    assert!(
        run.stdout.starts_with("Saved 2 records to "),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("seq,at,profile,credential,action,what,userId,"),
        "{text}"
    );
    assert!(text.contains(",'=cmd|' /C calc'!A0,"), "{text}");

    let json_file = user.root().join("log.json");
    let saved = user
        .run(&[
            "support",
            "actions",
            "--export",
            "json",
            "--output",
            json_file.to_str().unwrap(),
            "--json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(saved["rows"], 2);
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_file).unwrap()).unwrap();
    assert_eq!(exported[1]["action"], "unblock");

    // --export needs --output, and --verify takes neither.
    user.run(&["support", "actions", "--export", "csv"])
        .expect_code(2);
    user.run(&[
        "support", "actions", "--verify", "--export", "csv", "--output", "x",
    ])
    .expect_code(2);
}
