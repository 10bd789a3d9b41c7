//! Which events a search or a tail keeps: a Lucene query (checked here
//! first, so a mistake is a clear local error, not Auth0's 400) and a
//! category (its codes from `LOG_CODES`). Auth0's search gets both in its
//! `q` when they fit; the checkpoint stream ignores `q`, so there both run
//! here, with the same matcher the sandbox's search uses.

use idlens_support::{LogCategory, LogEvent, Query, MAX_QUERY_CHARS, MAX_QUERY_TERMS};

use crate::{ApiError, ErrorCode};

/// A query and a category, both optional.
#[derive(Debug, Clone)]
pub(crate) struct LogFilter {
    query: Option<Query>,
    category: Option<LogCategory>,
}

impl LogFilter {
    /// `query` checked (empty or blank: every event).
    pub(crate) fn new(query: &str, category: Option<LogCategory>) -> Result<Self, ApiError> {
        let query = match query.trim() {
            "" => None,
            text => Some(Query::parse(text).map_err(|e| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("The log query {text:?} cannot be read: {e}. Write field:value terms joined by AND, OR and NOT, such as type:fp AND user_name:\"jane@example.com\", or date:[2026-12-01 TO 2026-12-02]."),
                )
            })?),
        };
        Ok(Self { query, category })
    }

    /// Whether `event` is one asked for.
    pub(crate) fn matches(&self, event: &LogEvent) -> bool {
        let in_category = self.category.is_none_or(|category| {
            event
                .code()
                .known()
                .is_some_and(|code| code.category == category)
        });
        in_category && self.query.as_ref().is_none_or(|q| q.matches(event))
    }

    /// The `q` for Auth0's search, and whether the category must still be
    /// applied here (its codes would make `q` longer than Auth0 takes).
    pub(crate) fn search_query(&self) -> (String, bool) {
        let text = self.query.as_ref().map_or("", Query::as_str);
        let Some(category) = self.category else {
            return (text.to_owned(), false);
        };
        let codes: Vec<&str> = category.codes().collect();
        let types = format!(
            "({})",
            codes
                .iter()
                .map(|c| format!("type:{c}"))
                .collect::<Vec<_>>()
                .join(" OR ")
        );
        let both = if text.is_empty() {
            types
        } else {
            format!("({text}) AND {types}")
        };
        // Checked as Auth0 (and the sandbox) would read it: within the
        // length and term limits, and still a query.
        let fits = both.chars().count() <= MAX_QUERY_CHARS
            && codes.len() < MAX_QUERY_TERMS
            && Query::parse(&both).is_ok();
        if fits {
            (both, false)
        } else {
            (text.to_owned(), true)
        }
    }

    /// Only the category, for a search whose `q` could not hold it.
    pub(crate) fn category_only(&self) -> Self {
        Self {
            query: None,
            category: self.category,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, ip: &str) -> LogEvent {
        LogEvent {
            kind: Some(kind.to_owned()),
            ip: Some(ip.to_owned()),
            ..LogEvent::default()
        }
    }

    #[test]
    fn the_category_goes_into_auth0s_query_as_its_codes() {
        let filter = LogFilter::new("ip:203.0.113.7", Some(LogCategory::BreachedPassword)).unwrap();
        let (q, local) = filter.search_query();
        assert!(!local);
        assert!(q.starts_with("(ip:203.0.113.7) AND (type:"), "{q}");
        assert!(q.contains("type:pwd_leak OR "), "{q}");
        let parsed = Query::parse(&q).unwrap();
        assert!(parsed.matches(&event("pwd_leak", "203.0.113.7")));
        assert!(!parsed.matches(&event("fp", "203.0.113.7")));
    }

    #[test]
    fn the_local_filter_applies_the_query_and_the_category() {
        let filter = LogFilter::new("ip:203.0.113.7", Some(LogCategory::Login)).unwrap();
        assert!(filter.matches(&event("fp", "203.0.113.7")));
        assert!(!filter.matches(&event("fp", "198.51.100.1")));
        assert!(!filter.matches(&event("pwd_leak", "203.0.113.7")));
        assert!(!filter.matches(&event("zz_unknown", "203.0.113.7")));
        let everything = LogFilter::new("  ", None).unwrap();
        assert!(everything.matches(&event("zz_unknown", "1")));
    }

    #[test]
    fn a_bad_query_is_a_clear_local_error() {
        let err = LogFilter::new("type:fp AND", None).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("field:value"), "{}", err.message);
    }
}
