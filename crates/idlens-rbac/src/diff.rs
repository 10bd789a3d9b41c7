//! Two snapshots compared: the same tenant on two days, or two tenants
//! (staging and production). APIs are matched by identifier, roles by name
//! (their IDs differ between tenants), and members by user ID within one
//! tenant or by e-mail across two (user IDs differ between tenants too).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{ApiDef, Member, RoleDef, Snapshot};

/// How members are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MemberKey {
    UserId,
    /// Lower-cased e-mail, else the user ID (two tenants).
    Email,
}

impl MemberKey {
    /// By user ID within one tenant, by e-mail across two.
    pub fn between(a: &Snapshot, b: &Snapshot) -> MemberKey {
        if a.tenant == b.tenant {
            MemberKey::UserId
        } else {
            MemberKey::Email
        }
    }
}

// The diff's types are also the boundary's (`rbac_diff`'s `DiffView`): its
// JSON is camelCase, as the UI and `idlens rbac diff --json` read it.

/// What changed from `a` to `b`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SnapshotDiff {
    pub apis_added: Vec<String>,
    pub apis_removed: Vec<String>,
    pub apis_changed: Vec<ApiChange>,
    pub roles_added: Vec<String>,
    pub roles_removed: Vec<String>,
    pub roles_changed: Vec<RoleChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ApiChange {
    /// The API's identifier.
    pub api: String,
    pub scopes_added: Vec<String>,
    pub scopes_removed: Vec<String>,
    /// The name before, when it changed.
    pub renamed_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RoleChange {
    pub role: String,
    /// `name (api)`.
    pub permissions_added: Vec<String>,
    pub permissions_removed: Vec<String>,
    pub members_added: Vec<String>,
    pub members_removed: Vec<String>,
    pub description_changed: bool,
}

impl SnapshotDiff {
    pub fn is_empty(&self) -> bool {
        *self == SnapshotDiff::default()
    }
}

/// Compares `a` with `b`.
pub fn diff(a: &Snapshot, b: &Snapshot) -> SnapshotDiff {
    let key = MemberKey::between(a, b);
    let apis_a: BTreeMap<&str, &ApiDef> =
        a.apis.iter().map(|x| (x.identifier.as_str(), x)).collect();
    let apis_b: BTreeMap<&str, &ApiDef> =
        b.apis.iter().map(|x| (x.identifier.as_str(), x)).collect();
    let roles_a: BTreeMap<&str, &RoleDef> = a.roles.iter().map(|x| (x.name.as_str(), x)).collect();
    let roles_b: BTreeMap<&str, &RoleDef> = b.roles.iter().map(|x| (x.name.as_str(), x)).collect();
    SnapshotDiff {
        apis_added: only_in(&apis_b, &apis_a),
        apis_removed: only_in(&apis_a, &apis_b),
        apis_changed: apis_a
            .iter()
            .filter_map(|(id, old)| apis_b.get(id).and_then(|new| api_change(old, new)))
            .collect(),
        roles_added: only_in(&roles_b, &roles_a),
        roles_removed: only_in(&roles_a, &roles_b),
        roles_changed: roles_a
            .iter()
            .filter_map(|(name, old)| roles_b.get(name).and_then(|new| role_change(old, new, key)))
            .collect(),
    }
}

fn only_in<T>(these: &BTreeMap<&str, T>, those: &BTreeMap<&str, T>) -> Vec<String> {
    these
        .keys()
        .filter(|k| !those.contains_key(*k))
        .map(|k| (*k).to_owned())
        .collect()
}

/// Items of `b` not in `a`, and of `a` not in `b`.
fn set_change(a: BTreeSet<String>, b: BTreeSet<String>) -> (Vec<String>, Vec<String>) {
    (
        b.difference(&a).cloned().collect(),
        a.difference(&b).cloned().collect(),
    )
}

fn api_change(old: &ApiDef, new: &ApiDef) -> Option<ApiChange> {
    let scopes = |api: &ApiDef| api.scopes.iter().map(|s| s.value.clone()).collect();
    let (scopes_added, scopes_removed) = set_change(scopes(old), scopes(new));
    let renamed_from = (old.name != new.name).then(|| old.name.clone());
    let changed = !scopes_added.is_empty() || !scopes_removed.is_empty() || renamed_from.is_some();
    changed.then(|| ApiChange {
        api: new.identifier.clone(),
        scopes_added,
        scopes_removed,
        renamed_from,
    })
}

fn role_change(old: &RoleDef, new: &RoleDef, key: MemberKey) -> Option<RoleChange> {
    let permissions = |role: &RoleDef| {
        role.permissions
            .iter()
            .map(|p| format!("{} ({})", p.name, p.api))
            .collect()
    };
    let members = |role: &RoleDef| role.members.iter().map(|m| member_key(m, key)).collect();
    let (permissions_added, permissions_removed) = set_change(permissions(old), permissions(new));
    let (members_added, members_removed) = set_change(members(old), members(new));
    let change = RoleChange {
        role: new.name.clone(),
        permissions_added,
        permissions_removed,
        members_added,
        members_removed,
        description_changed: old.description != new.description,
    };
    let changed = !change.permissions_added.is_empty()
        || !change.permissions_removed.is_empty()
        || !change.members_added.is_empty()
        || !change.members_removed.is_empty()
        || change.description_changed;
    changed.then_some(change)
}

fn member_key(member: &Member, key: MemberKey) -> String {
    match (key, &member.email) {
        (MemberKey::Email, Some(email)) => email.trim().to_lowercase(),
        _ => member.user_id.clone(),
    }
}
