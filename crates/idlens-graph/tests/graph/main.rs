//! idlens-graph against a real Neo4j 5.26 (tests/neo4j, started by
//! `idlens_graph::testing`). One server is shared by the binary; each test
//! keeps to its own label `User_<test>`.

mod apply;
mod checks;
mod errors;
mod killed;
mod paging;
mod search;
mod support;
