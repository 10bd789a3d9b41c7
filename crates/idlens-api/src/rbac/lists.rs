//! Listings for the command line: roles, one role with every member, APIs,
//! findings; each read fresh from the tenant as a job.

use idlens_job::Job;

use super::{fetch, views, Depth};
use crate::types::{ApiView, FindingView, MemberView, RoleSummary};
use crate::{Api, ApiError, ErrorCode};

/// A role with every member.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RoleDetail {
    pub role: RoleSummary,
    pub members: Vec<MemberView>,
}

impl Api {
    /// Every role with its permissions and how many members it has (the
    /// members are read to count them: Auth0 gives no count).
    pub async fn rbac_roles_list(
        &self,
        profile: Option<String>,
        job: &Job,
    ) -> Result<Vec<RoleSummary>, ApiError> {
        let depth = Depth {
            members: true,
            users: false,
        };
        let snapshot = self.rbac_snapshot_document(profile, depth, job).await?;
        Ok(views::roles(&snapshot))
    }

    /// Every API with its scopes and the roles that grant each.
    pub async fn rbac_apis_list(
        &self,
        profile: Option<String>,
        job: &Job,
    ) -> Result<Vec<ApiView>, ApiError> {
        let depth = Depth {
            members: false,
            users: false,
        };
        let snapshot = self.rbac_snapshot_document(profile, depth, job).await?;
        Ok(views::apis(&snapshot))
    }

    /// The tenant's findings (direct grants only when `with_users`).
    pub async fn rbac_findings(
        &self,
        profile: Option<String>,
        with_users: bool,
        job: &Job,
    ) -> Result<Vec<FindingView>, ApiError> {
        let depth = Depth {
            members: true,
            users: with_users,
        };
        let snapshot = self.rbac_snapshot_document(profile, depth, job).await?;
        Ok(views::findings(&idlens_rbac::findings(&snapshot)))
    }

    /// One role, named by its name or ID, with its permissions and every
    /// member (by checkpoint, past 1,000).
    pub async fn rbac_role_detail(
        &self,
        profile: Option<String>,
        role: &str,
        job: &Job,
    ) -> Result<RoleDetail, ApiError> {
        let profile = self.load_profile(profile).await?;
        let client = self.management(&profile)?;
        job.phase("Reading the roles", None);
        let roles = client.roles(job).await?;
        let found = roles
            .iter()
            .find(|r| r.id == role)
            .or_else(|| roles.iter().find(|r| r.name.eq_ignore_ascii_case(role)))
            .ok_or_else(|| {
                let names: Vec<&str> = roles.iter().map(|r| r.name.as_str()).collect();
                ApiError::new(
                    ErrorCode::NotFound,
                    format!(
                        "The tenant has no role {role:?}. Its roles: {}.",
                        names.join(", ")
                    ),
                )
            })?
            .clone();
        job.phase(format!("Reading the members of role {}", found.name), None);
        let mut members = Vec::new();
        client
            .role_members(&found.id, job, |page| {
                members.extend(page.into_iter().map(|m| MemberView {
                    user_id: m.user_id,
                    email: m.email,
                    name: m.name,
                }))
            })
            .await?;
        let permissions = client.role_permissions(&found.id, job).await?;
        let apis = client.resource_servers(job).await?;
        job.flush();
        let snapshot = idlens_rbac::Snapshot::new(
            profile.issuer.as_str(),
            "",
            apis.into_iter().map(fetch::api_def_of).collect(),
            vec![fetch::role_def(
                found,
                permissions
                    .iter()
                    .map(|p| idlens_rbac::PermissionRef::new(&p.api, &p.name))
                    .collect(),
            )],
            None,
        );
        let mut role = views::roles(&snapshot).remove(0);
        role.member_count = members.len() as u64;
        Ok(RoleDetail { role, members })
    }
}
