//! What an admin should look at in a tenant's RBAC.

use serde::{Deserialize, Serialize};

use crate::model::Snapshot;

/// One thing to look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// What it is about: a role, a user or an API (its name or ID).
    pub subject: String,
    /// The permissions or scopes concerned, when the kind has any.
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A role nobody has.
    RoleWithoutMembers,
    /// A role that grants nothing.
    RoleWithoutPermissions,
    /// A user given permissions directly, outside any role.
    DirectPermission,
    /// A role grants a scope its API no longer defines.
    UndefinedPermission,
    /// Scopes an API defines that no role grants.
    UngrantedScopes,
}

impl FindingKind {
    /// A sentence for the kind, for tables and the CLI.
    pub fn describe(self) -> &'static str {
        match self {
            FindingKind::RoleWithoutMembers => "Role with no users",
            FindingKind::RoleWithoutPermissions => "Role with no permissions",
            FindingKind::DirectPermission => "Permissions assigned directly to a user",
            FindingKind::UndefinedPermission => "Role grants scopes its API no longer defines",
            FindingKind::UngrantedScopes => "API scopes no role grants",
        }
    }
}

/// Every finding of `snapshot`, by kind then subject. Direct grants are
/// found only when the snapshot holds users' permissions.
pub fn findings(snapshot: &Snapshot) -> Vec<Finding> {
    let mut out = Vec::new();
    for role in &snapshot.roles {
        if role.members.is_empty() {
            out.push(finding(
                FindingKind::RoleWithoutMembers,
                &role.name,
                Vec::new(),
            ));
        }
        if role.permissions.is_empty() {
            out.push(finding(
                FindingKind::RoleWithoutPermissions,
                &role.name,
                Vec::new(),
            ));
        }
        let undefined: Vec<String> = role
            .permissions
            .iter()
            .filter(|p| !snapshot.api(&p.api).is_some_and(|api| api.defines(&p.name)))
            .map(|p| format!("{} ({})", p.name, p.api))
            .collect();
        if !undefined.is_empty() {
            out.push(finding(
                FindingKind::UndefinedPermission,
                &role.name,
                undefined,
            ));
        }
    }
    for user in snapshot
        .users
        .iter()
        .flatten()
        .filter(|u| !u.direct.is_empty())
    {
        let direct: Vec<String> = user
            .direct
            .iter()
            .map(|p| format!("{} ({})", p.name, p.api))
            .collect();
        out.push(finding(
            FindingKind::DirectPermission,
            &user.user_id,
            direct,
        ));
    }
    for api in snapshot
        .apis
        .iter()
        .filter(|a| !a.system && !a.scopes.is_empty())
    {
        let granted = |scope: &str| {
            snapshot
                .roles
                .iter()
                .flat_map(|r| &r.permissions)
                .any(|p| p.api == api.identifier && p.name == scope)
        };
        let ungranted: Vec<String> = api
            .scopes
            .iter()
            .filter(|s| !granted(&s.value))
            .map(|s| s.value.clone())
            .collect();
        if !ungranted.is_empty() {
            out.push(finding(FindingKind::UngrantedScopes, &api.name, ungranted));
        }
    }
    out.sort_by(|a, b| (a.kind, &a.subject).cmp(&(b.kind, &b.subject)));
    out
}

fn finding(kind: FindingKind, subject: &str, items: Vec<String>) -> Finding {
    Finding {
        kind,
        subject: subject.to_owned(),
        items,
    }
}
