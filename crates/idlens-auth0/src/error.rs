/// Why a Management API call failed. Every message says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum ManagementError {
    /// `403` with `errorCode: insufficient_scope`.
    #[error("The Management API refused {endpoint}: it needs the {scope} scope. Grant {scope} to the machine-to-machine application in Auth0 (Applications → APIs → Auth0 Management API → Machine to Machine Applications → the application → Permissions). Tokens of a signed-in user carry only current-user scopes, so use a machine-to-machine application for this.")]
    InsufficientScope { endpoint: String, scope: String },

    /// Any other error body `{statusCode, error, message, errorCode}`.
    #[error("The Management API answered {endpoint} with {status} {}: {message}{}", .error_code.as_deref().map(|c| format!("({c})")).unwrap_or_default(), hint(*.status))]
    Api {
        endpoint: String,
        status: u16,
        error_code: Option<String>,
        message: String,
    },

    #[error("The Management API kept answering {endpoint} with 429 (rate limit) after {attempts} tries. Wait a minute and try again, or raise the tenant's rate limit.")]
    RateLimited { endpoint: String, attempts: u32 },

    #[error("The Management API's answer to {endpoint} cannot be read ({detail}), so IdLens shows none of it. Check the tenant's domain; if it is right, try again.")]
    BadResponse { endpoint: String, detail: String },

    #[error("Could not reach the Management API for {endpoint}: {detail}. Check the network and the tenant's domain, then try again.")]
    Unreachable { endpoint: String, detail: String },

    /// The token source could not give a token.
    #[error("{0}")]
    Token(Box<dyn std::error::Error + Send + Sync>),

    #[error("The Management API request was cancelled.")]
    Cancelled,

    #[error("IdLens cannot call the Management API at {url}: {problem}.")]
    BadUrl { url: String, problem: String },
}

fn hint(status: u16) -> &'static str {
    match status {
        401 => ". The token was refused: check the application's client ID and secret.",
        404 => ".",
        400 => ". IdLens sent a request the tenant did not accept: please report it.",
        s if s >= 500 => ". Auth0 has a problem: try again later.",
        _ => ".",
    }
}

impl From<idlens_job::Cancelled> for ManagementError {
    fn from(_: idlens_job::Cancelled) -> Self {
        ManagementError::Cancelled
    }
}

impl ManagementError {
    /// `404`: the user, role or other object does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ManagementError::Api { status: 404, .. })
    }
}
