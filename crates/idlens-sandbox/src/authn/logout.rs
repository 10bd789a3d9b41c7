//! `/v2/logout`: signs out, and goes back only to an allowed logout URL (the
//! origin of a registered callback).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State as Extract};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::error::error_page;
use super::request::param;
use super::{Params, Shared};
use crate::logs::{EventBuilder, LogEvent};
use crate::pages;

pub(super) async fn logout(
    Extract(state): Extract<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(q): Query<Params>,
) -> Response {
    let origin = state.origin(peer, &headers);
    let event = {
        let tenant = state.tenant();
        let event = LogEvent::new("slo", "User successfully logged out.").origin(&origin);
        match param(&q, "client_id") {
            Some(client_id) => event.client_id(&tenant, client_id),
            None => event,
        }
    };
    state.log(event);
    let Some(return_to) = param(&q, "returnTo") else {
        return Html(pages::message(
            "Signed out",
            "You are signed out of the sandbox.",
        ))
        .into_response();
    };
    // Allowed logout URLs: the origins of the registered callbacks.
    let tenant = state.tenant();
    let allowed = tenant.clients.iter().flat_map(|c| &c.callbacks).any(|cb| {
        match (url::Url::parse(cb), url::Url::parse(return_to)) {
            (Ok(cb), Ok(to)) => cb.origin() == to.origin(),
            _ => false,
        }
    });
    if allowed {
        Redirect::to(return_to).into_response()
    } else {
        error_page(
            StatusCode::BAD_REQUEST,
            &format!("{return_to} is not an Allowed Logout URL of any application."),
        )
    }
}
