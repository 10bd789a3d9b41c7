//! `GET /api/v2/logs` (checkpoint and search modes), `GET logs/{id}` and
//! `GET users/{id}/logs`. Search mode filters by its query before paging,
//! so the 1,000-result cap counts matching events; `users/{id}/logs` takes
//! no query (Auth0's: `page`, `per_page`, `sort`, `include_totals`).

use axum::extract::{Path, Query, State as Extract};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::log_search::{Fields, Search};
use super::paging::{number, Offset, MAX_PER_PAGE};
use super::{authorize, read_tenant, MgmtError};
use crate::authn::{Params, Shared};
use crate::logs::LogEvent;
use crate::tenant::User;

/// Search mode pages through at most this many results (Auth0's limit,
/// declared once in idlens-support).
const SEARCH_CAP: usize = idlens_support::SEARCH_RESULT_LIMIT;

pub(super) async fn list(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Result<Response, MgmtError> {
    authorize(&state, &headers, "read:logs")?;
    if params.contains_key("from") || params.contains_key("take") {
        return checkpoint(&state, &params);
    }
    let search = Search::read(&params)?;
    let fields = Fields::read(&params)?;
    let offset = Offset::read(&params, 50)?;
    offset.within(SEARCH_CAP)?;
    let now = state.now_secs();
    let events: Vec<LogEvent> = {
        let logs = state.logs();
        sorted(logs.visible(now).filter(|e| search.matches(e)), &params)?
    };
    let answer = match fields {
        None => offset.answer(&events, "logs", true),
        Some(fields) => {
            let shown: Vec<_> = events
                .iter()
                .map(|e| fields.project(e))
                .collect::<Result<_, _>>()?;
            offset.answer(&shown, "logs", true)
        }
    };
    Ok(Json(answer).into_response())
}

/// Events newest first, or oldest first with `sort=date:1`.
fn sorted<'a>(
    events: impl DoubleEndedIterator<Item = &'a LogEvent>,
    params: &Params,
) -> Result<Vec<LogEvent>, MgmtError> {
    match params.get("sort").map(String::as_str).filter(|s| !s.is_empty()) {
        None | Some("date:-1") => Ok(events.rev().cloned().collect()),
        Some("date:1") => Ok(events.cloned().collect()),
        Some(other) => Err(MgmtError::bad_query(format!(
            "Query validation error: 'String does not match pattern ^(date|log_id|type|user_id|client_id|ip):(1|-1)$: {other}' on property sort."
        ))),
    }
}

/// Checkpoint mode: `take` events after `from`, by `log_id`; every other
/// parameter ignored; `Link: <…>; rel="next"` names the next page, and an
/// empty array means caught up.
fn checkpoint(state: &Shared, params: &Params) -> Result<Response, MgmtError> {
    let take = number(params, "take")?.unwrap_or(50);
    if take == 0 || take > MAX_PER_PAGE {
        return Err(MgmtError::bad_query(format!(
            "Query validation error: 'Invalid value \"{take}\" for parameter \"take\": must be between 1 and {MAX_PER_PAGE}' on property take."
        )));
    }
    let from = params.get("from").map(String::as_str).unwrap_or_default();
    let events = state.logs().after(from, take, state.now_secs());
    let next_from = events
        .last()
        .and_then(|e| e.log_id.as_deref())
        .unwrap_or(from);
    let link = format!(
        "<{}api/v2/logs?from={}&take={take}>; rel=\"next\"",
        state.issuer,
        url::form_urlencoded::byte_serialize(next_from.as_bytes()).collect::<String>()
    );
    let mut response = Json(&events).into_response();
    if let Ok(value) = HeaderValue::from_str(&link) {
        response.headers_mut().insert(header::LINK, value);
    }
    Ok(response)
}

pub(super) async fn one(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<LogEvent>, MgmtError> {
    authorize(&state, &headers, "read:logs")?;
    let now = state.now_secs();
    let event = state.logs().get(&id, now).cloned();
    event
        .map(Json)
        .ok_or_else(|| MgmtError::not_found("log not found", "inexistent_log"))
}

/// A user's events, newest first by default; the same paging limits.
pub(super) async fn of_user(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<serde_json::Value>, MgmtError> {
    let known = read_tenant(&state, &headers, &["read:logs_users"])?
        .user(&id)
        .is_some();
    if !known {
        return Err(super::by_id::missing::<User>());
    }
    let offset = Offset::read(&params, 50)?;
    offset.within(SEARCH_CAP)?;
    let now = state.now_secs();
    let events = {
        let logs = state.logs();
        let mine = logs
            .visible(now)
            .filter(|e| e.user_id.as_deref() == Some(id.as_str()));
        sorted(mine, &params)?
    };
    Ok(Json(offset.answer(&events, "logs", true)))
}
