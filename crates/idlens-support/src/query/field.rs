//! The fields Auth0's log search accepts in `q`, and where each is in an event.

use crate::LogEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Type,
    UserId,
    UserName,
    Ip,
    ClientId,
    ClientName,
    Connection,
    Date,
    Description,
    LogId,
    Strategy,
    UserAgent,
    OrganizationId,
}

/// How a field's values compare with a term's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Comparison {
    /// Whole value, case-sensitive (identifiers and codes).
    Exact,
    /// Whole value, ignoring case (names people type).
    Name,
    /// A contained phrase, ignoring case (free text).
    Text,
    /// Only dates and date ranges.
    Date,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Type,
        Field::UserId,
        Field::UserName,
        Field::Ip,
        Field::ClientId,
        Field::ClientName,
        Field::Connection,
        Field::Date,
        Field::Description,
        Field::LogId,
        Field::Strategy,
        Field::UserAgent,
        Field::OrganizationId,
    ];

    /// The field's name in a query.
    pub fn name(self) -> &'static str {
        match self {
            Field::Type => "type",
            Field::UserId => "user_id",
            Field::UserName => "user_name",
            Field::Ip => "ip",
            Field::ClientId => "client_id",
            Field::ClientName => "client_name",
            Field::Connection => "connection",
            Field::Date => "date",
            Field::Description => "description",
            Field::LogId => "log_id",
            Field::Strategy => "strategy",
            Field::UserAgent => "user_agent",
            Field::OrganizationId => "organization_id",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    pub(super) fn comparison(self) -> Comparison {
        match self {
            Field::UserName | Field::ClientName => Comparison::Name,
            Field::Description | Field::UserAgent => Comparison::Text,
            Field::Date => Comparison::Date,
            _ => Comparison::Exact,
        }
    }

    /// The field's value in `event`, when it has one.
    pub fn value(self, event: &LogEvent) -> Option<&str> {
        match self {
            Field::Type => event.kind.as_deref(),
            Field::UserId => event.user_id.as_deref(),
            Field::UserName => event.user_name.as_deref(),
            Field::Ip => event.ip.as_deref(),
            Field::ClientId => event.client_id.as_deref(),
            Field::ClientName => event.client_name.as_deref(),
            Field::Connection => event.connection.as_deref(),
            Field::Date => event.date.as_deref(),
            Field::Description => event.description.as_deref(),
            Field::LogId => event.log_id.as_deref(),
            Field::Strategy => event.strategy.as_deref(),
            Field::UserAgent => event.user_agent.as_deref(),
            Field::OrganizationId => event.organization_id.as_deref(),
        }
    }

    /// Every field's name, for an error message.
    pub(super) fn names() -> String {
        Field::ALL.map(Field::name).join(", ")
    }
}
