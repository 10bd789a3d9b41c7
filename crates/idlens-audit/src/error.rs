//! What can go wrong in an audit, each message ending with what to do next.

use std::fmt;

use idlens_bounded::Bytes;

use crate::mapping::IdentifierError;

/// A count for messages, with thousands separators: "1,204".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub u64);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                f.write_str(",")?;
            }
            write!(f, "{digit}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// A line of the Auth0 users file is not a user object.
    #[error("line {} of {source_name} is not a user object: {problem}. Fix or remove the line, or run again with --skip-bad-lines", Count(*.line))]
    BadLine {
        source_name: String,
        line: u64,
        problem: String,
    },
    /// A row of the graph export is not a user node. `row` is the line for
    /// CSV and the element's position (from 1) for a JSON array.
    #[error("{what} {} of {source_name} is not a user node: {problem}. Fix or remove it, or run again with --skip-bad-lines", Count(*.row))]
    BadRow {
        source_name: String,
        what: &'static str,
        row: u64,
        problem: String,
    },
    /// A CSV record or a JSON element longer than the limit: the reading
    /// stopped there (it cannot be skipped without being read whole).
    #[error("{what} {} of {source_name} is longer than {}, more than a user node takes: is it the right file? Check it, or export the graph again", Count(*.at), Bytes(*.limit))]
    TooLong {
        source_name: String,
        /// "the record that begins on line", "element".
        what: &'static str,
        at: u64,
        limit: u64,
    },
    #[error("{source_name} ends early: was the download cut off? Download or export it again")]
    Truncated { source_name: String },
    #[error("{source_name} is not a valid gzip file ({detail}). Download or export it again, or unpack it and pass the plain file")]
    BadGzip { source_name: String, detail: String },
    /// The input goes on past `ReadOptions::max_decompressed`.
    #[error("{source_name} holds more than {} once decompressed, so IdLens stopped reading it there: an Auth0 users export is far smaller. Check where the file came from, or export one connection at a time", idlens_bounded::Bytes(*.limit))]
    TooLarge { source_name: String, limit: u64 },
    #[error("{source_name} has the wrong header: the columns are {}, but the mapping needs {} (as `{}` or `u.{}`). Export with a query that returns these properties, or change the mapping (the profile's, or with `idlens audit --graph-id-property …`)", list(.found), list(.expected), .expected[0], .expected[0])]
    WrongHeader {
        source_name: String,
        found: Vec<String>,
        expected: Vec<String>,
    },
    #[error("{source_name} is not a JSON array of user objects: {detail}. Export the graph from Neo4j Browser as JSON, or as CSV")]
    NotJsonArray { source_name: String, detail: String },
    #[error("could not read {source_name}: {error}")]
    Read {
        source_name: String,
        #[source]
        error: std::io::Error,
    },
    #[error("could not write the report: {0}. Check the disk space and the output path")]
    Write(#[source] std::io::Error),
    #[error(transparent)]
    Mapping(#[from] IdentifierError),
    #[error("the primary chosen for {email} is {chosen:?}, which is not one of its accounts ({}). Choose one of them", .accounts.join(", "))]
    BadPrimary {
        email: String,
        chosen: String,
        accounts: Vec<String>,
    },
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "(none)".to_owned();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        let shown: Vec<String> = [0, 7, 999, 1000, 1204, 1_000_000, 12_345_678]
            .iter()
            .map(|n| Count(*n).to_string())
            .collect();
        assert_eq!(
            shown,
            ["0", "7", "999", "1,000", "1,204", "1,000,000", "12,345,678"]
        );
    }
}
