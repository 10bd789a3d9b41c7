//! One line of the action log, its canonical form and its hash.
//!
//! **The canonical form** of a record, which its `hash` covers, is the
//! record serialized by `serde_json::to_string` without the `hash` key: one
//! JSON object, no whitespace, the keys in this order
//! `seq, at, actor, action, target, changes, result, prev` (and inside
//! `actor`: `profile, kind, clientId | sub`; `target`: `userId, identifier`,
//! each left out when absent; `result`: `outcome, code, message`), strings
//! escaped as serde_json escapes them (`"`, `\` and control characters only;
//! everything else as UTF-8), integers in decimal. `hash` is the SHA-256 of
//! those bytes in lower-case hex; `prev` is the previous record's `hash`, or
//! [`GENESIS`] for the first. A line of the file is the canonical form with
//! `,"hash":"…"` before the closing brace, so every line is exactly what
//! [`Record::line`] makes of its own fields: any other byte (an extra key,
//! a space, another escape) is an edit, which is why the types need no
//! `deny_unknown_fields`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Action;

/// `prev` of the first record: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One action taken, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionRecord"))]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// 1 for the first record, then one more for each.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: u64,
    /// When it was recorded: RFC 3339, UTC, milliseconds (`2026-12-08T02:41:07.123Z`).
    pub at: String,
    pub actor: Actor,
    pub action: Action,
    pub target: Target,
    /// What changed, in a sentence (URL queries and fragments redacted).
    pub changes: String,
    pub result: Outcome,
    /// The previous record's `hash` ([`GENESIS`] for the first).
    pub prev: String,
    /// SHA-256 (hex) of the canonical form (see the module docs).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hash: String,
}

/// Who acted: the profile and the credential it used at the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionActor"))]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub profile: String,
    #[serde(flatten)]
    pub credential: Credential,
}

/// The credential behind an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionCredential"))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Credential {
    /// The profile's machine-to-machine application.
    M2mClient {
        #[serde(rename = "clientId")]
        client_id: String,
    },
    /// The signed-in administrator's own token.
    Admin { sub: String },
}

/// For whom: the user and/or the identifier (an e-mail, username or phone
/// for brute-force blocks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionTarget"))]
#[serde(rename_all = "camelCase")]
pub struct Target {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub identifier: Option<String>,
}

/// How it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionOutcome"))]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum Outcome {
    Ok,
    /// The error as it crossed the API: its code and message.
    Error {
        code: String,
        message: String,
    },
}

impl Record {
    /// The canonical form: the bytes `hash` covers.
    pub fn canonical(&self) -> String {
        let body = Record {
            hash: String::new(),
            ..self.clone()
        };
        serde_json::to_string(&body).expect("a record always serializes")
    }

    /// SHA-256 of the canonical form, in lower-case hex.
    pub fn compute_hash(&self) -> String {
        hex(&Sha256::digest(self.canonical().as_bytes()))
    }

    /// The line the log holds for this record (without the line break).
    pub fn line(&self) -> String {
        serde_json::to_string(self).expect("a record always serializes")
    }

    /// Parses a line of the log; `Err` says why it is not a record.
    pub fn parse(line: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(line).map_err(|e| e.to_string())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample(seq: u64, prev: &str) -> Record {
        let mut record = Record {
            seq,
            at: "2026-12-08T02:41:07.123Z".into(),
            actor: Actor {
                profile: "acme".into(),
                credential: Credential::M2mClient {
                    client_id: "m2m-client".into(),
                },
            },
            action: Action::Unblock,
            target: Target {
                user_id: Some("auth0|42".into()),
                identifier: None,
            },
            changes: "blocked: true → false".into(),
            result: Outcome::Ok,
            prev: prev.into(),
            hash: String::new(),
        };
        record.hash = record.compute_hash();
        record
    }

    #[test]
    fn the_canonical_form_is_the_documented_one() {
        let record = sample(1, GENESIS);
        assert_eq!(
            record.canonical(),
            format!(
                "{{\"seq\":1,\"at\":\"2026-12-08T02:41:07.123Z\",\"actor\":{{\"profile\":\"acme\",\
                 \"kind\":\"m2mClient\",\"clientId\":\"m2m-client\"}},\"action\":\"unblock\",\
                 \"target\":{{\"userId\":\"auth0|42\"}},\"changes\":\"blocked: true → false\",\
                 \"result\":{{\"outcome\":\"ok\"}},\"prev\":\"{GENESIS}\"}}"
            )
        );
        let line = record.line();
        let canonical = record.canonical();
        assert_eq!(
            line,
            format!(
                "{},\"hash\":\"{}\"}}",
                &canonical[..canonical.len() - 1],
                record.hash
            )
        );
        assert_eq!(Record::parse(line.as_bytes()).unwrap(), record);
        assert_eq!(record.hash.len(), 64);
    }

    #[test]
    fn an_error_outcome_and_an_admin_round_trip() {
        let mut record = sample(2, GENESIS);
        record.actor.credential = Credential::Admin {
            sub: "auth0|admin".into(),
        };
        record.result = Outcome::Error {
            code: "forbidden".into(),
            message: "The M2M application lacks update:users.".into(),
        };
        let line = record.line();
        assert!(line.contains("\"result\":{\"outcome\":\"error\",\"code\":\"forbidden\""));
        assert!(line.contains("\"kind\":\"admin\",\"sub\":\"auth0|admin\""));
        assert_eq!(Record::parse(line.as_bytes()).unwrap(), record);
    }

    #[test]
    fn a_line_without_a_hash_is_not_a_record_and_an_extra_key_is_not_canonical() {
        let record = sample(1, GENESIS);
        assert!(Record::parse(record.canonical().as_bytes()).is_err());
        let extra = record.line().replacen('{', "{\"x\":1,", 1);
        assert_ne!(Record::parse(extra.as_bytes()).unwrap().line(), extra);
    }
}
