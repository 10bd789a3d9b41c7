//! `POST /api/v2/tickets/password-change` (a link to a page that sets the
//! user's password) and `POST /api/v2/jobs/verification-email` (a job that
//! puts a verification link in the sandbox's outbox). The links work: see
//! `crate::tickets`.

use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Map, Value};

use super::by_id::missing;
use super::{authorize, MgmtError};
use crate::authn::Shared;
use crate::tenant::{timestamp_secs, Tenant, User, DATABASE_CONNECTION};
use crate::tickets::{self, EmailJob, SandboxMail, TicketKind};

/// A password-change ticket lives this long unless `ttl_sec` says
/// otherwise (Auth0's default: 5 days).
const DEFAULT_TICKET_TTL: i64 = 5 * 86_400;
/// A verification link lives this long (Auth0's default: 5 days).
const VERIFICATION_TTL: i64 = 5 * 86_400;
/// Jobs stay readable this long.
const JOB_LIFETIME: i64 = 24 * 3600;

fn invalid(message: impl std::fmt::Display) -> MgmtError {
    MgmtError::bad_body(format!("Payload validation error: {message}"))
}

/// The body as an object holding only `allowed` keys.
fn object(body: &[u8], allowed: &[&str]) -> Result<Map<String, Value>, MgmtError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| MgmtError::bad_body("Invalid request payload JSON format"))?;
    let Value::Object(map) = value else {
        return Err(invalid("'Expected type object' on property ."));
    };
    if let Some(other) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(invalid(format!(
            "'Additional properties not allowed: {other}'."
        )));
    }
    Ok(map)
}

fn text<'m>(map: &'m Map<String, Value>, key: &str) -> Result<Option<&'m str>, MgmtError> {
    match map.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(format!(
            "'Expected type string' on property {key}."
        ))),
    }
}

fn flag(map: &Map<String, Value>, key: &str) -> Result<bool, MgmtError> {
    match map.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(invalid(format!(
            "'Expected type boolean' on property {key}."
        ))),
    }
}

/// The ticket's user: by `user_id`, or by `email` in `connection_id`.
fn ticket_user<'t>(tenant: &'t Tenant, map: &Map<String, Value>) -> Result<&'t User, MgmtError> {
    if let Some(id) = text(map, "user_id")? {
        return tenant.user(id).ok_or_else(missing::<User>);
    }
    let (Some(email), Some(connection_id)) = (text(map, "email")?, text(map, "connection_id")?)
    else {
        return Err(invalid(
            "'Missing required property: user_id' (or email with connection_id).",
        ));
    };
    let connection = tenant.connection_by_id(connection_id).ok_or_else(|| {
        MgmtError::not_found("The connection does not exist.", "inexistent_connection")
    })?;
    tenant
        .users
        .iter()
        .find(|u| u.connection() == connection.name && u.email.eq_ignore_ascii_case(email))
        .ok_or_else(missing::<User>)
}

/// `ttl_sec`: whole seconds, `0` (or none) for the default.
fn ttl(map: &Map<String, Value>) -> Result<i64, MgmtError> {
    match map.get("ttl_sec") {
        None => Ok(DEFAULT_TICKET_TTL),
        Some(v) => match v.as_i64() {
            Some(0) => Ok(DEFAULT_TICKET_TTL),
            Some(n) if (1..=31_536_000).contains(&n) => Ok(n),
            _ => Err(invalid(
                "'Expected an integer from 0 to 31536000' on property ttl_sec.",
            )),
        },
    }
}

/// `POST tickets/password-change` → `201 {ticket}`.
pub(super) async fn password_change(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), MgmtError> {
    authorize(&state, &headers, "create:user_tickets")?;
    let map = object(
        &body,
        &[
            "user_id",
            "email",
            "connection_id",
            "client_id",
            "organization_id",
            "result_url",
            "ttl_sec",
            "mark_email_as_verified",
            "includeEmailInRedirect",
        ],
    )?;
    let kind = TicketKind::PasswordChange {
        result_url: text(&map, "result_url")?.map(str::to_owned),
        mark_email_as_verified: flag(&map, "mark_email_as_verified")?,
        include_email: flag(&map, "includeEmailInRedirect")?,
    };
    let ttl = ttl(&map)?;
    if let Some(url) = text(&map, "result_url")? {
        let web = url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !web {
            return Err(invalid(format!(
                "'Object didn't pass validation for format absolute-uri: {url}' on property result_url."
            )));
        }
    }
    let user_id = {
        let tenant = state.tenant();
        let user = ticket_user(&tenant, &map)?;
        if user.connection() != DATABASE_CONNECTION {
            return Err(MgmtError::bad_request(
                "The user's connection keeps no password: only database users can change one.",
                "invalid_body",
            ));
        }
        user.user_id.clone()
    };
    let secret = tickets::issue(&state, kind, &user_id, ttl)?;
    let ticket = format!("{}lo/reset?ticket={secret}#", state.issuer);
    Ok((StatusCode::CREATED, Json(json!({ "ticket": ticket }))))
}

/// `POST jobs/verification-email` → `201` a pending job; the e-mail (its
/// link) goes to the outbox. A verified e-mail is refused with `400`.
pub(super) async fn verification_email(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), MgmtError> {
    authorize(&state, &headers, "update:users")?;
    let map = object(
        &body,
        &["user_id", "client_id", "identity", "organization_id"],
    )?;
    let user_id =
        text(&map, "user_id")?.ok_or_else(|| invalid("'Missing required property: user_id'."))?;
    let (user_id, email) = {
        let tenant = state.tenant();
        let user = tenant.user(user_id).ok_or_else(missing::<User>)?;
        if user.email_verified {
            return Err(MgmtError::bad_request(
                "The user's email address is already verified.",
                "invalid_body",
            ));
        }
        (user.user_id.clone(), user.email.clone())
    };
    let secret = tickets::issue(&state, TicketKind::VerifyEmail, &user_id, VERIFICATION_TTL)?;
    let now = state.now_secs();
    let job = EmailJob {
        id: super::jobs::job_id()?,
        created_at: timestamp_secs(now),
    };
    let answer = job.json("pending");
    state
        .flows()
        .email_jobs
        .insert(job.id.clone(), job, now + JOB_LIFETIME, now)
        .map_err(|_| MgmtError::too_many_requests())?;
    state.outbox().send(SandboxMail {
        to: email,
        user_id,
        subject: "Verify your e-mail".to_owned(),
        link: format!("{}u/email-verification?ticket={secret}#", state.issuer),
    });
    Ok((StatusCode::CREATED, Json(answer)))
}
