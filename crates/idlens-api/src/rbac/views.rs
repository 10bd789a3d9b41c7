//! The RBAC crates' answers as the boundary shows them.

use idlens_auth0::models::User;
use idlens_rbac::{
    Explanation, Finding, MemberKey, NotGranted, PermissionRef, Snapshot, SnapshotDiff, Source,
};

use crate::types::{
    ApiView, DiffView, ExplainAnswer, FindingView, PermissionView, RoleRef, RoleSummary, ScopeView,
    SourceView, UserFacts, UserSummary,
};

pub(crate) fn user_summary(user: &User) -> UserSummary {
    UserSummary {
        facts: UserFacts {
            user_id: user.user_id.clone(),
            email: user.email.clone(),
            email_verified: user.email_verified,
            name: user.name.clone(),
            connection: user.identities.first().map(|i| i.connection.clone()),
            last_login: user.last_login.clone(),
            logins_count: user.logins_count,
        },
        linked: user
            .identities
            .iter()
            .skip(1)
            .map(|i| i.full_id())
            .collect(),
    }
}

pub(crate) fn permission_view(snapshot: &Snapshot, permission: &PermissionRef) -> PermissionView {
    let api = snapshot.api(&permission.api);
    PermissionView {
        api: permission.api.clone(),
        api_name: api
            .map(|a| a.name.clone())
            .unwrap_or_else(|| permission.api.clone()),
        name: permission.name.clone(),
        defined: api.is_some_and(|a| a.defines(&permission.name)),
    }
}

pub(crate) fn source_view(source: &Source) -> SourceView {
    match source {
        Source::Direct => SourceView::Direct,
        Source::Role { id, name } => SourceView::Role {
            id: id.clone(),
            name: name.clone(),
        },
    }
}

pub(crate) fn apis(snapshot: &Snapshot) -> Vec<ApiView> {
    snapshot
        .apis
        .iter()
        .map(|api| ApiView {
            identifier: api.identifier.clone(),
            name: api.name.clone(),
            system: api.system,
            scopes: api
                .scopes
                .iter()
                .map(|scope| ScopeView {
                    value: scope.value.clone(),
                    description: scope.description.clone(),
                    granted_by: snapshot
                        .roles
                        .iter()
                        .filter(|r| {
                            r.permissions
                                .iter()
                                .any(|p| p.api == api.identifier && p.name == scope.value)
                        })
                        .map(|r| r.name.clone())
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

pub(crate) fn roles(snapshot: &Snapshot) -> Vec<RoleSummary> {
    snapshot
        .roles
        .iter()
        .map(|role| RoleSummary {
            id: role.id.clone(),
            name: role.name.clone(),
            description: role.description.clone(),
            permissions: role
                .permissions
                .iter()
                .map(|p| permission_view(snapshot, p))
                .collect(),
            member_count: role.members.len() as u64,
        })
        .collect()
}

pub(crate) fn findings(found: &[Finding]) -> Vec<FindingView> {
    found
        .iter()
        .map(|f| FindingView {
            kind: serde_json::to_value(f.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            title: f.kind.describe().to_owned(),
            subject: f.subject.clone(),
            items: f.items.clone(),
        })
        .collect()
}

pub(crate) fn explain_answer(snapshot: &Snapshot, explanation: &Explanation) -> ExplainAnswer {
    let api_name = |api: &str| snapshot.api(api).map(|a| a.name.clone());
    match explanation {
        Explanation::Granted {
            permission,
            paths,
            defined,
        } => ExplainAnswer {
            api: permission.api.clone(),
            api_name: api_name(&permission.api),
            granted: *defined,
            paths: paths.iter().map(source_view).collect(),
            reason: if *defined {
                format!("Granted {}.", describe_paths(paths))
            } else {
                format!(
                    "Assigned {}, but the API no longer defines {}, so no token carries it: remove it from the role or define the scope again.",
                    describe_paths(paths),
                    permission.name
                )
            },
            roles_that_grant: Vec::new(),
        },
        Explanation::NotGranted { permission, reason } => {
            let (text, roles) = not_granted(permission, reason);
            ExplainAnswer {
                api: permission.api.clone(),
                api_name: api_name(&permission.api),
                granted: false,
                paths: Vec::new(),
                reason: text,
                roles_that_grant: roles,
            }
        }
    }
}

fn describe_paths(paths: &[Source]) -> String {
    let parts: Vec<String> = paths
        .iter()
        .map(|p| match p {
            Source::Direct => "directly".to_owned(),
            Source::Role { name, .. } => format!("through role {name}"),
        })
        .collect();
    parts.join(" and ")
}

fn not_granted(permission: &PermissionRef, reason: &NotGranted) -> (String, Vec<RoleRef>) {
    match reason {
        NotGranted::NoSuchApi if permission.api.is_empty() => (
            format!("No API defines {}, and no role grants it.", permission.name),
            Vec::new(),
        ),
        NotGranted::NoSuchApi => (
            format!(
                "The tenant has no API with the identifier {}.",
                permission.api
            ),
            Vec::new(),
        ),
        NotGranted::NotDefined if permission.api.is_empty() => (
            format!("No API defines {}, and no role grants it.", permission.name),
            Vec::new(),
        ),
        NotGranted::NotDefined => (
            format!("The API does not define {}.", permission.name),
            Vec::new(),
        ),
        NotGranted::AssignedToNobody => (
            format!(
                "The API defines {}, but no role grants it and no user has it directly.",
                permission.name
            ),
            Vec::new(),
        ),
        NotGranted::NoRoleOfTheUser { roles } if roles.is_empty() => (
            format!(
                "No role grants {}; only other users have it, directly.",
                permission.name
            ),
            Vec::new(),
        ),
        NotGranted::NoRoleOfTheUser { roles } => {
            let names: Vec<&str> = roles.iter().map(|r| r.name.as_str()).collect();
            (
                format!(
                    "None of the user's roles grants it. Roles that do: {}.",
                    names.join(", ")
                ),
                roles
                    .iter()
                    .map(|r| RoleRef {
                        id: r.id.clone(),
                        name: r.name.clone(),
                    })
                    .collect(),
            )
        }
    }
}

pub(crate) fn diff(a: String, b: String, changes: SnapshotDiff, key: MemberKey) -> DiffView {
    DiffView {
        a,
        b,
        identical: changes.is_empty(),
        changes,
        members_matched_by: key,
    }
}
