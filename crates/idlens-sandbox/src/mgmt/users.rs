//! `GET /api/v2/users` (search), `users-by-email`, `users/{id}` and a user's
//! roles and permissions.

use axum::extract::{Path, Query as Params_, State as Extract};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use super::by_id::{find, missing, ById};
use super::paging::Offset;
use super::query::Query;
use super::{authorize, read_tenant, MgmtError};
use crate::authn::{Params, Shared};
use crate::tenant::{Identity, Permission, Tenant, User};

/// Auth0 answers at most this many results of one search, however it is paged.
const SEARCH_CAP: usize = 1000;

pub(crate) async fn search(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Params_(params): Params_<Params>,
) -> Result<Json<Value>, MgmtError> {
    authorize(&state, &headers, "read:users")?;
    if params.get("search_engine").is_some_and(|e| e != "v3") {
        return Err(MgmtError::bad_query(
            "Query validation error: only search_engine=v3 is available.",
        ));
    }
    let offset = Offset::read(&params, 50)?;
    offset.within(SEARCH_CAP)?;
    let query = match params.get("q").filter(|q| !q.trim().is_empty()) {
        Some(q) => Some(
            Query::parse(q)
                .map_err(|why| MgmtError::bad_query(format!("Query validation error: {why}.")))?,
        ),
        None => None,
    };
    let tenant = state.tenant();
    let mut found: Vec<&User> = tenant
        .users
        .iter()
        .filter(|u| query.as_ref().is_none_or(|q| q.matches(u)))
        .collect();
    sort(&mut found, params.get("sort").map(String::as_str))?;
    Ok(Json(offset.answer(&found, "users", true)))
}

fn sort(users: &mut [&User], sort: Option<&str>) -> Result<(), MgmtError> {
    let Some(sort) = sort else { return Ok(()) };
    let (field, direction) = sort.split_once(':').ok_or_else(|| {
        MgmtError::bad_query("Query validation error: sort must be field:1 or field:-1.")
    })?;
    let key = |u: &User| -> String {
        match field {
            "email" => u.email.to_lowercase(),
            "name" => u.name.to_lowercase(),
            "created_at" => u.created_at.clone(),
            "last_login" => u.last_login.clone(),
            "logins_count" => format!("{:010}", u.logins_count),
            _ => String::new(),
        }
    };
    if !matches!(
        field,
        "email" | "name" | "created_at" | "last_login" | "logins_count"
    ) {
        return Err(MgmtError::bad_query(format!(
            "Query validation error: cannot sort by {field}."
        )));
    }
    users.sort_by_key(|u| key(u));
    if direction == "-1" {
        users.reverse();
    }
    Ok(())
}

pub(crate) async fn by_email(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Params_(params): Params_<Params>,
) -> Result<Json<Value>, MgmtError> {
    authorize(&state, &headers, "read:users")?;
    let email = params
        .get("email")
        .filter(|e| !e.is_empty())
        .ok_or_else(|| {
            MgmtError::bad_query("Query validation error: Missing required property: email.")
        })?;
    // Exact and case-sensitive, as Auth0's is.
    let tenant = state.tenant();
    let found: Vec<&User> = tenant.users.iter().filter(|u| &u.email == email).collect();
    Ok(Json(json!(found)))
}

impl ById for User {
    const SCOPE: &'static str = "read:users";
    const MISSING: (&'static str, &'static str) = ("The user does not exist.", "inexistent_user");

    fn find<'t>(tenant: &'t Tenant, id: &str) -> Option<&'t User> {
        tenant.user(id)
    }

    fn permissions(&self, tenant: &Tenant) -> Vec<Value> {
        user_permissions(tenant, self)
    }
}

pub(crate) async fn roles(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params_(params): Params_<Params>,
) -> Result<Json<Value>, MgmtError> {
    let tenant = read_tenant(&state, &headers, &["read:users", "read:roles"])?;
    let user = find::<User>(&tenant, &id)?;
    let offset = Offset::read(&params, 50)?;
    let roles: Vec<_> = tenant
        .roles
        .iter()
        .filter(|r| user.role_ids.contains(&r.id))
        .collect();
    Ok(Json(offset.answer(&roles, "roles", false)))
}

/// Every permission of `user` with where it comes from, as Auth0 lists them:
/// one entry per permission, with a `sources` entry per role or the direct grant.
fn user_permissions(tenant: &Tenant, user: &User) -> Vec<Value> {
    let mut granted: std::collections::BTreeMap<&Permission, Vec<Value>> = Default::default();
    for permission in &user.direct_permissions {
        granted.entry(permission).or_default().push(json!({
            "source_id": "",
            "source_name": "",
            "source_type": "DIRECT",
        }));
    }
    for role in tenant
        .roles
        .iter()
        .filter(|r| user.role_ids.contains(&r.id))
    {
        for permission in &role.permissions {
            granted.entry(permission).or_default().push(json!({
                "source_id": role.id,
                "source_name": role.name,
                "source_type": "ROLE",
            }));
        }
    }
    granted
        .into_iter()
        .map(|(permission, sources)| {
            let mut entry = super::roles::permission_json(tenant, permission);
            entry["sources"] = json!(sources);
            entry
        })
        .collect()
}

#[derive(serde::Deserialize)]
pub(crate) struct RoleIds {
    roles: Vec<String>,
}

/// `POST users/{id}/roles` (assign) and `DELETE users/{id}/roles` (remove):
/// `{"roles": [ids]}`, answered `204`.
pub(crate) async fn assign_roles(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Json(body): axum::Json<RoleIds>,
) -> Result<axum::http::StatusCode, MgmtError> {
    change_roles(&state, &headers, &id, &body.roles, true)
}

pub(crate) async fn remove_roles(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Json(body): axum::Json<RoleIds>,
) -> Result<axum::http::StatusCode, MgmtError> {
    change_roles(&state, &headers, &id, &body.roles, false)
}

fn change_roles(
    state: &Shared,
    headers: &HeaderMap,
    user_id: &str,
    roles: &[String],
    assign: bool,
) -> Result<axum::http::StatusCode, MgmtError> {
    authorize(state, headers, "update:users")?;
    if roles.is_empty() {
        return Err(MgmtError::bad_query(
            "Payload validation error: 'Array is too short (0), minimum 1' on property roles.",
        ));
    }
    let mut tenant = state.tenant_mut();
    if let Some(missing) = roles.iter().find(|r| tenant.role(r).is_none()) {
        return Err(MgmtError::not_found(
            &format!("The role {missing} does not exist."),
            "inexistent_role",
        ));
    }
    let user = tenant
        .users
        .iter_mut()
        .find(|u| u.user_id == user_id)
        .ok_or_else(missing::<User>)?;
    for role in roles {
        if assign && !user.role_ids.contains(role) {
            user.role_ids.push(role.clone());
        } else if !assign {
            user.role_ids.retain(|r| r != role);
        }
    }
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// `POST users/{id}/identities`: links a secondary user into the primary
/// `{id}`, by `{provider, user_id, connection_id?}` (the ID without its
/// `provider|`, a string or a number). The secondary stops being a user; its
/// identities join the primary's, the first with its profile as
/// `profileData`; its metadata and roles are dropped, as in Auth0. Answers
/// `201` with the primary's identities.
pub(crate) async fn link_identity(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<(axum::http::StatusCode, Json<Value>), MgmtError> {
    authorize(&state, &headers, "update:users")?;
    let request = parse_link_request(&body)?;
    if request.secondary == id {
        return Err(MgmtError::bad_request(
            "Main identity and the new one are the same.",
            "invalid_body",
        ));
    }
    let mut tenant = state.tenant_mut();
    let primary_at = tenant
        .users
        .iter()
        .position(|u| u.user_id == id)
        .ok_or_else(missing::<User>)?;
    let secondary_at = find_secondary(&tenant, &request.secondary)?;
    if let Some(wanted) = &request.connection_id {
        check_secondary_connection(&tenant, secondary_at, wanted)?;
    }
    let identities = link(&mut tenant, primary_at, secondary_at);
    Ok((axum::http::StatusCode::CREATED, Json(json!(identities))))
}

/// A validated `POST users/{id}/identities` body.
struct LinkRequest {
    /// The secondary user's full ID, `provider|user_id`.
    secondary: String,
    connection_id: Option<String>,
}

fn parse_link_request(body: &[u8]) -> Result<LinkRequest, MgmtError> {
    let body: Value = serde_json::from_slice(body)
        .map_err(|_| MgmtError::bad_body("Invalid request payload JSON format"))?;
    if body.get("link_with").is_some() {
        return Err(MgmtError::bad_body(
            "Payload validation error: the sandbox links by provider and user_id; it does not take link_with.",
        ));
    }
    let provider = body
        .get("provider")
        .and_then(Value::as_str)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| {
            MgmtError::bad_body("Payload validation error: 'Missing required property: provider'.")
        })?;
    let secondary_id = match body.get("user_id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            return Err(MgmtError::bad_body(
                "Payload validation error: 'Missing required property: user_id'.",
            ))
        }
    };
    Ok(LinkRequest {
        secondary: format!("{provider}|{secondary_id}"),
        connection_id: body
            .get("connection_id")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

/// Where the secondary user is among the tenant's users; when it is no
/// user, whether it is already linked to another (a conflict) or unknown.
fn find_secondary(tenant: &Tenant, secondary: &str) -> Result<usize, MgmtError> {
    if let Some(at) = tenant.users.iter().position(|u| u.user_id == secondary) {
        return Ok(at);
    }
    let linked_elsewhere = tenant.users.iter().any(|u| {
        u.identities
            .iter()
            .skip(1)
            .any(|i| identity_id(i) == secondary)
    });
    Err(if linked_elsewhere {
        MgmtError::conflict(
            "The identity is already linked to another user.",
            "identity_conflict",
        )
    } else {
        MgmtError::bad_request("The secondary user does not exist.", "inexistent_user")
    })
}

/// A `connection_id` in the body must be the secondary user's connection.
fn check_secondary_connection(
    tenant: &Tenant,
    secondary_at: usize,
    wanted: &str,
) -> Result<(), MgmtError> {
    let connection = tenant.users[secondary_at].connection();
    let matches = tenant
        .connections()
        .iter()
        .any(|c| c.id == wanted && c.name == connection);
    if matches {
        Ok(())
    } else {
        Err(MgmtError::bad_request(
            "The connection_id is not the secondary user's connection.",
            "invalid_body",
        ))
    }
}

/// Moves the secondary user's identities into the primary (the first with
/// the secondary's profile as `profileData`) and removes the secondary;
/// returns the primary's identities.
fn link(tenant: &mut Tenant, primary_at: usize, secondary_at: usize) -> Vec<Identity> {
    let secondary = tenant.users.remove(secondary_at);
    let primary_at = if secondary_at < primary_at {
        primary_at - 1
    } else {
        primary_at
    };
    let mut identities = secondary.identities.clone();
    if let Some(first) = identities.first_mut() {
        first.profile_data = Some(json!({
            "email": secondary.email,
            "email_verified": secondary.email_verified,
            "name": secondary.name,
            "given_name": secondary.given_name,
            "family_name": secondary.family_name,
            "nickname": secondary.nickname,
            "picture": secondary.picture,
        }));
    }
    let primary = &mut tenant.users[primary_at];
    primary.identities.extend(identities);
    primary.identities.clone()
}

/// `provider|user_id` of an identity (a numeric ID in decimal).
fn identity_id(identity: &crate::tenant::Identity) -> String {
    match &identity.user_id {
        Value::String(s) => format!("{}|{s}", identity.provider),
        other => format!("{}|{other}", identity.provider),
    }
}
