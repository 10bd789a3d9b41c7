//! Each kind of tampering is found, named with its line; an intact log
//! verifies.

use idlens_actions::{
    verify, Action, ActionLog, ActionLogError, HeadCheck, Problem, Record, Verification, MAX_LINE,
};
use idlens_profile::Keychain;

use crate::support::{record, TestLog};

fn problem(v: &Verification) -> Problem {
    v.problem.clone().expect("a problem")
}

#[test]
fn appended_records_chain_and_verify() {
    let t = TestLog::new();
    t.append(3);
    let v = t.verify();
    assert_eq!(
        v,
        Verification {
            records: 3,
            problem: None,
            head: HeadCheck::Matched
        }
    );
    let records: Vec<Record> = t
        .lines()
        .iter()
        .map(|l| Record::parse(l.as_bytes()).unwrap())
        .collect();
    assert_eq!(records[0].prev, idlens_actions::GENESIS);
    assert_eq!(records[1].prev, records[0].hash);
    assert_eq!(records[2].prev, records[1].hash);
    assert_eq!(records.iter().map(|r| r.seq).collect::<Vec<_>>(), [1, 2, 3]);
}

#[test]
fn a_missing_log_with_no_head_is_empty_and_valid() {
    let t = TestLog::new();
    let v = t.verify();
    assert_eq!(v.records, 0);
    assert_eq!(v.problem, None);
    assert!(matches!(v.head, HeadCheck::MemoryOnly { .. }), "{v:?}");
}

#[test]
fn an_edited_field_is_found_on_its_line() {
    let t = TestLog::new();
    t.append(3);
    let mut lines = t.lines();
    lines[1] = lines[1].replace("auth0|2", "auth0|9");
    t.write_lines(&lines);
    assert_eq!(problem(&t.verify()), Problem::Edited { line: 2 });
}

#[test]
fn an_edit_with_its_hash_recomputed_breaks_the_next_link() {
    let t = TestLog::new();
    t.append(3);
    let mut lines = t.lines();
    let mut forged = Record::parse(lines[1].as_bytes()).unwrap();
    forged.action = Action::Block;
    forged.hash = forged.compute_hash();
    lines[1] = forged.line();
    t.write_lines(&lines);
    let v = t.verify();
    assert_eq!(problem(&v), Problem::Unchained { line: 3 });
    assert_eq!(v.records, 2);
    assert!(problem(&v).describe().contains("line 3"));
}

#[test]
fn a_line_removed_from_the_middle_is_found() {
    let t = TestLog::new();
    t.append(3);
    let mut lines = t.lines();
    lines.remove(1);
    t.write_lines(&lines);
    assert_eq!(
        problem(&t.verify()),
        Problem::OutOfSequence {
            line: 2,
            expected_seq: 2,
            found_seq: 3
        }
    );
}

#[test]
fn two_swapped_lines_are_found() {
    let t = TestLog::new();
    t.append(4);
    let mut lines = t.lines();
    lines.swap(1, 2);
    t.write_lines(&lines);
    let found = problem(&t.verify());
    assert_eq!(
        found,
        Problem::OutOfSequence {
            line: 2,
            expected_seq: 2,
            found_seq: 3
        }
    );
    assert!(found.describe().contains("removed or moved"), "{found:?}");
}

#[test]
fn a_repeated_line_is_found() {
    let t = TestLog::new();
    t.append(3);
    let mut lines = t.lines();
    lines.insert(2, lines[1].clone());
    t.write_lines(&lines);
    let found = problem(&t.verify());
    assert_eq!(
        found,
        Problem::OutOfSequence {
            line: 3,
            expected_seq: 3,
            found_seq: 2
        }
    );
    assert!(found.describe().contains("moved or repeated"), "{found:?}");
}

#[test]
fn a_cut_short_tail_is_found_by_the_head() {
    let t = TestLog::new();
    t.append(3);
    let mut lines = t.lines();
    lines.pop();
    t.write_lines(&lines);
    let v = t.verify();
    assert_eq!(
        problem(&v),
        Problem::Truncated {
            records: 2,
            head_count: 3
        }
    );
    assert_eq!(v.head, HeadCheck::Mismatched);
}

#[test]
fn a_deleted_log_is_found_by_the_head() {
    let t = TestLog::new();
    t.append(2);
    std::fs::remove_file(t.log.path()).unwrap();
    assert_eq!(
        problem(&t.verify()),
        Problem::Truncated {
            records: 0,
            head_count: 2
        }
    );
}

#[test]
fn a_consistent_rewrite_of_the_file_alone_is_found_by_the_head() {
    let t = TestLog::new();
    t.append(3);
    // Replace the last record with a forged one that chains correctly: the
    // file alone is consistent, the keychain's head is not.
    let mut lines = t.lines();
    let mut forged = Record::parse(lines[2].as_bytes()).unwrap();
    forged.target.user_id = Some("auth0|someone-else".into());
    forged.hash = forged.compute_hash();
    lines[2] = forged.line();
    t.write_lines(&lines);
    assert_eq!(problem(&t.verify()), Problem::Rewritten { line: 3 });

    // Cut the tail and add a forged, chained record to make the count match.
    let mut lines = t.lines();
    lines.truncate(1);
    let first = Record::parse(lines[0].as_bytes()).unwrap();
    let mut second = first.clone();
    second.seq = 2;
    second.prev = first.hash.clone();
    second.hash = second.compute_hash();
    let mut third = second.clone();
    third.seq = 3;
    third.prev = second.hash.clone();
    third.hash = third.compute_hash();
    lines.extend([second.line(), third.line()]);
    t.write_lines(&lines);
    assert_eq!(problem(&t.verify()), Problem::Rewritten { line: 3 });
}

#[test]
fn records_added_by_hand_after_the_head_are_found() {
    let t = TestLog::new();
    t.append(2);
    let mut lines = t.lines();
    let last = Record::parse(lines[1].as_bytes()).unwrap();
    let mut extra = last.clone();
    extra.seq = 3;
    extra.prev = last.hash.clone();
    extra.hash = extra.compute_hash();
    lines.push(extra.line());
    t.write_lines(&lines);
    assert_eq!(
        problem(&t.verify()),
        Problem::BeyondHead {
            line: 3,
            head_count: 2
        }
    );
}

#[test]
fn another_process_without_a_keychain_checks_the_chain_and_says_the_head_was_not() {
    let t = TestLog::new();
    t.append(2);
    let elsewhere = Keychain::memory_only("no OS keychain here");
    let v = verify(&t.log, &elsewhere).unwrap();
    assert_eq!(v.records, 2);
    assert_eq!(v.problem, None);
    assert_eq!(
        v.head,
        HeadCheck::MemoryOnly {
            reason: "no OS keychain here".into()
        }
    );
}

#[test]
fn a_line_that_is_not_a_record_is_unreadable() {
    let t = TestLog::new();
    t.append(2);
    let mut lines = t.lines();
    lines.insert(1, "not json".into());
    t.write_lines(&lines);
    assert!(matches!(
        problem(&t.verify()),
        Problem::Unreadable { line: 2, .. }
    ));
}

#[test]
fn a_one_megabyte_line_is_unreadable_and_stops_appends() {
    let t = TestLog::new();
    t.append(1);
    let mut lines = t.lines();
    lines.push(format!(
        "{{\"seq\":2,\"changes\":\"{}\"}}",
        "A".repeat(1 << 20)
    ));
    t.write_lines(&lines);
    let found = problem(&t.verify());
    assert_eq!(
        found,
        Problem::Unreadable {
            line: 2,
            reason: "longer than 64 KiB".into()
        }
    );
    assert_eq!(MAX_LINE, 64 * 1024);
    let err = t
        .log
        .append(&t.keychain, record(Action::Block, "auth0|1"))
        .unwrap_err();
    assert!(
        matches!(err, ActionLogError::TailUnreadable { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("--verify"), "{err}");
}

#[test]
fn a_last_line_without_its_line_break_is_continued_correctly() {
    let t = TestLog::new();
    t.append(2);
    let text = std::fs::read_to_string(t.log.path()).unwrap();
    std::fs::write(t.log.path(), text.trim_end()).unwrap();
    t.append(1);
    assert_eq!(t.verify().problem, None);
    assert_eq!(t.lines().len(), 3);
}

#[test]
fn a_ticket_link_is_recorded_without_its_credential() {
    let t = TestLog::new();
    let mut new = record(Action::CreatePasswordChangeTicket, "auth0|7");
    new.changes =
        "created a password-change ticket https://acme.auth0.com/lo/reset?ticket=S3CR3T#".into();
    let appended = t.log.append(&t.keychain, new).unwrap();
    let text = std::fs::read_to_string(t.log.path()).unwrap();
    assert!(!text.contains("S3CR3T"), "{text}");
    assert!(text.contains("https://acme.auth0.com/lo/reset?…"), "{text}");
    assert_eq!(appended.record.line() + "\n", text);
    assert_eq!(t.verify().problem, None);
}

#[test]
fn a_memory_only_keychain_never_stops_an_append_and_says_so() {
    let t = TestLog::new();
    let appended = t
        .log
        .append(&t.keychain, record(Action::Block, "auth0|1"))
        .unwrap();
    assert!(
        matches!(appended.head, idlens_actions::HeadKept::NotKept { .. }),
        "{appended:?}"
    );
}

#[test]
fn the_log_is_private_to_its_owner() {
    let t = TestLog::new();
    t.append(1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t.log.path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}

#[test]
fn a_log_is_found_in_its_config_dir() {
    let dir = tempfile::tempdir().unwrap();
    let log = ActionLog::in_dir(dir.path());
    assert_eq!(log.path(), dir.path().join("actions.jsonl"));
}

#[test]
fn oversized_text_is_cut_so_every_record_stays_readable() {
    let t = TestLog::new();
    let mut new = record(Action::Block, &"u".repeat(100_000));
    new.changes = "é".repeat(100_000);
    new.result = idlens_actions::Outcome::Error {
        code: "c".repeat(100_000),
        message: "m".repeat(100_000),
    };
    new.actor.profile = "p".repeat(100_000);
    let appended = t.log.append(&t.keychain, new).unwrap();
    assert!(appended.record.line().len() < MAX_LINE);
    assert!(appended.record.changes.ends_with('…'));
    assert_eq!(t.verify().problem, None);
}

/// A log that is a FIFO fed a valid record and then a 1 MiB line: the
/// verification stops at the limit, so the writer is refused (the reader is
/// gone) long before it has written the line.
#[test]
#[cfg(unix)]
fn verification_stops_reading_a_long_line_at_the_limit() {
    use std::io::Write;

    let source = TestLog::new();
    source.append(1);
    let first = source.lines().remove(0);
    let t = TestLog::new();
    let status = std::process::Command::new("mkfifo")
        .arg(t.log.path())
        .status()
        .unwrap();
    assert!(status.success());
    let total = 1 << 20;
    let path = t.log.path().to_path_buf();
    let writer = std::thread::spawn(move || {
        let mut fifo = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        fifo.write_all(format!("{first}\n").as_bytes()).unwrap();
        let chunk = [b'A'; 4096];
        let mut written = 0;
        while written < total {
            match fifo.write(&chunk) {
                Ok(n) => written += n,
                Err(e) => {
                    assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe);
                    break;
                }
            }
        }
        written
    });
    let v = t.verify();
    assert_eq!(
        v.problem,
        Some(Problem::Unreadable {
            line: 2,
            reason: "longer than 64 KiB".into()
        })
    );
    assert_eq!(v.records, 1);
    let written = writer.join().unwrap();
    assert!(written < total / 2, "the reader took {written} bytes");
}
