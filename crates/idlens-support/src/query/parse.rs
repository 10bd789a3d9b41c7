//! The parser: recursive descent over the query's characters, with the
//! nesting depth and the number of terms counted so hostile input ends in
//! an error, never a stack overflow.
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*
//! unary   := "NOT" unary | "(" or ")" | term
//! term    := field ":" (quoted | range | word ["*"])
//! range   := ("[" | "{") bound "TO" bound ("]" | "}")
//! ```

use super::error::QueryError;
use super::field::{Comparison, Field};
use super::range::{DateBound, DateRange};
use super::{MAX_QUERY_CHARS, MAX_QUERY_DEPTH, MAX_QUERY_TERMS};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Term(Field, Value),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    /// A word or a quoted phrase.
    Is(String),
    /// A word ending in `*`, without it.
    StartsWith(String),
    Dates(DateRange),
}

pub(super) fn parse(text: &str) -> Result<Expr, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong {
            chars: chars.len(),
            max: MAX_QUERY_CHARS,
        });
    }
    let mut parser = Parser {
        chars,
        pos: 0,
        depth: 0,
        terms: 0,
    };
    parser.skip_spaces();
    if parser.at_end() {
        return Err(parser.expected("a search term such as type:fp"));
    }
    let expr = parser.or()?;
    parser.skip_spaces();
    if !parser.at_end() {
        return Err(parser.expected("AND, OR, NOT, a term or the end of the search"));
    }
    Ok(expr)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
    terms: usize,
}

impl Parser {
    fn or(&mut self) -> Result<Expr, QueryError> {
        let mut any = vec![self.and()?];
        while self.keyword("OR") {
            any.push(self.and()?);
        }
        Ok(if any.len() == 1 {
            any.remove(0)
        } else {
            Expr::Or(any)
        })
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut all = vec![self.unary()?];
        loop {
            self.skip_spaces();
            if self.at_end() || self.peek() == Some(')') || self.at_keyword("OR") {
                break;
            }
            self.keyword("AND");
            all.push(self.unary()?);
        }
        Ok(if all.len() == 1 {
            all.remove(0)
        } else {
            Expr::And(all)
        })
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        self.skip_spaces();
        if self.keyword("NOT") {
            self.enter()?;
            let negated = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(negated)));
        }
        if self.peek() == Some('(') {
            self.enter()?;
            self.pos += 1;
            self.skip_spaces();
            let inner = self.or()?;
            self.skip_spaces();
            if self.peek() != Some(')') {
                return Err(self.expected("a closing )"));
            }
            self.pos += 1;
            self.depth -= 1;
            return Ok(inner);
        }
        self.term()
    }

    /// One level deeper, or [`QueryError::TooDeep`].
    fn enter(&mut self) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_QUERY_DEPTH {
            return Err(QueryError::TooDeep {
                position: self.pos + 1,
                max: MAX_QUERY_DEPTH,
            });
        }
        Ok(())
    }

    fn term(&mut self) -> Result<Expr, QueryError> {
        if self.at_end()
            || matches!(self.peek(), Some(')' | ':'))
            || self.at_keyword("AND")
            || self.at_keyword("OR")
        {
            return Err(self.expected("a search term such as type:fp"));
        }
        self.terms += 1;
        if self.terms > MAX_QUERY_TERMS {
            return Err(QueryError::TooManyTerms {
                max: MAX_QUERY_TERMS,
            });
        }
        let field = self.field()?;
        if self.peek() != Some(':') {
            return Err(self.expected(&format!("\":\" after the field name {}", field.name())));
        }
        self.pos += 1;
        let value = self.value(field)?;
        Ok(Expr::Term(field, value))
    }

    fn field(&mut self) -> Result<Field, QueryError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.expected("a field name such as type, user_name or date"));
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        Field::from_name(&name).ok_or_else(|| QueryError::UnknownField {
            position: start + 1,
            name,
            known: Field::names(),
        })
    }

    fn value(&mut self, field: Field) -> Result<Value, QueryError> {
        let start = self.pos;
        let is_date = field.comparison() == Comparison::Date;
        let value = match self.peek() {
            Some('"') => Value::Is(self.quoted()?),
            Some('[' | '{') if is_date => Value::Dates(self.range()?),
            Some('[' | '{') => {
                return Err(self.invalid(&format!(
                    "ranges work only on date, not on {name}. Search {name}:value instead.",
                    name = field.name()
                )))
            }
            _ => self.word(field)?,
        };
        match (field.comparison(), &value) {
            (Comparison::Date, Value::Is(text)) => Ok(Value::Dates(DateRange::single(
                self.date_bound(text, start)?,
            ))),
            (Comparison::Date, Value::StartsWith(_)) => Err(QueryError::Invalid {
                position: start + 1,
                problem: "a date cannot end in *; use a range such as date:[2026-12-01 TO *]."
                    .to_owned(),
            }),
            _ => Ok(value),
        }
    }

    /// A quoted phrase; `\"` and `\\` escape.
    fn quoted(&mut self) -> Result<String, QueryError> {
        let open = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => {
                    self.pos = open;
                    return Err(
                        self.expected_at_end("a closing \" for the phrase that starts here")
                    );
                }
                Some('"') => break,
                Some('\\') if self.pos + 1 < self.chars.len() => {
                    text.push(self.chars[self.pos + 1]);
                    self.pos += 2;
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        self.pos += 1;
        if text.is_empty() {
            self.pos = open;
            return Err(self.expected("a phrase between the quotes"));
        }
        Ok(text)
    }

    /// A bare word up to a space or `)`; `\` escapes; a final `*` makes it
    /// a prefix.
    fn word(&mut self, field: Field) -> Result<Value, QueryError> {
        let start = self.pos;
        let mut text = String::new();
        let mut prefix = false;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || c == ')' {
                break;
            }
            match c {
                '\\' if self.pos + 1 < self.chars.len() => {
                    text.push(self.chars[self.pos + 1]);
                    self.pos += 2;
                    continue;
                }
                '*' if self.word_ends_after_star() && !text.is_empty() => prefix = true,
                '*' | '?' => {
                    return Err(self.invalid(
                        "a wildcard works only at the end of a value, after at least one character (user_name:jane*).",
                    ))
                }
                '(' | '"' | '[' | '{' => {
                    return Err(self.invalid(&format!(
                        "{c} cannot appear inside a value; quote the value or put \\ before {c}."
                    )))
                }
                _ => text.push(c),
            }
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.expected(&format!("a value after {}:", field.name())));
        }
        Ok(if prefix {
            Value::StartsWith(text)
        } else {
            Value::Is(text)
        })
    }

    fn word_ends_after_star(&self) -> bool {
        self.chars
            .get(self.pos + 1)
            .is_none_or(|c| c.is_whitespace() || *c == ')')
    }

    fn range(&mut self) -> Result<DateRange, QueryError> {
        let from_inclusive = self.peek() == Some('[');
        self.pos += 1;
        let from = self.bound()?;
        if !self.keyword("TO") {
            return Err(self.expected("TO between the two ends of the range"));
        }
        let until = self.bound()?;
        self.skip_spaces();
        let until_inclusive = match self.peek() {
            Some(']') => true,
            Some('}') => false,
            _ => return Err(self.expected("] or } to close the range")),
        };
        self.pos += 1;
        Ok(DateRange::new(
            (from, from_inclusive),
            (until, until_inclusive),
        ))
    }

    /// One end of a range: the characters up to a space, `]` or `}`.
    fn bound(&mut self) -> Result<DateBound, QueryError> {
        self.skip_spaces();
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| !c.is_whitespace() && c != ']' && c != '}')
        {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.expected("a date, such as 2026-12-01 or 2026-12-01T10:00:00Z, or *"));
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        self.date_bound(&text, start)
    }

    fn date_bound(&self, text: &str, start: usize) -> Result<DateBound, QueryError> {
        DateBound::parse(text).ok_or_else(|| QueryError::Invalid {
            position: start + 1,
            problem: format!(
                "\"{}\" is not a date. Write a day (2026-12-01) or an instant (2026-12-01T10:00:00Z).",
                shorten(text)
            ),
        })
    }

    /// Consumes `word` when it stands alone here (followed by a space, a
    /// parenthesis, a quote or the end), after any spaces.
    fn keyword(&mut self, word: &str) -> bool {
        self.skip_spaces();
        if self.at_keyword(word) {
            self.pos += word.chars().count();
            true
        } else {
            false
        }
    }

    fn at_keyword(&self, word: &str) -> bool {
        let len = word.chars().count();
        let Some(here) = self.chars.get(self.pos..self.pos + len) else {
            return false;
        };
        here.iter().copied().eq(word.chars())
            && self
                .chars
                .get(self.pos + len)
                .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"'))
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn expected(&self, expected: &str) -> QueryError {
        QueryError::Syntax {
            position: self.pos + 1,
            expected: expected.to_owned(),
            found: self.found(),
        }
    }

    fn expected_at_end(&self, expected: &str) -> QueryError {
        QueryError::Syntax {
            position: self.pos + 1,
            expected: expected.to_owned(),
            found: "the end of the search".to_owned(),
        }
    }

    fn invalid(&self, problem: &str) -> QueryError {
        QueryError::Invalid {
            position: self.pos + 1,
            problem: problem.to_owned(),
        }
    }

    /// What is at the current position, for an error.
    fn found(&self) -> String {
        if self.at_end() {
            return "the end of the search".to_owned();
        }
        let rest: String = self.chars[self.pos..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .collect();
        format!("\"{}\"", shorten(&rest))
    }
}

/// At most 24 characters of `text`, for an error message.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        short.push('…');
    }
    short
}
