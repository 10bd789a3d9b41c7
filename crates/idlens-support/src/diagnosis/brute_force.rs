//! Brute-force protection's blocks. The tenant's `user-blocks` are the
//! truth when IdLens could read them: a block with an IP under
//! `count_per_identifier_and_ip` bars that IP only; a block without one, or
//! under `count_per_identifier`, bars every IP. When the blocks could not be
//! read, a `limit_wc` not followed by a release (`ublkdu`) and younger than
//! a block's 30 days is taken as a likely block.

use chrono::{DateTime, TimeDelta, Utc};

use super::story::{cite, code, is_success, Period, Story};
use super::text::{event_ip, event_when, ip, says, shown, times, when};
use super::{phrases, Cause, CauseKind, Citation};
use crate::{Availability, BlockFacts, BruteForceMode, LogEvent};

/// How long Auth0 keeps a brute-force block nobody removes.
const BLOCK_LIFETIME: TimeDelta = TimeDelta::days(30);

pub(super) fn brute_force_blocked(story: &Story<'_>, period: Period) -> Option<Cause> {
    match story.evidence.blocks {
        Availability::Available { value } if period == Period::Current => blocked_now(story, value),
        Availability::Available { .. } => None,
        unread => likely_blocked(story, period, unread),
    }
}

/// The blocks the tenant listed.
fn blocked_now(story: &Story<'_>, blocks: &[BlockFacts]) -> Option<Cause> {
    if blocks.is_empty() {
        return None;
    }
    let ips: Vec<String> = blocks
        .iter()
        .filter_map(|b| b.ip.as_deref().and_then(ip))
        .collect();
    let every_ip = blocks.iter().any(|b| b.ip.is_none())
        || mode(story) == Some(BruteForceMode::CountPerIdentifier);
    let limits: Vec<&LogEvent> = story
        .of_all(&["limit_wc"])
        .into_iter()
        .filter(|e| every_ip || limit_ip(e).is_some_and(|ip| ips.contains(&ip)))
        .collect();
    let headline = headline(story, every_ip, &ips, &limits);
    let mut citations = vec![Citation::state("user_blocks")];
    citations.extend(cite(
        limits
            .iter()
            .copied()
            .chain(refused(story, limits.first().copied())),
    ));
    Some(blocked(headline, citations, every_ip))
}

/// The newest `limit_wc` of the last 30 days, when the blocks could not
/// be read: current while nothing lifted it, resolved once the customer
/// signed in past it, nothing once it was released (`ublkdu`).
fn likely_blocked(
    story: &Story<'_>,
    period: Period,
    unread: &Availability<Vec<BlockFacts>>,
) -> Option<Cause> {
    let since = story.evidence.now - BLOCK_LIFETIME;
    let limits: Vec<&LogEvent> = story
        .of_all(&["limit_wc"])
        .into_iter()
        .filter(|e| e.instant().is_some_and(|at| at >= since))
        .collect();
    let newest = *limits.first()?;
    let set = newest.instant()?;
    if story
        .all()
        .iter()
        .any(|e| code(e) == "ublkdu" && e.instant().is_some_and(|at| at >= set))
    {
        return None;
    }
    let every_ip = newest.details.as_ref().and_then(|d| d["mode"].as_str())
        == Some("count_per_identifier")
        || mode(story) == Some(BruteForceMode::CountPerIdentifier);
    let ips: Vec<String> = limit_ip(newest).into_iter().collect();
    let lifted = signed_in_past(story, set, if every_ip { None } else { ips.first() });
    if lifted != (period == Period::Resolved) {
        return None;
    }
    let why = match unread {
        Availability::MissingScope { scope } => format!("missing scope `{}`", shown(scope)),
        _ => "not available on this tenant".to_owned(),
    };
    let headline = format!(
        "{}; IdLens could not read the blocks ({why}), so it may have been removed since",
        headline(story, every_ip, &ips, &limits)
    );
    let citations = cite(limits.iter().copied().chain(refused(story, Some(newest))));
    Some(blocked(headline, citations, every_ip))
}

/// Whether the customer signed in after `set` from `ip` (any IP when
/// `None`): a successful sign-in event, or the account's last login.
fn signed_in_past(story: &Story<'_>, set: DateTime<Utc>, ip: Option<&String>) -> bool {
    let from = |at: Option<DateTime<Utc>>, seen: Option<String>| {
        at.is_some_and(|at| at > set) && ip.is_none_or(|ip| seen.as_ref() == Some(ip))
    };
    let account = story.evidence.account;
    story
        .all()
        .iter()
        .filter(|e| is_success(e))
        .any(|e| from(e.instant(), event_ip(e)))
        || account
            .is_some_and(|a| from(a.last_login, a.last_ip.as_deref().and_then(super::text::ip)))
}

/// "IP 203.0.113.7 is blocked for this account after 10 failed attempts
/// (`limit_wc`, …)", with the refused attempts since and the expiry.
fn headline(story: &Story<'_>, every_ip: bool, ips: &[String], limits: &[&LogEvent]) -> String {
    let who = match (every_ip, ips) {
        (true, _) => "this account is blocked from every IP".to_owned(),
        (false, [one]) => format!("IP {one} is blocked for this account"),
        (false, []) => "one IP is blocked for this account".to_owned(),
        (false, many) => format!("IPs {} are blocked for this account", many.join(", ")),
    };
    let after = match attempts(story, limits.first().copied()) {
        Some(n) => format!("after {n} failed attempts"),
        None => "after too many failed attempts".to_owned(),
    };
    let (source, expiry) = match limits.first() {
        Some(set) => (
            format!("`limit_wc`, {}", event_when(set)),
            set.instant().map(|at| {
                format!(
                    "; it lifts by itself on {} unless removed earlier",
                    when(at + BLOCK_LIFETIME)
                )
            }),
        ),
        None => ("`user_blocks`".to_owned(), None),
    };
    let mut line = format!("{who} {after} ({source})");
    if !every_ip {
        line.push_str(": other IPs can still sign in");
    }
    let refused = refused(story, limits.first().copied()).count();
    if refused > 0 {
        line.push_str(&format!("; sign-in refused {} since", times(refused)));
    }
    line.push_str(
        &expiry
            .unwrap_or_else(|| "; a brute-force block lasts until removed or 30 days".to_owned()),
    );
    line
}

/// The cause, with what support can do for a block of one IP or of every IP.
fn blocked(headline: String, citations: Vec<Citation>, every_ip: bool) -> Cause {
    let next_step = if every_ip {
        "Remove the blocks of the customer's e-mail or username (`idlens users unblock-ip IDENTIFIER`): until then, or a password reset, they cannot sign in from anywhere."
    } else {
        "Remove the blocks of the customer's e-mail or username (`idlens users unblock-ip IDENTIFIER`; Auth0 removes every IP's block at once), or have the customer reset the password or sign in from another network."
    };
    Cause::new(
        CauseKind::BruteForceBlocked,
        true,
        headline,
        citations,
        next_step,
    )
}

/// Failed logins refused by brute-force protection after `set`.
fn refused<'a>(
    story: &Story<'a>,
    set: Option<&LogEvent>,
) -> impl Iterator<Item = &'a LogEvent> + 'a {
    let from = set.and_then(LogEvent::instant);
    let all: Vec<&'a LogEvent> = story.all().to_vec();
    all.into_iter().filter(move |e| {
        code(e) == "f"
            && says(e, phrases::BRUTE_FORCE)
            && e.instant().zip(from).is_none_or(|(at, from)| at >= from)
    })
}

/// The IP a `limit_wc` blocked: the event's, or the one its details name.
fn limit_ip(event: &LogEvent) -> Option<String> {
    event_ip(event).or_else(|| event.details.as_ref()?.get("ip")?.as_str().and_then(ip))
}

/// The failed attempts behind a block: the event's `details.attempts`, or
/// the tenant's threshold.
fn attempts(story: &Story<'_>, set: Option<&LogEvent>) -> Option<u64> {
    let logged = set
        .and_then(|e| e.details.as_ref()?.get("attempts")?.as_u64())
        .filter(|n| (1..=1_000_000).contains(n));
    logged.or_else(|| {
        story
            .evidence
            .brute_force
            .value()
            .map(|b| u64::from(b.max_attempts))
    })
}

fn mode(story: &Story<'_>) -> Option<BruteForceMode> {
    story.evidence.brute_force.value().map(|b| b.mode)
}
