//! Boundary types of the Roles & permissions screen and the RBAC commands.

pub use idlens_rbac::{ApiChange, MemberKey, RoleChange, SnapshotDiff};
use idlens_secret::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which tenant's RBAC to load, and how deep.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotRequest {
    /// Default: the profile in use.
    #[serde(default)]
    pub profile: Option<String>,
    /// Also check every user's permissions for direct grants: one request
    /// per user (at most the first 1,000 a search returns).
    #[serde(default)]
    pub include_users: bool,
}

/// A tenant's RBAC as loaded: APIs, roles (members stay in the core and are
/// paged with `rbac_role_members`), findings, and what loading it cost.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RbacOverview {
    pub profile: String,
    pub tenant: String,
    pub taken_at: String,
    pub apis: Vec<ApiView>,
    pub roles: Vec<RoleSummary>,
    pub findings: Vec<FindingView>,
    /// Users whose permissions were checked for direct grants (none unless asked).
    #[ts(type = "number")]
    pub users_checked: u64,
    /// Management API requests the load made, and how many were answered 429.
    #[ts(type = "number")]
    pub requests: u64,
    #[ts(type = "number")]
    pub rate_limited: u64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApiView {
    pub identifier: String,
    pub name: String,
    /// Auth0's own API (the Management API): roles cannot grant its scopes.
    pub system: bool,
    pub scopes: Vec<ScopeView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScopeView {
    pub value: String,
    pub description: String,
    /// Roles that grant it, by name.
    pub granted_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoleSummary {
    pub id: String,
    pub name: String,
    pub description: String,
    pub permissions: Vec<PermissionView>,
    #[ts(type = "number")]
    pub member_count: u64,
}

/// A permission: a scope of an API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PermissionView {
    /// The API's identifier.
    pub api: String,
    pub api_name: String,
    pub name: String,
    /// False when the API no longer defines the scope.
    pub defined: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindingView {
    /// `role_without_members`, `role_without_permissions`,
    /// `direct_permission`, `undefined_permission`, `ungranted_scopes`.
    pub kind: String,
    /// A sentence for the kind.
    pub title: String,
    pub subject: String,
    pub items: Vec<String>,
}

/// A page of a role's members, from the loaded snapshot.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembersRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub role_id: String,
    /// Case-insensitive part of the user ID, e-mail or name.
    #[serde(default)]
    pub filter: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberPage {
    pub role_id: String,
    /// Members matching the filter, all of them.
    pub total: u32,
    pub offset: u32,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub user_id: String,
    pub email: Option<String>,
    pub name: Option<String>,
}

/// A user search (Auth0's Lucene syntax, or a plain e-mail or name).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserSearchRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub query: String,
    #[serde(default)]
    pub page: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsersPage {
    pub users: Vec<UserSummary>,
    /// Users matching, all of them; null when Auth0's answer gave no total.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    pub page: u32,
    pub per_page: u32,
    /// More match than a search can page through (1,000): use an export.
    pub capped: bool,
}

/// An Auth0 user's facts that the user screens and the audit both show.
/// Each view flattens them into its own (the JSON and TypeScript hold the
/// fields, not this name).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserFacts {
    pub user_id: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
    /// The primary identity's connection.
    pub connection: Option<String>,
    pub last_login: Option<String>,
    #[ts(type = "number | null")]
    pub logins_count: Option<u64>,
}

/// A user as the Management API answers it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    #[serde(flatten)]
    pub facts: UserFacts,
    /// Other identities linked into this user (`provider|id`).
    pub linked: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub user_id: String,
}

/// A user's roles and effective permissions, each with its sources.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserRbac {
    pub user: UserSummary,
    pub roles: Vec<RoleRef>,
    pub permissions: Vec<EffectiveView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoleRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveView {
    pub permission: PermissionView,
    pub sources: Vec<SourceView>,
}

/// Where a permission comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SourceView {
    Direct,
    Role { id: String, name: String },
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExplainRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub user_id: String,
    pub permission: String,
    /// The API's identifier; default: every API that defines the permission.
    #[serde(default)]
    pub api: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExplainView {
    pub user: UserSummary,
    pub permission: String,
    /// One answer per API concerned.
    pub answers: Vec<ExplainAnswer>,
    /// The user has the permission (on some API, where it is defined).
    pub granted: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExplainAnswer {
    pub api: String,
    pub api_name: Option<String>,
    pub granted: bool,
    /// Every path by which the user has it (empty when not granted).
    pub paths: Vec<SourceView>,
    /// Why (not): a sentence.
    pub reason: String,
    /// When not granted because the user lacks a role: the roles that grant it.
    pub roles_that_grant: Vec<RoleRef>,
}

/// A token to check against what its user is granted now.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TokenCheckRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub token: TokenToCheck,
}

#[derive(Debug, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TokenToCheck {
    /// A pasted access token (it stays on this machine).
    Pasted {
        #[ts(type = "string")]
        token: Secret,
    },
    /// The signed-in session's access token.
    Session,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TokenCheckView {
    /// The token's API (`aud`), and its user (`sub`).
    pub api: String,
    pub subject: String,
    pub user: Option<UserSummary>,
    /// The signature verified against the tenant's keys.
    pub verified: bool,
    /// One line: matches, stale, or missing permissions.
    pub verdict: String,
    /// `permissions` or `scope`.
    pub from_claim: String,
    pub matching: Vec<String>,
    /// Granted since the token was issued.
    pub missing: Vec<String>,
    /// Revoked since the token was issued; the token still carries them.
    pub extra: Vec<String>,
    #[ts(type = "number | null")]
    pub expires_in: Option<i64>,
    pub stale: bool,
    pub matches: bool,
}

/// Two snapshots to compare.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffRequest {
    pub a: SnapshotSource,
    pub b: SnapshotSource,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SnapshotSource {
    /// A snapshot document saved earlier (`idlens rbac snapshot --out`).
    File { path: String },
    /// A profile's tenant as it is now (fetched, members included).
    Profile { name: String },
}

/// Two snapshots compared: the engine's diff, with what was compared.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffView {
    /// What was compared: file names or profile names, with their tenants.
    pub a: String,
    pub b: String,
    pub identical: bool,
    #[serde(flatten)]
    pub changes: SnapshotDiff,
    /// How members were matched: `user_id` (one tenant) or `email` (two).
    pub members_matched_by: MemberKey,
}

/// A role's members (those the filter matches) to save as a file.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembersExport {
    #[serde(default)]
    pub profile: Option<String>,
    pub role_id: String,
    #[serde(default)]
    pub filter: Option<String>,
    pub format: crate::types::ExportFormat,
}

/// A snapshot document in the export folder, to compare.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotFile {
    pub path: String,
    pub file_name: String,
    /// From the document; empty when it could not be read (see `problem`).
    pub tenant: String,
    pub taken_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Why it cannot be compared (not a snapshot, unreadable).
    pub problem: Option<String>,
}
