//! Token exchanges: a rotated refresh token used again (`ferrt`: Auth0
//! revokes the whole family, and the refreshes after it fail as `fertft`),
//! and other failed exchanges of a user's grant (`feacft`, `fertft`,
//! `fepft`, …). Neither blocks sign-in: the application must sign the
//! customer in again, or fix how it asks for tokens.

use super::story::{category, cite, code, distinct_codes, Period, Story};
use super::text::{event_ip, event_when, repeated, times};
use super::{Cause, CauseKind};
use crate::{LogCategory, LogEvent, Outcome};

pub(super) fn refresh_token_reused(story: &Story<'_>, period: Period) -> Option<Cause> {
    let reused = story.of(period, &["ferrt"]);
    let newest = *reused.first()?;
    let oldest_at = reused.last().and_then(|e| e.instant());
    let after: Vec<&LogEvent> = story
        .of(period, &["fertft"])
        .into_iter()
        .filter(|e| {
            e.instant()
                .zip(oldest_at)
                .is_some_and(|(at, reuse)| at >= reuse)
        })
        .collect();
    let from = event_ip(newest)
        .map(|ip| format!(" from {ip}"))
        .unwrap_or_default();
    let mut headline = format!(
        "refresh token reused: rotation revoked the family ({}`ferrt`, last {}{from})",
        repeated(reused.len()),
        event_when(newest)
    );
    if !after.is_empty() {
        headline.push_str(&format!(
            "; refreshing failed {} after it (`fertft`)",
            times(after.len())
        ));
    }
    headline.push_str("; the application must sign the customer in again");
    Some(Cause::new(
        CauseKind::RefreshTokenReused,
        false,
        headline,
        cite(reused.into_iter().chain(after)),
        "Have the customer sign in again. If it recurs, the application keeps or shares an old refresh token (two tabs or devices, a retry after a timeout): pass the events to its developers; an unknown IP reusing it may mean a stolen token.",
    ))
}

pub(super) fn token_exchange_failed(story: &Story<'_>, period: Period) -> Option<Cause> {
    let reuse_at = story
        .of(period, &["ferrt"])
        .last()
        .and_then(|e| e.instant());
    let failures: Vec<&LogEvent> = story
        .events(period)
        .iter()
        .copied()
        .filter(|e| is_user_exchange_failure(e))
        // A refresh failing after a reuse is the reuse's consequence.
        .filter(|e| code(e) != "fertft" || e.instant().zip(reuse_at).is_none_or(|(at, r)| at < r))
        .collect();
    let newest = *failures.first()?;
    let headline = format!(
        "the application's token request failed {} ({}; last {}): sign-in reached Auth0 but the app got no tokens",
        times(failures.len()),
        distinct_codes(&failures),
        event_when(newest)
    );
    Some(Cause::new(
        CauseKind::TokenExchangeFailed,
        false,
        headline,
        cite(failures),
        "Open the newest event: Auth0's description names the reason (a wrong client secret or redirect URI, an expired or reused code); pass it to the application's developers.",
    ))
}

/// A failed exchange of a user's grant: token-exchange failures other than
/// `ferrt` (its own cause) and client credentials (no user).
fn is_user_exchange_failure(event: &LogEvent) -> bool {
    category(event) == Some(LogCategory::TokenExchange)
        && event
            .code()
            .known()
            .is_some_and(|k| k.outcome == Outcome::Failure)
        && !matches!(code(event), "ferrt" | "feccft")
}
