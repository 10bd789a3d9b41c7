//! idlens-graph against a real Neo4j 5.26 (tests/neo4j, started by
//! `idlens_testkit::neo4j`). One server is shared by the binary; each test
//! keeps to its own label `User_<test>`. `hostile` runs against a hostile
//! Bolt server of its own (`bolt_server`) instead.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod apply;
mod bolt_server;
mod checks;
mod errors;
mod hostile;
mod killed;
mod paging;
mod search;
mod support;
