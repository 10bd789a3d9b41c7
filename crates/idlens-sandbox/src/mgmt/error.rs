//! The Management API's one error body: `{statusCode, error, message, errorCode}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

pub(crate) struct MgmtError {
    status: StatusCode,
    message: String,
    error_code: Option<&'static str>,
}

impl MgmtError {
    fn new(
        status: StatusCode,
        message: impl Into<String>,
        error_code: Option<&'static str>,
    ) -> Self {
        Self {
            status,
            message: message.into(),
            error_code,
        }
    }

    pub(crate) fn missing_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Missing authentication", None)
    }

    pub(crate) fn invalid_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "Invalid token",
            Some("invalid_token"),
        )
    }

    pub(crate) fn expired_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "Expired token received for JSON Web Token validation",
            Some("invalid_token"),
        )
    }

    pub(crate) fn insufficient_scope(scope: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            format!("Insufficient scope, expected any of: {scope}"),
            Some("insufficient_scope"),
        )
    }

    /// `403`: the tenant's plan does not include `feature` (Auth0's
    /// documentation names the plan but not the answer; this is its error
    /// body with `operation_not_supported`).
    pub(crate) fn not_on_plan(feature: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            format!("{feature} are not available on this tenant's plan: they are an Enterprise-plan feature."),
            Some("operation_not_supported"),
        )
    }

    pub(crate) fn too_many_requests() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Global limit has been reached",
            Some("too_many_requests"),
        )
    }

    pub(crate) fn not_found(message: &str, error_code: &'static str) -> Self {
        Self::new(StatusCode::NOT_FOUND, message, Some(error_code))
    }

    pub(crate) fn bad_query(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            message,
            Some("invalid_query_string"),
        )
    }

    /// `400` for a request body Auth0 would not accept.
    pub(crate) fn bad_body(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message, Some("invalid_body"))
    }

    /// `400` with its own error code.
    pub(crate) fn bad_request(message: impl Into<String>, error_code: &'static str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message, Some(error_code))
    }

    /// `409`: the change conflicts with what the tenant holds.
    pub(crate) fn conflict(message: impl Into<String>, error_code: &'static str) -> Self {
        Self::new(StatusCode::CONFLICT, message, Some(error_code))
    }

    pub(crate) fn server(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message, None)
    }

    /// `414`: the request's URI (a log search's `q`) is longer than Auth0 takes.
    pub(crate) fn uri_too_long(message: impl Into<String>) -> Self {
        Self::new(StatusCode::URI_TOO_LONG, message, None)
    }

    pub(crate) fn paging_limit() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation",
            Some("invalid_paging"),
        )
    }
}

impl IntoResponse for MgmtError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "statusCode": self.status.as_u16(),
            "error": self.status.canonical_reason().unwrap_or("Error"),
            "message": self.message,
        });
        if let Some(code) = self.error_code {
            body["errorCode"] = json!(code);
        }
        (self.status, Json(body)).into_response()
    }
}
