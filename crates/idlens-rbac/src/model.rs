//! The snapshot: what a tenant's RBAC is, as one JSON document. Lists are
//! sorted (APIs by identifier, roles by name, permissions and members by
//! their keys) so two snapshots of the same tenant are the same text.

use serde::{Deserialize, Serialize};

/// The `format` of a snapshot document this version reads and writes.
pub const SNAPSHOT_FORMAT: &str = "idlens-rbac-snapshot/1";

/// A tenant's RBAC at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: String,
    /// The tenant's issuer (or domain).
    pub tenant: String,
    /// When it was taken (RFC 3339, UTC).
    pub taken_at: String,
    pub apis: Vec<ApiDef>,
    pub roles: Vec<RoleDef>,
    /// Users with permissions granted directly, when the snapshot fetched
    /// every user's permissions; `None` when it did not look.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<UserGrants>>,
}

/// An API (resource server) and the scopes it defines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiDef {
    pub identifier: String,
    pub name: String,
    /// Auth0's own APIs (the Management API): roles cannot grant their scopes.
    #[serde(default)]
    pub system: bool,
    pub scopes: Vec<ScopeDef>,
}

impl ApiDef {
    pub fn defines(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s.value == scope)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeDef {
    pub value: String,
    #[serde(default)]
    pub description: String,
}

/// A permission: scope `name` of the API `api` (its identifier).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PermissionRef {
    pub api: String,
    pub name: String,
}

impl PermissionRef {
    pub fn new(api: &str, name: &str) -> Self {
        Self {
            api: api.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// A role, what it grants and who has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDef {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub permissions: Vec<PermissionRef>,
    pub members: Vec<Member>,
}

/// A member of a role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Member {
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A user's direct grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserGrants {
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub direct: Vec<PermissionRef>,
}

impl Snapshot {
    /// A snapshot of `apis` and `roles`, put in the canonical order.
    pub fn new(
        tenant: &str,
        taken_at: &str,
        mut apis: Vec<ApiDef>,
        mut roles: Vec<RoleDef>,
        mut users: Option<Vec<UserGrants>>,
    ) -> Self {
        apis.sort_by(|a, b| a.identifier.cmp(&b.identifier));
        for api in &mut apis {
            api.scopes.sort_by(|a, b| a.value.cmp(&b.value));
        }
        roles.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        for role in &mut roles {
            role.permissions.sort();
            role.members.sort();
        }
        if let Some(users) = &mut users {
            users.retain(|u| !u.direct.is_empty());
            users.sort_by(|a, b| a.user_id.cmp(&b.user_id));
            for user in users.iter_mut() {
                user.direct.sort();
            }
        }
        Self {
            format: SNAPSHOT_FORMAT.to_owned(),
            tenant: tenant.to_owned(),
            taken_at: taken_at.to_owned(),
            apis,
            roles,
            users,
        }
    }

    pub fn api(&self, identifier: &str) -> Option<&ApiDef> {
        self.apis.iter().find(|a| a.identifier == identifier)
    }

    pub fn role(&self, id: &str) -> Option<&RoleDef> {
        self.roles.iter().find(|r| r.id == id)
    }
}
