//! Why a user has a permission on an API, by every path; or why not.

use serde::{Deserialize, Serialize};

use crate::effective::{effective, Source, UserAccess};
use crate::model::{PermissionRef, Snapshot};

/// The answer for one API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Explanation {
    Granted {
        permission: PermissionRef,
        /// Every way the user has it.
        paths: Vec<Path>,
        /// False when the API no longer defines the scope: assigned, but no
        /// token carries it.
        defined: bool,
    },
    NotGranted {
        permission: PermissionRef,
        reason: NotGranted,
    },
}

impl Explanation {
    pub fn granted(&self) -> bool {
        matches!(self, Explanation::Granted { defined: true, .. })
    }
}

/// One way a user has a permission.
pub type Path = Source;

/// Why a user does not have a permission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum NotGranted {
    /// No API has this identifier.
    NoSuchApi,
    /// The API does not define the scope (and nobody is given it).
    NotDefined,
    /// The API defines it, but no role grants it and nobody has it directly.
    AssignedToNobody,
    /// Roles grant it; the user has none of them.
    NoRoleOfTheUser { roles: Vec<RoleName> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleName {
    pub id: String,
    pub name: String,
}

/// Explains `permission` for `user`: on `api` when given, else on every API
/// that defines it or grants it to anyone (one answer each, or one saying no
/// API defines it).
pub fn explain(
    user: &UserAccess,
    snapshot: &Snapshot,
    permission: &str,
    api: Option<&str>,
) -> Vec<Explanation> {
    let apis: Vec<String> = match api {
        Some(api) => vec![api.to_owned()],
        None => candidate_apis(user, snapshot, permission),
    };
    if apis.is_empty() {
        return vec![Explanation::NotGranted {
            permission: PermissionRef::new("", permission),
            reason: NotGranted::NotDefined,
        }];
    }
    apis.iter()
        .map(|api| explain_on(user, snapshot, &PermissionRef::new(api, permission)))
        .collect()
}

/// The APIs a permission name concerns: those defining it, and those any
/// role or direct grant gives it on.
fn candidate_apis(user: &UserAccess, snapshot: &Snapshot, permission: &str) -> Vec<String> {
    let mut apis: Vec<String> = snapshot
        .apis
        .iter()
        .filter(|a| a.defines(permission))
        .map(|a| a.identifier.clone())
        .chain(
            snapshot
                .roles
                .iter()
                .flat_map(|r| &r.permissions)
                .chain(user.roles.iter().flat_map(|r| &r.permissions))
                .chain(&user.direct)
                .filter(|p| p.name == permission)
                .map(|p| p.api.clone()),
        )
        .collect();
    apis.sort();
    apis.dedup();
    apis
}

fn explain_on(user: &UserAccess, snapshot: &Snapshot, wanted: &PermissionRef) -> Explanation {
    if let Some(found) = effective(user, &snapshot.apis)
        .into_iter()
        .find(|e| &e.permission == wanted)
    {
        return Explanation::Granted {
            permission: found.permission,
            paths: found.sources,
            defined: found.defined,
        };
    }
    let reason = match snapshot.api(&wanted.api) {
        None => NotGranted::NoSuchApi,
        Some(api) => {
            let granting: Vec<RoleName> = snapshot
                .roles
                .iter()
                .filter(|r| r.permissions.contains(wanted))
                .map(|r| RoleName {
                    id: r.id.clone(),
                    name: r.name.clone(),
                })
                .collect();
            let given_directly = snapshot
                .users
                .iter()
                .flatten()
                .any(|u| u.direct.contains(wanted));
            if !granting.is_empty() {
                NotGranted::NoRoleOfTheUser { roles: granting }
            } else if !api.defines(&wanted.name) {
                NotGranted::NotDefined
            } else if given_directly {
                // Given directly to someone else: no role to add.
                NotGranted::NoRoleOfTheUser { roles: Vec::new() }
            } else {
                NotGranted::AssignedToNobody
            }
        }
    };
    Explanation::NotGranted {
        permission: wanted.clone(),
        reason,
    }
}
