//! Integration tests of `idlens_api`: the operations as the GUI and CLI call
//! them, and the generated TypeScript boundary.

mod audit;
mod audit_findings;
mod audit_fix;
mod bindings;
mod graph;
mod ops;
mod rbac;
mod session;
mod users_export;
