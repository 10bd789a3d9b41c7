//! Integration tests of `idlens_api`: the operations as the GUI and CLI call
//! them, and the generated TypeScript boundary.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines, clippy::disallowed_methods)]

mod actions;
mod audit;
mod audit_findings;
mod audit_fix;
mod bindings;
mod graph;
mod logs;
mod ops;
mod rbac;
mod session;
mod support_desk;
mod users_export;
