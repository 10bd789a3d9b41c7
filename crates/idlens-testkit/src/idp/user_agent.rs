//! Plays the user's browser over plain HTTP: a cookie jar, redirects followed
//! by hand, and oidc-provider's development pages (device code, login,
//! consent) submitted as forms.

use reqwest::header::LOCATION;
use url::Url;

use super::Idp;

/// What the user does on the provider's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Deny,
}

/// The last page the browser showed.
#[derive(Debug)]
pub struct Page {
    pub url: Url,
    pub status: u16,
    pub body: String,
}

pub struct UserAgent {
    http: reqwest::Client,
    idp: Url,
}

enum Step {
    Get(Url),
    Post(Url, Vec<(String, String)>),
}

impl UserAgent {
    pub fn new(idp: &Idp) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .expect("HTTP client");
        Self {
            http,
            idp: Url::parse(&idp.issuer).expect("issuer URL"),
        }
    }

    /// Opens `start` and goes through the provider's pages as `user`,
    /// following redirects; a redirect that leaves the provider (the loopback
    /// callback) is fetched once and its page returned.
    pub async fn sign_in(&self, start: &str, user: &str, decision: Decision) -> Page {
        let mut step = Step::Get(Url::parse(start).expect("start URL"));
        for _ in 0..30 {
            let (url, request) = match step {
                Step::Get(url) => (url.clone(), self.http.get(url)),
                Step::Post(url, form) => (url.clone(), self.http.post(url).form(&form)),
            };
            let response = request
                .send()
                .await
                .unwrap_or_else(|e| panic!("{url}: {e}"));
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .expect("redirect without Location");
                let next = url.join(location).expect("Location URL");
                if next.origin() != self.idp.origin() {
                    let response = self.http.get(next.clone()).send().await;
                    return match response {
                        Ok(r) => Page {
                            url: next,
                            status: r.status().as_u16(),
                            body: r.text().await.unwrap_or_default(),
                        },
                        Err(e) => Page {
                            url: next,
                            status: 0,
                            body: format!("request failed: {e}"),
                        },
                    };
                }
                step = Step::Get(next);
                continue;
            }
            let body = response.text().await.unwrap_or_default();
            let forms = forms(&body);
            let prompt = forms
                .iter()
                .find_map(|f| f.hidden_value("prompt").map(|p| (f, p)));
            step = match prompt {
                Some((form, "login")) => {
                    let action = url.join(&form.action).expect("form action");
                    if decision == Decision::Deny {
                        Step::Get(Url::parse(&format!("{action}/abort")).expect("abort URL"))
                    } else {
                        Step::Post(
                            action,
                            vec![
                                ("prompt".into(), "login".into()),
                                ("login".into(), user.into()),
                                ("password".into(), "any password".into()),
                            ],
                        )
                    }
                }
                Some((form, "consent")) => Step::Post(
                    url.join(&form.action).expect("form action"),
                    vec![("prompt".into(), "consent".into())],
                ),
                _ => match forms.into_iter().find(|f| !f.has_visible_input) {
                    // Self-submitting forms and the device confirmation.
                    Some(form) => {
                        let mut fields = form.hidden;
                        if decision == Decision::Deny && form.id == "op.deviceConfirmForm" {
                            fields.push(("abort".into(), "yes".into()));
                        }
                        Step::Post(url.join(&form.action).expect("form action"), fields)
                    }
                    None => {
                        return Page {
                            url,
                            status: status.as_u16(),
                            body,
                        }
                    }
                },
            };
        }
        panic!("the provider's pages did not finish within 30 steps");
    }
}

struct Form {
    id: String,
    action: String,
    hidden: Vec<(String, String)>,
    has_visible_input: bool,
}

impl Form {
    fn hidden_value(&self, name: &str) -> Option<&str> {
        self.hidden
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn forms(html: &str) -> Vec<Form> {
    html.split("<form")
        .skip(1)
        .map(|chunk| {
            let open = &chunk[..chunk.find('>').unwrap_or(chunk.len())];
            let inner = &chunk[..chunk.find("</form>").unwrap_or(chunk.len())];
            let mut hidden = Vec::new();
            let mut has_visible_input = false;
            for input in inner.split("<input").skip(1) {
                let tag = &input[..input.find('>').unwrap_or(input.len())];
                if attr(tag, "type").as_deref() == Some("hidden") {
                    if let Some(name) = attr(tag, "name") {
                        hidden.push((name, attr(tag, "value").unwrap_or_default()));
                    }
                } else {
                    has_visible_input = true;
                }
            }
            Form {
                id: attr(open, "id").unwrap_or_default(),
                action: attr(open, "action").unwrap_or_default(),
                hidden,
                has_visible_input,
            }
        })
        .collect()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!("{name}=\"");
    let start = tag
        .match_indices(&needle)
        .find(|(i, _)| *i == 0 || tag[..*i].ends_with(char::is_whitespace))?
        .0
        + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
