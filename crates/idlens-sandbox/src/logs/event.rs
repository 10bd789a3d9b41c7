//! One log event in Auth0's shape, and where a request came from.

use std::net::SocketAddr;

use axum::http::{header, HeaderMap};
use serde::Serialize;
use serde_json::Value;

use crate::tenant::{Client, Tenant, User};

/// The longest `User-Agent` kept in an event: a client cannot make the
/// store hold more than this per event.
const MAX_USER_AGENT: usize = 512;

/// A log event as `GET /api/v2/logs` returns it. `log_id`, `date` and
/// `hostname` are set when the store records it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LogEvent {
    pub log_id: String,
    pub date: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    pub hostname: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub details: Value,
    /// When it happened (UNIX seconds, sandbox clock); `date` says the same.
    #[serde(skip)]
    pub at: i64,
}

impl LogEvent {
    /// An event of Auth0 type `kind` (`s`, `fp`, `limit_wc`, …).
    pub(crate) fn new(kind: &'static str, description: impl Into<String>) -> Self {
        Self {
            log_id: String::new(),
            date: String::new(),
            kind,
            description: description.into(),
            client_id: None,
            client_name: None,
            connection: None,
            connection_id: None,
            strategy: None,
            strategy_type: None,
            ip: None,
            hostname: String::new(),
            user_agent: None,
            user_id: None,
            user_name: None,
            details: Value::Null,
            at: 0,
        }
    }

    pub(crate) fn client(mut self, client: &Client) -> Self {
        self.client_id = Some(client.client_id.clone());
        self.client_name = Some(client.name.clone());
        self
    }

    /// The client with this ID, if the tenant has it (else just the ID).
    pub(crate) fn client_id(self, tenant: &Tenant, client_id: &str) -> Self {
        match tenant.client(client_id) {
            Some(client) => self.client(client),
            None => Self {
                client_id: Some(client_id.to_owned()),
                ..self
            },
        }
    }

    /// The user, by ID and e-mail, with their primary connection.
    pub(crate) fn user(mut self, tenant: &Tenant, user: &User) -> Self {
        self.user_id = Some(user.user_id.clone());
        self.user_name = Some(user.email.clone());
        self.connection(tenant, user.connection())
    }

    /// The connection by name, with its ID and strategy.
    pub(crate) fn connection(mut self, tenant: &Tenant, name: &str) -> Self {
        if let Some(c) = tenant.connections().into_iter().find(|c| c.name == name) {
            self.connection_id = Some(c.id);
            self.strategy_type = Some(if c.is_social { "social" } else { "database" }.to_owned());
            self.strategy = Some(c.strategy);
        }
        self.connection = Some(name.to_owned());
        self
    }

    /// The name typed at a sign-in (`user_name`), when no user is known.
    pub(crate) fn user_name(mut self, name: &str) -> Self {
        self.user_name = Some(name.to_owned());
        self
    }

    pub(crate) fn origin(mut self, origin: &Origin) -> Self {
        self.ip = Some(origin.ip.clone());
        self.user_agent = origin.user_agent.clone();
        self
    }

    pub(crate) fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }
}

/// Where a request came from: its IP and `User-Agent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub ip: String,
    pub user_agent: Option<String>,
}

impl Origin {
    /// The peer's IP, or the first `X-Forwarded-For` address when the
    /// sandbox trusts that header (`SandboxConfig::trust_forwarded_for`):
    /// every client of the sandbox is 127.0.0.1, so tests of per-IP
    /// brute-force protection name their IP that way.
    pub(crate) fn of(peer: SocketAddr, headers: &HeaderMap, trust_forwarded_for: bool) -> Self {
        let forwarded = trust_forwarded_for
            .then(|| headers.get("x-forwarded-for")?.to_str().ok())
            .flatten()
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|ip| ip.parse::<std::net::IpAddr>().is_ok());
        let ip = forwarded.map_or_else(|| peer.ip().to_string(), str::to_owned);
        let user_agent = headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(MAX_USER_AGENT).collect());
        Self { ip, user_agent }
    }
}
