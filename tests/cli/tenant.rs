//! A sandbox tenant on 127.0.0.1 for the binary to talk to, served by a
//! runtime of its own while the test runs the binary synchronously.

use std::time::Duration;

use idlens_sandbox::{RunningSandbox, Sandbox, SandboxConfig};

/// A sandbox tenant on 127.0.0.1 and the runtime that serves it.
pub struct Tenant {
    pub runtime: tokio::runtime::Runtime,
    sandbox: Option<RunningSandbox>,
}

impl Tenant {
    pub fn start(config: SandboxConfig) -> Self {
        Self::start_with_front(config, None)
    }

    /// A sandbox whose Management API answers as `front` (a hostile
    /// tenant's routes) where `front` has a route.
    pub fn start_fronted(config: SandboxConfig, front: axum::Router) -> Self {
        Self::start_with_front(config, Some(front))
    }

    fn start_with_front(config: SandboxConfig, front: Option<axum::Router>) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the sandbox");
        let config = SandboxConfig {
            device_interval: Duration::from_secs(1),
            ..config
        };
        let sandbox = runtime
            .block_on(async {
                match front {
                    Some(front) => Sandbox::start_fronted(config, front).await,
                    None => Sandbox::start(config).await,
                }
            })
            .expect("the sandbox starts on 127.0.0.1");
        Self {
            runtime,
            sandbox: Some(sandbox),
        }
    }

    pub fn sandbox(&self) -> &RunningSandbox {
        self.sandbox.as_ref().expect("running")
    }

    pub fn issuer(&self) -> String {
        self.sandbox().issuer().to_owned()
    }

    /// An access token for the sandbox's API, as `email` signs in with the
    /// browser flow (authorization code + PKCE) on its login page.
    pub fn user_access_token(&self, email: &str, password: &str) -> String {
        let tokens = self
            .runtime
            .block_on(idlens_testkit::tenant_tokens::code_flow_tokens(
                &self.issuer(),
                idlens_sandbox::DESKTOP_CLIENT_ID,
                (email, password),
                idlens_sandbox::API_AUDIENCE,
            ));
        tokens["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }

    /// Calls the sandbox's Management API as its machine-to-machine client.
    pub fn management(&self, method: reqwest::Method, path: &str, body: serde_json::Value) -> u16 {
        let sb = self.sandbox();
        let secret = sb.m2m_client_secret();
        let issuer = self.issuer();
        let audience = sb.management_audience();
        self.runtime.block_on(async {
            let token = idlens_testkit::tenant_tokens::client_credentials_token(
                &issuer,
                idlens_sandbox::M2M_CLIENT_ID,
                secret.expose(),
                &audience,
            )
            .await;
            let http = reqwest::Client::new();
            http.request(method, format!("{issuer}api/v2/{path}"))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    }
}

impl Tenant {
    /// Gives (`POST`) or takes away (`DELETE`) a role of a user, as an admin
    /// would in the Auth0 dashboard: the Management API's status.
    pub fn change_role(&self, method: reqwest::Method, user_id: &str, role_id: &str) -> u16 {
        let user: String = url::form_urlencoded::byte_serialize(user_id.as_bytes()).collect();
        self.management(
            method,
            &format!("users/{user}/roles"),
            serde_json::json!({ "roles": [role_id] }),
        )
    }
}

impl Drop for Tenant {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.runtime.block_on(sandbox.shutdown());
        }
    }
}
