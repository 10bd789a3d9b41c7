//! `GET /api/v2/resource-servers`: the tenant's APIs with their scopes.

use axum::extract::{Query as Params_, State as Extract};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::Value;

use super::paging::Offset;
use super::{read_tenant, MgmtError};
use crate::authn::{Params, Shared};

pub(crate) async fn list(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Params_(params): Params_<Params>,
) -> Result<Json<Value>, MgmtError> {
    let tenant = read_tenant(&state, &headers, &["read:resource_servers"])?;
    let offset = Offset::read(&params, 50)?;
    Ok(Json(offset.answer(&tenant.apis, "resource_servers", false)))
}
