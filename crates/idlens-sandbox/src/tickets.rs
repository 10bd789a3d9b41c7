//! The links the tenant hands out for a person to follow: password-change
//! tickets (`POST /api/v2/tickets/password-change`, a page at `/lo/reset`
//! that sets the password) and e-mail verification links (`POST
//! /api/v2/jobs/verification-email`, `/u/email-verification`, which marks
//! the e-mail verified). The sandbox sends no mail: verification e-mails
//! land in an outbox (`RunningSandbox::outbox`, `GET /sandbox/outbox`).
//!
//! A ticket works once, until it expires on the sandbox's clock; it is
//! kept by its SHA-256, so the table holds no link. Following one logs what
//! Auth0 logs: `scp`/`fcp` (change password), `sv`/`fv` (verification).

use std::collections::VecDeque;

use axum::body::Bytes;
use axum::extract::{Query, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};

use crate::authn::{body_params, Params, Shared};
use crate::keys::s256;
use crate::logs::{EventBuilder, LogEvent};
use crate::mgmt::MgmtError;
use crate::pages;
use crate::State;

/// The outbox keeps the last this many e-mails.
const OUTBOX_CAP: usize = 100;
/// The shortest password the sandbox's database connection takes.
const MIN_PASSWORD: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TicketKind {
    PasswordChange {
        result_url: Option<String>,
        mark_email_as_verified: bool,
        /// `includeEmailInRedirect`: the redirect to `result_url` names the
        /// user's e-mail (`email=`).
        include_email: bool,
    },
    VerifyEmail,
}

#[derive(Debug, Clone)]
pub(crate) struct Ticket {
    pub kind: TicketKind,
    pub user_id: String,
    pub expires_at: i64,
    /// Followed already: a second use fails.
    pub used: bool,
}

/// A verification e-mail job (`GET jobs/{id}` reads it).
#[derive(Debug, Clone)]
pub(crate) struct EmailJob {
    pub id: String,
    pub created_at: String,
}

impl EmailJob {
    /// Auth0's job shape; `completed` once the e-mail is in the outbox.
    pub(crate) fn json(&self, status: &str) -> Value {
        json!({
            "type": "verification_email",
            "status": status,
            "created_at": self.created_at,
            "id": self.id,
        })
    }
}

/// An e-mail the tenant would have sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SandboxMail {
    pub to: String,
    pub user_id: String,
    pub subject: String,
    /// The link the e-mail carries (a credential: whoever holds it verifies).
    pub link: String,
}

#[derive(Default)]
pub(crate) struct Outbox {
    mails: VecDeque<SandboxMail>,
}

impl Outbox {
    pub(crate) fn send(&mut self, mail: SandboxMail) {
        if self.mails.len() == OUTBOX_CAP {
            self.mails.pop_front();
        }
        self.mails.push_back(mail);
    }

    pub(crate) fn mails(&self) -> Vec<SandboxMail> {
        self.mails.iter().cloned().collect()
    }
}

/// Stores a new ticket for `user_id`, valid `ttl` seconds; answers the
/// ticket's secret part (the caller builds the link).
pub(crate) fn issue(
    state: &State,
    kind: TicketKind,
    user_id: &str,
    ttl: i64,
) -> Result<String, MgmtError> {
    let secret = crate::keys::random_token(24).map_err(|e| MgmtError::server(e.to_string()))?;
    let now = state.now_secs();
    let ticket = Ticket {
        kind,
        user_id: user_id.to_owned(),
        expires_at: now + ttl,
        used: false,
    };
    state
        .flows()
        .tickets
        .insert(s256(&secret), ticket, now + ttl, now)
        .map_err(|_| MgmtError::too_many_requests())?;
    Ok(secret)
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/lo/reset", get(reset_page).post(reset_submit))
        .route("/u/email-verification", get(verify_email))
        .route("/sandbox/outbox", get(outbox))
}

async fn outbox(Extract(state): Extract<Shared>) -> Json<Vec<SandboxMail>> {
    Json(state.outbox().mails())
}

/// A ticket for a password change (the `/lo/reset` page).
fn is_password(kind: &TicketKind) -> bool {
    matches!(kind, TicketKind::PasswordChange { .. })
}

/// A verification link (`/u/email-verification`).
fn is_verification(kind: &TicketKind) -> bool {
    matches!(kind, TicketKind::VerifyEmail)
}

const NOT_VALID: &str = "This link is not valid. Ask for a new one.";

/// Why a ticket cannot be used, as Auth0's pages say it.
fn refusal(ticket: Option<&Ticket>, now: i64) -> Option<&'static str> {
    match ticket {
        None => Some(NOT_VALID),
        Some(t) if t.used => Some("This URL can be used only once. Ask for a new one."),
        Some(t) if t.expires_at <= now => Some("Access expired. Ask for a new link."),
        Some(_) => None,
    }
}

fn ticket_param(params: &Params) -> String {
    params.get("ticket").cloned().unwrap_or_default()
}

/// `GET /lo/reset?ticket=`: the password-change form, or why it cannot be used.
async fn reset_page(Extract(state): Extract<Shared>, Query(params): Query<Params>) -> Response {
    let secret = ticket_param(&params);
    let ticket = state.flows().tickets.get(&s256(&secret)).cloned();
    let ticket = ticket.filter(|t| is_password(&t.kind));
    if let Some(why) = refusal(ticket.as_ref(), state.now_secs()) {
        return page(StatusCode::BAD_REQUEST, "Change your password", why);
    }
    Html(pages::password_change(&secret, None)).into_response()
}

/// `POST /lo/reset` (`ticket`, `password`): sets the password, logs `scp`
/// (or `fcp`), and goes to the ticket's `result_url` when it has one.
async fn reset_submit(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match body_params(&headers, &body) {
        Ok(form) => form,
        Err(e) => return e.into_response(),
    };
    let secret = ticket_param(&form);
    let password = form.get("password").cloned().unwrap_or_default();
    if password.chars().count() < MIN_PASSWORD {
        let why = format!("The password must be at least {MIN_PASSWORD} characters long.");
        let html = pages::password_change(&secret, Some(&why));
        return (StatusCode::BAD_REQUEST, Html(html)).into_response();
    }
    let used = use_ticket(&state, &secret, is_password, |tenant, user_id| {
        tenant.set_password(user_id, &password)
    });
    let about = used.about;
    match used.outcome {
        Err(why) => {
            state.log(event(about, "fcp", why));
            page(StatusCode::BAD_REQUEST, "Change your password", why)
        }
        Ok(kind) => {
            let email = about.user_name.clone().unwrap_or_default();
            state.log(event(about, "scp", "Success Change Password"));
            match kind {
                TicketKind::PasswordChange {
                    result_url: Some(url),
                    include_email,
                    ..
                } => Redirect::to(&result_redirect(&url, include_email.then_some(&email)))
                    .into_response(),
                _ => page(
                    StatusCode::OK,
                    "Password changed",
                    "Your password has been changed. You can sign in with it now.",
                ),
            }
        }
    }
}

/// `GET /u/email-verification?ticket=`: marks the e-mail verified, logs
/// `sv` (or `fv`).
async fn verify_email(Extract(state): Extract<Shared>, Query(params): Query<Params>) -> Response {
    let secret = ticket_param(&params);
    let used = use_ticket(&state, &secret, is_verification, |_, _| {});
    match used.outcome {
        Err(why) => {
            state.log(event(used.about, "fv", why));
            page(StatusCode::BAD_REQUEST, "Verify your e-mail", why)
        }
        Ok(_) => {
            state.log(event(used.about, "sv", "Success Verification Email"));
            page(
                StatusCode::OK,
                "E-mail verified",
                "Your e-mail address was verified. You can close this page.",
            )
        }
    }
}

/// A ticket's use: its kind, or why it cannot be used; and an event about
/// its user, to log once the locks are released.
struct Used {
    outcome: Result<TicketKind, &'static str>,
    about: LogEvent,
}

/// The event of a ticket's use: `about` (its user, when known) with Auth0's
/// type and description.
fn event(about: LogEvent, kind: &str, description: &str) -> LogEvent {
    LogEvent {
        kind: Some(kind.to_owned()),
        description: Some(description.to_owned()),
        ..about
    }
}

/// An event about the user `user_id` (none when unknown), without a type yet.
fn about(tenant: &crate::Tenant, user_id: Option<&str>) -> LogEvent {
    match user_id.and_then(|id| tenant.user(id)) {
        Some(user) => LogEvent::default().user(tenant, user),
        None => LogEvent::default(),
    }
}

/// Uses the ticket `secret` once, if it is of the kind `wanted` (a
/// verification link never sets a password): `change` runs on the tenant for its user,
/// and a password ticket's or verification link's e-mail flag is set.
/// The tenant is taken before the flows (lock order).
fn use_ticket(
    state: &State,
    secret: &str,
    wanted: fn(&TicketKind) -> bool,
    change: impl FnOnce(&mut crate::Tenant, &str),
) -> Used {
    let mut tenant = state.tenant_mut();
    let mut flows = state.flows();
    let now = state.now_secs();
    let ticket = flows
        .tickets
        .get_mut(&s256(secret))
        .filter(|t| wanted(&t.kind));
    let known = ticket.as_ref().map(|t| t.user_id.clone());
    let ticket = match (refusal(ticket.as_deref(), now), ticket) {
        (None, Some(ticket)) => ticket,
        (why, _) => {
            let why = why.unwrap_or(NOT_VALID);
            return Used {
                outcome: Err(why),
                about: about(&tenant, known.as_deref()),
            };
        }
    };
    ticket.used = true;
    let (kind, user_id) = (ticket.kind.clone(), ticket.user_id.clone());
    drop(flows);
    change(&mut tenant, &user_id);
    let verifies = matches!(
        kind,
        TicketKind::VerifyEmail
            | TicketKind::PasswordChange {
                mark_email_as_verified: true,
                ..
            }
    );
    if let Some(user) = tenant.user_mut(&user_id) {
        user.email_verified |= verifies;
        user.updated_at = crate::tenant::timestamp_secs(now);
    }
    Used {
        outcome: Ok(kind),
        about: about(&tenant, Some(&user_id)),
    }
}

/// `result_url`, with `email=` added when the ticket asked for it.
fn result_redirect(result_url: &str, email: Option<&String>) -> String {
    match (url::Url::parse(result_url), email) {
        (Ok(mut url), Some(email)) => {
            url.query_pairs_mut().append_pair("email", email);
            url.into()
        }
        _ => result_url.to_owned(),
    }
}

fn page(status: StatusCode, title: &str, text: &str) -> Response {
    (status, Html(pages::message(title, text))).into_response()
}
