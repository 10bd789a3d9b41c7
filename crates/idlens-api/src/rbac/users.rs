//! Users: search, one user's roles and effective permissions with their
//! sources, and why a user has a permission (or not).

use idlens_auth0::models::{PermissionSource, User, UserPermission};
use idlens_auth0::ManagementError;
use idlens_job::Job;
use idlens_rbac::{ApiDef, PermissionRef, RoleGrant, Snapshot, UserAccess};

use super::fetch::{self, Depth};
use super::{tokens, views, SEARCH_PAGE};
use crate::types::{
    EffectiveView, ExplainRequest, ExplainView, RoleRef, UserRbac, UserRequest, UserSearchRequest,
    UsersPage,
};
use crate::{Api, ApiError, ErrorCode};

impl Api {
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
        Ok(user_rbac(&user, &access, apis))
    }

    /// The user, their access (roles with what each grants, direct grants),
    /// and the tenant's APIs.
    pub(super) async fn user_access(
        &self,
        client: &tokens::Management,
        user_id: &str,
        job: &Job,
    ) -> Result<(User, UserAccess, Vec<ApiDef>), ApiError> {
        let user = client
            .user(user_id, job)
            .await
            .map_err(not_found_user(user_id))?;
        let (access, apis) = access_of(client, user_id, job).await?;
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
                .snapshot
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
}

/// A user's roles and effective permissions with their sources, as the
/// screens show them.
pub(crate) fn user_rbac(user: &User, access: &UserAccess, apis: Vec<ApiDef>) -> UserRbac {
    let snapshot = Snapshot::new("", "", apis, Vec::new(), None);
    let effective = idlens_rbac::effective(access, &snapshot.apis);
    UserRbac {
        user: views::user_summary(user),
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
    }
}

/// A user's access (roles with what each grants, direct grants) and the
/// tenant's APIs. Auth0's `sources` on a user's permissions give both;
/// when it leaves them out, each role's permissions are read.
pub(crate) async fn access_of(
    client: &tokens::Management,
    user_id: &str,
    job: &Job,
) -> Result<(UserAccess, Vec<ApiDef>), ManagementError> {
    let (roles, permissions, apis) = futures::try_join!(
        client.user_roles(user_id, job),
        client.user_permissions(user_id, job),
        client.resource_servers(job),
    )?;
    let sources_missing = permissions.iter().any(|p| p.sources.is_none());
    let mut grants = Vec::new();
    for role in roles {
        let granted = if sources_missing {
            let of_role = client.role_permissions(&role.id, job).await?;
            of_role
                .iter()
                .map(|p| PermissionRef::new(&p.api, &p.name))
                .collect()
        } else {
            from_source(
                &permissions,
                &PermissionSource::Role {
                    id: role.id.clone(),
                    name: role.name.clone(),
                },
            )
        };
        grants.push(RoleGrant {
            id: role.id,
            name: role.name,
            permissions: granted,
        });
    }
    let access = UserAccess {
        user_id: user_id.to_owned(),
        direct: direct_grants(&permissions, &grants),
        roles: grants,
    };
    Ok((access, apis.into_iter().map(fetch::api_def_of).collect()))
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

/// The permissions whose sources include `source` (matched by role ID).
fn from_source(permissions: &[UserPermission], source: &PermissionSource) -> Vec<PermissionRef> {
    let same = |s: &PermissionSource| match (s, source) {
        (PermissionSource::Role { id: a, .. }, PermissionSource::Role { id: b, .. }) => a == b,
        (a, b) => a == b,
    };
    permissions
        .iter()
        .filter(|p| p.sources.iter().flatten().any(same))
        .map(|p| PermissionRef::new(&p.permission.api, &p.permission.name))
        .collect()
}

/// The permissions given to the user directly: as Auth0's `sources` say, or,
/// when it leaves them out, those no role of the user grants.
fn direct_grants(permissions: &[UserPermission], roles: &[RoleGrant]) -> Vec<PermissionRef> {
    permissions
        .iter()
        .filter(|p| {
            let this = PermissionRef::new(&p.permission.api, &p.permission.name);
            match &p.sources {
                Some(sources) => sources.contains(&PermissionSource::Direct),
                None => !roles.iter().any(|r| r.permissions.contains(&this)),
            }
        })
        .map(|p| PermissionRef::new(&p.permission.api, &p.permission.name))
        .collect()
}
