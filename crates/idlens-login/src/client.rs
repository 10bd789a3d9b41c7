use std::sync::Arc;
use std::time::Duration;

use idlens_profile::{Issuer, Profile, ProviderSetting, BASE_SCOPES};
use idlens_secret::Secret;
use idlens_token::{CachePolicy, InspectOptions, JwksCache, RemoteKeys};
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
};
use oauth2::{
    AuthType, AuthUrl, ClientId, DeviceAuthorizationUrl, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, ErrorResponseType, RefreshToken, RequestTokenError, StandardErrorResponse,
    StandardRevocableToken, TokenUrl,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::TokenRole;
use crate::http::{IdpHttp, TransportError, MAX_ANSWER};
use crate::tokens::{TokenResponse, Tokens};
use crate::LoginError;
use idlens_http::describe_error;

/// How long the loopback listener waits for the browser, unless the settings say otherwise.
pub const DEFAULT_CALLBACK_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// Larger discovery documents are refused.
const MAX_DISCOVERY_BYTES: usize = 512 * 1024;

/// Which dialect of OAuth the identity provider speaks about APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    /// Auth0: the API is named with `audience` on `/authorize` and
    /// `/oauth/device/code`; revocation is at `/oauth/revoke`.
    Auth0,
    /// Any other OpenID provider: the API is an RFC 8707 `resource`, sent on
    /// every authorization and token request.
    Oidc,
}

impl ProviderKind {
    /// Auth0 for `*.auth0.com` issuers; a custom domain must be configured explicitly.
    pub fn detect(issuer: &Issuer) -> Self {
        let host = url::Url::parse(issuer.as_str())
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
        match host {
            Some(host) if host == "auth0.com" || host.ends_with(".auth0.com") => Self::Auth0,
            _ => Self::Oidc,
        }
    }

    /// Auth0 behind a custom domain (or anything serving Auth0's paths, like
    /// the sandbox tenant): discovery names Auth0's token, device and key paths.
    pub fn looks_like_auth0(endpoints: &Endpoints) -> bool {
        let base = endpoints.issuer.trim_end_matches('/');
        endpoints.token_endpoint == format!("{base}/oauth/token")
            && endpoints.jwks_uri == format!("{base}/.well-known/jwks.json")
            && endpoints.device_authorization_endpoint.as_deref()
                == Some(format!("{base}/oauth/device/code").as_str())
    }
}

/// What a sign-in needs to know. [`LoginSettings::from_profile`] fills it from a profile.
#[derive(Debug, Clone)]
pub struct LoginSettings {
    pub issuer: Issuer,
    pub client_id: String,
    /// The API the access token is for; it is then validated for it.
    pub audience: Option<String>,
    /// Requested in addition to [`BASE_SCOPES`].
    pub scopes: Vec<String>,
    /// The loopback port of the browser flow (0 takes any free port, for tests).
    pub callback_port: u16,
    pub provider: ProviderKind,
    pub callback_timeout: Duration,
    /// Per HTTP request to the identity provider.
    pub request_timeout: Duration,
}

impl LoginSettings {
    pub fn from_profile(profile: &Profile) -> Self {
        Self {
            issuer: profile.issuer.clone(),
            client_id: profile.client_id.clone(),
            audience: profile.audience.clone(),
            scopes: profile.scopes.clone(),
            callback_port: profile.callback_port,
            provider: match profile.provider {
                ProviderSetting::Auto => ProviderKind::detect(&profile.issuer),
                ProviderSetting::Auth0 => ProviderKind::Auth0,
                ProviderSetting::Oidc => ProviderKind::Oidc,
            },
            callback_timeout: DEFAULT_CALLBACK_TIMEOUT,
            request_timeout: Duration::from_secs(30),
        }
    }

    /// `openid profile email offline_access` and the configured scopes, without duplicates.
    pub fn requested_scopes(&self) -> Vec<String> {
        let mut scopes: Vec<String> = BASE_SCOPES.iter().map(|s| (*s).to_owned()).collect();
        for scope in &self.scopes {
            if !scopes.contains(scope) {
                scopes.push(scope.clone());
            }
        }
        scopes
    }
}

/// The endpoints named by the discovery document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Endpoints {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub device_authorization_endpoint: Option<String>,
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    pub jwks_uri: String,
}

pub(crate) type OAuthClient = oauth2::Client<
    BasicErrorResponse,
    TokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointMaybeSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// A client for one identity provider and application, with its endpoints discovered.
pub struct LoginClient {
    pub(crate) settings: LoginSettings,
    pub(crate) endpoints: Endpoints,
    pub(crate) http: IdpHttp,
    pub(crate) oauth: OAuthClient,
    jwks: Arc<JwksCache>,
}

impl LoginClient {
    /// Reads `{issuer}/.well-known/openid-configuration`; it must name the
    /// configured issuer exactly.
    pub async fn discover(settings: LoginSettings) -> Result<Self, LoginError> {
        let policy = CachePolicy {
            timeout: settings.request_timeout,
            ..CachePolicy::default()
        };
        let jwks = JwksCache::new(policy).map_err(|e| LoginError::Unreachable {
            url: settings.issuer.to_string(),
            detail: e.to_string(),
        })?;
        Self::discover_with_cache(settings, Arc::new(jwks)).await
    }

    /// Like [`discover`](Self::discover), sharing the process's key cache.
    pub async fn discover_with_cache(
        settings: LoginSettings,
        jwks: Arc<JwksCache>,
    ) -> Result<Self, LoginError> {
        let http = IdpHttp::new(settings.request_timeout)?;
        let url = settings.issuer.discovery_url();
        let response = http
            .client
            .get(&url)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| LoginError::Unreachable {
                url: url.clone(),
                detail: describe_error(&e),
            })?;
        let status = response.status();
        if !status.is_success() {
            return Err(LoginError::HttpStatus {
                url,
                status: status.as_u16(),
            });
        }
        let body = http
            .read_answer("discovery", &url, response, MAX_DISCOVERY_BYTES)
            .await?;
        let endpoints: Endpoints =
            serde_json::from_slice(&body).map_err(|e| LoginError::Discovery {
                url: url.clone(),
                problem: format!("it is not an OpenID discovery document ({e})"),
            })?;
        let expected = settings.issuer.as_str();
        if endpoints.issuer != expected {
            let problem = if endpoints.issuer.trim_end_matches('/')
                == expected.trim_end_matches('/')
            {
                format!(
                    "it names the issuer {:?}, not {expected:?}; only the trailing slash differs, so set the issuer to {:?} exactly",
                    endpoints.issuer, endpoints.issuer
                )
            } else {
                format!(
                    "it names the issuer {:?}, not {expected:?}",
                    endpoints.issuer
                )
            };
            return Err(LoginError::Discovery { url, problem });
        }
        let oauth = build_oauth(&settings, &endpoints, &url)?;
        Ok(Self {
            settings,
            endpoints,
            http,
            oauth,
            jwks,
        })
    }

    pub fn settings(&self) -> &LoginSettings {
        &self.settings
    }

    /// The same client, speaking another dialect (see [`ProviderKind::looks_like_auth0`]).
    pub fn with_provider(mut self, provider: ProviderKind) -> Self {
        self.settings.provider = provider;
        self
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The parameter naming the API on authorization requests, if any.
    pub(crate) fn audience_param(&self) -> Option<(&'static str, &str)> {
        let audience = self.settings.audience.as_deref()?;
        Some(match self.settings.provider {
            ProviderKind::Auth0 => ("audience", audience),
            ProviderKind::Oidc => ("resource", audience),
        })
    }

    /// The parameter naming the API on token requests: RFC 8707 repeats the
    /// resource; Auth0 remembers the audience from the authorization request.
    pub(crate) fn token_resource_param(&self) -> Option<(&'static str, &str)> {
        match self.settings.provider {
            ProviderKind::Auth0 => None,
            ProviderKind::Oidc => self.settings.audience.as_deref().map(|a| ("resource", a)),
        }
    }

    /// Exchanges a refresh token. With rotation the answer carries a new
    /// refresh token, which replaces the old one; without, the old one is kept,
    /// so [`Tokens::refresh_token`] is always the one to store.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<Tokens, LoginError> {
        let token = RefreshToken::new(refresh_token.expose().to_owned());
        let mut request = self.oauth.exchange_refresh_token(&token);
        if let Some((name, value)) = self.token_resource_param() {
            request = request.add_extra_param(name, value);
        }
        let response = request
            .request_async(&self.http)
            .await
            .map_err(|e| self.request_error("refresh", &self.endpoints.token_endpoint, e))?;
        let mut tokens = self.validated(response, Expect::Refresh).await?;
        if tokens.refresh_token.is_none() {
            tokens.refresh_token = Some(refresh_token.clone());
        }
        Ok(tokens)
    }

    /// Revokes a refresh token (sign-out): Auth0's `/oauth/revoke`, or the
    /// RFC 7009 endpoint from discovery.
    pub async fn revoke(&self, refresh_token: &Secret) -> Result<(), LoginError> {
        let url = self.revocation_url()?;
        // By hand rather than through `oauth2`, which refuses plain-http
        // endpoints even on loopback (the sandbox tenant and the tests).
        let form = [
            ("token", refresh_token.expose()),
            ("token_type_hint", "refresh_token"),
            ("client_id", self.settings.client_id.as_str()),
        ];
        let response = self.http.post_form(&url, &form).await?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let body = self
            .http
            .read_answer("revocation", &url, response, MAX_ANSWER)
            .await
            .unwrap_or_default();
        match serde_json::from_slice::<OAuthErrorBody>(&body) {
            Ok(error) => Err(oauth_error(
                "revocation",
                error.error,
                error.error_description,
            )),
            Err(_) => Err(LoginError::HttpStatus {
                url,
                status: status.as_u16(),
            }),
        }
    }

    fn revocation_url(&self) -> Result<String, LoginError> {
        let url = match (&self.endpoints.revocation_endpoint, self.settings.provider) {
            (Some(url), _) => url.clone(),
            (None, ProviderKind::Auth0) => {
                format!("{}/oauth/revoke", self.endpoints.issuer.trim_end_matches('/'))
            }
            (None, ProviderKind::Oidc) => {
                return Err(LoginError::Unsupported {
                    feature: "token revocation",
                    field: "revocation_endpoint",
                    hint: "IdLens forgot the tokens on this machine, but the refresh token stays valid until it expires.",
                })
            }
        };
        check_endpoint(&url).map_err(|problem| LoginError::Discovery {
            url: self.settings.issuer.discovery_url(),
            problem: format!("its revocation endpoint {url:?} cannot be used: {problem}"),
        })?;
        Ok(url)
    }

    /// Validates a token response: the ID token (when one is expected or
    /// present) and, when an API is configured, the access token.
    pub(crate) async fn validated(
        &self,
        response: TokenResponse,
        expect: Expect<'_>,
    ) -> Result<Tokens, LoginError> {
        let tokens = Tokens::from_response(response);
        let rotated = match expect {
            Expect::Refresh => tokens.refresh_token.clone(),
            Expect::SignIn { .. } => None,
        };
        match (self.validate_tokens(tokens, expect).await, rotated) {
            // The provider has already replaced the refresh token: hand the
            // new one back, or the caller is left with a spent one.
            (Err(error), Some(refresh_token)) => Err(LoginError::RejectedAfterRotation {
                error: Box::new(error),
                refresh_token,
            }),
            (result, _) => result,
        }
    }

    async fn validate_tokens(
        &self,
        mut tokens: Tokens,
        expect: Expect<'_>,
    ) -> Result<Tokens, LoginError> {
        let (nonce, id_token_required) = match expect {
            Expect::SignIn { nonce } => (nonce, true),
            Expect::Refresh => (None, false),
        };
        match &tokens.id_token {
            Some(id_token) => {
                let claims = self
                    .validate(
                        TokenRole::IdToken,
                        id_token,
                        &self.settings.client_id,
                        nonce,
                        Some(&self.settings.client_id),
                    )
                    .await?;
                tokens.id_claims = Some(claims);
            }
            // A sign-in asks for `openid`, so an ID token must come back; a
            // refresh may omit it.
            None if id_token_required => return Err(LoginError::MissingIdToken),
            None => {}
        }
        if let Some(audience) = &self.settings.audience {
            let claims = self
                .validate(
                    TokenRole::AccessToken,
                    &tokens.access_token,
                    audience,
                    None,
                    None,
                )
                .await?;
            tokens.access_claims = Some(claims);
        }
        Ok(tokens)
    }

    pub(crate) async fn validate(
        &self,
        role: TokenRole,
        token: &Secret,
        audience: &str,
        nonce: Option<&Secret>,
        authorized_party: Option<&str>,
    ) -> Result<Map<String, Value>, LoginError> {
        let opts = InspectOptions {
            issuer: Some(self.endpoints.issuer.clone()),
            audiences: vec![audience.to_owned()],
            nonce: nonce.map(|n| n.expose().to_owned()),
            authorized_party: authorized_party.map(str::to_owned),
            explain: false,
            ..InspectOptions::default()
        };
        let source = RemoteKeys::Issuer(self.endpoints.issuer.clone());
        let report = idlens_token::inspect_remote(token.expose(), &opts, &self.jwks, &source).await;
        if report.valid {
            return Ok(report.claims.unwrap_or_default());
        }
        let (check, reason, hint) = match report.first_failure() {
            Some(failure) => (
                serde_json::to_value(failure.name)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_else(|| format!("{:?}", failure.name)),
                failure.reason.clone(),
                failure.hint.clone().unwrap_or_default(),
            ),
            None => (
                "signature".to_owned(),
                "The signature was not verified.".to_owned(),
                String::new(),
            ),
        };
        Err(LoginError::InvalidToken {
            role,
            check,
            reason,
            hint,
        })
    }

    /// Maps an `oauth2` request failure to a [`LoginError`].
    pub(crate) fn request_error<T: ErrorResponseType + std::fmt::Display + 'static>(
        &self,
        request: &'static str,
        url: &str,
        error: RequestTokenError<TransportError, StandardErrorResponse<T>>,
    ) -> LoginError {
        match error {
            RequestTokenError::ServerResponse(response) => oauth_error(
                request,
                response.error().to_string(),
                response.error_description().cloned(),
            ),
            RequestTokenError::Request(TransportError::Failed(detail)) => LoginError::Unreachable {
                url: url.to_owned(),
                detail,
            },
            RequestTokenError::Request(TransportError::TooLarge(detail)) => {
                LoginError::BadResponse { request, detail }
            }
            RequestTokenError::Parse(e, _) => LoginError::BadResponse {
                request,
                detail: e.to_string(),
            },
            RequestTokenError::Other(detail) => LoginError::BadResponse { request, detail },
        }
    }
}

/// What a token response must hold.
#[derive(Clone, Copy)]
pub(crate) enum Expect<'a> {
    /// A sign-in asked for `openid`: an ID token, with this nonce when one was sent.
    SignIn { nonce: Option<&'a Secret> },
    /// A refresh: the ID token is optional (and carries no nonce).
    Refresh,
}

/// An OAuth error response body (RFC 6749 5.2).
#[derive(Deserialize)]
pub(crate) struct OAuthErrorBody {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
}

/// Endpoints are used only over https://, or http:// on this machine.
pub(crate) fn check_endpoint(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|_| "it is not a URL".to_owned())?;
    idlens_http::check_url(&parsed).map_err(|problem| problem.to_string())
}

/// The error an OAuth error response means, by its `error` code.
pub(crate) fn oauth_error(
    request: &'static str,
    error: String,
    description: Option<String>,
) -> LoginError {
    match error.as_str() {
        "invalid_grant" => LoginError::InvalidGrant { description },
        "access_denied" => LoginError::AccessDenied { description },
        "expired_token" => LoginError::DeviceCodeExpired,
        _ => {
            let hint = match error.as_str() {
                "invalid_client" | "unauthorized_client" => "Check the client ID in the profile, and that the application is a Native application with this grant enabled.",
                "invalid_scope" => "Remove the scopes the application may not request from the profile.",
                "invalid_target" => "Check the audience (API identifier) in the profile.",
                _ => "Check the profile's settings against the application at the identity provider.",
            };
            LoginError::Refused {
                request,
                error,
                description,
                hint: hint.to_owned(),
            }
        }
    }
}

fn build_oauth(
    settings: &LoginSettings,
    endpoints: &Endpoints,
    discovery_url: &str,
) -> Result<OAuthClient, LoginError> {
    let bad = |field: &str, value: &str| LoginError::Discovery {
        url: discovery_url.to_owned(),
        problem: format!("its `{field}` {value:?} is not a URL"),
    };
    for (field, value) in [
        (
            "authorization_endpoint",
            Some(&endpoints.authorization_endpoint),
        ),
        ("token_endpoint", Some(&endpoints.token_endpoint)),
        (
            "device_authorization_endpoint",
            endpoints.device_authorization_endpoint.as_ref(),
        ),
        (
            "revocation_endpoint",
            endpoints.revocation_endpoint.as_ref(),
        ),
        ("jwks_uri", Some(&endpoints.jwks_uri)),
    ] {
        if let Some(value) = value {
            check_endpoint(value).map_err(|problem| LoginError::Discovery {
                url: discovery_url.to_owned(),
                problem: format!("its `{field}` {value:?} cannot be used: {problem}"),
            })?;
        }
    }
    let auth = AuthUrl::new(endpoints.authorization_endpoint.clone())
        .map_err(|_| bad("authorization_endpoint", &endpoints.authorization_endpoint))?;
    let token = TokenUrl::new(endpoints.token_endpoint.clone())
        .map_err(|_| bad("token_endpoint", &endpoints.token_endpoint))?;
    let device = endpoints
        .device_authorization_endpoint
        .as_ref()
        .map(|u| {
            DeviceAuthorizationUrl::new(u.clone())
                .map_err(|_| bad("device_authorization_endpoint", u))
        })
        .transpose()?;
    Ok(
        oauth2::Client::new(ClientId::new(settings.client_id.clone()))
            // A public client: client_id in the form, no secret.
            .set_auth_type(AuthType::RequestBody)
            .set_auth_uri(auth)
            .set_token_uri(token)
            .set_device_authorization_url_option(device),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth0_is_recognised_by_domain() {
        for issuer in [
            "acme.auth0.com",
            "acme.eu.auth0.com",
            "https://ACME.US.AUTH0.COM/",
        ] {
            assert_eq!(
                ProviderKind::detect(&Issuer::parse(issuer).unwrap()),
                ProviderKind::Auth0,
                "{issuer}"
            );
        }
        for issuer in [
            "login.acme.com",
            "https://auth0.com.evil.example/",
            "http://127.0.0.1:8080/",
        ] {
            assert_eq!(
                ProviderKind::detect(&Issuer::parse(issuer).unwrap()),
                ProviderKind::Oidc,
                "{issuer}"
            );
        }
    }

    #[test]
    fn requested_scopes_start_with_the_base_scopes() {
        let settings = LoginSettings {
            issuer: Issuer::parse("acme.auth0.com").unwrap(),
            client_id: "c".into(),
            audience: None,
            scopes: vec!["read:users".into(), "email".into()],
            callback_port: 0,
            provider: ProviderKind::Auth0,
            callback_timeout: DEFAULT_CALLBACK_TIMEOUT,
            request_timeout: Duration::from_secs(1),
        };
        assert_eq!(
            settings.requested_scopes(),
            ["openid", "profile", "email", "offline_access", "read:users"]
        );
    }

    #[test]
    fn oauth_errors_map_to_what_the_user_can_do() {
        assert!(matches!(
            oauth_error("token", "invalid_grant".into(), None),
            LoginError::InvalidGrant { .. }
        ));
        assert!(matches!(
            oauth_error("token", "access_denied".into(), Some("no".into())),
            LoginError::AccessDenied { .. }
        ));
        assert!(matches!(
            oauth_error("token", "expired_token".into(), None),
            LoginError::DeviceCodeExpired
        ));
        let other = oauth_error("token", "invalid_client".into(), None).to_string();
        assert!(other.contains("Check the client ID"), "{other}");
    }
}
