//! `GET /api/v2/roles` and a role's members (offset paging up to 1,000
//! members, checkpoint paging for all of them); one role and its
//! permissions are read by [`super::by_id`].

use axum::extract::{Path, Query as Params_, State as Extract};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use super::by_id::{find, ById};
use super::paging::{checkpoint, Offset};
use super::{authorize, read_tenant, MgmtError};
use crate::authn::{Params, Shared};
use crate::tenant::{Permission, Role, Tenant};

/// Offset paging of a role's members stops here; checkpoints go on.
const MEMBERS_OFFSET_CAP: usize = 1000;

pub(crate) async fn list(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Params_(params): Params_<Params>,
) -> Result<Json<Value>, MgmtError> {
    authorize(&state, &headers, "read:roles")?;
    let offset = Offset::read(&params, 50)?;
    let filter = params.get("name_filter").map(|f| f.to_lowercase());
    let tenant = state.tenant();
    let roles: Vec<&Role> = tenant
        .roles
        .iter()
        .filter(|r| {
            filter
                .as_ref()
                .is_none_or(|f| r.name.to_lowercase().contains(f))
        })
        .collect();
    Ok(Json(offset.answer(&roles, "roles", false)))
}

impl ById for Role {
    const SCOPE: &'static str = "read:roles";
    const MISSING: (&'static str, &'static str) = ("The role does not exist.", "inexistent_role");

    fn find<'t>(tenant: &'t Tenant, id: &str) -> Option<&'t Role> {
        tenant.role(id)
    }

    fn permissions(&self, tenant: &Tenant) -> Vec<Value> {
        self.permissions
            .iter()
            .map(|p| permission_json(tenant, p))
            .collect()
    }
}

/// A permission as Auth0 lists it, with its API's name and the scope's
/// description (empty for a scope the API no longer defines).
pub(crate) fn permission_json(tenant: &Tenant, permission: &Permission) -> Value {
    let api = tenant.resource_server(&permission.api);
    let description = api
        .and_then(|a| a.scopes.iter().find(|s| s.value == permission.name))
        .map(|s| s.description.clone())
        .unwrap_or_default();
    json!({
        "permission_name": permission.name,
        "description": description,
        "resource_server_name": api.map(|a| a.name.clone()).unwrap_or_default(),
        "resource_server_identifier": permission.api,
    })
}

pub(crate) async fn users(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params_(params): Params_<Params>,
) -> Result<Json<Value>, MgmtError> {
    let tenant = read_tenant(&state, &headers, &["read:roles", "read:users"])?;
    let role = find::<Role>(&tenant, &id)?;
    let members: Vec<Value> = tenant
        .users
        .iter()
        .filter(|u| u.role_ids.contains(&role.id))
        .map(|u| {
            json!({
                "user_id": u.user_id,
                "email": u.email,
                "picture": u.picture,
                "name": u.name,
            })
        })
        .collect();
    if params.contains_key("from") || params.contains_key("take") {
        return Ok(Json(checkpoint(&params, &members, "users")?));
    }
    let offset = Offset::read(&params, 50)?;
    offset.within(MEMBERS_OFFSET_CAP)?;
    Ok(Json(offset.answer(&members, "users", false)))
}
