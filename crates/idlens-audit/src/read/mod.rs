//! The inputs: the Auth0 users export (NDJSON, gzip detected, decompressed
//! on a second thread) read into the index, and the graph side read from
//! Neo4j Browser exports (CSV or a JSON array) row by row. Every input is
//! read through `idlens-bounded`'s guards with the limits of
//! [`crate::ReadOptions`].

pub(crate) mod auth0_export;
pub(crate) mod decompress_thread;
pub(crate) mod graph_columns;
pub(crate) mod graph_csv;
pub(crate) mod graph_json;
pub(crate) mod graph_row;
pub(crate) mod graph_stats;
pub(crate) mod gzip;
pub(crate) mod options;
pub(crate) mod user_batch;
pub(crate) mod user_line;
