//! E-mail normalisation: trimmed and lower-cased; empty after that is "no
//! e-mail" (docs/audit.md).

use std::borrow::Cow;

/// The normalised e-mail, or `None` for "no e-mail". Borrows when the
/// e-mail is already trimmed ASCII lower case (the common case).
pub fn normalize_email(raw: &str) -> Option<Cow<'_, str>> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Some(Cow::Owned(trimmed.to_lowercase()))
    } else {
        Some(Cow::Borrowed(trimmed))
    }
}

/// [`normalize_email`] of an optional e-mail.
pub fn normalize_opt(raw: Option<&str>) -> Option<Cow<'_, str>> {
    raw.and_then(normalize_email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_lower_cases() {
        assert_eq!(normalize_email(" A@X.Test\t").as_deref(), Some("a@x.test"));
        assert_eq!(
            normalize_email("ÉMILE@x.test").as_deref(),
            Some("émile@x.test")
        );
        assert!(matches!(
            normalize_email("a@x.test"),
            Some(Cow::Borrowed(_))
        ));
        assert_eq!(normalize_email("  "), None);
        assert_eq!(normalize_opt(None), None);
    }
}
