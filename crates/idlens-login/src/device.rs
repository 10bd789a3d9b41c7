//! RFC 8628 device authorization: request a code, show it, poll.

use std::time::Duration;

use idlens_secret::Secret;
use oauth2::{Scope, StandardDeviceAuthorizationResponse};
use serde::Serialize;
use tokio::time::Instant;

use crate::client::{oauth_error, Expect, OAuthErrorBody};
use crate::http::MAX_ANSWER;
use crate::tokens::TokenResponse;
use crate::{Cancellation, LoginClient, LoginError, Tokens};

/// RFC 8628 3.5: on `slow_down` the interval grows by 5 s for this and every later poll.
pub const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);

/// The wait between polls is kept within these bounds, whatever the
/// provider says: 0 would poll in a tight loop, and 2^64 s never polls.
const MIN_INTERVAL: Duration = Duration::from_secs(1);
const MAX_INTERVAL: Duration = Duration::from_secs(60);

/// A device code is waited for at most this long, whatever its `expires_in`
/// (Auth0's codes live 15 minutes).
pub const MAX_DEVICE_CODE_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// The longest user code shown; real ones are 8 or 9 characters (`ABCD-EFGH`).
const MAX_USER_CODE: usize = 64;

/// What the user is shown: no device code, which stays with [`DeviceLogin`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceAuthorization {
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: Option<String>,
    /// Seconds the code stays valid.
    pub expires_in: u64,
    /// Seconds between polls, as the provider asked (5 when it did not say).
    pub interval: u64,
}

/// A started device sign-in, to finish with [`LoginClient::finish_device_login`].
#[derive(Debug)]
pub struct DeviceLogin {
    authorization: DeviceAuthorization,
    device_code: Secret,
    expires_at: Instant,
}

impl DeviceLogin {
    pub fn authorization(&self) -> &DeviceAuthorization {
        &self.authorization
    }
}

/// The outcome of one poll.
#[derive(Debug)]
enum Poll {
    Done(Box<TokenResponse>),
    Pending,
    SlowDown,
}

/// The wait before the next poll after `slow_down`.
pub(crate) fn slowed_down(interval: Duration) -> Duration {
    poll_interval(interval + SLOW_DOWN_STEP)
}

/// The provider's interval, kept between [`MIN_INTERVAL`] and [`MAX_INTERVAL`].
fn poll_interval(asked: Duration) -> Duration {
    asked.clamp(MIN_INTERVAL, MAX_INTERVAL)
}

/// The user code, if it is something a person can read and type.
fn checked_user_code(code: &str) -> Result<String, LoginError> {
    let readable = !code.trim().is_empty()
        && code.chars().count() <= MAX_USER_CODE
        && !code.chars().any(char::is_control);
    if readable {
        Ok(code.to_owned())
    } else {
        Err(LoginError::BadResponse {
            request: "device authorization",
            detail: format!(
                "its user code {:?} is not a short, printable code",
                code.chars().take(MAX_USER_CODE).collect::<String>()
            ),
        })
    }
}

/// A verification address IdLens shows and opens: `https://`, or `http://`
/// on this machine. Anything else (`javascript:`, `file:`, a plain-http
/// host) from a provider is refused, in the CLI and the app alike.
fn checked_verification_uri(uri: &str) -> Result<String, LoginError> {
    let problem = match url::Url::parse(uri) {
        Ok(url) => idlens_http::check_url(&url).err().map(|p| p.to_string()),
        Err(_) => Some("it is not a URL".to_owned()),
    };
    match problem {
        None => Ok(uri.to_owned()),
        Some(problem) => Err(LoginError::BadResponse {
            request: "device authorization",
            detail: format!(
                "its verification address {:?} cannot be used: {problem}",
                uri.chars().take(200).collect::<String>()
            ),
        }),
    }
}

impl LoginClient {
    /// Asks the provider for a user code (with `openid profile email
    /// offline_access`, the configured scopes, and the API as `audience` or `resource`).
    pub async fn start_device_login(&self) -> Result<DeviceLogin, LoginError> {
        let url = self
            .endpoints
            .device_authorization_endpoint
            .clone()
            .ok_or(LoginError::Unsupported {
                feature: "the device flow",
                field: "device_authorization_endpoint",
                hint: "Sign in with the browser instead, or enable the Device Code grant for the application.",
            })?;
        let mut request = self
            .oauth
            .exchange_device_code()
            .map_err(|e| LoginError::BadResponse {
                request: "device authorization",
                detail: e.to_string(),
            })?
            .add_scopes(self.settings.requested_scopes().into_iter().map(Scope::new));
        if let Some((name, value)) = self.audience_param() {
            request = request.add_extra_param(name, value);
        }
        let response: StandardDeviceAuthorizationResponse = request
            .request_async(&self.http)
            .await
            .map_err(|e| self.request_error("device authorization", &url, e))?;
        let expires_in = response.expires_in().min(MAX_DEVICE_CODE_LIFETIME);
        let authorization = DeviceAuthorization {
            user_code: checked_user_code(response.user_code().secret())?,
            verification_uri: checked_verification_uri(&response.verification_uri().to_string())?,
            verification_uri_complete: response
                .verification_uri_complete()
                .map(|u| checked_verification_uri(u.secret()))
                .transpose()?,
            expires_in: expires_in.as_secs(),
            interval: poll_interval(response.interval()).as_secs(),
        };
        Ok(DeviceLogin {
            authorization,
            device_code: Secret::new(response.device_code().secret().as_str()),
            expires_at: Instant::now() + expires_in,
        })
    }

    /// Polls until the user approves (then validates the tokens), denies, the
    /// code expires, or `cancel` fires. Waits `interval` before each poll and
    /// 5 s longer after every `slow_down`.
    pub async fn finish_device_login(
        &self,
        login: DeviceLogin,
        mut cancel: Cancellation,
    ) -> Result<Tokens, LoginError> {
        let mut interval = poll_interval(Duration::from_secs(login.authorization.interval));
        loop {
            // Never sleep past the code's expiry: the last poll happens then.
            let wait = interval.min(login.expires_at.saturating_duration_since(Instant::now()));
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = cancel.cancelled() => return Err(LoginError::Cancelled),
            }
            let poll = tokio::select! {
                poll = self.poll_device(&login.device_code) => poll?,
                _ = cancel.cancelled() => return Err(LoginError::Cancelled),
            };
            match poll {
                Poll::Done(response) => {
                    return self
                        .validated(*response, Expect::SignIn { nonce: None })
                        .await
                }
                Poll::Pending => {}
                Poll::SlowDown => interval = slowed_down(interval),
            }
            if Instant::now() >= login.expires_at {
                return Err(LoginError::DeviceCodeExpired);
            }
        }
    }

    async fn poll_device(&self, device_code: &Secret) -> Result<Poll, LoginError> {
        let url = &self.endpoints.token_endpoint;
        let mut form = vec![
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", device_code.expose()),
            ("client_id", self.settings.client_id.as_str()),
        ];
        if let Some(param) = self.token_resource_param() {
            form.push(param);
        }
        let response = self.http.post_form(url, &form).await?;
        let status = response.status();
        let body = self
            .http
            .read_answer("device token", url, response, MAX_ANSWER)
            .await?;
        if status.is_success() {
            let tokens: TokenResponse =
                serde_json::from_slice(&body).map_err(|e| LoginError::BadResponse {
                    request: "device token",
                    detail: e.to_string(),
                })?;
            return Ok(Poll::Done(Box::new(tokens)));
        }
        let Ok(error) = serde_json::from_slice::<OAuthErrorBody>(&body) else {
            return Err(LoginError::HttpStatus {
                url: url.clone(),
                status: status.as_u16(),
            });
        };
        match error.error.as_str() {
            "authorization_pending" => Ok(Poll::Pending),
            "slow_down" => Ok(Poll::SlowDown),
            _ => Err(oauth_error(
                "device token",
                error.error,
                error.error_description,
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_down_adds_five_seconds_each_time_up_to_a_minute() {
        let once = slowed_down(Duration::from_secs(5));
        assert_eq!(once, Duration::from_secs(10));
        assert_eq!(slowed_down(once), Duration::from_secs(15));
        assert_eq!(slowed_down(Duration::from_secs(58)), MAX_INTERVAL);
    }

    #[test]
    fn the_poll_interval_stays_between_one_second_and_a_minute() {
        assert_eq!(poll_interval(Duration::ZERO), MIN_INTERVAL);
        assert_eq!(
            poll_interval(Duration::from_secs(5)),
            Duration::from_secs(5)
        );
        assert_eq!(poll_interval(Duration::from_secs(u64::MAX)), MAX_INTERVAL);
    }

    #[test]
    fn only_readable_codes_and_https_or_loopback_addresses_are_shown() {
        assert_eq!(checked_user_code("ABCD-EFGH").unwrap(), "ABCD-EFGH");
        for code in ["\u{1b}[2J", "A\nVALID", "", "   ", &"X".repeat(65)] {
            assert!(checked_user_code(code).is_err(), "{code:?}");
        }
        for uri in [
            "https://t.auth0.com/activate",
            "http://127.0.0.1:4000/activate",
            "http://localhost/activate",
        ] {
            assert_eq!(checked_verification_uri(uri).unwrap(), uri);
        }
        for uri in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://evil.example/activate",
            "https://user:pw@t.auth0.com/activate",
            "\u{1b}[2J",
        ] {
            let err = checked_verification_uri(uri).unwrap_err().to_string();
            assert!(err.contains("verification address"), "{err}");
        }
    }

    #[test]
    fn what_the_user_sees_has_no_device_code() {
        let login = DeviceLogin {
            authorization: DeviceAuthorization {
                user_code: "ABCD-EFGH".into(),
                verification_uri: "https://t.auth0.com/activate".into(),
                verification_uri_complete: Some(
                    "https://t.auth0.com/activate?user_code=ABCD-EFGH".into(),
                ),
                expires_in: 900,
                interval: 5,
            },
            device_code: Secret::new("the-device-code"),
            expires_at: Instant::now(),
        };
        let json = serde_json::to_string(login.authorization()).unwrap();
        assert_eq!(
            json,
            r#"{"user_code":"ABCD-EFGH","verification_uri":"https://t.auth0.com/activate","verification_uri_complete":"https://t.auth0.com/activate?user_code=ABCD-EFGH","expires_in":900,"interval":5}"#
        );
        assert!(!format!("{login:?}").contains("the-device-code"));
    }
}
