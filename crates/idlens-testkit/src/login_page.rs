//! The person on the sandbox's login page, played over plain HTTP: open the
//! `/authorize` URL, submit the form, follow the redirect. For every test
//! binary that signs in to the sandbox through a browser flow.

use reqwest::header::LOCATION;
use url::Url;

/// The sandbox's seeded administrator: e-mail and password on its login page.
pub const ADMIN: (&str, &str) = ("ada.admin@idlens.test", "sandbox-admin");

/// A browser that does not follow redirects, so each hop can be checked.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("an HTTP client")
}

/// The sandbox's login page, as shown for one authorization request.
pub struct LoginPage {
    pub url: Url,
    pub html: String,
}

impl LoginPage {
    /// Opens `authorize_url`; the sandbox must show its login page.
    pub async fn open(http: &reqwest::Client, authorize_url: &Url) -> Self {
        let page = http
            .get(authorize_url.clone())
            .send()
            .await
            .expect("the sandbox answers");
        assert_eq!(page.status(), 200, "the login page shows");
        Self {
            url: authorize_url.clone(),
            html: page.text().await.expect("the login page reads"),
        }
    }

    /// `name="…" value="…"` of one of the form's inputs.
    pub fn input_value(&self, name: &str) -> String {
        self.html
            .split(&format!("name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("the page has no {name} input: {}", self.html))
            .to_owned()
    }

    /// The form's `action`, resolved against the page's URL.
    pub fn form_action(&self) -> Url {
        let action = self
            .html
            .split("<form method=\"post\" action=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("the page has no form: {}", self.html));
        self.url.join(action).expect("a form action URL")
    }

    /// Submits the form as `email`/`password`; `action` is `allow` or `deny`.
    /// Returns the sandbox's answer as it came (a redirect, or the page again).
    pub async fn submit(
        &self,
        http: &reqwest::Client,
        email: &str,
        password: &str,
        action: &str,
    ) -> reqwest::Response {
        http.post(self.form_action())
            .form(&[
                ("tx", self.input_value("tx").as_str()),
                ("email", email),
                ("password", password),
                ("action", action),
            ])
            .send()
            .await
            .expect("the sandbox answers")
    }
}

/// Where a redirect sends the browser, resolved against `from`.
pub fn redirect_target(from: &Url, response: &reqwest::Response) -> Url {
    assert!(
        response.status().is_redirection(),
        "the form sends the browser on, got {}",
        response.status()
    );
    let location = response.headers()[LOCATION]
        .to_str()
        .expect("an ASCII Location");
    from.join(location).expect("a Location URL")
}

/// Signs in as `email` and allows, then follows the redirect (to IdLens's
/// loopback listener): the status and page the browser ends on.
pub async fn sign_in_and_return(authorize_url: &str, email: &str, password: &str) -> (u16, String) {
    let http = browser();
    let url = Url::parse(authorize_url).expect("an authorize URL");
    let page = LoginPage::open(&http, &url).await;
    let answer = page.submit(&http, email, password, "allow").await;
    follow(&http, &redirect_target(&url, &answer)).await
}

/// Signs in as [`ADMIN`] on the login page of `issuer` that IdLens sent the
/// browser to, the way a person would; the page IdLens's loopback listener
/// then showed, which must be a success.
pub async fn sign_in_as_admin(issuer: &str, authorize_url: &str) -> String {
    assert!(authorize_url.starts_with(issuer), "{authorize_url}");
    let (status, page) = sign_in_and_return(authorize_url, ADMIN.0, ADMIN.1).await;
    assert_eq!(status, 200, "{page}");
    page
}

/// The browser following a redirect: status and page (status 0 when the
/// request failed, e.g. the listener is gone).
pub async fn follow(http: &reqwest::Client, to: &Url) -> (u16, String) {
    match http.get(to.clone()).send().await {
        Ok(response) => (
            response.status().as_u16(),
            response.text().await.unwrap_or_default(),
        ),
        Err(e) => (0, format!("request failed: {e}")),
    }
}
