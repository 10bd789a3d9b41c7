//! The loopback listener of the browser flow: one redirect to `/callback`
//! carrying this sign-in's `state`, answered with a page the user can close,
//! then the listener is closed.
//!
//! Invariants:
//! - Only a redirect with this sign-in's `state` ends the wait. Anything else
//!   on the port (a favicon request, a forged or stale redirect from another
//!   program on this machine) is answered with an error page and ignored, so
//!   it cannot abort the sign-in or inject a code.
//! - Connections are served concurrently, each with its own read timeout, so
//!   idle or slow connections never delay the real redirect or the deadline.
//! - The listener and every connection are closed when the wait ends, however
//!   it ends (code, error, timeout, cancel).

use std::sync::Arc;
use std::time::Duration;

use idlens_secret::Secret;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::{Cancellation, LoginError};

/// Request heads longer than this are refused.
const MAX_HEAD: usize = 16 * 1024;
/// A connection that sends no complete request head in this time is dropped.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once; more are closed as they arrive.
const MAX_CONNECTIONS: usize = 32;

pub(crate) struct Callback<'a> {
    pub listener: TcpListener,
    pub state: &'a Secret,
    pub issuer: &'a str,
    pub redirect_uri: &'a str,
}

/// What a `/callback` request carried.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Code(String),
    StateMismatch,
    IssuerMismatch(String),
    Error {
        error: String,
        description: Option<String>,
    },
    MissingCode,
}

/// What a connection needs to judge a redirect.
struct Expected {
    state: Secret,
    issuer: String,
}

pub(crate) async fn wait_for_callback(
    callback: Callback<'_>,
    timeout: Duration,
    mut cancel: Cancellation,
) -> Result<Secret, LoginError> {
    let deadline = Instant::now() + timeout;
    // The listener is dropped (closed) when this function returns, and so is
    // `connections`, which aborts every connection still being served.
    let listener = callback.listener;
    let expected = Arc::new(Expected {
        state: callback.state.clone(),
        issuer: callback.issuer.to_owned(),
    });
    let (finished, mut outcomes) = mpsc::channel::<Result<Secret, LoginError>>(1);
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                // A failed accept (e.g. out of file descriptors) is not the
                // browser's fault: keep listening until the deadline.
                if let Ok((stream, _)) = accepted {
                    if connections.len() < MAX_CONNECTIONS {
                        connections.spawn(serve(stream, expected.clone(), finished.clone()));
                    }
                }
            }
            Some(outcome) = outcomes.recv() => return outcome,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = tokio::time::sleep_until(deadline) => {
                return Err(LoginError::CallbackTimeout {
                    redirect_uri: callback.redirect_uri.to_owned(),
                    // Rounded up, so a sub-second test timeout does not read "0 s".
                    seconds: timeout.as_millis().div_ceil(1000) as u64,
                });
            }
            _ = cancel.cancelled() => return Err(LoginError::Cancelled),
        }
    }
}

/// Serves one connection: answers it, and reports an outcome when it was
/// this sign-in's redirect.
async fn serve(
    mut stream: TcpStream,
    expected: Arc<Expected>,
    finished: mpsc::Sender<Result<Secret, LoginError>>,
) {
    let Some(target) = read_request_target(&mut stream).await else {
        return;
    };
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    if path != "/callback" {
        let text = "IdLens is waiting for the sign-in to finish; this address is not part of it.";
        respond(&mut stream, "404 Not Found", &page("Not found", text)).await;
        return;
    }
    let result = match parse_callback(query, &expected.state, &expected.issuer) {
        Outcome::Code(code) => {
            let text = "You are signed in to IdLens. You can close this tab and return to IdLens.";
            respond(&mut stream, "200 OK", &page("Signed in", text)).await;
            let _ = finished.send(Ok(Secret::new(code))).await;
            return;
        }
        Outcome::StateMismatch => {
            let text =
                "This redirect does not belong to the sign-in IdLens is waiting for, so IdLens \
                        ignored it. If you started a sign-in, finish it in the tab IdLens opened.";
            respond(
                &mut stream,
                "400 Bad Request",
                &page("Not this sign-in", text),
            )
            .await;
            return;
        }
        Outcome::IssuerMismatch(found) => LoginError::CallbackIssuerMismatch {
            expected: expected.issuer.clone(),
            found,
        },
        Outcome::Error { error, description } if error == "access_denied" => {
            LoginError::AccessDenied { description }
        }
        Outcome::Error { error, description } => {
            LoginError::AuthorizationFailed { error, description }
        }
        Outcome::MissingCode => LoginError::MissingCode,
    };
    let text = format!("{result} You can close this tab.");
    respond(
        &mut stream,
        "400 Bad Request",
        &page("Sign-in did not finish", &text),
    )
    .await;
    let _ = finished.send(Err(result)).await;
}

pub(crate) fn parse_callback(query: &str, state: &Secret, issuer: &str) -> Outcome {
    let mut code = None;
    let mut got_state = None;
    let mut iss = None;
    let mut error = None;
    let mut description = None;
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match name.as_ref() {
            "code" => code = Some(value.into_owned()),
            "state" => got_state = Some(Secret::new(value.into_owned())),
            "iss" => iss = Some(value.into_owned()),
            "error" => error = Some(value.into_owned()),
            "error_description" => description = Some(value.into_owned()),
            _ => {}
        }
    }
    // The state is checked first: an unsolicited redirect is refused whatever it carries.
    if got_state.as_ref() != Some(state) {
        return Outcome::StateMismatch;
    }
    // RFC 9207: when the provider names itself, it must be the one asked.
    if let Some(iss) = iss {
        if iss != issuer {
            return Outcome::IssuerMismatch(iss);
        }
    }
    if let Some(error) = error {
        return Outcome::Error { error, description };
    }
    match code {
        Some(code) if !code.is_empty() => Outcome::Code(code),
        _ => Outcome::MissingCode,
    }
}

/// Reads the request head and returns the request target of a `GET`.
async fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    let read = async {
        loop {
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            head.extend_from_slice(&buf[..n]);
            if head.windows(4).any(|w| w == b"\r\n\r\n") {
                return Some(());
            }
            if head.len() > MAX_HEAD {
                return None;
            }
        }
    };
    tokio::time::timeout(READ_TIMEOUT, read).await.ok()??;
    let text = String::from_utf8_lossy(&head);
    let mut parts = text.lines().next()?.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    if method != "GET" {
        respond(
            stream,
            "405 Method Not Allowed",
            &page(
                "Not allowed",
                "IdLens only accepts the browser's redirect here.",
            ),
        )
        .await;
        return None;
    }
    Some(target.to_owned())
}

async fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    // The browser may already have gone; nothing to do about it.
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

fn page(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>IdLens: {title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}}\
         h1{{font-size:1.5rem}}</style></head><body><h1>{title}</h1><p>{}</p></body></html>",
        html_escape::encode_quoted_attribute(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISS: &str = "https://t.auth0.com/";

    #[test]
    fn a_callback_with_the_right_state_gives_the_code() {
        let state = Secret::new("s1");
        assert_eq!(
            parse_callback("code=abc&state=s1", &state, ISS),
            Outcome::Code("abc".into())
        );
        assert_eq!(
            parse_callback(
                "code=abc&state=s1&iss=https%3A%2F%2Ft.auth0.com%2F",
                &state,
                ISS
            ),
            Outcome::Code("abc".into())
        );
    }

    #[test]
    fn state_is_checked_before_anything_else() {
        let state = Secret::new("s1");
        for query in [
            "code=abc&state=s2",
            "code=abc",
            "error=access_denied&state=x",
            "",
        ] {
            assert_eq!(
                parse_callback(query, &state, ISS),
                Outcome::StateMismatch,
                "{query}"
            );
        }
    }

    #[test]
    fn errors_and_foreign_issuers_are_reported() {
        let state = Secret::new("s1");
        assert_eq!(
            parse_callback(
                "error=access_denied&error_description=User%20said%20no&state=s1",
                &state,
                ISS
            ),
            Outcome::Error {
                error: "access_denied".into(),
                description: Some("User said no".into())
            }
        );
        assert_eq!(
            parse_callback(
                "code=abc&state=s1&iss=https%3A%2F%2Fevil.example%2F",
                &state,
                ISS
            ),
            Outcome::IssuerMismatch("https://evil.example/".into())
        );
        assert_eq!(
            parse_callback("state=s1", &state, ISS),
            Outcome::MissingCode
        );
    }

    #[test]
    fn the_page_escapes_what_the_provider_sent() {
        let html = page("t", "<script>alert(1)</script>");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }
}
