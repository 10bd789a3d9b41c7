use serde::Serialize;
use ts_rs::TS;

use idlens_profile::{KeychainError, ProfileError, StoreError, TextField, UrlField};

/// What went wrong, as far as the UI needs to branch on it. A code is added
/// only when some caller handles it differently from the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// A field the user entered is wrong; the message names it and says what fits.
    InvalidInput,
    /// The named profile (or other object) does not exist.
    NotFound,
    /// Something with that name exists already.
    AlreadyExists,
    /// The OS keychain refused or is unreachable.
    Keychain,
    /// The config file could not be read or parsed; the message names the path.
    Config,
    /// Reading or writing a file failed.
    Io,
    /// A server could not be reached or answered with an error (key fetches,
    /// sign-in, the Management API); retrying may help.
    Network,
    /// There is no usable sign-in for the profile: never signed in, the
    /// sign-in did not complete (denied, expired, timed out), or the stored
    /// refresh token no longer works. Offer to sign in (again).
    SignInRequired,
    /// The tenant refused: a scope or grant is missing. The message names it
    /// and where to grant it; offer the profile's Management API settings.
    Forbidden,
    /// The user cancelled a long operation; nothing to report.
    Cancelled,
    /// A downloaded update failed its signature check (not signed with this
    /// build's key, altered after signing, or signed for another version than
    /// the server announced): nothing was installed. The UI shows it as a
    /// warning, offers no retry, and asks the user to report it: it is a
    /// broken release or a tampered download, never a passing fault.
    UpdateRefused,
    /// A bug in IdLens (or a UI/core version mismatch); the message has details to report.
    Internal,
}

impl ErrorCode {
    /// Every code, exported to the UI as `ERROR_CODES` (a test checks the
    /// list holds each variant once).
    pub const ALL: [ErrorCode; 12] = [
        ErrorCode::InvalidInput,
        ErrorCode::NotFound,
        ErrorCode::AlreadyExists,
        ErrorCode::Keychain,
        ErrorCode::Config,
        ErrorCode::Io,
        ErrorCode::Network,
        ErrorCode::SignInRequired,
        ErrorCode::Forbidden,
        ErrorCode::Cancelled,
        ErrorCode::UpdateRefused,
        ErrorCode::Internal,
    ];
}

/// An error as it crosses the boundary: `{code, message}`. The message is a
/// full sentence that says what to do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// For `invalidInput` and `alreadyExists`: the input field at fault, named
    /// as in the request type (`issuer`, `clientId`, …), so forms can mark it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }
}

impl From<idlens_audit::IdentifierError> for ApiError {
    fn from(e: idlens_audit::IdentifierError) -> Self {
        ApiError::new(ErrorCode::InvalidInput, e.to_string()).with_field("neo4jMapping")
    }
}

impl From<idlens_graph::GraphError> for ApiError {
    fn from(e: idlens_graph::GraphError) -> Self {
        use idlens_graph::GraphError as G;
        let (code, field) = match &e {
            G::InvalidUri { .. } => (ErrorCode::InvalidInput, Some("neo4jUri")),
            G::AuthenticationFailed { .. } => (ErrorCode::InvalidInput, Some("neo4jPassword")),
            G::DatabaseNotFound { .. } => (ErrorCode::InvalidInput, Some("neo4jDatabase")),
            G::MappingInvalid(_) => (ErrorCode::InvalidInput, Some("neo4jMapping")),
            G::Cancelled => (ErrorCode::Cancelled, None),
            G::Unreachable { .. }
            | G::ConnectionLost { .. }
            | G::Timeout { .. }
            | G::QueryFailed { .. }
            | G::StreamCountMismatch { .. }
            | G::MalformedAnswer { .. }
            | G::TooManyRows { .. }
            | G::UnexpectedValue { .. } => (ErrorCode::Network, None),
        };
        let message = sentence(&e.to_string());
        let error = ApiError::new(code, message);
        match field {
            Some(field) => error.with_field(field),
            None => error,
        }
    }
}

impl From<idlens_job::Cancelled> for ApiError {
    fn from(_: idlens_job::Cancelled) -> Self {
        ApiError::new(ErrorCode::Cancelled, "Cancelled.")
    }
}

impl From<idlens_audit::AuditError> for ApiError {
    fn from(e: idlens_audit::AuditError) -> Self {
        use idlens_audit::AuditError as A;
        let code = match &e {
            A::Read { .. } | A::Write(_) => ErrorCode::Io,
            _ => ErrorCode::InvalidInput,
        };
        ApiError::new(code, sentence(&e.to_string()))
    }
}

/// `text` as a sentence: a full stop at the end, and a capital first letter
/// when it starts with a plain lower-case word (never a file name such as
/// `t.gz`, which must stay as it is).
fn sentence(text: &str) -> String {
    let first_word = text.split(char::is_whitespace).next().unwrap_or("");
    let plain = !first_word.is_empty() && first_word.chars().all(|c| c.is_ascii_lowercase());
    let mut out = if plain {
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        text.to_owned()
    };
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

impl From<ProfileError> for ApiError {
    fn from(e: ProfileError) -> Self {
        let field = match &e {
            ProfileError::BadName(_) => "name",
            ProfileError::IssuerNotUrl(_)
            | ProfileError::IssuerNotHttps(_)
            | ProfileError::IssuerHasQuery(_) => "issuer",
            ProfileError::EmptyClientId => "clientId",
            ProfileError::BadCallbackPort(_) => "callbackPort",
            ProfileError::BadNeo4jUri(_) => "neo4jUri",
            ProfileError::BadScope(_) => "scopes",
            ProfileError::BadJobDeadline(_) => "exportJobDeadline",
            ProfileError::BadLogRetention(_) => "logRetentionDays",
            ProfileError::CredentialsInUrl(UrlField::Issuer) => "issuer",
            ProfileError::CredentialsInUrl(UrlField::Neo4jUri) => "neo4jUri",
            ProfileError::BadText { field, .. } => match field {
                TextField::ClientId => "clientId",
                TextField::Audience => "audience",
                TextField::ManagementClientId => "managementClientId",
                TextField::Neo4jUser => "neo4jUser",
                TextField::Neo4jDatabase => "neo4jDatabase",
            },
        };
        Self::new(ErrorCode::InvalidInput, e.to_string()).with_field(field)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        if let StoreError::Invalid(inner) = e {
            return inner.into();
        }
        if let StoreError::AlreadyExists(_) = &e {
            return Self::new(ErrorCode::AlreadyExists, e.to_string()).with_field("name");
        }
        let code = match &e {
            StoreError::NotFound(_) | StoreError::NoneInUse => ErrorCode::NotFound,
            StoreError::AlreadyExists(_) => ErrorCode::AlreadyExists,
            StoreError::Invalid(_) => ErrorCode::InvalidInput,
            StoreError::Parse { .. } | StoreError::NoConfigDir => ErrorCode::Config,
            StoreError::Read { .. } | StoreError::Write { .. } | StoreError::Busy { .. } => {
                ErrorCode::Io
            }
            StoreError::TooMany => ErrorCode::InvalidInput,
        };
        Self::new(code, e.to_string())
    }
}

impl From<idlens_session::SessionError> for ApiError {
    fn from(e: idlens_session::SessionError) -> Self {
        use idlens_session::SessionError as S;
        let code = match e {
            S::Login(login) => return login.into(),
            S::NotSignedIn { .. } | S::NoRefreshToken | S::SignInExpired(_) => {
                ErrorCode::SignInRequired
            }
            S::NoIdTokenToReveal => ErrorCode::NotFound,
            S::NoIdToken => ErrorCode::Network,
            S::UnknownSignIn(_) => ErrorCode::NotFound,
            S::AlreadyWaiting(_) | S::PageAlreadyOpened => ErrorCode::InvalidInput,
            S::ManagementDisabled { .. } => {
                return Self::new(ErrorCode::InvalidInput, e.to_string()).with_field("management")
            }
            S::NoClientSecret { .. } => {
                return Self::new(ErrorCode::InvalidInput, e.to_string())
                    .with_field("managementClientSecret")
            }
            S::Keychain(_) => ErrorCode::Keychain,
            S::Interrupted(_) => ErrorCode::Internal,
        };
        Self::new(code, e.to_string())
    }
}

impl From<idlens_auth0::ManagementError> for ApiError {
    fn from(e: idlens_auth0::ManagementError) -> Self {
        use idlens_auth0::ManagementError as M;
        let code = match e {
            M::Token(inner) => {
                return match inner.downcast::<idlens_session::SessionError>() {
                    Ok(session) => (*session).into(),
                    Err(other) => Self::new(ErrorCode::Network, other.to_string()),
                }
            }
            M::InsufficientScope { .. }
            | M::Api {
                status: 401 | 403, ..
            } => ErrorCode::Forbidden,
            // The tenant's plan lacks the feature: a refusal, said in one
            // line (the message names the plan), never retried.
            M::NotOnPlan { .. } => ErrorCode::Forbidden,
            M::Api { status: 404, .. } => ErrorCode::NotFound,
            M::Api { .. }
            | M::RateLimited { .. }
            | M::BadResponse { .. }
            | M::Unreachable { .. } => ErrorCode::Network,
            // The tenant's listing cannot be read whole: nothing is shown.
            M::ListingShort { .. } | M::ListingEndless { .. } | M::ListingTooLong { .. } => {
                ErrorCode::Network
            }
            // The log's checkpoint does not advance: the tenant's answers.
            M::CheckpointStuck { .. } => ErrorCode::Network,
            M::Cancelled => ErrorCode::Cancelled,
            M::BadUrl { .. } | M::UnsafeId { .. } | M::SearchPastCap { .. } => {
                ErrorCode::InvalidInput
            }
        };
        Self::new(code, e.to_string())
    }
}

impl From<idlens_auth0::ExportError> for ApiError {
    fn from(e: idlens_auth0::ExportError) -> Self {
        use idlens_auth0::ExportError as E;
        match e {
            E::Management(inner) => inner.into(),
            E::Failed { .. } | E::Download { .. } | E::DeadlinePassed { .. } => {
                ApiError::new(ErrorCode::Network, e.to_string())
            }
        }
    }
}

impl From<idlens_export::ExportError> for ApiError {
    fn from(e: idlens_export::ExportError) -> Self {
        use idlens_export::ExportError as E;
        let code = match e {
            E::Write { .. } | E::NoFolder => ErrorCode::Io,
            E::RowWidth { .. } => ErrorCode::InvalidInput,
        };
        Self::new(code, sentence(&e.to_string()))
    }
}

impl From<KeychainError> for ApiError {
    fn from(e: KeychainError) -> Self {
        Self::new(ErrorCode::Keychain, e.to_string())
    }
}

impl From<idlens_token::KeyError> for ApiError {
    fn from(e: idlens_token::KeyError) -> Self {
        use idlens_token::KeyError;
        let code = match &e {
            KeyError::Invalid { .. }
            | KeyError::Url { .. }
            | KeyError::Discovery { .. }
            | KeyError::IssuerMismatch { .. } => ErrorCode::InvalidInput,
            KeyError::Io { .. } => ErrorCode::Io,
            KeyError::Fetch { .. } | KeyError::Status { .. } => ErrorCode::Network,
        };
        Self::new(code, e.to_string())
    }
}

impl From<idlens_login::LoginError> for ApiError {
    fn from(e: idlens_login::LoginError) -> Self {
        use idlens_login::LoginError as L;
        let code = match &e {
            L::Cancelled => ErrorCode::Cancelled,
            L::CallbackPort { .. } => {
                return Self::new(ErrorCode::InvalidInput, e.to_string()).with_field("callbackPort")
            }
            L::DeviceCodeExpired
            | L::AccessDenied { .. }
            | L::InvalidGrant { .. }
            | L::CallbackTimeout { .. }
            | L::CallbackIssuerMismatch { .. }
            | L::MissingCode => ErrorCode::SignInRequired,
            L::Unreachable { .. }
            | L::HttpStatus { .. }
            | L::Discovery { .. }
            | L::Unsupported { .. }
            | L::Refused { .. }
            | L::BadResponse { .. }
            | L::AuthorizationFailed { .. }
            | L::InvalidToken { .. }
            | L::MissingIdToken
            | L::RejectedAfterRotation { .. } => ErrorCode::Network,
        };
        Self::new(code, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::{sentence, ApiError, ErrorCode};

    #[test]
    fn a_plan_refusal_is_forbidden_and_says_the_plan() {
        let refused = idlens_auth0::ManagementError::NotOnPlan {
            endpoint: "GET /api/v2/users/{id}/sessions".into(),
            message: "A user's sessions are not available on this tenant's plan.".into(),
        };
        let error = ApiError::from(refused);
        assert_eq!(error.code, ErrorCode::Forbidden);
        assert!(error.message.contains("plan"), "{}", error.message);
    }

    #[test]
    fn a_sentence_keeps_a_leading_file_name_as_it_is() {
        assert_eq!(sentence("t.gz ends early"), "t.gz ends early.");
        assert_eq!(sentence("could not write x"), "Could not write x.");
        assert_eq!(sentence("line 3 of a is bad."), "Line 3 of a is bad.");
        assert_eq!(sentence(""), "");
    }
}
