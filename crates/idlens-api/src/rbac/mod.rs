//! Roles & permissions: a tenant's RBAC from the Management API, why a user
//! has a permission, whether a token still matches, what needs attention,
//! and what changed between two snapshots. The logic is `idlens-rbac`'s;
//! this module fetches (as jobs), keeps the last snapshot per profile for
//! paging, and shapes the answers.

mod diff;
mod fetch;
mod files;
mod lists;
mod token_check;
pub(crate) mod tokens;
pub mod types;
mod users;
pub(crate) mod views;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use idlens_job::Job;
use idlens_profile::Profile;
use idlens_rbac::{RoleDef, Snapshot};

pub use fetch::Depth;
pub use lists::RoleDetail;

use crate::types::{MemberPage, MemberView, MembersRequest, RbacOverview, SnapshotRequest};
use crate::{lock, Api, ApiError, ErrorCode};

/// Users per page of a search.
const SEARCH_PAGE: usize = 50;
/// The largest snapshot document read from a file.
const MAX_SNAPSHOT_FILE: usize = 256 * 1024 * 1024;

/// A snapshot as read, and the Management API requests it took.
struct Fetched {
    read: fetch::Read,
    requests: u64,
    rate_limited: u64,
}

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
        let fetched = self.fetch_snapshot(&profile, depth, &job).await?;
        let snapshot = fetched.read.snapshot;
        let overview = RbacOverview {
            profile: profile.name.to_string(),
            tenant: snapshot.tenant.clone(),
            taken_at: snapshot.taken_at.clone(),
            apis: views::apis(&snapshot),
            roles: views::roles(&snapshot),
            findings: views::findings(&idlens_rbac::findings(&snapshot)),
            users_checked: fetched.read.users_checked,
            requests: fetched.requests,
            rate_limited: fetched.rate_limited,
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
        Ok(self
            .fetch_snapshot(&profile, depth, job)
            .await?
            .read
            .snapshot)
    }

    async fn fetch_snapshot(
        &self,
        profile: &Profile,
        depth: Depth,
        job: &Job,
    ) -> Result<Fetched, ApiError> {
        let client = self.management(profile)?;
        let read = fetch::snapshot(&client, profile.issuer.as_str(), depth, job).await?;
        Ok(Fetched {
            read,
            requests: client.requests_sent(),
            rate_limited: client.rate_limited(),
        })
    }

    /// A page of a role's members from the last loaded snapshot.
    pub fn rbac_role_members(&self, request: MembersRequest) -> Result<MemberPage, ApiError> {
        let snapshot = self.loaded(request.profile.as_deref())?;
        let role = loaded_role(&snapshot, &request.role_id)?;
        let matching: Vec<&idlens_rbac::Member> =
            matching_members(role, request.filter.as_deref()).collect();
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
}

/// A role of the loaded snapshot.
fn loaded_role<'a>(snapshot: &'a Snapshot, role_id: &str) -> Result<&'a RoleDef, ApiError> {
    snapshot.role(role_id).ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            format!("The loaded roles have no role {role_id}: load them again."),
        )
    })
}

/// The role's members whose user ID, e-mail or name contains `filter` (any
/// case); all of them without one.
fn matching_members<'a>(
    role: &'a RoleDef,
    filter: Option<&str>,
) -> impl Iterator<Item = &'a idlens_rbac::Member> {
    let filter = filter.map(str::to_lowercase).filter(|f| !f.is_empty());
    role.members
        .iter()
        .filter(move |m| filter.as_ref().is_none_or(|f| member_matches(m, f)))
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
