//! `GET /api/v2/connections`: the tenant's connections, filtered by `name`
//! or `strategy`, paged by checkpoint (`from`, `take`: `{connections, next?}`,
//! what node-auth0 v7 asks for) or by offset (`page`, `per_page`,
//! `include_totals`), as Auth0 pages them.

use axum::extract::{Query as Params_, State as Extract};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use super::paging::{checkpoint, Offset};
use super::{authorize, MgmtError};
use crate::authn::{Params, Shared};
use crate::tenant::Connection;

/// A connection as Auth0 lists it.
fn connection_json(c: &Connection) -> Value {
    json!({
        "id": c.id,
        "name": c.name,
        "display_name": c.name,
        "strategy": c.strategy,
        "realms": [c.name],
        "is_domain_connection": false,
        "options": {},
    })
}

pub(crate) async fn list(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Params_(params): Params_<Params>,
) -> Result<Json<Value>, MgmtError> {
    authorize(&state, &headers, "read:connections")?;
    let connections = state.tenant().connections();
    let name = params.get("name").filter(|n| !n.is_empty());
    let strategy = params.get("strategy").filter(|s| !s.is_empty());
    let found: Vec<Value> = connections
        .iter()
        .filter(|c| name.is_none_or(|n| &c.name == n))
        .filter(|c| strategy.is_none_or(|s| &c.strategy == s))
        .map(connection_json)
        .collect();
    if params.contains_key("from") || params.contains_key("take") {
        return Ok(Json(checkpoint(&params, &found, "connections")?));
    }
    let offset = Offset::read(&params, 50)?;
    Ok(Json(offset.answer(&found, "connections", false)))
}
