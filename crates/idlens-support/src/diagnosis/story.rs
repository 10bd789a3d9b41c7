//! The evidence as the rules read it: the customer's own events, newest
//! first, split at the last successful sign-in. Failures after it are the
//! current problem; failures before it were solved (the customer got in).
//!
//! An event is the customer's when it carries their user ID; or, without a
//! user ID, when its user name is one of their identifiers (a `fu` for
//! their e-mail), or when it is a limit on an IP or identifier (`limit_mu`
//! under any user name; `limit_wc` and the like without one) — the caller
//! found those by the customer's IPs. Events with another user's ID are
//! never read; events without a user ID under another name are kept apart
//! as `strangers` (a mistyped e-mail).

use chrono::{DateTime, Utc};

use super::text::{event_when, when};
use super::{Citation, MAX_CITATIONS};
use crate::{Evidence, LogCategory, LogEvent, Who};

/// The codes that record a successful sign-in (a login, or a password or
/// MFA grant that signs the user in).
const SIGN_IN_SUCCESSES: &[&str] = &[
    "s",
    "scoa",
    "sens",
    "sdel",
    "sepft",
    "seotpft",
    "seoobft",
    "sercft",
    "sepkoobft",
    "sepkotpft",
    "sepkrcft",
];

/// Which side of the last successful sign-in a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    /// After the last successful sign-in (everything when there is none).
    Current,
    /// Up to the last successful sign-in: problems since solved.
    Resolved,
}

pub(crate) struct Story<'a> {
    pub evidence: &'a Evidence<'a>,
    /// The customer's events, newest first (the timeline's order).
    mine: Vec<&'a LogEvent>,
    /// `mine[..split]` is [`Period::Current`].
    split: usize,
    /// The newest successful sign-in event, if the timeline holds one.
    pub last_success: Option<&'a LogEvent>,
    /// Events without a user ID under a name that is not the customer's.
    strangers: Vec<&'a LogEvent>,
}

impl<'a> Story<'a> {
    pub fn new(evidence: &'a Evidence<'a>) -> Story<'a> {
        let names = names(evidence);
        let ids = ids(evidence);
        let mut mine = Vec::new();
        let mut strangers = Vec::new();
        for event in &evidence.timeline.events {
            match owner(event, &ids, &names) {
                Owner::Customer => mine.push(event),
                Owner::Stranger => strangers.push(event),
                Owner::Other => {}
            }
        }
        let last_login = evidence.account.and_then(|a| a.last_login);
        let split = mine
            .iter()
            .position(|e| is_success(e) || e.instant().zip(last_login).is_some_and(|(a, l)| a <= l))
            .unwrap_or(mine.len());
        let last_success = mine.iter().copied().find(|e| is_success(e));
        Story {
            evidence,
            mine,
            split,
            last_success,
            strangers,
        }
    }

    /// The customer's events of `period`, newest first.
    pub fn events(&self, period: Period) -> &[&'a LogEvent] {
        match period {
            Period::Current => &self.mine[..self.split],
            Period::Resolved => &self.mine[self.split..],
        }
    }

    /// Every event of the customer's, newest first.
    pub fn all(&self) -> &[&'a LogEvent] {
        &self.mine
    }

    /// The customer's events of `period` whose type is one of `codes`.
    pub fn of(&self, period: Period, codes: &[&str]) -> Vec<&'a LogEvent> {
        self.events(period)
            .iter()
            .copied()
            .filter(|e| codes.contains(&code(e)))
            .collect()
    }

    /// The events under other names (no user ID) of `period`, judged by
    /// the last sign-in's date, newest first.
    pub fn strangers(&self, period: Period) -> Vec<&'a LogEvent> {
        let last = self.last_sign_in();
        self.strangers
            .iter()
            .copied()
            .filter(|e| {
                let after = match (e.instant(), last) {
                    (Some(at), Some(last)) => at > last,
                    (None, Some(_)) => false,
                    (_, None) => true,
                };
                after == (period == Period::Current)
            })
            .collect()
    }

    /// Every event of the customer's whose type is one of `codes`.
    pub fn of_all(&self, codes: &[&str]) -> Vec<&'a LogEvent> {
        self.mine
            .iter()
            .copied()
            .filter(|e| codes.contains(&code(e)))
            .collect()
    }

    /// When the customer last signed in: the event's date, or the
    /// account's `last_login` when later.
    pub fn last_sign_in(&self) -> Option<DateTime<Utc>> {
        let logged = self.last_success.and_then(LogEvent::instant);
        let account = self.evidence.account.and_then(|a| a.last_login);
        logged.max(account)
    }

    /// The sentence a resolved cause ends with, and what it cites.
    pub fn since_success(&self) -> (String, Citation) {
        match self.last_success {
            Some(event) => (
                format!(
                    "the customer has signed in successfully since (`{}`, {})",
                    code(event),
                    event_when(event)
                ),
                cite_one(event),
            ),
            None => (
                match self.last_sign_in() {
                    Some(at) => format!("the customer has signed in since ({})", when(at)),
                    None => "the customer has signed in since".to_owned(),
                },
                Citation::state("account.last_login"),
            ),
        }
    }
}

/// The event's type code ("" when it has none).
pub(crate) fn code(event: &LogEvent) -> &str {
    event.kind.as_deref().unwrap_or_default()
}

/// The event's category, when its code is known.
pub(crate) fn category(event: &LogEvent) -> Option<LogCategory> {
    event.code().known().map(|known| known.category)
}

/// A successful sign-in event.
pub(crate) fn is_success(event: &LogEvent) -> bool {
    SIGN_IN_SUCCESSES.contains(&code(event))
}

/// The distinct codes of `events` as headlines list them: "`fco`, `f`"
/// (at most four, newest first).
pub(crate) fn distinct_codes(events: &[&LogEvent]) -> String {
    let mut codes: Vec<String> = Vec::new();
    for event in events {
        let shown = format!("`{}`", super::text::shown(code(event)));
        if !codes.contains(&shown) && codes.len() < 4 {
            codes.push(shown);
        }
    }
    codes.join(", ")
}

/// Citations of `events` (newest first), at most [`MAX_CITATIONS`].
pub(crate) fn cite<'e>(events: impl IntoIterator<Item = &'e LogEvent>) -> Vec<Citation> {
    events
        .into_iter()
        .take(MAX_CITATIONS)
        .map(cite_one)
        .collect()
}

/// One event cited: its id, code and date as RFC 3339 UTC (never the raw
/// text of an unparseable date).
pub(crate) fn cite_one(event: &LogEvent) -> Citation {
    Citation::Event {
        log_id: event.log_id.as_deref().map(super::text::shown),
        code: super::text::shown(code(event)),
        date: event
            .instant()
            .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
    }
}

enum Owner {
    Customer,
    Stranger,
    Other,
}

fn owner(event: &LogEvent, ids: &[&str], names: &[String]) -> Owner {
    match (event.user_id.as_deref(), event.user_name.as_deref()) {
        (Some(id), _) if ids.contains(&id) => Owner::Customer,
        (Some(_), _) => Owner::Other,
        // An IP's block names whichever user was tried last; it is about the IP.
        (None, _) if code(event) == "limit_mu" => Owner::Customer,
        (None, Some(name)) if names.iter().any(|n| n.eq_ignore_ascii_case(name.trim())) => {
            Owner::Customer
        }
        (None, Some(_)) => Owner::Stranger,
        (None, None) if category(event) == Some(LogCategory::LimitsAndBlocks) => Owner::Customer,
        (None, None) => Owner::Other,
    }
}

/// The user IDs that are the customer's.
fn ids<'a>(evidence: &Evidence<'a>) -> Vec<&'a str> {
    let mut ids: Vec<&str> = evidence
        .account
        .map(|a| a.user_id.as_str())
        .into_iter()
        .collect();
    if matches!(Who::parse(evidence.looked_up), Ok(Who::UserId(_))) {
        ids.push(evidence.looked_up.trim());
    }
    ids
}

/// The names the customer signs in with: what support typed, and the
/// account's e-mail, username and phone number.
fn names(evidence: &Evidence<'_>) -> Vec<String> {
    let mut names = vec![evidence.looked_up.trim().to_owned()];
    if let Some(account) = evidence.account {
        names.extend(
            [&account.email, &account.username, &account.phone_number]
                .into_iter()
                .flatten()
                .cloned(),
        );
    }
    names
}
