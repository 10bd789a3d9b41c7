//! The HTTP client every request to the identity provider goes through: the
//! `oauth2` crate's requests run on it too. Redirects are never followed (a
//! token endpoint that redirects is refused, as RFC 6749 advises).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use idlens_token::describe_http_error;
use oauth2::{AsyncHttpClient, HttpRequest, HttpResponse};

use crate::LoginError;

/// A transport failure; the message says what failed, never what was sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct TransportError(pub String);

#[derive(Clone)]
pub(crate) struct IdpHttp {
    pub client: reqwest::Client,
}

impl IdpHttp {
    pub fn new(timeout: Duration) -> Result<Self, LoginError> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("IdLens/", env!("CARGO_PKG_VERSION")))
            // Servers close idle keep-alive connections (Node after 5 s); a
            // poll sent on one just as it closes fails. Device polls are 5 s
            // or more apart, so connections idle that long are not reused.
            .pool_idle_timeout(Duration::from_secs(2))
            .build()
            .map_err(|e| LoginError::Unreachable {
                url: "(no request yet)".to_owned(),
                detail: format!("the HTTP client could not start ({e})"),
            })?;
        Ok(Self { client })
    }
}

impl<'c> AsyncHttpClient<'c> for IdpHttp {
    type Error = TransportError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let request: reqwest::Request = request
                .try_into()
                .map_err(|e: reqwest::Error| TransportError(describe_http_error(&e)))?;
            let response = self
                .client
                .execute(request)
                .await
                .map_err(|e| TransportError(describe_http_error(&e)))?;
            let mut builder = oauth2::http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let body = response
                .bytes()
                .await
                .map_err(|e| TransportError(describe_http_error(&e)))?;
            builder
                .body(body.to_vec())
                .map_err(|e| TransportError(format!("the response is not HTTP ({e})")))
        })
    }
}

/// A reqwest error as a short phrase with its causes, e.g.
/// "the connection failed (… Connection refused …)". Never includes the request body.
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
                detail: describe_http_error(&e),
            })
    }
}
