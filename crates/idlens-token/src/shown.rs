//! Untrusted strings (a `kid`, an `alg`, an issuer) shown in messages.

use std::fmt;

/// Shows an untrusted string (a `kid`, an `alg`) in a message: quoted,
/// escaped and cut short, so injection strings stay inert.
pub(crate) fn shown(s: &str) -> String {
    Shown(s).to_string()
}

/// [`shown`] as a `Display`, to write it into a message without an
/// intermediate string.
#[derive(Clone, Copy)]
pub(crate) struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX: usize = 64;
        let s = self.0;
        // Short printable ASCII without quotes or backslashes is what `{:?}`
        // leaves as it is: only the quotes need adding. Issuers, audiences and
        // kids almost always are.
        if s.len() <= MAX
            && s.bytes()
                .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
        {
            f.write_str("\"")?;
            f.write_str(s)?;
            return f.write_str("\"");
        }
        match s.char_indices().nth(MAX) {
            Some((cut, _)) => write!(f, "{:?}…", &s[..cut]),
            None => write!(f, "{s:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_quotes_escapes_and_cuts() {
        assert_eq!(shown("a\"b\n"), r#""a\"b\n""#);
        assert!(shown(&"x".repeat(100)).ends_with('…'));
    }

    #[test]
    fn shown_is_always_the_escaped_debug_form_cut_at_64_chars() {
        // The definition the fast path for plain ASCII must keep to.
        fn reference(s: &str) -> String {
            if s.chars().count() > 64 {
                let cut: String = s.chars().take(64).collect();
                format!("{cut:?}…")
            } else {
                format!("{s:?}")
            }
        }
        let long_ascii = "k".repeat(64);
        let cases = [
            "",
            "rsa-1",
            "https://dev-abc.us.auth0.com/",
            "it's ~ {ok} [x] `y` <z>",
            "a\\b",
            "quote\"d",
            "tab\there",
            "\u{7f}del",
            "\u{0}nul",
            "é accent",
            "\u{301}combining",
            "../../../etc/passwd' OR '1'='1",
            long_ascii.as_str(),
            &"k".repeat(65),
            &"é".repeat(64),
            &"é".repeat(65),
            &format!("{}\n", "k".repeat(63)),
        ];
        for s in cases {
            assert_eq!(shown(s), reference(s), "{s:?}");
            assert_eq!(Shown(s).to_string(), reference(s), "{s:?}");
        }
        for b in 0u8..=127 {
            let s = format!("x{}y", char::from(b));
            assert_eq!(shown(&s), reference(&s), "byte {b}");
        }
    }
}
