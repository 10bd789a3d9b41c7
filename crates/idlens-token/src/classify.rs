//! What kind of token an input is, which tenant issued it, and what that
//! kind is for. Works on unverified data: the result describes what the
//! token says about itself.

use std::cell::RefCell;

use serde_json::{Map, Value};

use crate::report::{Tenant, TokenKind};
use crate::unverified::{UnverifiedJwe, UnverifiedOpaque};

thread_local! {
    /// The last issuer this thread read a tenant from, and that tenant: a
    /// batch of tokens nearly always has one issuer, and parsing its URL costs
    /// more than all the claim checks together.
    static LAST_TENANT: RefCell<Option<(String, Option<Tenant>)>> = const { RefCell::new(None) };
}

/// The tenant named by an issuer URL.
pub(crate) fn tenant(issuer: &str) -> Option<Tenant> {
    LAST_TENANT.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((seen, tenant)) if seen == issuer => tenant.clone(),
            _ => {
                let tenant = parse_tenant(issuer);
                *last = Some((issuer.to_owned(), tenant.clone()));
                tenant
            }
        }
    })
}

fn parse_tenant(issuer: &str) -> Option<Tenant> {
    let url = url::Url::parse(issuer).ok()?;
    let domain = url.host_str()?.to_ascii_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let auth0 = labels.len() >= 3 && labels[labels.len() - 2..] == ["auth0", "com"];
    Some(Tenant {
        issuer: issuer.to_owned(),
        name: auth0.then(|| labels[0].to_owned()),
        region: (auth0 && labels.len() == 4).then(|| labels[1].to_owned()),
        custom_domain: !auth0,
        domain,
    })
}

/// The audiences of a token: `aud` as a string or an array of strings.
pub(crate) fn audiences(claims: &Map<String, Value>) -> Vec<&str> {
    match claims.get("aud") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_management_audience(aud: &str, issuer_host: Option<&str>) -> bool {
    if !aud.ends_with("/api/v2/") {
        return false;
    }
    let Ok(url) = url::Url::parse(aud) else {
        return false;
    };
    let Some(host) = url.host_str() else {
        return false;
    };
    url.scheme() == "https"
        && url.path() == "/api/v2/"
        && (host.ends_with(".auth0.com") || Some(host) == issuer_host)
}

fn gty_is(claims: &Map<String, Value>, wanted: &str) -> bool {
    match claims.get("gty") {
        Some(Value::String(s)) => s == wanted,
        Some(Value::Array(items)) => items.iter().any(|v| v.as_str() == Some(wanted)),
        _ => false,
    }
}

pub(crate) fn classify_jws(header: &Map<String, Value>, claims: &Map<String, Value>) -> TokenKind {
    let auds = audiences(claims);
    if auds.iter().any(|a| a.ends_with("/api/v2/")) {
        let issuer_host = claims
            .get("iss")
            .and_then(Value::as_str)
            .and_then(|iss| url::Url::parse(iss).ok())
            .and_then(|u| u.host_str().map(str::to_owned));
        if auds
            .iter()
            .any(|a| is_management_audience(a, issuer_host.as_deref()))
        {
            return TokenKind::ManagementApi;
        }
    }
    if gty_is(claims, "client-credentials") {
        return TokenKind::MachineToMachine;
    }
    let typ = header.get("typ").and_then(Value::as_str).unwrap_or("");
    let has = |name: &str| claims.contains_key(name);
    if typ.eq_ignore_ascii_case("at+jwt") || has("scope") || has("permissions") || has("gty") {
        return TokenKind::AccessToken;
    }
    let id_token_claims = [
        "nonce",
        "at_hash",
        "c_hash",
        "auth_time",
        "email",
        "name",
        "nickname",
        "sid",
    ];
    if id_token_claims.iter().any(|c| has(c)) {
        return TokenKind::IdToken;
    }
    if has("azp") && auds.iter().any(|a| a.contains("://")) {
        return TokenKind::AccessToken;
    }
    TokenKind::Jwt
}

pub(crate) fn classify_jwe(jwe: &UnverifiedJwe) -> TokenKind {
    let text = |name: &str| jwe.header.get(name).and_then(Value::as_str);
    // Auth0's opaque access tokens are JWEs it encrypts to itself: `alg: dir`,
    // `enc: A256GCM`, no encrypted key, and its issuer in the header.
    let auth0_opaque = text("alg") == Some("dir")
        && text("enc") == Some("A256GCM")
        && jwe.encrypted_key_empty
        && text("iss").is_some();
    if auth0_opaque {
        TokenKind::OpaqueAccessToken
    } else {
        TokenKind::Encrypted
    }
}

pub(crate) fn classify_opaque(opaque: &UnverifiedOpaque) -> TokenKind {
    if opaque.refresh_token_prefix {
        TokenKind::RefreshToken
    } else if (16..=32).contains(&opaque.len) {
        // The length of Auth0's classic opaque access tokens.
        TokenKind::OpaqueAccessToken
    } else {
        TokenKind::Opaque
    }
}

/// What this kind of token is for, and what to do when it is the wrong one.
pub(crate) fn about(
    kind: TokenKind,
    header: Option<&Map<String, Value>>,
    claims: Option<&Map<String, Value>>,
) -> String {
    let claim = |name: &str| {
        claims
            .and_then(|c| c.get(name))
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned()
    };
    let aud = claims
        .map(|c| audiences(c).join(", "))
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "?".to_owned());
    let header_text = |name: &str| {
        header
            .and_then(|h| h.get(name))
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned()
    };
    match kind {
        TokenKind::AccessToken => format!(
            "An access token for the API {aud}. The application sends it to that API as \
             `Authorization: Bearer …` and the API verifies it; applications should not read it \
             to learn who the user is (that is the ID token's job)."
        ),
        TokenKind::IdToken => format!(
            "An OpenID Connect ID token for the application {aud}: it tells the application who \
             signed in. Do not send it to an API; to call an API, request an access token with \
             `audience=<the API's identifier>`."
        ),
        TokenKind::MachineToMachine => format!(
            "A machine-to-machine access token for the API {aud}, from the client-credentials \
             grant of application {}: no user is involved.",
            claim("azp")
        ),
        TokenKind::ManagementApi => {
            let grant = if claims.is_some_and(|c| gty_is(c, "client-credentials")) {
                format!(" It came from the client-credentials grant of application {}.", claim("azp"))
            } else {
                String::new()
            };
            format!(
                "An access token for Auth0's Management API ({aud}). It can read and change the \
                 tenant within its scopes: treat it like a password.{grant}"
            )
        }
        TokenKind::Jwt => "A signed JWT that is neither an Auth0 access token nor an ID token, \
                           as far as its claims show."
            .to_owned(),
        TokenKind::OpaqueAccessToken => {
            let issuer = if header.is_some() {
                format!(" issued by {}", header_text("iss"))
            } else {
                String::new()
            };
            format!(
                "An Auth0 opaque access token{issuer}. Auth0 issues one when no `audience` was \
                 requested: it only works at the /userinfo endpoint and cannot be read or verified \
                 offline. To call your API, request the token with `audience=<your API's identifier>` \
                 to get a JWT."
            )
        }
        TokenKind::RefreshToken => "An Auth0 refresh token, probably pasted by mistake: it cannot be \
             decoded, only exchanged at /oauth/token for new tokens. It is a long-lived credential: \
             keep it secret, and revoke it if it was shared."
            .to_owned(),
        TokenKind::Opaque => "An opaque string, not a JWT. If Auth0 issued it as an access token, \
             no `audience` was requested (it only works at /userinfo); if it is a refresh token, \
             keep it secret."
            .to_owned(),
        TokenKind::Encrypted => format!(
            "An encrypted token (JWE, alg {}, enc {}): only the holder of the decryption key (the \
             API) can read its claims, so IdLens shows the header only.",
            header_text("alg"),
            header_text("enc")
        ),
        TokenKind::Malformed => "Not a token: the format check says what is wrong.".to_owned(),
        TokenKind::TooLarge => "Too large to be a token: IdLens did not read it.".to_owned(),
    }
}

impl TokenKind {
    /// A short label for summaries and CLI output ("API access token", "ID token", …).
    pub fn label(self) -> &'static str {
        label(self)
    }
}

/// A short label for summaries.
pub(crate) fn label(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::AccessToken => "API access token",
        TokenKind::IdToken => "ID token",
        TokenKind::MachineToMachine => "machine-to-machine access token",
        TokenKind::ManagementApi => "Management API token",
        TokenKind::Jwt => "JWT",
        TokenKind::OpaqueAccessToken => "opaque access token",
        TokenKind::RefreshToken => "refresh token",
        TokenKind::Opaque => "opaque string",
        TokenKind::Encrypted => "encrypted token (JWE)",
        TokenKind::Malformed => "not a token",
        TokenKind::TooLarge => "input too large",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn reads_the_tenant_from_the_issuer() {
        let t = tenant("https://dev-abc.us.auth0.com/").unwrap();
        assert_eq!(
            (t.name.as_deref(), t.region.as_deref(), t.custom_domain),
            (Some("dev-abc"), Some("us"), false)
        );
        let t = tenant("https://acme.auth0.com/").unwrap();
        assert_eq!((t.name.as_deref(), t.region), (Some("acme"), None));
        let t = tenant("https://login.acme.com/").unwrap();
        assert!(t.custom_domain && t.name.is_none());
        assert_eq!(t.domain, "login.acme.com");
        assert!(tenant("not a url").is_none());
    }

    #[test]
    fn classifies_auth0_tokens() {
        let h = obj(json!({"alg":"RS256"}));
        let iss = "https://t.eu.auth0.com/";
        let kind = |claims: Value| classify_jws(&h, &obj(claims));
        assert_eq!(
            kind(json!({"iss":iss,"aud":"https://api","scope":"read"})),
            TokenKind::AccessToken
        );
        assert_eq!(
            kind(
                json!({"iss":iss,"aud":["https://api","https://t.eu.auth0.com/userinfo"],"azp":"c"})
            ),
            TokenKind::AccessToken
        );
        assert_eq!(
            kind(json!({"iss":iss,"aud":"client","nonce":"n"})),
            TokenKind::IdToken
        );
        assert_eq!(
            kind(json!({"iss":iss,"aud":"https://api","gty":"client-credentials"})),
            TokenKind::MachineToMachine
        );
        assert_eq!(
            kind(
                json!({"iss":"https://login.acme.com/","aud":"https://t.eu.auth0.com/api/v2/","gty":"client-credentials"})
            ),
            TokenKind::ManagementApi
        );
        assert_eq!(kind(json!({"iss":iss})), TokenKind::Jwt);
    }
}
