//! [`GraphError`]: what went wrong talking to Neo4j, and what to do next.
//! No message ever holds the password (the driver never echoes it, and the
//! settings refuse URIs with credentials in them).

use std::time::Duration;

use idlens_audit::IdentifierError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    #[error("the Neo4j URI {uri:?} is not usable: {problem}. Use bolt://host:7687 (or bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://)")]
    InvalidUri { uri: String, problem: String },

    #[error("cannot reach Neo4j at {address}: {detail}. Check the host and Bolt port (usually 7687), that Neo4j is running, and that a firewall or VPN lets it through")]
    Unreachable { address: String, detail: String },

    #[error("Neo4j at {address} refused the user {user:?}: wrong user name or password ({detail}). Update the password in the profile's Neo4j settings (it is kept in the keychain) and connect again")]
    AuthenticationFailed {
        address: String,
        user: String,
        detail: String,
    },

    #[error("Neo4j has no database {database:?}. Check the database name in the profile's Neo4j settings (leave it empty for the server's default), or run SHOW DATABASES to list them")]
    DatabaseNotFound { database: String },

    #[error("the connection to Neo4j was lost {during}: {detail}. Nothing partial was kept; check that the server is up and try again")]
    ConnectionLost {
        during: &'static str,
        detail: String,
    },

    #[error("Neo4j at {address} sent a malformed answer when {during} ({detail}). IdLens stopped reading it and dropped the connection. Check that the URI points to a Neo4j server; on a network you do not trust, use bolt+s:// so nobody on the way can change the answers")]
    MalformedAnswer {
        address: String,
        during: &'static str,
        detail: String,
    },

    #[error("Neo4j at {address} sent more rows than the query asks for when {during} (more than {limit}). IdLens stopped reading the answer. Check that the URI points to a Neo4j server; on a network you do not trust, use bolt+s:// so nobody on the way can change the answers")]
    TooManyRows {
        address: String,
        during: &'static str,
        limit: usize,
    },

    #[error("Neo4j did not answer within {} s {during}. The server may be overloaded or the network down; try again, or raise the timeout", .after.as_secs())]
    Timeout {
        during: &'static str,
        after: Duration,
    },

    #[error("Neo4j refused the query {during}: {message} ({code})")]
    QueryFailed {
        during: &'static str,
        code: String,
        message: String,
    },

    #[error("the graph mapping is invalid: {0}")]
    MappingInvalid(#[from] IdentifierError),

    #[error("the graph sent {streamed} user rows but counted {counted} in the same transaction. Rows were lost on the way (a known neo4rs issue) or the data changed meanwhile; nothing partial was kept, run it again")]
    StreamCountMismatch { counted: u64, streamed: u64 },

    #[error("the graph sent a value that IdLens cannot read {during}: {detail}")]
    UnexpectedValue {
        during: &'static str,
        detail: String,
    },

    #[error("cancelled")]
    Cancelled,
}

impl From<idlens_job::Cancelled> for GraphError {
    fn from(_: idlens_job::Cancelled) -> Self {
        GraphError::Cancelled
    }
}

/// Where the error happened, for turning a driver error into a [`GraphError`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub address: &'a str,
    pub user: &'a str,
    pub database: Option<&'a str>,
    pub during: &'static str,
}

impl Context<'_> {
    /// Classifies a neo4rs error by what the user can do about it.
    pub(crate) fn error(&self, error: neo4rs::Error) -> GraphError {
        use neo4rs::Error as E;
        match error {
            E::Neo4j(e) => self.server_error(e.code(), e.message()),
            E::AuthenticationError(detail) => self.auth_failed(detail),
            E::IOError { detail } => self.io_error(detail),
            E::ConnectionTimedOut => GraphError::Unreachable {
                address: self.address.to_owned(),
                detail: "the connection timed out".into(),
            },
            E::UnsupportedVersion(..) | E::ProtocolMismatch(_) => GraphError::Unreachable {
                address: self.address.to_owned(),
                detail: format!("{error}: is it a Neo4j 4.4 or 5.x Bolt port?"),
            },
            E::UnsupportedScheme(_) | E::UrlParseError(_) | E::InvalidDnsName(_) => {
                GraphError::InvalidUri {
                    uri: self.address.to_owned(),
                    problem: error.to_string(),
                }
            }
            E::ConnectionError | E::IncompleteBoltExchange | E::UnexpectedMessage(_) => {
                GraphError::ConnectionLost {
                    during: self.during,
                    detail: error.to_string(),
                }
            }
            E::MessageTooLarge { limit } => self.malformed(format!(
                "a message larger than {} MiB, the most IdLens reads",
                limit >> 20
            )),
            E::AnswerTooLarge(detail) => self.malformed(detail),
            E::MalformedMessage(_)
            | E::InvalidTypeMarker(_)
            | E::UnknownType(_)
            | E::UnknownMessage(_) => self.malformed(error.to_string()),
            E::DeserializationError(_) | E::ConversionError => GraphError::UnexpectedValue {
                during: self.during,
                detail: error.to_string(),
            },
            other => GraphError::QueryFailed {
                during: self.during,
                code: "driver".into(),
                message: other.to_string(),
            },
        }
    }

    fn server_error(&self, code: &str, message: &str) -> GraphError {
        match code {
            "Neo.ClientError.Security.Unauthorized"
            | "Neo.ClientError.Security.AuthenticationRateLimit"
            | "Neo.ClientError.Security.CredentialsExpired" => self.auth_failed(message.to_owned()),
            "Neo.ClientError.Database.DatabaseNotFound" => GraphError::DatabaseNotFound {
                database: self.database.unwrap_or("(default)").to_owned(),
            },
            _ => GraphError::QueryFailed {
                during: self.during,
                code: code.to_owned(),
                message: message.to_owned(),
            },
        }
    }

    /// Bytes that are not a Bolt answer (the driver never uses them and does
    /// not reuse the connection they came on).
    fn malformed(&self, detail: String) -> GraphError {
        GraphError::MalformedAnswer {
            address: self.address.to_owned(),
            during: self.during,
            detail,
        }
    }

    /// More rows than the query asks for; the rest is left unread.
    pub(crate) fn too_many_rows(&self, limit: usize) -> GraphError {
        GraphError::TooManyRows {
            address: self.address.to_owned(),
            during: self.during,
            limit,
        }
    }

    fn auth_failed(&self, detail: String) -> GraphError {
        GraphError::AuthenticationFailed {
            address: self.address.to_owned(),
            user: self.user.to_owned(),
            detail,
        }
    }

    fn io_error(&self, detail: std::io::Error) -> GraphError {
        use std::io::ErrorKind as K;
        let refused = matches!(
            detail.kind(),
            K::ConnectionRefused | K::NotFound | K::AddrNotAvailable
        );
        if refused || self.during == "connecting" {
            GraphError::Unreachable {
                address: self.address.to_owned(),
                detail: detail.to_string(),
            }
        } else {
            GraphError::ConnectionLost {
                during: self.during,
                detail: detail.to_string(),
            }
        }
    }
}
