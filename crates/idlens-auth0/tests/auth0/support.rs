//! A token source that asks the sandbox for client-credentials tokens.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use idlens_auth0::{ManagementClient, TokenSource};
use idlens_sandbox::{RunningSandbox, Sandbox, SandboxConfig};
use idlens_secret::Secret;

pub struct ClientCredentials {
    token_url: String,
    client_id: String,
    secret: Secret,
    audience: String,
    cached: Mutex<Option<Secret>>,
    /// Tokens fetched so far.
    pub fetched: AtomicU32,
    /// Times the client said its token was refused.
    pub refused: AtomicU32,
}

impl ClientCredentials {
    pub fn for_sandbox(sb: &RunningSandbox, client_id: &str) -> Self {
        Self {
            token_url: format!("{}oauth/token", sb.issuer()),
            client_id: client_id.to_owned(),
            secret: sb.client_secret(client_id).expect("a confidential client"),
            audience: sb.management_audience(),
            cached: Mutex::new(None),
            fetched: AtomicU32::new(0),
            refused: AtomicU32::new(0),
        }
    }

    /// A source whose token the server will not know.
    pub fn fixed(token: &str) -> Self {
        Self {
            token_url: String::new(),
            client_id: String::new(),
            secret: Secret::new(""),
            audience: String::new(),
            cached: Mutex::new(Some(Secret::new(token))),
            fetched: AtomicU32::new(0),
            refused: AtomicU32::new(0),
        }
    }
}

impl TokenSource for ClientCredentials {
    async fn token(&self) -> Result<Secret, Box<dyn std::error::Error + Send + Sync>> {
        if let Some(token) = self.cached.lock().unwrap().clone() {
            return Ok(token);
        }
        let answer: serde_json::Value = reqwest::Client::new()
            .post(&self.token_url)
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.secret.expose()),
                ("audience", self.audience.as_str()),
            ])
            .send()
            .await?
            .json()
            .await?;
        let token = Secret::new(answer["access_token"].as_str().ok_or("no access_token")?);
        self.fetched.fetch_add(1, Ordering::Relaxed);
        *self.cached.lock().unwrap() = Some(token.clone());
        Ok(token)
    }

    fn refused(&self) {
        self.refused.fetch_add(1, Ordering::Relaxed);
        if !self.token_url.is_empty() {
            *self.cached.lock().unwrap() = None;
        }
    }
}

pub async fn sandbox(mgmt_rate: Option<u32>) -> RunningSandbox {
    sandbox_with(SandboxConfig {
        mgmt_rate,
        ..SandboxConfig::default()
    })
    .await
}

pub async fn sandbox_with(config: SandboxConfig) -> RunningSandbox {
    Sandbox::start(config).await.expect("the sandbox starts")
}

pub fn client(sb: &RunningSandbox, client_id: &str) -> ManagementClient<ClientCredentials> {
    ManagementClient::new(
        &sb.management_audience(),
        ClientCredentials::for_sandbox(sb, client_id),
    )
    .unwrap()
}

/// The seeded user of a support story (`SupportStory::story`).
pub fn story<'s>(sb: &'s RunningSandbox, name: &str) -> &'s idlens_sandbox::SupportStory {
    sb.support_story(name).expect("a seeded story")
}
