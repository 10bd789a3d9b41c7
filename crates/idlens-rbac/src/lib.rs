//! Who can do what in an Auth0 tenant, and why: pure logic over data the
//! caller fetched (this crate does no I/O and keeps no state).
//!
//! - [`Snapshot`]: a tenant's whole RBAC as one JSON document (APIs and their
//!   scopes, roles with their permissions and members, and, when fetched,
//!   users' direct permissions).
//! - [`effective`]: a user's permissions with every source (direct, or via a
//!   role).
//! - [`explain`]: why a user has a permission on an API, by every path, or
//!   why not.
//! - [`check_token`]: a token's permissions against what the user is granted
//!   today (matching, missing since issue, revoked since issue).
//! - [`findings`]: roles nobody has, roles that grant nothing, direct grants,
//!   permissions an API no longer defines, APIs whose scopes nobody grants.
//! - [`diff`]: two snapshots (two days, or staging and production) compared.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod diff;
mod effective;
mod explain;
mod findings;
mod model;
mod token_check;

pub use diff::{diff, ApiChange, MemberKey, RoleChange, SnapshotDiff};
pub use effective::{effective, Effective, RoleGrant, Source, UserAccess};
pub use explain::{explain, Explanation, NotGranted, Path, RoleName};
pub use findings::{findings, Finding, FindingKind};
pub use model::{
    ApiDef, Member, PermissionRef, RoleDef, ScopeDef, Snapshot, UserGrants, SNAPSHOT_FORMAT,
};
pub use token_check::{check_token, TokenCheck};
