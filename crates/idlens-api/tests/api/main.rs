//! Integration tests of `idlens_api`: the operations as the GUI and CLI call
//! them, and the generated TypeScript boundary.
// Tests are exempt from the workspace's function-length lint.
#![allow(clippy::too_many_lines)]

mod audit;
mod bindings;
mod graph;
/// The sandbox's login page played over HTTP, shared with the other test binaries.
#[path = "../../../idlens-sandbox/testing/login_page.rs"]
mod login_page;
mod ops;
mod rbac;
mod session;
mod users_export;
