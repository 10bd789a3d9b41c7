//! How the rules read event text and write facts into headlines, safely:
//! descriptions are matched on a bounded prefix and never echoed; dates are
//! written in UTC; IPs only when they parse as IPs; identifiers escaped and
//! shortened.

use chrono::{DateTime, Utc};

use crate::LogEvent;

/// How much of a description the rules read (Auth0's are one sentence; a
/// hostile one of megabytes costs no more than this).
pub(crate) const DESCRIPTION_READ_BYTES: usize = 1024;

/// The longest identifier written into a headline, in characters.
const SHOWN_CHARS: usize = 80;

/// Whether the start of `event`'s description contains one of `phrases`
/// (lower-case ASCII), ignoring case.
pub(crate) fn says(event: &LogEvent, phrases: &[&str]) -> bool {
    let Some(description) = event.description.as_deref() else {
        return false;
    };
    let head = prefix(description, DESCRIPTION_READ_BYTES).to_ascii_lowercase();
    phrases.iter().any(|phrase| head.contains(phrase))
}

/// The longest prefix of `text` of at most `bytes` bytes on a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A date as headlines write it: `2026-12-07 14:02 UTC`.
pub(crate) fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The event's date as headlines write it, or "at an unknown time".
pub(crate) fn event_when(event: &LogEvent) -> String {
    event
        .instant()
        .map_or_else(|| "at an unknown time".to_owned(), when)
}

/// `text` as an IP address, normalised, when it is one (a log's `ip` is
/// never written into a headline unless it parses).
pub(crate) fn ip(text: &str) -> Option<String> {
    text.trim()
        .parse::<std::net::IpAddr>()
        .ok()
        .map(|ip| ip.to_string())
}

/// The event's IP, when it has a valid one.
pub(crate) fn event_ip(event: &LogEvent) -> Option<String> {
    event.ip.as_deref().and_then(ip)
}

/// An identifier from a log or the tenant (a user name, a provider),
/// shortened and with every control or invisible character escaped, so it
/// can be written into a headline and a terminal.
pub(crate) fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == SHOWN_CHARS {
            out.push('…');
            break;
        }
        if crate::who::is_hidden(c) || c == '`' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// `once`, `twice`, `3 times`.
pub(crate) fn times(n: usize) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

/// `"3 times, "` before a code when it happened more than once, else `""`.
pub(crate) fn repeated(n: usize) -> String {
    if n > 1 {
        format!("{}, ", times(n))
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_matched_on_a_bounded_prefix_ignoring_case() {
        let event = |d: String| LogEvent {
            description: Some(d),
            ..LogEvent::default()
        };
        assert!(says(
            &event("Please VERIFY your email".into()),
            &["verify your email"]
        ));
        let late = format!("{}verify your email", "x".repeat(DESCRIPTION_READ_BYTES));
        assert!(!says(&event(late), &["verify your email"]));
        // A multi-byte character across the bound is cut before it.
        let wide = format!("{}é", "x".repeat(DESCRIPTION_READ_BYTES - 1));
        assert!(!says(&event(wide), &["é"]));
        assert!(!says(&LogEvent::default(), &["anything"]));
    }

    #[test]
    fn identifiers_are_escaped_and_shortened() {
        assert_eq!(shown("jane@example.com"), "jane@example.com");
        assert_eq!(shown("a\u{1b}[2Jb`c"), "a\\u{1b}[2Jb\\u{60}c");
        assert_eq!(shown("\u{202e}x"), "\\u{202e}x");
        let long = shown(&"y".repeat(1000));
        assert_eq!(long.chars().count(), SHOWN_CHARS + 1);
        assert!(long.ends_with('…'));
        assert_eq!(ip(" 203.0.113.7 "), Some("203.0.113.7".into()));
        assert_eq!(ip("2001:DB8::1"), Some("2001:db8::1".into()));
        assert_eq!(ip("\u{1b}[31m1.2.3.4"), None);
    }
}
