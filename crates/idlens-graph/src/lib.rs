//! Neo4j access through neo4rs: the graph's user nodes through the profile's
//! [`Mapping`], with Cypher that Neo4j 4.4 and 5.x both run; every value is a
//! query parameter, and labels and property names only enter Cypher text as
//! validated, backtick-quoted [`idlens_audit::Identifier`]s.
//!
//! - [`Graph::connect`] opens a pool (bounded connect time) and proves it with
//!   a query, so a wrong address, password or database fails here.
//! - Reads ([`Graph::checks`], [`Graph::search`], [`Graph::count`],
//!   [`Graph::node`]) are auto-commit queries sent in read mode, which the
//!   server enforces. [`Graph::stream_users`] reads in one explicit
//!   transaction (neo4rs 0.9.0-rc.11 cannot mark an explicit transaction
//!   read-only: its statements only MATCH and RETURN). Writes happen only in
//!   [`Graph::apply`].
//! - Every wait on the server is bounded ([`Timeouts`]); a stream that breaks
//!   ends in an error, never in a shorter result.
//!
//! Its tests run against a real Neo4j (tests/neo4j), started by
//! `idlens_testkit::neo4j`.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod apply;
mod checks;
mod connect;
mod error;
mod node;
mod search;
mod settings;
mod stream;
mod user_query;
mod value;

pub use apply::{ApplyLog, BatchLog, BatchOutcome, CypherBatch};
pub use checks::{ConnectChecks, MappedAs, PropertyCheck};
pub use connect::{Graph, MAX_BOLT_MESSAGE};
pub use error::GraphError;
pub use idlens_audit::{GraphRow, Mapping};
pub use node::{Direction, NodeDetail, RelationshipCount};
pub use search::{SearchPage, MAX_PAGE};
pub use settings::{ConnectionSettings, Timeouts};
pub use stream::StreamSummary;
