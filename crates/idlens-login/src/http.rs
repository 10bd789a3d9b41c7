//! The HTTP client every request to the identity provider goes through: the
//! `oauth2` crate's requests run on it too. It is built by `idlens-http`:
//! redirects are never followed (a token endpoint that redirects is refused,
//! as RFC 6749 advises), and no answer is read past [`MAX_ANSWER`] bytes.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use idlens_http::{describe_error, BodyError};
use oauth2::{AsyncHttpClient, HttpRequest, HttpResponse};

use crate::LoginError;

/// The largest answer read from a token, device or revocation endpoint. Real
/// answers are a few KB (three tokens); a provider that sends more is broken
/// or hostile, and is not allowed to fill this process's memory.
pub(crate) const MAX_ANSWER: usize = 256 * 1024;

/// A transport failure; the message says what failed, never what was sent.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TransportError {
    /// The request or the connection failed.
    #[error("{0}")]
    Failed(String),
    /// The answer was larger than [`MAX_ANSWER`]: a broken or hostile provider.
    #[error("{0}")]
    TooLarge(String),
}

#[derive(Clone)]
pub(crate) struct IdpHttp {
    pub client: reqwest::Client,
}

impl IdpHttp {
    pub fn new(timeout: Duration) -> Result<Self, LoginError> {
        let client = idlens_http::client(&idlens_http::Policy {
            timeout,
            redirects: idlens_http::Redirects::Refuse,
            reach: idlens_http::Reach::Any,
        })
        .map_err(|detail| LoginError::Unreachable {
            url: "(no request yet)".to_owned(),
            detail,
        })?;
        Ok(Self { client })
    }

    /// Reads an answer of at most `limit` bytes from `url`, for the `request`
    /// named in messages.
    pub async fn read_answer(
        &self,
        request: &'static str,
        url: &str,
        response: reqwest::Response,
        limit: usize,
    ) -> Result<Vec<u8>, LoginError> {
        idlens_http::read_body(response, limit)
            .await
            .map_err(|e| match e {
                BodyError::TooLarge { .. } => LoginError::BadResponse {
                    request,
                    detail: e.to_string(),
                },
                other => LoginError::Unreachable {
                    url: url.to_owned(),
                    detail: other.to_string(),
                },
            })
    }
}

impl<'c> AsyncHttpClient<'c> for IdpHttp {
    type Error = TransportError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let request: reqwest::Request = request
                .try_into()
                .map_err(|e: reqwest::Error| TransportError::Failed(describe_error(&e)))?;
            let response = self
                .client
                .execute(request)
                .await
                .map_err(|e| TransportError::Failed(describe_error(&e)))?;
            let mut builder = oauth2::http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let body = idlens_http::read_body(response, MAX_ANSWER)
                .await
                .map_err(|e| match e {
                    BodyError::TooLarge { .. } => TransportError::TooLarge(e.to_string()),
                    other => TransportError::Failed(other.to_string()),
                })?;
            builder
                .body(body)
                .map_err(|e| TransportError::Failed(format!("the response is not HTTP ({e})")))
        })
    }
}

impl IdpHttp {
    /// POSTs a form to the IdP and asks for JSON; a transport failure is
    /// `LoginError::Unreachable` naming `url`.
    pub async fn post_form(
        &self,
        url: &str,
        form: &[(&str, &str)],
    ) -> Result<reqwest::Response, LoginError> {
        self.client
            .post(url)
            .header(reqwest::header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .map_err(|e| LoginError::Unreachable {
                url: url.to_owned(),
                detail: describe_error(&e),
            })
    }
}
