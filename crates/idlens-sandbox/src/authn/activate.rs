//! `/activate`: the page where a person enters a device's user code and
//! signs in to approve it, or denies it.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Query, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::request::{body_params, param};
use super::{Params, Shared};
use crate::pages;

pub(super) async fn activate_page(
    Extract(state): Extract<Shared>,
    Query(q): Query<Params>,
) -> Html<String> {
    let tenant = state.tenant();
    Html(pages::activate(
        param(&q, "user_code").unwrap_or_default(),
        &tenant.sign_in_users,
        None,
    ))
}

pub(super) async fn activate_submit(
    Extract(state): Extract<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match body_params(&headers, &body) {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let code = param(&form, "user_code").unwrap_or_default();
    let sign_in_users = state.tenant().sign_in_users.clone();
    let again = |status: StatusCode, error: &str| {
        (
            status,
            Html(pages::activate(code, &sign_in_users, Some(error))),
        )
            .into_response()
    };
    if param(&form, "action") == Some("deny") {
        return match state.deny_device(code) {
            Ok(()) => Html(pages::message(
                "Access denied",
                "You denied the device's request. You can close this page.",
            ))
            .into_response(),
            Err(e) => again(StatusCode::BAD_REQUEST, &e.to_string()),
        };
    }
    let email = param(&form, "email").unwrap_or_default();
    let password = param(&form, "password").unwrap_or_default();
    let origin = state.origin(peer, &headers);
    let signed_in = {
        let tenant = state.tenant();
        let client_id = state
            .device_client(code)
            .unwrap_or_else(|| crate::DESKTOP_CLIENT_ID.to_owned());
        super::password::sign_in(&state, &tenant, &client_id, (email, password), &origin)
            .map(|u| (u.email, u.user_id))
    };
    let email = match signed_in {
        Ok((email, user_id)) => {
            crate::sessions::record_login(&state, &user_id, &origin);
            email
        }
        Err(refused) => return again(StatusCode::UNAUTHORIZED, refused.message()),
    };
    match state.approve_device(code, &email) {
        Ok(()) => Html(pages::message(
            "Congratulations, you're all set!",
            "Your device is now connected. You can close this page.",
        ))
        .into_response(),
        Err(e) => again(StatusCode::BAD_REQUEST, &e.to_string()),
    }
}
