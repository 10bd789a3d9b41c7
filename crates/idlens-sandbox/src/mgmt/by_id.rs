//! The endpoints that read one role or user by its ID (`{id}` and
//! `{id}/permissions`): the same steps for both, with each kind's scope,
//! lookup and not-found answer.

use axum::extract::{Path, Query as Params_, State as Extract};
use axum::http::HeaderMap;
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};

use super::paging::Offset;
use super::{read_tenant, MgmtError};
use crate::authn::{Params, Shared};
use crate::tenant::Tenant;

/// A kind of the tenant's objects the Management API reads by ID.
pub(crate) trait ById: Serialize {
    /// The scope reading one needs.
    const SCOPE: &'static str;
    /// Auth0's 404 when there is none: its message and error code.
    const MISSING: (&'static str, &'static str);

    fn find<'t>(tenant: &'t Tenant, id: &str) -> Option<&'t Self>;

    /// Its permissions as Auth0 lists them.
    fn permissions(&self, tenant: &Tenant) -> Vec<Value>;
}

/// Auth0's 404 for a `T` that does not exist.
pub(crate) fn missing<T: ById>() -> MgmtError {
    let (message, error_code) = T::MISSING;
    MgmtError::not_found(message, error_code)
}

/// The `T` with this ID, or Auth0's 404.
pub(crate) fn find<'t, T: ById>(tenant: &'t Tenant, id: &str) -> Result<&'t T, MgmtError> {
    T::find(tenant, id).ok_or_else(missing::<T>)
}

/// `GET …/{id}`.
pub(crate) async fn one<T: ById>(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, MgmtError> {
    let tenant = read_tenant(&state, &headers, &[T::SCOPE])?;
    Ok(Json(json!(find::<T>(&tenant, &id)?)))
}

/// `GET …/{id}/permissions`, offset-paged.
pub(crate) async fn permissions<T: ById>(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params_(params): Params_<Params>,
) -> Result<Json<Value>, MgmtError> {
    let tenant = read_tenant(&state, &headers, &[T::SCOPE])?;
    let found = find::<T>(&tenant, &id)?;
    let offset = Offset::read(&params, 50)?;
    Ok(Json(offset.answer(
        &found.permissions(&tenant),
        "permissions",
        false,
    )))
}
