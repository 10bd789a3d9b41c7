//! What the customer types to sign in: no account at all for it, an
//! e-mail whose account lives in another connection (a Google sign-up
//! typing a password), or an e-mail one typo away from theirs (`fu`).

use std::collections::BTreeMap;

use super::story::{cite, Period, Story};
use super::text::{event_when, repeated, shown, times};
use super::{Cause, CauseKind, Citation};
use crate::{IdentityFacts, LogEvent, Who};

/// The most distinct mistyped names compared (bounded work on a flood).
const MAX_NAMES_COMPARED: usize = 200;
/// Names longer than this are never compared (e-mails are at most 254).
const MAX_NAME_CHARS: usize = 254;

pub(super) fn no_account(story: &Story<'_>, period: Period) -> Option<Cause> {
    let evidence = story.evidence;
    if period == Period::Resolved
        || evidence.account.is_some()
        || !evidence.same_email_elsewhere.is_empty()
    {
        return None;
    }
    let (what, hint) = match Who::parse(evidence.looked_up) {
        Ok(Who::UserId(_)) => (
            "user ID",
            "check it was copied whole (the part before `|` names the connection)",
        ),
        Ok(Who::Email(_)) => ("e-mail", "the customer may have signed up with another e-mail or with Google or another social login — try the address they use there, or their username"),
        _ => (
            "username",
            "the customer may sign in with an e-mail instead — try their e-mail address",
        ),
    };
    let unknown = story.of_all(&["fu"]);
    let attempts = match unknown.first() {
        Some(last) => format!(
            "; sign-in with it failed {} as an unknown user (`fu`, last {})",
            times(unknown.len()),
            event_when(last)
        ),
        None => String::new(),
    };
    Some(Cause::new(
        CauseKind::NoAccount,
        true,
        format!("no account with this {what} in any connection{attempts}: {hint}"),
        cite(unknown),
        "Ask the customer which e-mail or social login (Google, Apple, Microsoft) they signed up with and look that up; if they never signed up, they sign up first.",
    ))
}

pub(super) fn other_identity_only(story: &Story<'_>, period: Period) -> Option<Cause> {
    let evidence = story.evidence;
    let known: Vec<&IdentityFacts> = evidence
        .account
        .map(|a| a.identities.as_slice())
        .unwrap_or_default()
        .iter()
        .chain(evidence.same_email_elsewhere)
        .collect();
    let tried: Vec<&LogEvent> = story
        .of(period, &["fu"])
        .into_iter()
        .filter(|e| {
            e.connection
                .as_deref()
                .is_none_or(|c| !known.iter().any(|k| k.connection == c))
        })
        .collect();
    let no_events_yet = evidence.account.is_none() && period == Period::Current;
    if known.is_empty() || (tried.is_empty() && !no_events_yet) {
        return None;
    }
    let connection = match tried.first().and_then(|e| e.connection.as_deref()) {
        Some(c) => format!("the `{}` connection", shown(c)),
        None => "the connection the customer tried".to_owned(),
    };
    let providers = providers(&known);
    let source = match tried.first() {
        Some(last) => format!(
            " ({}`fu`, last {})",
            repeated(tried.len()),
            event_when(last)
        ),
        None => String::new(),
    };
    let owner = match providers.as_slice() {
        [(provider, _)] => format!("{} `{provider}` identity", article(provider)),
        many => format!(
            "the {} identities",
            many.iter()
                .map(|(p, _)| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    };
    let headline = format!(
        "no such user in {connection}; this e-mail belongs to {owner}{source}: {}",
        providers[0].1
    );
    let mut citations = vec![Citation::state("identities")];
    citations.extend(cite(tried));
    Some(Cause::new(
        CauseKind::OtherIdentityOnly,
        false,
        headline,
        citations,
        "Tell the customer to sign in with the provider they signed up with instead of a password; if they want a password too, link the accounts or have them sign up in the database connection.",
    ))
}

/// The identities' providers (escaped, each once), each with where the
/// customer signs in instead: "the customer signed up with Google — try
/// “Continue with Google”", or the enterprise or database connection.
fn providers(known: &[&IdentityFacts]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for identity in known {
        let provider = shown(&identity.provider);
        if out.iter().any(|(p, _)| *p == provider) {
            continue;
        }
        let social = match identity.provider.as_str() {
            "google-oauth2" => Some("Google"),
            "apple" => Some("Apple"),
            "windowslive" => Some("Microsoft"),
            "facebook" => Some("Facebook"),
            "github" => Some("GitHub"),
            "linkedin" => Some("LinkedIn"),
            _ => None,
        };
        let instead = match social {
            Some(name) => {
                format!("the customer signed up with {name} — try “Continue with {name}”")
            }
            None => format!(
                "the customer's account is in the `{}` connection — sign in through it",
                shown(&identity.connection)
            ),
        };
        out.push((provider, instead));
    }
    out
}

/// "a" or "an" before `word` (as written: `apple` → "an").
fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

pub(super) fn mistyped_identifier(story: &Story<'_>, period: Period) -> Option<Cause> {
    let account = story.evidence.account?;
    let targets: Vec<String> = [&account.email, &account.username]
        .into_iter()
        .flatten()
        .map(|t| t.to_lowercase())
        .filter(|t| t.chars().count() <= MAX_NAME_CHARS)
        .collect();
    let mut by_name: BTreeMap<String, Vec<&LogEvent>> = BTreeMap::new();
    for event in story
        .strangers(period)
        .into_iter()
        .filter(|e| super::story::code(e) == "fu")
    {
        let name = event
            .user_name
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_lowercase();
        if by_name.len() < MAX_NAMES_COMPARED || by_name.contains_key(&name) {
            by_name.entry(name).or_default().push(event);
        }
    }
    let (typed, events) = by_name
        .into_iter()
        .filter(|(name, _)| targets.iter().any(|t| one_or_two_off(name, t)))
        .max_by_key(|(_, events)| events.len())?;
    let newest = events[0];
    let headline = format!(
        "{} with `{}`, a typo away from this account's e-mail or username (`fu`, last {}): the account itself saw none of these attempts",
        attempts(events.len()),
        shown(&typed),
        event_when(newest)
    );
    Some(Cause::new(
        CauseKind::MistypedIdentifier,
        false,
        headline,
        cite(events),
        "Tell the customer the address they type differs from the account's by a character or two, and have them type it again (or pick it from the browser's suggestions).",
    ))
}

fn attempts(n: usize) -> String {
    match n {
        1 => "one attempt".to_owned(),
        n => format!("{n} attempts"),
    }
}

/// Whether `a` and `b` differ by one or two edits (insert, delete, replace).
fn one_or_two_off(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 2 || a.len() > MAX_NAME_CHARS || b.len() > MAX_NAME_CHARS {
        return false;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let replace = previous[j] + usize::from(ca != cb);
            current.push(replace.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    (1..=2).contains(&previous[b.len()])
}

#[cfg(test)]
mod tests {
    #[test]
    fn edit_distance_of_one_or_two() {
        for (a, b, close) in [
            ("jane@example.com", "jane@mexample.com", true),
            ("jane@example.com", "jnae@example.com", true),
            ("jane@example.com", "jane@example.com", false),
            ("jane@example.com", "joe@example.org", false),
            ("", "ab", true),
        ] {
            assert_eq!(super::one_or_two_off(a, b), close, "{a} {b}");
        }
    }
}
