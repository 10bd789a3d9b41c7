//! Values between Neo4j and IdLens: Bolt values read leniently into
//! [`GraphRow`] fields and JSON, JSON parameters into Bolt.

use idlens_audit::GraphRow;
use neo4rs::{BoltType, Row};
use serde_json::Value;

use crate::GraphError;

/// The column `key` of `row` (null when absent).
pub(crate) fn column(row: &Row, key: &str) -> BoltType {
    row.get::<BoltType>(key)
        .unwrap_or(BoltType::Null(neo4rs::BoltNull))
}

/// Text of a scalar: strings as they are, numbers and booleans printed;
/// null and anything else `None`.
pub(crate) fn text(value: BoltType) -> Option<String> {
    match value {
        BoltType::String(s) => Some(s.value),
        BoltType::Integer(i) => Some(i.value.to_string()),
        BoltType::Float(f) => Some(f.value.to_string()),
        BoltType::Boolean(b) => Some(b.value.to_string()),
        _ => None,
    }
}

/// A boolean, or the strings `true`/`false` in any case.
pub(crate) fn flag(value: BoltType) -> Option<bool> {
    match value {
        BoltType::Boolean(b) => Some(b.value),
        BoltType::String(s) if s.value.eq_ignore_ascii_case("true") => Some(true),
        BoltType::String(s) if s.value.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A row with the columns of [`crate::user_query::returned_row`]; `None` when the
/// node has no id.
pub(crate) fn graph_row(row: &Row) -> Option<GraphRow> {
    Some(GraphRow {
        id: text(column(row, "id"))?,
        email: text(column(row, "email")),
        email_verified: flag(column(row, "email_verified")),
        name: text(column(row, "name")),
    })
}

/// A count column.
pub(crate) fn count(row: &Row, key: &str) -> u64 {
    match column(row, key) {
        BoltType::Integer(i) => u64::try_from(i.value).unwrap_or(0),
        _ => 0,
    }
}

/// JSON for a property value; `None` for types JSON has no form for
/// (temporal, spatial, bytes), which callers show as text instead.
pub(crate) fn to_json(value: BoltType) -> Option<Value> {
    Some(match value {
        BoltType::Null(_) => Value::Null,
        BoltType::String(s) => Value::String(s.value),
        BoltType::Boolean(b) => Value::Bool(b.value),
        BoltType::Integer(i) => Value::from(i.value),
        BoltType::Float(f) => {
            serde_json::Number::from_f64(f.value).map_or(Value::Null, Value::Number)
        }
        BoltType::List(list) => Value::Array(
            list.value
                .into_iter()
                .map(to_json)
                .collect::<Option<Vec<_>>>()?,
        ),
        BoltType::Map(map) => Value::Object(
            map.value
                .into_iter()
                .map(|(k, v)| Some((k.value, to_json(v)?)))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

/// A JSON value as a query parameter.
pub(crate) fn to_bolt(value: &Value, during: &'static str) -> Result<BoltType, GraphError> {
    BoltType::try_from(value.clone()).map_err(|_| GraphError::UnexpectedValue {
        during,
        detail: "a number does not fit a 64-bit integer or float".into(),
    })
}
