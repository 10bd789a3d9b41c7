//! The part of Lucene query syntax Auth0's log search (`GET logs?q=`)
//! understands, as IdLens applies it: locally over events read in
//! checkpoint mode (which ignores `q`), and in the sandbox tenant
//! server-side. One parser and one matcher, so both agree.
//!
//! What a query may hold:
//! - terms `field:value` on the fields of [`Field`]; a value is a word
//!   (`type:fp`, backslash escapes a character), a quoted phrase
//!   (`user_name:"jane doe"`) or a word ending in `*` (`user_name:jane*`, a
//!   prefix); `*` or `?` anywhere else is refused;
//! - `AND`, `OR`, `NOT` (upper case, as Lucene), parentheses, and an
//!   implicit `AND` between terms; `AND` binds tighter than `OR`;
//! - date ranges `date:[2026-12-01 TO 2026-12-07]` (inclusive `[ ]`,
//!   exclusive `{ }`, `*` for an open end), each end a day or an RFC 3339
//!   instant. A day is rounded as Auth0's search engine rounds missing
//!   date components: an inclusive upper day takes in the whole day, an
//!   exclusive lower day starts after it. `date:2026-12-01` is that day.
//!
//! How a term compares (see `matching`): identifiers (`type`, `user_id`,
//! `ip`, `client_id`, `connection`, `log_id`, `strategy`,
//! `organization_id`) exactly; names (`user_name`, `client_name`) whole and
//! ignoring case; free text (`description`, `user_agent`) as a contained
//! phrase ignoring case. An event without the field never matches a term.
//!
//! Hostile input is bounded: [`MAX_QUERY_CHARS`] characters (Auth0 answers
//! 414 to a longer `q`), [`MAX_QUERY_DEPTH`] nested parentheses or `NOT`s,
//! [`MAX_QUERY_TERMS`] terms; errors name the character and what was
//! expected there, never a panic.

mod error;
mod field;
mod matching;
mod parse;
mod range;

use std::str::FromStr;

use crate::LogEvent;

pub use error::QueryError;
pub use field::Field;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 2048;
/// The deepest nesting of parentheses and `NOT` accepted.
pub const MAX_QUERY_DEPTH: usize = 32;
/// The most terms one query may hold.
pub const MAX_QUERY_TERMS: usize = 128;

/// A parsed log search query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    text: String,
    expr: parse::Expr,
}

impl Query {
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        Ok(Query {
            text: text.to_owned(),
            expr: parse::parse(text)?,
        })
    }

    /// Whether `event` is one the query asks for.
    pub fn matches(&self, event: &LogEvent) -> bool {
        matching::matches(&self.expr, event)
    }

    /// The query as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The term `field:"value"` with `value` quoted as the parser reads it
/// (`"` and `\\` escaped), so any text a caller searches for stays one
/// phrase: it cannot add an operator or another term.
pub fn phrase_term(field: Field, value: &str) -> String {
    let mut term = format!("{}:\"", field.name());
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            term.push('\\');
        }
        term.push(c);
    }
    term.push('"');
    term
}

/// The term `field:value*`: events whose `field` starts with `value`,
/// every character but letters, digits and `.`, `_`, `-`, `@`, `+`
/// escaped with `\\`, so the value stays one prefix whatever it holds.
pub fn prefix_term(field: Field, value: &str) -> String {
    let mut term = format!("{}:", field.name());
    for c in value.chars() {
        if !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '+')) {
            term.push('\\');
        }
        term.push(c);
    }
    term.push('*');
    term
}

impl FromStr for Query {
    type Err = QueryError;

    fn from_str(text: &str) -> Result<Query, QueryError> {
        Query::parse(text)
    }
}

#[cfg(test)]
mod tests;
