//! A user's effective permissions, each with every source it comes from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{ApiDef, PermissionRef};

/// What is known of one user's access: their roles with what each grants,
/// and what they were granted directly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserAccess {
    pub user_id: String,
    pub roles: Vec<RoleGrant>,
    pub direct: Vec<PermissionRef>,
}

/// A role of a user, with the permissions it grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub id: String,
    pub name: String,
    pub permissions: Vec<PermissionRef>,
}

/// Where a permission comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Source {
    Direct,
    Role { id: String, name: String },
}

/// One permission a user has, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effective {
    pub permission: PermissionRef,
    /// Every source, direct first, then roles by name.
    pub sources: Vec<Source>,
    /// Whether the API still defines the scope: when it does not, tokens
    /// no longer carry it, whatever is assigned.
    pub defined: bool,
}

/// The user's permissions, sorted by API and name, each with its sources.
pub fn effective(user: &UserAccess, apis: &[ApiDef]) -> Vec<Effective> {
    let mut sources: BTreeMap<&PermissionRef, Vec<Source>> = BTreeMap::new();
    for permission in &user.direct {
        sources.entry(permission).or_default().push(Source::Direct);
    }
    for role in &user.roles {
        for permission in &role.permissions {
            sources.entry(permission).or_default().push(Source::Role {
                id: role.id.clone(),
                name: role.name.clone(),
            });
        }
    }
    sources
        .into_iter()
        .map(|(permission, mut sources)| {
            sources.sort_by(|a, b| source_order(a).cmp(&source_order(b)));
            sources.dedup();
            Effective {
                defined: apis
                    .iter()
                    .any(|a| a.identifier == permission.api && a.defines(&permission.name)),
                permission: permission.clone(),
                sources,
            }
        })
        .collect()
}

fn source_order(source: &Source) -> (u8, &str) {
    match source {
        Source::Direct => (0, ""),
        Source::Role { name, .. } => (1, name),
    }
}
