//! Auth0's Management API v2 under `/api/v2/`: users (search, by e-mail,
//! one, linking accounts), their roles (read, assign, remove) and
//! permissions, roles with their permissions and members, resource servers,
//! connections, users-export jobs (with their download links under
//! `/users-exports/`), the tenant's logs ([`logs`]: search with
//! idlens-support's query language ([`log_search`]), checkpoint, one event,
//! a user's), brute-force blocks and settings ([`blocks`]), a user's
//! changes (`PATCH users/{id}`: [`user_update`]), MFA ([`mfa`]),
//! password-change tickets and verification e-mails ([`tickets`]), and
//! sessions and refresh tokens behind the plan ([`sessions`]),
//! in Auth0's envelopes and error bodies. Every write is logged (`sapi`, or
//! `fapi` when it fails).
//!
//! Every request needs a Management API token the sandbox issued (client
//! credentials, or a user's token, which carries only current-user scopes as
//! in Auth0), is checked for the endpoint's scope, and counts against the
//! tenant's rate limit, whose state every answer carries in the
//! `x-ratelimit-*` headers. With a request log, each is also written down
//! ([`request_log`]).

mod apis;
mod blocks;
mod by_id;
mod connections;
mod error;
mod jobs;
mod log_search;
mod logs;
mod mfa;
mod paging;
mod query;
mod rate;
mod request_log;
mod roles;
mod sessions;
mod tickets;
mod user_update;
mod users;

use std::sync::RwLockReadGuard;

use axum::extract::{Request, State as Extract};
use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, on, MethodFilter};
use axum::Router;
use serde_json::json;

use crate::authn::Shared;
use crate::keys::s256;
use crate::logs::{EventBuilder, LogEvent};
use crate::tenant::{Role, Tenant, User};

pub(crate) use error::MgmtError;
pub(crate) use jobs::ExportJob;
pub(crate) use rate::RateLimit;
pub(crate) use request_log::{log_requests, RequestLog};

/// A Management API token the sandbox issued, by its SHA-256.
#[derive(Debug, Clone)]
pub(crate) struct IssuedToken {
    pub scopes: Vec<String>,
    pub expires_at: i64,
}

/// Declares the Management API's endpoints once: the router is built from
/// this list and [`MANAGEMENT_ENDPOINTS`] is made from it, so the conformance
/// test (Auth0's Node SDK) can check that it calls every one.
macro_rules! management_endpoints {
    ($($method:ident $path:literal => $handler:path,)*) => {
        /// Every Management API endpoint the sandbox serves, as (method, path
        /// pattern): the same list its router is built from.
        pub const MANAGEMENT_ENDPOINTS: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        fn endpoint_routes() -> Router<Shared> {
            let router = Router::new();
            $(let router = router.route($path, on(MethodFilter::$method, $handler));)*
            router
        }
    };
}

management_endpoints! {
    GET "/api/v2/users" => users::search,
    GET "/api/v2/users-by-email" => users::by_email,
    GET "/api/v2/users/{id}" => by_id::one::<User>,
    PATCH "/api/v2/users/{id}" => user_update::update,
    GET "/api/v2/users/{id}/roles" => users::roles,
    POST "/api/v2/users/{id}/roles" => users::assign_roles,
    DELETE "/api/v2/users/{id}/roles" => users::remove_roles,
    GET "/api/v2/users/{id}/permissions" => by_id::permissions::<User>,
    POST "/api/v2/users/{id}/identities" => users::link_identity,
    POST "/api/v2/jobs/users-exports" => jobs::create,
    GET "/api/v2/jobs/{id}" => jobs::get,
    GET "/api/v2/connections" => connections::list,
    GET "/api/v2/roles" => roles::list,
    GET "/api/v2/roles/{id}" => by_id::one::<Role>,
    GET "/api/v2/roles/{id}/permissions" => by_id::permissions::<Role>,
    GET "/api/v2/roles/{id}/users" => roles::users,
    GET "/api/v2/resource-servers" => apis::list,
    GET "/api/v2/logs" => logs::list,
    GET "/api/v2/logs/{id}" => logs::one,
    GET "/api/v2/users/{id}/logs" => logs::of_user,
    GET "/api/v2/user-blocks" => blocks::by_identifier,
    DELETE "/api/v2/user-blocks" => blocks::unblock_identifier,
    GET "/api/v2/user-blocks/{id}" => blocks::of_user,
    DELETE "/api/v2/user-blocks/{id}" => blocks::unblock_user,
    GET "/api/v2/attack-protection/brute-force-protection" => blocks::settings,
    PATCH "/api/v2/attack-protection/brute-force-protection" => blocks::update_settings,
    GET "/api/v2/users/{id}/authentication-methods" => mfa::list,
    DELETE "/api/v2/users/{id}/authentication-methods" => mfa::delete_all,
    DELETE "/api/v2/users/{id}/authentication-methods/{method_id}" => mfa::delete_one,
    GET "/api/v2/users/{id}/enrollments" => mfa::enrollments,
    POST "/api/v2/users/{id}/multifactor/actions/invalidate-remember-browser" => mfa::invalidate_remember_browser,
    POST "/api/v2/tickets/password-change" => tickets::password_change,
    POST "/api/v2/jobs/verification-email" => tickets::verification_email,
    GET "/api/v2/users/{id}/sessions" => sessions::sessions,
    DELETE "/api/v2/users/{id}/sessions" => sessions::delete_sessions,
    GET "/api/v2/users/{id}/refresh-tokens" => sessions::refresh_tokens,
    DELETE "/api/v2/users/{id}/refresh-tokens" => sessions::delete_refresh_tokens,
}

pub(crate) fn routes(state: Shared) -> Router<Shared> {
    endpoint_routes()
        .route_layer(middleware::from_fn_with_state(state.clone(), log_writes))
        .route_layer(middleware::from_fn_with_state(state, rate_limited))
        // The signed download links of users exports: storage, not the API
        // (no token, no rate limit), as Auth0's links point to S3.
        .route("/users-exports/{file}", get(jobs::download))
}

/// Counts the request against the tenant's limit: refuses it with `429`
/// when the limit is reached, and puts the limit's state on every answer.
async fn rate_limited(Extract(state): Extract<Shared>, request: Request, next: Next) -> Response {
    let (allowed, headers) = state.mgmt_rate.take();
    let mut response = if allowed {
        next.run(request).await
    } else {
        MgmtError::too_many_requests().into_response()
    };
    response.headers_mut().extend(headers);
    response
}

/// Logs each Management API write as Auth0 does: `sapi` when it
/// succeeded, `fapi` when it failed (reads are not logged), with the
/// request's method, path and status in `details`.
async fn log_writes(Extract(state): Extract<Shared>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    if method == Method::GET || method == Method::HEAD {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    let origin = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| state.origin(*peer, request.headers()));
    let response = next.run(request).await;
    let status = response.status();
    let (kind, verb) = if status.is_success() {
        ("sapi", "Success")
    } else {
        ("fapi", "Failed")
    };
    let mut event =
        LogEvent::new(kind, format!("{verb} API Operation: {method} {path}")).details(json!({
            "request": { "method": method.as_str(), "path": path },
            "response": { "statusCode": status.as_u16() },
        }));
    if let Some(origin) = &origin {
        event = event.origin(origin);
    }
    state.log(event);
    response
}

/// The tenant to read, once the request's token holds every one of `scopes`
/// (checked in order, so an error names the first one missing). The tenant
/// is taken before the token is looked up among the flows (lock order).
pub(crate) fn read_tenant<'s>(
    state: &'s Shared,
    headers: &HeaderMap,
    scopes: &[&str],
) -> Result<RwLockReadGuard<'s, Tenant>, MgmtError> {
    let tenant = state.tenant();
    for scope in scopes {
        authorize(state, headers, scope)?;
    }
    Ok(tenant)
}

/// Checks the bearer token and that it grants `scope`.
pub(crate) fn authorize(state: &Shared, headers: &HeaderMap, scope: &str) -> Result<(), MgmtError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(MgmtError::missing_token)?;
    let issued = state
        .flows()
        .management
        .get(&s256(token.trim()))
        .cloned()
        .ok_or_else(MgmtError::invalid_token)?;
    if issued.expires_at <= state.now_secs() {
        return Err(MgmtError::expired_token());
    }
    if !issued.scopes.iter().any(|s| s == scope) {
        return Err(MgmtError::insufficient_scope(scope));
    }
    Ok(())
}
