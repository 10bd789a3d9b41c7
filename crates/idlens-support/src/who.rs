//! What support typed to find a customer: an e-mail address, a user ID or a
//! username, told apart by shape alone (no lookup). A pasted token is the
//! caller's job (it reads the token's `sub`, a user ID).
//!
//! Invariant: a [`Who`] holds trimmed text of 1 to [`MAX_WHO_CHARS`]
//! characters without control or bidirectional-formatting characters, so it
//! can be put into a query, a headline or a terminal line as it is.

use serde::Serialize;

/// The longest input accepted, in characters (Auth0 user IDs, e-mails and
/// usernames are far shorter).
pub const MAX_WHO_CHARS: usize = 512;

/// Whom support is looking for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Who {
    /// Contains `@` and no `|`: `jane@example.com`.
    Email(String),
    /// Contains `|`: `auth0|64f…`, `google-oauth2|1234`.
    UserId(String),
    /// Anything else: `jane`.
    Username(String),
}

/// Why the input names no one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhoError {
    #[error(
        "Nothing was typed: type the customer's e-mail address, user ID (auth0|…) or username."
    )]
    Empty,
    #[error("The input is {chars} characters long, more than {max}: type the customer's e-mail address, user ID or username, not a pasted text.")]
    TooLong { chars: usize, max: usize },
    #[error("The input holds a control or invisible formatting character ({found}): type the customer's e-mail address, user ID or username as plain text.")]
    ControlCharacter {
        /// The character as an escape (`\u{1b}`), never the raw character.
        found: String,
    },
}

impl Who {
    /// `input`, trimmed, classified by shape. Refuses empty, over-long and
    /// control-character input with an error that says what to type.
    pub fn parse(input: &str) -> Result<Who, WhoError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(WhoError::Empty);
        }
        let chars = text.chars().count();
        if chars > MAX_WHO_CHARS {
            return Err(too_long(chars));
        }
        if let Some(bad) = text.chars().find(|c| is_hidden(*c)) {
            return Err(WhoError::ControlCharacter {
                found: bad.escape_unicode().to_string(),
            });
        }
        let text = text.to_owned();
        Ok(if text.contains('|') {
            Who::UserId(text)
        } else if text.contains('@') {
            Who::Email(text)
        } else {
            Who::Username(text)
        })
    }

    /// The text as typed (trimmed).
    pub fn as_str(&self) -> &str {
        match self {
            Who::Email(text) | Who::UserId(text) | Who::Username(text) => text,
        }
    }
}

fn too_long(chars: usize) -> WhoError {
    WhoError::TooLong {
        chars,
        max: MAX_WHO_CHARS,
    }
}

/// Control characters and the Unicode formatting characters that reorder
/// or hide text on screen (bidirectional overrides, zero-width marks).
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_classified_by_shape() {
        let table: [(&str, Who); 8] = [
            ("jane@example.com", Who::Email("jane@example.com".into())),
            (
                "  Jane@Example.com\n",
                Who::Email("Jane@Example.com".into()),
            ),
            ("auth0|64f1", Who::UserId("auth0|64f1".into())),
            (
                "google-oauth2|1234",
                Who::UserId("google-oauth2|1234".into()),
            ),
            // A `|` makes it an ID even with an `@` (`email|…` passwordless IDs).
            ("email|a@b.c", Who::UserId("email|a@b.c".into())),
            ("jane", Who::Username("jane".into())),
            ("\tjane.doe ", Who::Username("jane.doe".into())),
            ("+31 6 1234", Who::Username("+31 6 1234".into())),
        ];
        for (input, expected) in table {
            assert_eq!(Who::parse(input), Ok(expected), "{input:?}");
        }
        assert_eq!(Who::parse(" jane ").unwrap().as_str(), "jane");
    }

    #[test]
    fn bad_input_is_refused_with_what_to_type() {
        let long = "a".repeat(MAX_WHO_CHARS + 1);
        let huge = "b".repeat(1 << 20);
        let table: [(&str, WhoError); 7] = [
            ("", WhoError::Empty),
            ("   \n\t", WhoError::Empty),
            (&long, too_long(MAX_WHO_CHARS + 1)),
            (&huge, too_long(1 << 20)),
            (
                "jane\u{1b}[31m@example.com",
                WhoError::ControlCharacter {
                    found: "\\u{1b}".into(),
                },
            ),
            (
                "jane\ndoe",
                WhoError::ControlCharacter {
                    found: "\\u{a}".into(),
                },
            ),
            (
                "moc.elpmaxe@\u{202E}enaj",
                WhoError::ControlCharacter {
                    found: "\\u{202e}".into(),
                },
            ),
        ];
        for (input, expected) in table {
            let error = Who::parse(input).expect_err("refused");
            assert_eq!(error, expected);
            let message = error.to_string();
            assert!(
                message.contains("type the customer's e-mail address"),
                "{message}"
            );
            assert!(!message.contains('\u{1b}') && !message.contains('\u{202E}'));
        }
        // Exactly at the bound is fine.
        let at = "c".repeat(MAX_WHO_CHARS);
        assert_eq!(Who::parse(&at), Ok(Who::Username(at.clone())));
        // Multi-byte characters count as characters, not bytes.
        let wide = "é".repeat(MAX_WHO_CHARS);
        assert!(Who::parse(&wide).is_ok());
    }
}
