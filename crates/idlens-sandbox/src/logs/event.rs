//! How the sandbox builds a log event (in Auth0's shape, declared once in
//! idlens-support), and where a request came from.

use std::net::SocketAddr;

use axum::http::{header, HeaderMap};
use idlens_support::LogEvent;
use serde_json::Value;

use crate::tenant::{Client, Tenant, User};

/// The longest `User-Agent` kept in an event: a client cannot make the
/// store hold more than this per event.
const MAX_USER_AGENT: usize = 512;

/// Builds the sandbox's events over the one declaration of Auth0's event
/// shape, [`LogEvent`] (idlens-support): the type and description first,
/// then who, where from and with what. `log_id`, `date` and `hostname` are
/// set when the store records it.
pub(crate) trait EventBuilder: Sized {
    /// An event of Auth0 type `kind` (`s`, `fp`, `limit_wc`, …).
    fn new(kind: &str, description: impl Into<String>) -> Self;
    fn client(self, client: &Client) -> Self;
    /// The client with this ID, if the tenant has it (else just the ID).
    fn client_id(self, tenant: &Tenant, client_id: &str) -> Self;
    /// The user, by ID and e-mail, with their primary connection.
    fn user(self, tenant: &Tenant, user: &User) -> Self;
    /// The connection by name, with its ID and strategy.
    fn connection(self, tenant: &Tenant, name: &str) -> Self;
    /// The name typed at a sign-in (`user_name`), when no user is known.
    fn user_name(self, name: &str) -> Self;
    fn origin(self, origin: &Origin) -> Self;
    fn details(self, details: Value) -> Self;
}

impl EventBuilder for LogEvent {
    fn new(kind: &str, description: impl Into<String>) -> Self {
        Self {
            kind: Some(kind.to_owned()),
            description: Some(description.into()),
            ..Self::default()
        }
    }

    fn client(mut self, client: &Client) -> Self {
        self.client_id = Some(client.client_id.clone());
        self.client_name = Some(client.name.clone());
        self
    }

    fn client_id(self, tenant: &Tenant, client_id: &str) -> Self {
        match tenant.client(client_id) {
            Some(client) => self.client(client),
            None => Self {
                client_id: Some(client_id.to_owned()),
                ..self
            },
        }
    }

    fn user(mut self, tenant: &Tenant, user: &User) -> Self {
        self.user_id = Some(user.user_id.clone());
        self.user_name = Some(user.email.clone());
        self.connection(tenant, user.connection())
    }

    fn connection(mut self, tenant: &Tenant, name: &str) -> Self {
        if let Some(c) = tenant.connections().into_iter().find(|c| c.name == name) {
            self.connection_id = Some(c.id);
            self.strategy_type = Some(if c.is_social { "social" } else { "database" }.to_owned());
            self.strategy = Some(c.strategy);
        }
        self.connection = Some(name.to_owned());
        self
    }

    fn user_name(mut self, name: &str) -> Self {
        self.user_name = Some(name.to_owned());
        self
    }

    fn origin(mut self, origin: &Origin) -> Self {
        self.ip = Some(origin.ip.clone());
        self.user_agent = origin.user_agent.clone();
        self
    }

    fn details(mut self, details: Value) -> Self {
        self.details = Some(details);
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
