//! Access tokens for an API without a person at the browser: by client
//! credentials (a machine-to-machine application and its secret), or by the
//! signed-in user's refresh token asked for another API (Auth0's
//! multi-resource refresh tokens). Both are validated like a sign-in's access
//! token before they are handed out.

use std::time::{Duration, SystemTime};

use idlens_secret::Secret;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::client::{oauth_error, OAuthErrorBody};
use crate::error::TokenRole;
use crate::http::MAX_ANSWER;
use crate::{LoginClient, LoginError};

/// A validated access token for one API.
#[derive(Debug, Clone)]
pub struct ApiToken {
    pub access_token: Secret,
    pub expires_at: Option<SystemTime>,
    /// The granted scopes (`scope`), as the token says.
    pub scopes: Vec<String>,
    /// The token's verified claims.
    pub claims: Map<String, Value>,
    /// With a refresh token: the newest one, when the provider rotated it.
    pub refresh_token: Option<Secret>,
}

#[derive(Deserialize)]
struct Answer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
}

impl LoginClient {
    /// `client_credentials` for `audience`, authenticating with the client's
    /// ID and secret in the form (`client_secret_post`, which Auth0 takes).
    pub async fn client_credentials(
        &self,
        client_id: &str,
        client_secret: &Secret,
        audience: &str,
    ) -> Result<ApiToken, LoginError> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", client_secret.expose()),
            ("audience", audience),
        ];
        let answer = self.token_request("client credentials", &form).await?;
        self.validated_api_token(answer, audience, None).await
    }

    /// A token for `audience` from the signed-in user's refresh token.
    /// With rotation the answer carries a new refresh token, which the caller
    /// must keep (it is in [`ApiToken::refresh_token`], also when validation
    /// fails: then in [`LoginError::RejectedAfterRotation`]).
    pub async fn refresh_for_audience(
        &self,
        refresh_token: &Secret,
        audience: &str,
    ) -> Result<ApiToken, LoginError> {
        let form = [
            ("grant_type", "refresh_token"),
            ("client_id", self.settings.client_id.as_str()),
            ("refresh_token", refresh_token.expose()),
            ("audience", audience),
        ];
        let answer = self.token_request("refresh for another API", &form).await?;
        let rotated = answer.refresh_token.as_deref().map(Secret::new);
        match self.validated_api_token(answer, audience, None).await {
            Err(error) => match rotated {
                Some(refresh_token) => Err(LoginError::RejectedAfterRotation {
                    error: Box::new(error),
                    refresh_token,
                }),
                None => Err(error),
            },
            ok => ok,
        }
    }

    async fn token_request(
        &self,
        request: &'static str,
        form: &[(&str, &str)],
    ) -> Result<Answer, LoginError> {
        let url = &self.endpoints.token_endpoint;
        let response = self.http.post_form(url, form).await?;
        let status = response.status();
        let body = self
            .http
            .read_answer(request, url, response, MAX_ANSWER)
            .await?;
        if status.is_success() {
            return serde_json::from_slice(&body).map_err(|e| LoginError::BadResponse {
                request,
                detail: e.to_string(),
            });
        }
        match serde_json::from_slice::<OAuthErrorBody>(&body) {
            Ok(error) => Err(api_token_error(request, error)),
            Err(_) => Err(LoginError::HttpStatus {
                url: url.clone(),
                status: status.as_u16(),
            }),
        }
    }

    async fn validated_api_token(
        &self,
        answer: Answer,
        audience: &str,
        rotated: Option<Secret>,
    ) -> Result<ApiToken, LoginError> {
        let access_token = Secret::new(answer.access_token);
        let claims = self
            .validate(TokenRole::AccessToken, &access_token, audience, None, None)
            .await?;
        let expires_at = answer
            .expires_in
            .map(|s| SystemTime::now() + Duration::from_secs(s.min(10 * 365 * 86_400)));
        let scopes = answer
            .scope
            .or_else(|| {
                claims
                    .get("scope")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        Ok(ApiToken {
            access_token,
            expires_at,
            scopes,
            claims,
            refresh_token: answer.refresh_token.map(Secret::new).or(rotated),
        })
    }
}

/// An error answer to a token request made for an API, with what to do.
fn api_token_error(request: &'static str, error: OAuthErrorBody) -> LoginError {
    let hint = match error.error.as_str() {
        "invalid_grant" => return oauth_error(request, error.error, error.error_description),
        "invalid_client" | "unauthorized_client" => {
            "Check the machine-to-machine application's client ID in the profile and the client \
             secret stored for it (`idlens profile set-mgmt-secret`, or Settings)."
        }
        "access_denied" => {
            "Authorize the application for this API in Auth0: Applications → APIs → (the API) → \
             Machine to Machine Applications, or for the signed-in user's application, allow its \
             refresh tokens to ask for this API (multi-resource refresh tokens)."
        }
        _ => "Check the profile's Management API settings against the application in Auth0.",
    };
    LoginError::Refused {
        request,
        error: error.error,
        description: error.error_description,
        hint: hint.to_owned(),
    }
}
