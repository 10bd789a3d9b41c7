//! What the tests share: a log in a temporary directory, records to append,
//! and the file's lines to tamper with.

use idlens_actions::{
    Action, ActionLog, Actor, Credential, NewRecord, Outcome, Target, Verification,
};
use idlens_profile::Keychain;

pub struct TestLog {
    /// Kept for its lifetime: the log lives in it.
    _dir: tempfile::TempDir,
    pub log: ActionLog,
    pub keychain: Keychain,
}

impl TestLog {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let log = ActionLog::in_dir(dir.path());
        Self {
            _dir: dir,
            log,
            keychain: Keychain::memory_only("tests keep the head in memory"),
        }
    }

    /// Appends `n` records for users `auth0|1`…
    pub fn append(&self, n: u64) {
        for i in 1..=n {
            self.log
                .append(
                    &self.keychain,
                    record(Action::Unblock, &format!("auth0|{i}")),
                )
                .unwrap();
        }
    }

    pub fn verify(&self) -> Verification {
        idlens_actions::verify(&self.log, &self.keychain).unwrap()
    }

    pub fn lines(&self) -> Vec<String> {
        std::fs::read_to_string(self.log.path())
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    pub fn write_lines(&self, lines: &[String]) {
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(self.log.path(), text).unwrap();
    }
}

pub fn record(action: Action, user: &str) -> NewRecord {
    NewRecord {
        actor: Actor {
            profile: "acme".into(),
            credential: Credential::M2mClient {
                client_id: "m2m-client".into(),
            },
        },
        action,
        target: Target {
            user_id: Some(user.into()),
            identifier: None,
        },
        changes: "blocked: true → false".into(),
        result: Outcome::Ok,
    }
}
