//! Appends at the same time, from threads and from processes, keep one
//! chain with every record.

use std::collections::BTreeSet;
use std::process::Command;

use idlens_actions::{verify, Action, ActionLog, Record};
use idlens_profile::Keychain;

use crate::support::{record, TestLog};

/// Set by the parent test: where the child appends, and its tag.
const CHILD_LOG: &str = "IDLENS_ACTIONS_TEST_CHILD_LOG";
const CHILD_TAG: &str = "IDLENS_ACTIONS_TEST_CHILD_TAG";
const PER_WRITER: usize = 15;

fn users(log: &ActionLog) -> BTreeSet<String> {
    std::fs::read_to_string(log.path())
        .unwrap()
        .lines()
        .map(|l| Record::parse(l.as_bytes()).unwrap().target.user_id.unwrap())
        .collect()
}

fn expected(tags: &[String]) -> BTreeSet<String> {
    tags.iter()
        .flat_map(|tag| (0..PER_WRITER).map(move |i| format!("{tag}-{i}")))
        .collect()
}

fn append_tagged(log: &ActionLog, keychain: &Keychain, tag: &str) {
    for i in 0..PER_WRITER {
        log.append(keychain, record(Action::Block, &format!("{tag}-{i}")))
            .unwrap();
    }
}

#[test]
fn appends_from_several_threads_keep_one_chain_with_every_record() {
    let t = TestLog::new();
    let tags: Vec<String> = (0..6).map(|i| format!("thread{i}")).collect();
    std::thread::scope(|scope| {
        for tag in &tags {
            // Each thread opens the file itself, as another window would.
            let log = ActionLog::at(t.log.path());
            let keychain = &t.keychain;
            scope.spawn(move || append_tagged(&log, keychain, tag));
        }
    });
    let v = t.verify();
    assert_eq!(v.problem, None, "{v:?}");
    assert_eq!(v.records, (tags.len() * PER_WRITER) as u64);
    assert_eq!(users(&t.log), expected(&tags));
}

#[test]
fn appends_from_several_processes_keep_one_chain_with_every_record() {
    let t = TestLog::new();
    let tags: Vec<String> = (0..3).map(|i| format!("process{i}")).collect();
    let children: Vec<_> = tags
        .iter()
        .map(|tag| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "concurrency::child_appends",
                    "--ignored",
                    "--test-threads=1",
                ])
                .env(CHILD_LOG, t.log.path())
                .env(CHILD_TAG, tag)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    // This process appends at the same time as its children.
    append_tagged(&t.log, &t.keychain, "parent");
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    // Each process kept its head in its own memory: check the chain.
    let v = verify(&t.log, &Keychain::memory_only("test")).unwrap();
    assert_eq!(v.problem, None, "{v:?}");
    let mut all = tags.clone();
    all.push("parent".into());
    assert_eq!(v.records, (all.len() * PER_WRITER) as u64);
    assert_eq!(users(&t.log), expected(&all));
}

/// The child of `appends_from_several_processes_…`: run only by it.
#[test]
#[ignore = "a child process of appends_from_several_processes_keep_one_chain_with_every_record"]
fn child_appends() {
    let log = ActionLog::at(std::env::var_os(CHILD_LOG).expect("run by the parent test"));
    let tag = std::env::var(CHILD_TAG).expect("run by the parent test");
    append_tagged(&log, &Keychain::memory_only("child"), &tag);
}
