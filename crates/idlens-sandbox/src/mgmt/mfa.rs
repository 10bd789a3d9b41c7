//! A user's MFA over the Management API: their authentication methods
//! (confirmed and partial; read, remove all, remove one), the first
//! confirmed Guardian enrollment (`enrollments`), and forgetting the
//! browsers that skip MFA (`invalidate-remember-browser`). Removing a
//! method logs `gd_unenroll` for it, besides the write's `sapi`.

use axum::extract::{Path, Query, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};

use super::by_id::{find, missing};
use super::paging::Offset;
use super::{authorize, read_tenant, MgmtError};
use crate::authn::{Params, Shared};
use crate::logs::{EventBuilder, LogEvent};
use crate::tenant::mfa::AuthenticationMethod;
use crate::tenant::User;

/// `GET users/{id}/authentication-methods`: offset-paged; with
/// `include_totals` the envelope names the list `authenticators`.
pub(super) async fn list(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<Value>, MgmtError> {
    let tenant = read_tenant(&state, &headers, &["read:authentication_methods"])?;
    let user = find::<User>(&tenant, &id)?;
    let offset = Offset::read(&params, 50)?;
    Ok(Json(offset.answer(
        &user.authentication_methods,
        "authenticators",
        false,
    )))
}

/// `DELETE users/{id}/authentication-methods`: every method goes, `204`.
pub(super) async fn delete_all(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, MgmtError> {
    remove(&state, &headers, &id, |_| true)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE users/{id}/authentication-methods/{method_id}`, `204`; an
/// unknown method is a `404`.
pub(super) async fn delete_one(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path((id, method_id)): Path<(String, String)>,
) -> Result<StatusCode, MgmtError> {
    let removed = remove(&state, &headers, &id, |m| m.id == method_id)?;
    if removed == 0 {
        return Err(MgmtError::not_found(
            "The authentication method does not exist.",
            "inexistent_authentication_method",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Removes the user's methods `which` picks, logging `gd_unenroll` for
/// each once the tenant is released; answers how many went.
fn remove(
    state: &Shared,
    headers: &HeaderMap,
    id: &str,
    which: impl Fn(&AuthenticationMethod) -> bool,
) -> Result<usize, MgmtError> {
    authorize(state, headers, "delete:authentication_methods")?;
    let events: Vec<LogEvent> = {
        let mut tenant = state.tenant_mut();
        let user = tenant.user_mut(id).ok_or_else(missing::<User>)?;
        let (gone, kept): (Vec<_>, Vec<_>) = user
            .authentication_methods
            .drain(..)
            .partition(|m| which(m));
        user.authentication_methods = kept;
        let user = tenant.user(id).ok_or_else(missing::<User>)?;
        gone.iter()
            .map(|m| {
                LogEvent::new("gd_unenroll", "Unenroll Device Account")
                    .user(&tenant, user)
                    .details(json!({ "authenticator": { "id": m.id, "type": m.kind } }))
            })
            .collect()
    };
    let removed = events.len();
    for event in events {
        state.log(event);
    }
    Ok(removed)
}

/// `GET users/{id}/enrollments`: only the first confirmed enrollment, as
/// Auth0's Guardian view lists it.
pub(super) async fn enrollments(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, MgmtError> {
    let tenant = read_tenant(&state, &headers, &["read:users"])?;
    let user = find::<User>(&tenant, &id)?;
    let first: Vec<Value> = user
        .authentication_methods
        .iter()
        .filter(|m| m.confirmed)
        .take(1)
        .map(AuthenticationMethod::as_enrollment)
        .collect();
    Ok(Json(json!(first)))
}

/// `POST users/{id}/multifactor/actions/invalidate-remember-browser`:
/// every browser the user told to skip MFA asks again (the sandbox's login
/// page asks for no second factor, so nothing else changes), `204`.
pub(super) async fn invalidate_remember_browser(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, MgmtError> {
    let tenant = read_tenant(&state, &headers, &["update:users"])?;
    find::<User>(&tenant, &id)?;
    Ok(StatusCode::NO_CONTENT)
}
