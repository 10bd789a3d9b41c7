//! What each claim means, and times as UTC, local and relative text.

use std::fmt::{self, Write as _};

use chrono::{DateTime, Datelike, Local, SecondsFormat, Timelike, Utc};
use serde_json::{Map, Value};

use crate::report::{ClaimCategory, ClaimExplanation, TimeExplanation};

struct Known {
    name: &'static str,
    category: ClaimCategory,
    personal: bool,
    meaning: &'static str,
}

const fn known(
    name: &'static str,
    category: ClaimCategory,
    personal: bool,
    meaning: &'static str,
) -> Known {
    Known {
        name,
        category,
        personal,
        meaning,
    }
}

use ClaimCategory::{Auth0, Oidc, Registered};

const KNOWN: &[Known] = &[
    known("iss", Registered, false, "Issuer: the tenant (Auth0 domain or custom domain) that issued the token."),
    known("sub", Registered, true, "Subject: who the token is about — a user ID such as `auth0|…` or `google-oauth2|…`, or `{client_id}@clients` for a machine-to-machine token."),
    known("aud", Registered, false, "Audience: who the token is for — the API identifier that was requested with `audience=` (access tokens) or the client ID (ID tokens)."),
    known("exp", Registered, false, "Expiration time: the token must not be accepted after this moment."),
    known("nbf", Registered, false, "Not before: the token must not be accepted before this moment."),
    known("iat", Registered, false, "Issued at: when the token was issued."),
    known("jti", Registered, false, "JWT ID: a unique identifier for this token, used to detect replays."),
    known("azp", Auth0, false, "Authorized party: the client ID of the application the token was issued to."),
    known("gty", Auth0, false, "Grant type Auth0 used to issue the token; `client-credentials` means a machine-to-machine token, `password` the resource-owner password grant."),
    known("scope", Auth0, false, "Scopes granted, separated by spaces. With RBAC and \"Add Permissions in the Access Token\", this is the overlap of the requested and the granted scopes."),
    known("permissions", Auth0, false, "Permissions granted to the user or application for this API (RBAC with \"Add Permissions in the Access Token\")."),
    known("org_id", Auth0, false, "Organization the user signed in through (Auth0 Organizations)."),
    known("org_name", Auth0, false, "Name of the organization the user signed in through."),
    known("sid", Auth0, false, "Session ID of the user's Auth0 session, used for logout."),
    known("client_id", Auth0, false, "Client ID of the application the token was issued to."),
    known("nonce", Oidc, false, "Nonce: the value the application sent when it started the login, echoed back so it can reject replayed ID tokens."),
    known("auth_time", Oidc, false, "When the user last actually authenticated (entered credentials)."),
    known("acr", Oidc, false, "Authentication context class: how strongly the user was authenticated."),
    known("amr", Oidc, false, "Authentication methods used, e.g. `pwd`, `mfa`."),
    known("at_hash", Oidc, false, "Hash of the access token issued together with this ID token."),
    known("c_hash", Oidc, false, "Hash of the authorization code issued together with this ID token."),
    known("name", Oidc, true, "The user's full name."),
    known("given_name", Oidc, true, "The user's given (first) name."),
    known("family_name", Oidc, true, "The user's family (last) name."),
    known("middle_name", Oidc, true, "The user's middle name."),
    known("nickname", Oidc, true, "The user's nickname (Auth0 defaults it to the e-mail's local part)."),
    known("preferred_username", Oidc, true, "The name the user prefers to be called."),
    known("profile", Oidc, true, "URL of the user's profile page."),
    known("picture", Oidc, true, "URL of the user's picture."),
    known("website", Oidc, true, "URL of the user's web page."),
    known("email", Oidc, true, "The user's e-mail address."),
    known("email_verified", Oidc, false, "Whether the identity provider verified the e-mail address."),
    known("gender", Oidc, true, "The user's gender."),
    known("birthdate", Oidc, true, "The user's birthday."),
    known("zoneinfo", Oidc, false, "The user's time zone."),
    known("locale", Oidc, false, "The user's locale."),
    known("phone_number", Oidc, true, "The user's phone number."),
    known("phone_number_verified", Oidc, false, "Whether the phone number was verified."),
    known("address", Oidc, true, "The user's postal address."),
    known("updated_at", Oidc, false, "When the user's profile was last updated."),
];

const TIME_CLAIMS: [&str; 5] = ["exp", "nbf", "iat", "auth_time", "updated_at"];

/// One explanation per claim, in the claims' order.
pub(crate) fn explain_claims(claims: &Map<String, Value>, now: i64) -> Vec<ClaimExplanation> {
    claims
        .iter()
        .map(|(name, value)| explain_claim(name, value, now))
        .collect()
}

fn explain_claim(name: &str, value: &Value, now: i64) -> ClaimExplanation {
    let (category, personal, meaning) = match KNOWN.iter().find(|k| k.name == name) {
        Some(k) => (k.category, k.personal, k.meaning.to_owned()),
        None if name.starts_with("https://") || name.starts_with("http://") => (
            ClaimCategory::Custom,
            true,
            "Namespaced custom claim, added by one of the tenant's Actions or rules.".to_owned(),
        ),
        None => (
            ClaimCategory::Custom,
            true,
            "Custom claim without a namespace, added by one of the tenant's Actions or rules."
                .to_owned(),
        ),
    };
    let time = if TIME_CLAIMS.contains(&name) {
        time_value(value).and_then(|unix| explain_time(name, unix, now))
    } else {
        None
    };
    ClaimExplanation {
        name: name.to_owned(),
        value: value.clone(),
        meaning,
        category,
        personal,
        time,
    }
}

/// A NumericDate (seconds, possibly fractional) or, for Auth0's
/// `updated_at`, an RFC 3339 string.
pub(crate) fn time_value(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => numeric_date(n),
        Value::String(s) => DateTime::parse_from_rfc3339(s).ok().map(|t| t.timestamp()),
        _ => None,
    }
}

/// Seconds since the epoch from a JSON number, if it is a plausible time.
pub(crate) fn numeric_date(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    // Beyond ±2^53 an f64 no longer holds whole seconds; no real token gets there.
    (f.is_finite() && f.abs() < 9.0e15).then(|| f.floor() as i64)
}

pub(crate) fn explain_time(claim: &str, unix: i64, now: i64) -> Option<TimeExplanation> {
    let utc = DateTime::<Utc>::from_timestamp(unix, 0)?;
    Some(TimeExplanation {
        unix,
        utc: utc_text(&utc),
        rfc3339: utc.to_rfc3339_opts(SecondsFormat::Secs, true),
        local: utc
            .with_timezone(&Local)
            .to_rfc3339_opts(SecondsFormat::Secs, false),
        relative: relative(claim, unix.saturating_sub(now)),
    })
}

/// Appends `2025-01-02 03:04:05 UTC`, or `N s after 1970` outside chrono's range.
pub(crate) fn write_utc_at(out: &mut String, unix: i64) {
    match DateTime::<Utc>::from_timestamp(unix, 0) {
        Some(t) => write_utc_text(out, &t),
        None => {
            let _ = write!(out, "{unix} s after 1970");
        }
    }
}

fn utc_text(t: &DateTime<Utc>) -> String {
    let mut out = String::with_capacity(23);
    write_utc_text(&mut out, t);
    out
}

fn write_utc_text(out: &mut String, t: &DateTime<Utc>) {
    // Written digit by digit: this runs two or three times per token on the
    // batch path, where a formatting pattern would be most of its cost.
    fn two(out: &mut String, n: u32) {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    }
    let (date, time) = (t.date_naive(), t.time());
    match date.year() {
        year @ 0..=9999 => {
            let year = year as u32;
            two(out, year / 100);
            two(out, year % 100);
        }
        year => {
            let _ = write!(out, "{year:04}");
        }
    }
    out.push('-');
    two(out, date.month());
    out.push('-');
    two(out, date.day());
    out.push(' ');
    two(out, time.hour());
    out.push(':');
    two(out, time.minute());
    out.push(':');
    two(out, time.second());
    out.push_str(" UTC");
}

/// "expires in 4 min", "expired 3 h ago", … for `delta = time - now`.
pub(crate) fn relative(claim: &str, delta: i64) -> String {
    let mut out = String::with_capacity(24);
    write_relative(&mut out, claim, delta);
    out
}

/// Appends [`relative`]'s text.
pub(crate) fn write_relative(out: &mut String, claim: &str, delta: i64) {
    let span = Span(delta.unsigned_abs());
    let future = delta > 0;
    let _ = match (claim, future) {
        ("exp", true) => write!(out, "expires in {span}"),
        ("exp", false) => write!(out, "expired {span} ago"),
        ("nbf", true) => write!(out, "becomes valid in {span}"),
        ("nbf", false) => write!(out, "valid since {span} ago"),
        ("iat", true) => write!(out, "issued {span} in the future"),
        ("iat", false) => write!(out, "issued {span} ago"),
        ("auth_time", false) => write!(out, "signed in {span} ago"),
        ("updated_at", false) => write!(out, "updated {span} ago"),
        (_, true) => write!(out, "in {span}"),
        (_, false) => write!(out, "{span} ago"),
    };
}

/// A duration in the largest unit that keeps it readable.
#[derive(Clone, Copy)]
pub(crate) struct Span(pub u64);

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MINUTE: u64 = 60;
        const HOUR: u64 = 60 * MINUTE;
        const DAY: u64 = 24 * HOUR;
        match self.0 {
            s if s < MINUTE => write!(f, "{s} s"),
            s if s < HOUR => write!(f, "{} min", s / MINUTE),
            s if s < 2 * DAY => {
                let (h, m) = (s / HOUR, (s % HOUR) / MINUTE);
                if h < 10 && m > 0 {
                    write!(f, "{h} h {m} min")
                } else {
                    write!(f, "{h} h")
                }
            }
            s if s < 730 * DAY => write!(f, "{} days", s / DAY),
            s => write!(f, "{} years", s / (365 * DAY)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn relative_times_read_naturally() {
        let cases = [
            relative("exp", 240),
            relative("exp", -3 * 3600),
            relative("exp", -5400),
            relative("nbf", 30),
            relative("iat", -59),
            relative("auth_time", -86400 * 3),
            relative("exp", 86400 * 365 * 30),
        ];
        expect![[r#"
            [
                "expires in 4 min",
                "expired 3 h ago",
                "expired 1 h 30 min ago",
                "becomes valid in 30 s",
                "issued 59 s ago",
                "signed in 3 days ago",
                "expires in 30 years",
            ]
        "#]]
        .assert_debug_eq(&cases);
    }

    #[test]
    fn categorises_claims() {
        let claims: Map<String, Value> = serde_json::from_str(
            r#"{"iss":"x","email":"a@b","gty":"client-credentials","https://example.com/roles":["a"],"plan":"pro","nonce":"n"}"#,
        )
        .unwrap();
        let mut got: Vec<_> = explain_claims(&claims, 0)
            .into_iter()
            .map(|e| (e.name, e.category, e.personal))
            .collect();
        // serde_json may or may not preserve order, depending on workspace features.
        got.sort_by(|a, b| a.0.cmp(&b.0));
        expect![[r#"
            [
                (
                    "email",
                    Oidc,
                    true,
                ),
                (
                    "gty",
                    Auth0,
                    false,
                ),
                (
                    "https://example.com/roles",
                    Custom,
                    true,
                ),
                (
                    "iss",
                    Registered,
                    false,
                ),
                (
                    "nonce",
                    Oidc,
                    false,
                ),
                (
                    "plan",
                    Custom,
                    true,
                ),
            ]
        "#]]
        .assert_debug_eq(&got);
    }

    #[test]
    fn times_in_utc_and_rfc3339() {
        let t = explain_time("exp", 1_700_000_000, 1_700_000_000 - 240).unwrap();
        assert_eq!(t.utc, "2023-11-14 22:13:20 UTC");
        assert_eq!(t.rfc3339, "2023-11-14T22:13:20Z");
        assert_eq!(t.relative, "expires in 4 min");
        assert!(explain_time("exp", i64::MAX, 0).is_none());
        assert_eq!(
            time_value(&Value::String("2020-06-08T20:23:31.700Z".into())),
            Some(1_591_647_811)
        );
        assert_eq!(time_value(&serde_json::json!(1.5e9)), Some(1_500_000_000));
        assert_eq!(time_value(&serde_json::json!(1e300)), None);
    }

    #[test]
    fn utc_text_pads_like_a_four_digit_year_pattern_in_every_era() {
        let text = |unix: i64| {
            let mut out = String::new();
            write_utc_at(&mut out, unix);
            out
        };
        assert_eq!(text(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(text(4_102_444_799), "2099-12-31 23:59:59 UTC");
        assert_eq!(text(-62_135_596_800), "0001-01-01 00:00:00 UTC");
        assert_eq!(text(-62_135_596_801), "0000-12-31 23:59:59 UTC");
        assert_eq!(text(-62_198_755_200), "-001-01-01 00:00:00 UTC");
        assert_eq!(text(253_402_300_800), "10000-01-01 00:00:00 UTC");
        assert_eq!(text(i64::MAX), format!("{} s after 1970", i64::MAX));
        assert_eq!(text(i64::MIN), format!("{} s after 1970", i64::MIN));
    }
}
