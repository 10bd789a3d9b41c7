//! The rows the audit compares.

use serde::{Deserialize, Serialize};

/// One user node of the graph, through the profile's mapping: the values of
/// the mapped properties (absent or null properties are `None`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GraphRow {
    pub id: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
}

/// A [`GraphRow`] borrowed from a parser's buffer: what the engine takes,
/// so parsers need not allocate per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GraphRowRef<'a> {
    pub id: &'a str,
    pub email: Option<&'a str>,
    pub email_verified: Option<bool>,
    pub name: Option<&'a str>,
}

impl GraphRow {
    pub fn as_ref(&self) -> GraphRowRef<'_> {
        GraphRowRef {
            id: &self.id,
            email: self.email.as_deref(),
            email_verified: self.email_verified,
            name: self.name.as_deref(),
        }
    }
}

impl GraphRowRef<'_> {
    pub fn to_owned_row(&self) -> GraphRow {
        GraphRow {
            id: self.id.to_owned(),
            email: self.email.map(str::to_owned),
            email_verified: self.email_verified,
            name: self.name.map(str::to_owned),
        }
    }
}
