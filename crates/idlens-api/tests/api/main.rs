//! Integration tests of `idlens_api`: the operations as the GUI and CLI call
//! them, and the generated TypeScript boundary.

mod audit;
mod bindings;
mod graph;
mod ops;
mod rbac;
mod session;
mod users_export;
