//! Search mode's own parameters on `GET /api/v2/logs`: the query that
//! picks events (`q`, or `search` as Auth0's API specification names it and
//! node-auth0 v7 sends it) and the fields shown of each (`fields`,
//! `include_fields`). The query language is idlens-support's, the same the
//! Support desk applies locally, so the sandbox and IdLens agree on what a
//! search finds.

use idlens_support::{Query, QueryError};
use serde_json::Value;

use super::MgmtError;
use crate::authn::Params;
use crate::logs::LogEvent;

/// The query names Auth0 accepts for a search, both read the same way.
const QUERY_PARAMS: [&str; 2] = ["q", "search"];

/// The events a search asks for: every one given query in `q` or `search`
/// (each must match when both are given); none given, every event.
pub(super) struct Search {
    queries: Vec<Query>,
}

impl Search {
    /// Parses the query: `400` with the parser's message when it has a
    /// problem, `414` when it is longer than Auth0 accepts.
    pub(super) fn read(params: &Params) -> Result<Self, MgmtError> {
        let queries = QUERY_PARAMS
            .iter()
            .filter_map(|name| params.get(*name).filter(|q| !q.trim().is_empty()))
            .map(|text| Query::parse(text).map_err(refused))
            .collect::<Result<_, _>>()?;
        Ok(Self { queries })
    }

    pub(super) fn matches(&self, event: &LogEvent) -> bool {
        self.queries.iter().all(|q| q.matches(event))
    }
}

fn refused(error: QueryError) -> MgmtError {
    match error {
        QueryError::TooLong { .. } => MgmtError::uri_too_long(error.to_string()),
        other => MgmtError::bad_query(other.to_string()),
    }
}

/// Which fields of each event a listing shows: `fields` (comma-separated)
/// with `include_fields` true (the default) shows only those, false all but
/// those. Names that are no field of an event are ignored.
pub(super) struct Fields {
    names: Vec<String>,
    include: bool,
}

impl Fields {
    pub(super) fn read(params: &Params) -> Result<Option<Self>, MgmtError> {
        let names: Vec<String> = params
            .get("fields")
            .map(|f| {
                f.split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if names.is_empty() {
            return Ok(None);
        }
        let include = match params.get("include_fields").map(String::as_str) {
            None | Some("" | "true") => true,
            Some("false") => false,
            Some(other) => {
                return Err(MgmtError::bad_query(format!(
                    "Query validation error: 'Expected type boolean but found type string: {other}' on property include_fields."
                )))
            }
        };
        Ok(Some(Self { names, include }))
    }

    /// `event` with only the fields asked for.
    pub(super) fn project(&self, event: &LogEvent) -> Result<Value, MgmtError> {
        let mut value = serde_json::to_value(event)
            .map_err(|e| MgmtError::server(format!("A log event did not serialize: {e}")))?;
        if let Value::Object(map) = &mut value {
            map.retain(|key, _| self.names.iter().any(|n| n == key) == self.include);
        }
        Ok(value)
    }
}
