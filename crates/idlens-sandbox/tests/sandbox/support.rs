use std::collections::HashMap;

use idlens_sandbox::{RunningSandbox, Sandbox, SandboxConfig, DESKTOP_CLIENT_ID};
use idlens_token::{inspect, InspectOptions, KeySet, Report};
use serde_json::Value;

use idlens_testkit::login_page::LoginPage;

pub const CALLBACK: &str = "http://127.0.0.1:53134/callback";
pub use idlens_testkit::login_page::ADMIN;
pub const VERIFIER: &str = "a-long-enough-code-verifier-for-pkce-0123456789abcdef";

pub async fn start() -> RunningSandbox {
    Sandbox::start(SandboxConfig {
        seed: 7,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts on 127.0.0.1")
}

/// A client that does not follow redirects, so each hop can be checked.
pub fn http() -> reqwest::Client {
    idlens_testkit::login_page::browser()
}

pub fn url(sb: &RunningSandbox, path: &str) -> String {
    format!("{}{path}", sb.issuer())
}

pub use idlens_testkit::tenant_tokens::challenge;

/// POSTs a form to the token endpoint; returns the status and JSON body.
pub async fn token(sb: &RunningSandbox, form: &[(&str, &str)]) -> (u16, Value) {
    let resp = http()
        .post(url(sb, "oauth/token"))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

/// An OAuth error answer: `status` with `error` as its `error`.
pub fn assert_error(status: u16, body: &Value, want_status: u16, want_error: &str) {
    assert_eq!(
        (status, body["error"].as_str()),
        (want_status, Some(want_error)),
        "{body}"
    );
}

/// Redeems `rt` at the token endpoint as the desktop client: the status and JSON body.
pub async fn refresh(sb: &RunningSandbox, rt: &str) -> (u16, Value) {
    token(
        sb,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", DESKTOP_CLIENT_ID),
            ("refresh_token", rt),
        ],
    )
    .await
}

/// Redeems an authorization `code` as the desktop client with `verifier`,
/// naming `redirect_uri`; the status and JSON body.
pub async fn redeem(
    sb: &RunningSandbox,
    code: &str,
    verifier: &str,
    redirect_uri: &str,
) -> (u16, Value) {
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", DESKTOP_CLIENT_ID),
        ("code", code),
        ("code_verifier", verifier),
        ("redirect_uri", redirect_uri),
    ];
    token(sb, &form).await
}

/// The text of the page `request` asks for.
pub async fn text(request: reqwest::RequestBuilder) -> String {
    request.send().await.unwrap().text().await.unwrap()
}

/// The `/authorize` query for idlens-desktop with the given overrides.
pub fn authorize_query<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let mut q: Vec<(&str, String)> = vec![
        ("response_type", "code".into()),
        ("client_id", DESKTOP_CLIENT_ID.into()),
        ("redirect_uri", CALLBACK.into()),
        (
            "scope",
            "openid profile email offline_access read:users".into(),
        ),
        ("audience", idlens_sandbox::API_AUDIENCE.into()),
        ("state", "st-123".into()),
        ("nonce", "n-456".into()),
        ("code_challenge", challenge(VERIFIER)),
        ("code_challenge_method", "S256".into()),
    ];
    for (k, v) in overrides {
        q.retain(|(name, _)| name != k);
        if !v.is_empty() {
            q.push((k, (*v).to_owned()));
        }
    }
    q
}

/// Opens the login page and submits it; returns the response to the form post.
pub async fn login(
    sb: &RunningSandbox,
    overrides: &[(&str, &str)],
    credentials: (&str, &str),
    action: &str,
) -> reqwest::Response {
    let mut authorize = url::Url::parse(&url(sb, "authorize")).unwrap();
    authorize
        .query_pairs_mut()
        .extend_pairs(authorize_query(overrides));
    let http = http();
    LoginPage::open(&http, &authorize)
        .await
        .submit(&http, credentials.0, credentials.1, action)
        .await
}

/// The query parameters of a redirect's Location.
pub fn redirect_params(resp: &reqwest::Response) -> (String, HashMap<String, String>) {
    assert!(
        resp.status().is_redirection(),
        "expected a redirect, got {}",
        resp.status()
    );
    let location = resp.headers()["location"].to_str().unwrap();
    let url = url::Url::parse(location).unwrap();
    let base = format!("{}://{}{}", url.scheme(), url.authority(), url.path());
    (base, url.query_pairs().into_owned().collect())
}

/// Signs in as the admin through the login page and redeems the code.
pub async fn pkce_tokens(sb: &RunningSandbox, overrides: &[(&str, &str)]) -> Value {
    let resp = login(sb, overrides, ADMIN, "allow").await;
    let (_, params) = redirect_params(&resp);
    let code = params.get("code").expect("a code");
    let (status, body) = redeem(sb, code, VERIFIER, CALLBACK).await;
    assert_eq!(status, 200, "{body}");
    body
}

pub async fn jwks(sb: &RunningSandbox) -> KeySet {
    let text = text(http().get(url(sb, ".well-known/jwks.json"))).await;
    KeySet::from_jwks_json(&text, "sandbox JWKS").unwrap()
}

/// Verifies `token` with the token core against the sandbox's published keys,
/// at the time on the sandbox's clock (which tests move forward).
pub async fn verify(
    sb: &RunningSandbox,
    token: &str,
    audience: &str,
    nonce: Option<&str>,
) -> Report {
    let opts = InspectOptions {
        issuer: Some(sb.issuer().to_owned()),
        audiences: vec![audience.to_owned()],
        nonce: nonce.map(str::to_owned),
        now: Some(sb.now()),
        ..InspectOptions::default()
    };
    inspect(token, &opts, Some(&jwks(sb).await))
}

/// The verdict on a token answer's access token for the sandbox's API,
/// which must be valid.
pub async fn valid_api_token(sb: &RunningSandbox, body: &Value) -> Report {
    let token = body["access_token"].as_str().expect("an access token");
    let report = verify(sb, token, idlens_sandbox::API_AUDIENCE, None).await;
    assert_valid(&report);
    report
}

pub fn claims(report: &Report) -> &serde_json::Map<String, Value> {
    report.claims.as_ref().expect("claims")
}

pub fn assert_valid(report: &Report) {
    assert!(
        report.valid,
        "{}: {:?}",
        report.summary,
        report.first_failure()
    );
}

/// Sends `method path` (under `/api/v2/`, with a JSON `body`) with a
/// client-credentials token of `client_id`: the status and JSON body
/// (`null` for none).
pub async fn mgmt_as(
    sb: &RunningSandbox,
    client_id: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let t = crate::management::m2m_token(sb, client_id).await;
    let mut request = http()
        .request(method, url(sb, &format!("api/v2/{path}")))
        .bearer_auth(t);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// [`mgmt_as`] the sandbox's full M2M application.
pub async fn mgmt(
    sb: &RunningSandbox,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    mgmt_as(sb, idlens_sandbox::M2M_CLIENT_ID, method, path, body).await
}

/// A Management API error answer: `status` with `errorCode`.
pub fn assert_mgmt_error(answer: &(u16, Value), status: u16, error_code: &str) {
    assert_eq!(
        (answer.0, answer.1["errorCode"].as_str()),
        (status, Some(error_code)),
        "{}",
        answer.1
    );
}

/// Signs in at the login page as `(email, password)`: whether the browser
/// went back with a code, else the page's text.
pub async fn signs_in(sb: &RunningSandbox, credentials: (&str, &str)) -> Result<(), String> {
    let response = login(sb, &[], credentials, "allow").await;
    if response.status().is_redirection() {
        return Ok(());
    }
    Err(response.text().await.unwrap())
}

/// The story's seeded user (see `SupportStory`).
pub fn story(sb: &RunningSandbox, name: &str) -> idlens_sandbox::SupportStory {
    sb.support_story(name).expect("a seeded story").clone()
}
