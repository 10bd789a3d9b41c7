//! Authorization code + PKCE (RFC 7636) with a loopback redirect (RFC 8252).

use std::borrow::Cow;
use std::net::{Ipv4Addr, SocketAddr};

use idlens_secret::Secret;
use oauth2::{
    AuthorizationCode, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use tokio::net::TcpListener;

use crate::client::Expect;
use crate::loopback::{wait_for_callback, Callback};
use crate::{Cancellation, LoginClient, LoginError, ProviderKind, Tokens};

/// A started browser sign-in: the loopback listener is open and the
/// authorize URL is ready for the system browser.
#[derive(Debug)]
pub struct BrowserLogin {
    authorize_url: url::Url,
    redirect_uri: String,
    listener: TcpListener,
    state: Secret,
    nonce: Secret,
    verifier: Secret,
}

/// The code from the browser's redirect, with what the exchange needs.
#[derive(Debug)]
pub struct AuthorizedCode {
    pub code: Secret,
    pub verifier: Secret,
    pub nonce: Secret,
    pub redirect_uri: String,
}

impl BrowserLogin {
    /// Open this in the system browser (and print it in the CLI).
    pub fn authorize_url(&self) -> &url::Url {
        &self.authorize_url
    }

    /// `http://127.0.0.1:{port}/callback`: what the application must allow as a callback URL.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the one redirect to `/callback`, checks it, answers the
    /// browser, and closes the listener (also on error, timeout or cancel).
    pub async fn wait_for_code(
        self,
        issuer: &str,
        timeout: std::time::Duration,
        cancel: Cancellation,
    ) -> Result<AuthorizedCode, LoginError> {
        let Self {
            listener,
            state,
            nonce,
            verifier,
            redirect_uri,
            ..
        } = self;
        let callback = Callback {
            listener,
            state: &state,
            issuer,
            redirect_uri: &redirect_uri,
        };
        let code = wait_for_callback(callback, timeout, cancel).await?;
        Ok(AuthorizedCode {
            code,
            verifier,
            nonce,
            redirect_uri,
        })
    }
}

impl LoginClient {
    /// Opens the loopback listener on 127.0.0.1 at the callback port and
    /// builds the authorize URL (S256 challenge, `state`, `nonce`, the scopes
    /// and the API). The caller opens the URL in the browser.
    pub async fn start_browser_login(&self) -> Result<BrowserLogin, LoginError> {
        let port = self.settings.callback_port;
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = TcpListener::bind(address)
            .await
            .map_err(|e| LoginError::CallbackPort {
                address: address.to_string(),
                port,
                detail: e.to_string(),
            })?;
        let port = listener
            .local_addr()
            .map_err(|e| LoginError::CallbackPort {
                address: address.to_string(),
                port,
                detail: e.to_string(),
            })?
            .port();
        let redirect_uri = format!("http://127.0.0.1:{port}/callback");
        let redirect =
            RedirectUrl::new(redirect_uri.clone()).map_err(|e| LoginError::CallbackPort {
                address: address.to_string(),
                port,
                detail: e.to_string(),
            })?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let nonce = CsrfToken::new_random();
        let mut request = self
            .oauth
            .authorize_url(CsrfToken::new_random)
            .set_redirect_uri(Cow::Owned(redirect))
            .set_pkce_challenge(challenge)
            .add_scopes(self.settings.requested_scopes().into_iter().map(Scope::new))
            .add_extra_param("nonce", nonce.secret().as_str());
        if let Some((name, value)) = self.audience_param() {
            request = request.add_extra_param(name, value);
        }
        // OIDC Core 11: offline_access is honoured only with prompt=consent.
        // Auth0 has no such rule, and would show a consent screen every time.
        if self.settings.provider == ProviderKind::Oidc {
            request = request.add_extra_param("prompt", "consent");
        }
        let (authorize_url, state) = request.url();
        Ok(BrowserLogin {
            authorize_url,
            redirect_uri,
            listener,
            state: Secret::new(state.secret().as_str()),
            nonce: Secret::new(nonce.secret().as_str()),
            verifier: Secret::new(verifier.secret().as_str()),
        })
    }

    /// Waits for the browser (up to the settings' callback timeout), exchanges
    /// the code with the verifier and validates the tokens.
    pub async fn finish_browser_login(
        &self,
        login: BrowserLogin,
        cancel: Cancellation,
    ) -> Result<Tokens, LoginError> {
        let code = login
            .wait_for_code(
                &self.endpoints.issuer,
                self.settings.callback_timeout,
                cancel,
            )
            .await?;
        self.exchange_code(&code).await
    }

    /// Exchanges an authorization code (with its PKCE verifier) and validates
    /// the tokens, the ID token against the sign-in's nonce.
    pub async fn exchange_code(&self, code: &AuthorizedCode) -> Result<Tokens, LoginError> {
        let redirect =
            RedirectUrl::new(code.redirect_uri.clone()).map_err(|e| LoginError::BadResponse {
                request: "token",
                detail: format!("the redirect URI is not a URL ({e})"),
            })?;
        let mut request = self
            .oauth
            .exchange_code(AuthorizationCode::new(code.code.expose().to_owned()))
            .set_pkce_verifier(PkceCodeVerifier::new(code.verifier.expose().to_owned()))
            .set_redirect_uri(Cow::Owned(redirect));
        if let Some((name, value)) = self.token_resource_param() {
            request = request.add_extra_param(name, value);
        }
        let response = request
            .request_async(&self.http)
            .await
            .map_err(|e| self.request_error("token", &self.endpoints.token_endpoint, e))?;
        self.validated(
            response,
            Expect::SignIn {
                nonce: Some(&code.nonce),
            },
        )
        .await
    }
}
