//! Text from outside IdLens made safe to print on a terminal.
//!
//! A token pasted from a ticket, a provider's answer or a hand-edited profile
//! may hold ESC, BEL, carriage returns, line breaks or Unicode's invisible
//! direction overrides; printed as they are, they can clear the screen, move
//! the cursor, or draw a fake "VALID" line. [`escape`] is the one function
//! that makes such text inert, by showing each of those characters visibly
//! (`\x1b`, `\r`, `\u{202e}`).
//!
//! Invariant: every line the CLI writes goes through [`escape`] (see
//! `output`), and every value from outside is wrapped in [`Untrusted`] where
//! it is formatted, so even its line breaks are shown, not obeyed.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// Whether a line break may stay a line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newlines {
    /// Text the CLI composed itself: its `\n`s are its own layout.
    Keep,
    /// A value from outside: a `\n` in it is shown as `\n`.
    Escape,
}

/// `text` with every character a terminal would obey instead of print shown
/// as an escape: C0 controls (but `\n` with [`Newlines::Keep`]), DEL, the C1
/// controls (U+0080–U+009F, which some terminals read as ESC sequences), the
/// invisible bidirectional and format characters, and the Unicode line and
/// paragraph separators.
pub fn escape(text: &str, newlines: Newlines) -> Cow<'_, str> {
    let needs = |c: char| is_dangerous(c) && !(c == '\n' && newlines == Newlines::Keep);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value from outside IdLens, formatted with [`escape`] (line breaks
/// included): `say!("User: {}", Untrusted(&user.name))`.
#[derive(Debug, Clone, Copy)]
pub struct Untrusted<'a>(pub &'a str);

impl fmt::Display for Untrusted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(self.0, Newlines::Escape))
    }
}

/// Whether `c` is a character a terminal acts on, or one that hides or
/// reorders the text around it.
pub fn is_dangerous(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Arabic letter mark, LRM/RLM, the embedding and override
        // controls, and the isolates: they reorder what is shown.
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // The line and paragraph separators: some terminals, editors and
        // JavaScript before ES2019 end a line there, though JSON leaves them raw.
        | '\u{2028}' | '\u{2029}'
    )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x100 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// JSON text with the characters [`is_dangerous`] names that JSON itself
/// leaves raw (DEL, C1, the bidi controls, U+2028/U+2029) written as `\uXXXX` escapes:
/// the same JSON value, inert on a terminal. Control characters below
/// U+0020 are already escaped by any JSON writer; the JSON syntax has no
/// character above U+007F outside strings, so only string content changes.
pub fn json_inert(json: &str) -> Cow<'_, str> {
    // Below U+007F, only JSON's own whitespace is left raw by a JSON writer.
    let needs = |c: char| c >= '\u{7f}' && is_dangerous(c);
    if !json.chars().any(needs) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_from_a_token_are_shown_not_obeyed() {
        let hostile = "x\u{1b}[2J\u{1b}[1;1H\u{7}VALID\r\nok\u{9b}31m\u{202e}cba\u{2028}VALID";
        let shown = escape(hostile, Newlines::Escape);
        assert_eq!(
            shown,
            "x\\x1b[2J\\x1b[1;1H\\x07VALID\\r\\nok\\x9b31m\\u{202e}cba\\u{2028}VALID"
        );
        assert!(!shown.chars().any(is_dangerous));
        assert_eq!(
            escape("two\nlines\u{1b}", Newlines::Keep),
            "two\nlines\\x1b"
        );
        assert_eq!(Untrusted("a\nb").to_string(), "a\\nb");
    }

    #[test]
    fn ordinary_text_is_left_alone_and_not_copied() {
        for text in [
            "Valid access token",
            "émile@exämple.com",
            "日本語",
            "tab-free",
        ] {
            assert!(matches!(escape(text, Newlines::Escape), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn json_stays_the_same_value_but_inert() {
        // U+2028/U+2029 end a line for some terminals, editors and for
        // JavaScript before ES2019, though JSON leaves them raw.
        let value =
            serde_json::json!({"name": "a\u{9b}b\u{202e}c\u{7f}\n\u{2028}d\u{2029}", "n": 1});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let inert = json_inert(&text);
        assert!(
            !inert.chars().any(|c| is_dangerous(c) && c != '\n'),
            "{inert}"
        );
        assert!(inert.contains(r"\u2028d\u2029"), "{inert}");
        let back: serde_json::Value = serde_json::from_str(&inert).unwrap();
        assert_eq!(back, value);
    }
}
