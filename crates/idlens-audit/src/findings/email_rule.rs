//! E-mail normalisation (docs/audit.md): trimmed, ASCII letters
//! lower-cased, every other character kept as it is; empty after that is
//! "no e-mail".
//!
//! Auth0 compares addresses this way. A Unicode case mapping or folding
//! would make different mailboxes one: `KATE@X.TEST` written with a Kelvin
//! sign (U+212A) lower-cases to `kate@x.test`, which would make a stranger's
//! account a duplicate of Kate's. So non-ASCII characters must match
//! exactly, and a duplicate among addresses holding any is never "high".

use std::borrow::Cow;

/// The normalised e-mail, or `None` for "no e-mail". Borrows when the
/// e-mail is already trimmed and has no ASCII capital (the common case).
pub fn normalize_email(raw: &str) -> Option<Cow<'_, str>> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
        Some(Cow::Owned(trimmed.to_ascii_lowercase()))
    } else {
        Some(Cow::Borrowed(trimmed))
    }
}

/// [`normalize_email`] of an optional e-mail.
pub fn normalize_opt(raw: Option<&str>) -> Option<Cow<'_, str>> {
    raw.and_then(normalize_email)
}

/// Whether accounts sharing this normalised e-mail may be a duplicate of
/// high confidence: only when the address is ASCII, where equal after the
/// normalisation means equal for the mail system too.
pub(crate) fn may_be_high(normalized: &str) -> bool {
    normalized.is_ascii()
}

/// The normalisation of reports before version 2 (Unicode lower case),
/// only to compare with them.
pub(crate) fn normalize_email_v1(raw: &str) -> Option<String> {
    Some(raw.trim().to_lowercase()).filter(|e| !e.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_lower_cases_ascii_only() {
        assert_eq!(normalize_email(" A@X.Test\t").as_deref(), Some("a@x.test"));
        assert_eq!(
            normalize_email("ÉMILE@x.test").as_deref(),
            Some("Émile@x.test")
        );
        assert_eq!(
            normalize_email("\u{212A}ATE@X.TEST").as_deref(),
            Some("\u{212A}ate@x.test")
        );
        assert!(matches!(
            normalize_email("a@x.test"),
            Some(Cow::Borrowed(_))
        ));
        assert!(matches!(
            normalize_email(" \u{E9}@x.test"),
            Some(Cow::Borrowed("\u{E9}@x.test"))
        ));
        assert_eq!(normalize_email("  "), None);
        assert_eq!(normalize_opt(None), None);
    }

    #[test]
    fn only_ascii_addresses_may_be_high() {
        assert!(may_be_high("kate@x.test"));
        assert!(!may_be_high("\u{212A}ate@x.test"));
        assert!(!may_be_high("\u{C9}va@x.test"));
    }
}
