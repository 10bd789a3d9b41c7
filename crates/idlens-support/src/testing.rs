//! Test support for the crate's unit tests: a customer's evidence for the
//! diagnosis built in a few lines ([`Case`]), and their log events ([`ev`]).

use chrono::{DateTime, TimeDelta, Utc};

use crate::{
    diagnose, timeline, AccountFacts, Availability, BlockFacts, BruteForceFacts, BruteForceMode,
    Cause, Citation, Diagnosis, Evidence, IdentityFacts, LogEvent, MfaMethodFacts, Plan,
};

/// The clock of every case: Tuesday 2026-12-08 12:00 UTC.
pub(crate) fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-08T12:00:00Z")
        .expect("a date")
        .with_timezone(&Utc)
}

pub(crate) const USER_ID: &str = "auth0|jane";
pub(crate) const EMAIL: &str = "jane@example.com";
pub(crate) const IP: &str = "203.0.113.7";
pub(crate) const DATABASE: &str = "Username-Password-Authentication";

/// Everything the diagnosis reads, owned, so a test changes only what its
/// row is about.
pub(crate) struct Case {
    pub looked_up: String,
    pub account: Option<AccountFacts>,
    pub same_email_elsewhere: Vec<IdentityFacts>,
    pub blocks: Availability<Vec<BlockFacts>>,
    pub brute_force: Availability<BruteForceFacts>,
    pub mfa: Availability<Vec<MfaMethodFacts>>,
    pub events: Vec<LogEvent>,
}

impl Case {
    /// Jane, a verified database user looked up by e-mail: no blocks, no
    /// MFA methods, brute-force protection per account and IP at 10, no events.
    pub fn customer() -> Case {
        Case {
            looked_up: EMAIL.to_owned(),
            account: Some(AccountFacts {
                user_id: USER_ID.to_owned(),
                email: Some(EMAIL.to_owned()),
                email_verified: Some(true),
                username: None,
                phone_number: None,
                identities: vec![identity("auth0", DATABASE, false)],
                blocked: false,
                last_login: None,
                last_ip: None,
                logins_count: Some(3),
            }),
            same_email_elsewhere: Vec::new(),
            blocks: Availability::Available { value: Vec::new() },
            brute_force: Availability::Available {
                value: BruteForceFacts {
                    enabled: true,
                    mode: BruteForceMode::CountPerIdentifierAndIp,
                    max_attempts: 10,
                },
            },
            mfa: Availability::Available { value: Vec::new() },
            events: Vec::new(),
        }
    }

    /// What support typed matches no account.
    pub fn nobody(looked_up: &str) -> Case {
        Case {
            looked_up: looked_up.to_owned(),
            account: None,
            ..Case::customer()
        }
    }

    /// The case with `change` applied.
    pub fn with(mut self, change: impl FnOnce(&mut Case)) -> Case {
        change(&mut self);
        self
    }

    /// The case with the account changed.
    pub fn account(self, change: impl FnOnce(&mut AccountFacts)) -> Case {
        self.with(|case| change(case.account.as_mut().expect("an account")))
    }

    pub fn events(mut self, events: impl IntoIterator<Item = LogEvent>) -> Case {
        self.events.extend(events);
        self
    }

    pub fn diagnose(&self) -> Diagnosis {
        let timeline = timeline(vec![self.events.clone()], Plan::Enterprise, now());
        diagnose(&Evidence {
            looked_up: &self.looked_up,
            account: self.account.as_ref(),
            same_email_elsewhere: &self.same_email_elsewhere,
            blocks: &self.blocks,
            brute_force: &self.brute_force,
            mfa: &self.mfa,
            timeline: &timeline,
            now: now(),
        })
    }
}

pub(crate) fn identity(provider: &str, connection: &str, is_social: bool) -> IdentityFacts {
    IdentityFacts {
        provider: provider.to_owned(),
        connection: connection.to_owned(),
        is_social,
    }
}

pub(crate) fn block(ip: Option<&str>) -> BlockFacts {
    BlockFacts {
        identifier: EMAIL.to_owned(),
        ip: ip.map(str::to_owned),
        connection: Some(DATABASE.to_owned()),
    }
}

/// Jane's event `log_id` of type `code`, `minutes` before [`now`], from [`IP`].
pub(crate) fn ev(log_id: &str, minutes: i64, code: &str, description: &str) -> LogEvent {
    LogEvent {
        log_id: Some(log_id.to_owned()),
        date: Some(at(minutes).to_rfc3339()),
        kind: Some(code.to_owned()),
        description: Some(description.to_owned()),
        ip: Some(IP.to_owned()),
        user_id: Some(USER_ID.to_owned()),
        user_name: Some(EMAIL.to_owned()),
        connection: Some(DATABASE.to_owned()),
        ..LogEvent::default()
    }
}

/// An event without a user ID typed under `user_name` (`fu`).
pub(crate) fn typed(log_id: &str, minutes: i64, user_name: &str) -> LogEvent {
    LogEvent {
        user_id: None,
        user_name: Some(user_name.to_owned()),
        ..ev(log_id, minutes, "fu", "Wrong email or password.")
    }
}

/// `minutes` before [`now`].
pub(crate) fn at(minutes: i64) -> DateTime<Utc> {
    now() - TimeDelta::minutes(minutes)
}

/// What a cause cites: log ids, and `state:` facts.
pub(crate) fn cited(cause: &Cause) -> Vec<String> {
    cause
        .citations
        .iter()
        .map(|c| match c {
            Citation::Event { log_id, code, .. } => {
                log_id.clone().unwrap_or_else(|| format!("no id ({code})"))
            }
            Citation::State { fact } => format!("state:{fact}"),
        })
        .collect()
}
