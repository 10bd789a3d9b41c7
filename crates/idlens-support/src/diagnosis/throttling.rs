//! An IP the customer signs in from, throttled for everyone: `limit_mu`
//! (suspicious IP throttling: too many failed logins across accounts, or
//! too many sign-ups, from one IP) and `limit_sul` (too many logins per
//! time from one IP). Not this account's fault: often a shared network.

use super::story::{cite, code, Period, Story};
use super::text::{event_ip, event_when, repeated};
use super::{Cause, CauseKind};

pub(super) fn ip_throttled(story: &Story<'_>, period: Period) -> Option<Cause> {
    let limits = story.of(period, &["limit_mu", "limit_sul"]);
    let newest = *limits.first()?;
    let mut ips: Vec<String> = Vec::new();
    for ip in limits.iter().filter_map(|e| event_ip(e)) {
        if ips.len() < 3 && !ips.contains(&ip) {
            ips.push(ip);
        }
    }
    let what = match code(newest) {
        "limit_mu" => "after too many failed logins across accounts or too many sign-ups from it",
        _ => "after too many logins from it in a short time",
    };
    let whom = match ips.as_slice() {
        [] => "an IP the customer uses is blocked".to_owned(),
        [one] => format!("IP {one} is blocked for every account"),
        many => format!("IPs {} are blocked for every account", many.join(", ")),
    };
    let count = repeated(limits.len());
    let headline = format!(
        "{whom} {what} ({count}`{}`, last {}): Auth0's suspicious IP throttling, not this account",
        code(newest),
        event_when(newest)
    );
    Some(Cause::new(
        CauseKind::IpThrottled,
        true,
        headline,
        cite(limits),
        "Ask whether the customer shares a network (office, VPN, mobile carrier); the block lifts over time, or an administrator unblocks the IP or allow-lists it under Attack Protection > Suspicious IP Throttling.",
    ))
}
