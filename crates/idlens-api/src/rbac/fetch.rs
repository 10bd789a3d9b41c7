//! A tenant's whole RBAC read from the Management API into a snapshot, as
//! one job: APIs, roles, each role's permissions and members, and (when
//! asked) every user's direct grants.

use idlens_auth0::models::{PermissionSource, ResourceServer, Role};
use idlens_auth0::{AtCap, ManagementError, SEARCH_CAP};
use idlens_job::Job;
use idlens_rbac::{ApiDef, Member, PermissionRef, RoleDef, ScopeDef, Snapshot, UserGrants};

use super::tokens::Management;

/// What to read besides APIs, roles and their permissions.
#[derive(Debug, Clone, Copy)]
pub struct Depth {
    pub members: bool,
    pub users: bool,
}

/// A tenant's RBAC as read, and how many users were checked for direct
/// grants (the snapshot keeps only those that have some).
pub(crate) struct Read {
    pub snapshot: Snapshot,
    pub users_checked: u64,
}

/// Reads the tenant's RBAC. A failure anywhere fails it whole.
pub(crate) async fn snapshot(
    client: &Management,
    tenant: &str,
    depth: Depth,
    job: &Job,
) -> Result<Read, ManagementError> {
    job.phase("Reading the APIs", None);
    let apis = client.resource_servers(job).await?;
    job.phase("Reading the roles", None);
    let roles = client.roles(job).await?;
    job.phase("Reading each role's permissions", Some(roles.len() as u64));
    let mut defs = Vec::with_capacity(roles.len());
    for role in roles {
        let permissions = client.role_permissions(&role.id, job).await?;
        job.advance(1);
        defs.push(role_def(
            role,
            permissions
                .into_iter()
                .map(|p| PermissionRef::new(&p.api, &p.name))
                .collect(),
        ));
    }
    if depth.members {
        for role in &mut defs {
            job.phase(format!("Reading the members of role {}", role.name), None);
            let mut members = Vec::new();
            client
                .role_members(&role.id, job, |page| {
                    members.extend(page.into_iter().map(|m| Member {
                        user_id: m.user_id,
                        email: m.email,
                        name: m.name,
                    }))
                })
                .await?;
            role.members = members;
        }
    }
    let users = match depth.users {
        true => Some(direct_grants(client, job).await?),
        false => None,
    };
    job.flush();
    let taken_at = chrono_now();
    let users_checked = users.as_ref().map_or(0, |u| u.len() as u64);
    let snapshot = Snapshot::new(
        tenant,
        &taken_at,
        apis.into_iter().map(api_def_of).collect(),
        defs,
        users,
    );
    Ok(Read {
        snapshot,
        users_checked,
    })
}

/// Every user's (up to the first 1,000 a search returns) direct grants.
async fn direct_grants(client: &Management, job: &Job) -> Result<Vec<UserGrants>, ManagementError> {
    job.phase("Checking each user's permissions for direct grants", None);
    let mut grants = Vec::new();
    let mut listing = client.users_listing("", AtCap::Stop);
    while let Some(users) = listing.next_page(job).await? {
        job.set_total(listing.total().map(|t| t.min(SEARCH_CAP)));
        for user in &users {
            let permissions = client.user_permissions(&user.user_id, job).await?;
            let direct: Vec<PermissionRef> = permissions
                .iter()
                .filter(|p| {
                    p.sources
                        .as_ref()
                        .is_some_and(|s| s.contains(&PermissionSource::Direct))
                })
                .map(|p| PermissionRef::new(&p.permission.api, &p.permission.name))
                .collect();
            job.advance(1);
            grants.push(UserGrants {
                user_id: user.user_id.clone(),
                email: user.email.clone(),
                direct,
            });
        }
    }
    Ok(grants)
}

pub(crate) fn api_def_of(api: ResourceServer) -> ApiDef {
    ApiDef {
        identifier: api.identifier,
        name: api.name,
        system: api.is_system,
        scopes: api
            .scopes
            .into_iter()
            .map(|s| ScopeDef {
                value: s.value,
                description: s.description.unwrap_or_default(),
            })
            .collect(),
    }
}

/// A role as the snapshot holds it, its members not (yet) read.
pub(super) fn role_def(role: Role, permissions: Vec<PermissionRef>) -> RoleDef {
    RoleDef {
        id: role.id,
        name: role.name,
        description: role.description.unwrap_or_default(),
        permissions,
        members: Vec::new(),
    }
}

/// Now, as RFC 3339 UTC to the second.
fn chrono_now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
