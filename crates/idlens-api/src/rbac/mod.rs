//! Roles & permissions: a tenant's RBAC from the Management API, why a user
//! has a permission, whether a token still matches, what needs attention,
//! and what changed between two snapshots. The logic is `idlens-rbac`'s;
//! this module fetches (as jobs), keeps the last snapshot per profile for
//! paging, and shapes the answers.

mod fetch;
mod lists;
mod token_check;
mod tokens;
pub mod types;
mod views;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use idlens_auth0::ManagementError;
use idlens_job::Job;
use idlens_profile::Profile;
use idlens_rbac::{RoleGrant, Snapshot, UserAccess};

pub use fetch::Depth;
pub use lists::RoleDetail;

use crate::types::{
    DiffRequest, DiffView, EffectiveView, ExplainRequest, ExplainView, MemberPage, MemberView,
    MembersRequest, RbacOverview, RoleRef, SnapshotRequest, SnapshotSource, UserRbac, UserRequest,
    UserSearchRequest, UsersPage,
};
use crate::{Api, ApiError, ErrorCode};

/// Users per page of a search.
const SEARCH_PAGE: usize = 50;
/// The largest snapshot document read from a file.
const MAX_SNAPSHOT_FILE: usize = 256 * 1024 * 1024;

/// The last snapshot loaded per profile: the screen pages its members from here.
#[derive(Default)]
pub(crate) struct Loaded {
    by_profile: Mutex<HashMap<String, Arc<Snapshot>>>,
}

impl Api {
    /// Loads a tenant's RBAC (APIs, roles, permissions, members; direct
    /// grants when asked) as a job, keeps it for paging, and returns it with
    /// its findings. Members stay here: page them with `rbac_role_members`.
    pub async fn rbac_snapshot(
        &self,
        request: SnapshotRequest,
        job: Job,
    ) -> Result<RbacOverview, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let depth = Depth {
            members: true,
            users: request.include_users,
        };
        let (snapshot, requests, rate_limited) = self.fetch_snapshot(&profile, depth, &job).await?;
        let overview = RbacOverview {
            profile: profile.name.to_string(),
            tenant: snapshot.tenant.clone(),
            taken_at: snapshot.taken_at.clone(),
            apis: views::apis(&snapshot),
            roles: views::roles(&snapshot),
            findings: views::findings(&idlens_rbac::findings(&snapshot)),
            users_checked: snapshot.users.as_ref().map_or(0, |u| u.len() as u64),
            requests,
            rate_limited,
        };
        lock(&self.rbac.by_profile).insert(profile.name.to_string(), Arc::new(snapshot));
        Ok(overview)
    }

    /// The snapshot document of a profile's tenant (`idlens rbac snapshot`).
    pub async fn rbac_snapshot_document(
        &self,
        profile: Option<String>,
        depth: Depth,
        job: &Job,
    ) -> Result<Snapshot, ApiError> {
        let profile = self.load_profile(profile).await?;
        Ok(self.fetch_snapshot(&profile, depth, job).await?.0)
    }

    async fn fetch_snapshot(
        &self,
        profile: &Profile,
        depth: Depth,
        job: &Job,
    ) -> Result<(Snapshot, u64, u64), ApiError> {
        let client = self.management(profile)?;
        let snapshot = fetch::snapshot(&client, profile.issuer.as_str(), depth, job).await?;
        Ok((snapshot, client.requests_sent(), client.rate_limited()))
    }

    /// A page of a role's members from the last loaded snapshot.
    pub fn rbac_role_members(&self, request: MembersRequest) -> Result<MemberPage, ApiError> {
        let snapshot = self.loaded(request.profile.as_deref())?;
        let role = snapshot.role(&request.role_id).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "The loaded roles have no role {}: load them again.",
                    request.role_id
                ),
            )
        })?;
        let filter = request
            .filter
            .as_deref()
            .map(str::to_lowercase)
            .filter(|f| !f.is_empty());
        let matching: Vec<&idlens_rbac::Member> = role
            .members
            .iter()
            .filter(|m| filter.as_ref().is_none_or(|f| member_matches(m, f)))
            .collect();
        let start = (request.offset as usize).min(matching.len());
        let end = (start + request.limit.min(500) as usize).min(matching.len());
        Ok(MemberPage {
            role_id: role.id.clone(),
            total: matching.len() as u32,
            offset: start as u32,
            members: matching[start..end]
                .iter()
                .map(|m| MemberView {
                    user_id: m.user_id.clone(),
                    email: m.email.clone(),
                    name: m.name.clone(),
                })
                .collect(),
        })
    }

    fn loaded(&self, profile: Option<&str>) -> Result<Arc<Snapshot>, ApiError> {
        let name = self.store.load()?.resolve(profile)?.name.to_string();
        lock(&self.rbac.by_profile).get(&name).cloned().ok_or_else(|| {
            ApiError::new(ErrorCode::NotFound, "The tenant's roles are not loaded yet: load them first (Roles & permissions, or `idlens rbac snapshot`).")
        })
    }

    /// One page of a user search. Plain words search names and e-mails;
    /// anything with a `:` is Auth0's Lucene syntax.
    pub async fn users_search(&self, request: UserSearchRequest) -> Result<UsersPage, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let client = self.management(&profile)?;
        let query = lucene(&request.query);
        let page = client
            .search_users(
                &query,
                u64::from(request.page),
                SEARCH_PAGE,
                &Job::unwatched(),
            )
            .await?;
        Ok(UsersPage {
            capped: page.capped(),
            total: page.total,
            page: request.page,
            per_page: SEARCH_PAGE as u32,
            users: page.users.iter().map(views::user_summary).collect(),
        })
    }

    /// A user's roles and effective permissions, each with its sources.
    pub async fn rbac_user(&self, request: UserRequest) -> Result<UserRbac, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let client = self.management(&profile)?;
        let job = Job::unwatched();
        let (user, access, apis) = self.user_access(&client, &request.user_id, &job).await?;
        let snapshot = Snapshot::new("", "", apis, Vec::new(), None);
        let effective = idlens_rbac::effective(&access, &snapshot.apis);
        Ok(UserRbac {
            user: views::user_summary(&user),
            roles: access
                .roles
                .iter()
                .map(|r| RoleRef {
                    id: r.id.clone(),
                    name: r.name.clone(),
                })
                .collect(),
            permissions: effective
                .iter()
                .map(|e| EffectiveView {
                    permission: views::permission_view(&snapshot, &e.permission),
                    sources: e.sources.iter().map(views::source_view).collect(),
                })
                .collect(),
        })
    }

    /// The user, their access (roles with what each grants, direct grants),
    /// and the tenant's APIs. Auth0's `sources` on a user's permissions give
    /// both; when it leaves them out, each role's permissions are read.
    async fn user_access(
        &self,
        client: &tokens::Management,
        user_id: &str,
        job: &Job,
    ) -> Result<
        (
            idlens_auth0::models::User,
            UserAccess,
            Vec<idlens_rbac::ApiDef>,
        ),
        ApiError,
    > {
        let user = client
            .user(user_id, job)
            .await
            .map_err(not_found_user(user_id))?;
        let roles = client.user_roles(user_id, job).await?;
        let permissions = client.user_permissions(user_id, job).await?;
        let apis = client.resource_servers(job).await?;
        let mut access = UserAccess {
            user_id: user_id.to_owned(),
            roles: Vec::new(),
            direct: Vec::new(),
        };
        let sources_missing = permissions.iter().any(|p| p.sources.is_none());
        for role in roles {
            let granted = if sources_missing {
                client
                    .role_permissions(&role.id, job)
                    .await?
                    .iter()
                    .map(|p| idlens_rbac::PermissionRef::new(&p.api, &p.name))
                    .collect()
            } else {
                permissions
                    .iter()
                    .filter(|p| p.sources.iter().flatten().any(|s| matches!(s, idlens_auth0::models::PermissionSource::Role { id, .. } if *id == role.id)))
                    .map(|p| idlens_rbac::PermissionRef::new(&p.permission.api, &p.permission.name))
                    .collect()
            };
            access.roles.push(RoleGrant {
                id: role.id,
                name: role.name,
                permissions: granted,
            });
        }
        let from_roles: Vec<idlens_rbac::PermissionRef> = access
            .roles
            .iter()
            .flat_map(|r| r.permissions.clone())
            .collect();
        access.direct = permissions
            .iter()
            .filter(|p| match &p.sources {
                Some(sources) => sources.contains(&idlens_auth0::models::PermissionSource::Direct),
                None => !from_roles.contains(&idlens_rbac::PermissionRef::new(
                    &p.permission.api,
                    &p.permission.name,
                )),
            })
            .map(|p| idlens_rbac::PermissionRef::new(&p.permission.api, &p.permission.name))
            .collect();
        let apis = apis.into_iter().map(fetch::api_def_of).collect();
        Ok((user, access, apis))
    }

    /// Why a user has a permission, by every path; or why not.
    pub async fn rbac_explain(&self, request: ExplainRequest) -> Result<ExplainView, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let client = self.management(&profile)?;
        let job = Job::unwatched();
        let (user, access, apis) = self.user_access(&client, &request.user_id, &job).await?;
        // The roles' permissions (not their members) say which roles would grant it.
        let snapshot = match self.loaded(Some(profile.name.as_str())) {
            Ok(loaded) => Snapshot::new(
                &loaded.tenant,
                &loaded.taken_at,
                apis,
                loaded.roles.clone(),
                loaded.users.clone(),
            ),
            Err(_) => {
                fetch::snapshot(
                    &client,
                    profile.issuer.as_str(),
                    Depth {
                        members: false,
                        users: false,
                    },
                    &job,
                )
                .await?
            }
        };
        let permission = request.permission.trim().to_owned();
        let api = request
            .api
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        let answers: Vec<_> = idlens_rbac::explain(&access, &snapshot, &permission, api)
            .iter()
            .map(|e| views::explain_answer(&snapshot, e))
            .collect();
        Ok(ExplainView {
            user: views::user_summary(&user),
            granted: answers.iter().any(|a| a.granted),
            permission,
            answers,
        })
    }

    /// Two snapshots compared (files or profiles' tenants as they are now).
    pub async fn rbac_diff(&self, request: DiffRequest, job: Job) -> Result<DiffView, ApiError> {
        let (a_label, a) = self.snapshot_from(request.a, &job).await?;
        let (b_label, b) = self.snapshot_from(request.b, &job).await?;
        let by_email = a.tenant != b.tenant;
        Ok(views::diff(
            a_label,
            b_label,
            idlens_rbac::diff(&a, &b),
            by_email,
        ))
    }

    async fn snapshot_from(
        &self,
        source: SnapshotSource,
        job: &Job,
    ) -> Result<(String, Snapshot), ApiError> {
        match source {
            SnapshotSource::Profile { name } => {
                let profile = self.load_profile(Some(name.clone())).await?;
                let depth = Depth {
                    members: true,
                    users: false,
                };
                let (snapshot, _, _) = self.fetch_snapshot(&profile, depth, job).await?;
                Ok((format!("profile {name} ({})", snapshot.tenant), snapshot))
            }
            SnapshotSource::File { path } => {
                let label = path.clone();
                let snapshot = tokio::task::spawn_blocking(move || read_snapshot(&path))
                    .await
                    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
                Ok((
                    format!("{label} ({}, {})", snapshot.tenant, snapshot.taken_at),
                    snapshot,
                ))
            }
        }
    }
}

/// A snapshot document from a file, checked to be one.
fn read_snapshot(path: &str) -> Result<Snapshot, ApiError> {
    let text =
        idlens_bounded::read_file(std::path::Path::new(path), MAX_SNAPSHOT_FILE).map_err(|e| {
            let code = match e {
                idlens_bounded::ReadError::Io(_) => ErrorCode::Io,
                _ => ErrorCode::InvalidInput,
            };
            ApiError::new(code, format!("Could not read the snapshot {path}: {e}."))
        })?;
    let snapshot: Snapshot = serde_json::from_str(&text).map_err(|e| {
        ApiError::new(ErrorCode::InvalidInput, format!("{path} is not an IdLens RBAC snapshot ({e}). Make one with `idlens rbac snapshot --out FILE`."))
    })?;
    if snapshot.format != idlens_rbac::SNAPSHOT_FORMAT {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{path} is a snapshot of format {:?}; this IdLens reads {:?}.",
                snapshot.format,
                idlens_rbac::SNAPSHOT_FORMAT
            ),
        ));
    }
    Ok(snapshot)
}

/// Plain words are a name or e-mail prefix; a query with `:` is Lucene as given.
fn lucene(query: &str) -> String {
    let query = query.trim();
    if query.is_empty() || query.contains(':') {
        return query.to_owned();
    }
    let word = query.replace('"', "");
    if word.contains('@') {
        format!("email:\"{word}\"")
    } else {
        format!("{word}*")
    }
}

fn member_matches(member: &idlens_rbac::Member, filter: &str) -> bool {
    member.user_id.to_lowercase().contains(filter)
        || member
            .email
            .as_deref()
            .is_some_and(|e| e.to_lowercase().contains(filter))
        || member
            .name
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains(filter))
}

fn not_found_user(user_id: &str) -> impl Fn(ManagementError) -> ApiError + '_ {
    move |e| {
        if e.is_not_found() {
            ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "The tenant has no user {user_id:?}: search for the user and copy the user ID."
                ),
            )
        } else {
            e.into()
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
