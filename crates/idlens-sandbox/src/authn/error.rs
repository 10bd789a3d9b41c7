//! The Authentication API's errors: Auth0's JSON error body for API
//! calls, and for a browser an error page or a redirect back to the client.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use serde_json::json;

use crate::pages;

/// An error in Auth0's shape: `{"error", "error_description"}` with a status.
pub(crate) struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
    /// The Auth0 log type this failure is logged as, when not its grant's
    /// usual failure (`ferrt` for a reused refresh token), and its user.
    logged_as: Option<(&'static str, String)>,
}

impl OAuthError {
    pub(super) fn new(
        status: StatusCode,
        error: &'static str,
        description: impl Into<String>,
    ) -> Self {
        Self {
            status,
            error,
            description: description.into(),
            logged_as: None,
        }
    }

    /// Logs this failure as `kind`, for `user_id`.
    pub(super) fn logged_as(mut self, kind: &'static str, user_id: &str) -> Self {
        self.logged_as = Some((kind, user_id.to_owned()));
        self
    }

    pub(super) fn error(&self) -> &'static str {
        self.error
    }

    pub(super) fn description(&self) -> &str {
        &self.description
    }

    pub(super) fn log_override(&self) -> Option<&(&'static str, String)> {
        self.logged_as.as_ref()
    }
    pub(crate) fn invalid_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }
    pub(super) fn invalid_grant(description: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "invalid_grant", description)
    }
    /// A table of pending things is at its cap: Auth0 would rate-limit.
    pub(super) fn too_many(what: &str, full: crate::expiring::Full) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            format!(
                "The sandbox already holds {} {what}; finish some or wait for them to expire, then try again.",
                full.cap
            ),
        )
    }
    pub(crate) fn server(error: crate::SandboxError) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            error.to_string(),
        )
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CACHE_CONTROL, "no-store")],
            Json(json!({"error": self.error, "error_description": self.description})),
        )
            .into_response()
    }
}

pub(crate) type OAuthResult<T> = Result<T, OAuthError>;

/// Sends the browser back to the client with `error=` (only after the
/// redirect URI was validated, as OAuth requires).
pub(super) fn error_redirect(
    redirect_uri: &str,
    state: Option<&str>,
    error: &str,
    description: &str,
) -> Response {
    let mut url = match url::Url::parse(redirect_uri) {
        Ok(url) => url,
        Err(_) => return error_page(StatusCode::BAD_REQUEST, description),
    };
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("error", error);
        q.append_pair("error_description", description);
        if let Some(state) = state {
            q.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

pub(super) fn error_page(status: StatusCode, text: &str) -> Response {
    (status, Html(pages::message("Something is not right", text))).into_response()
}
