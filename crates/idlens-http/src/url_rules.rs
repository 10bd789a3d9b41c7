//! Which URLs IdLens sends requests to.

use std::fmt;
use std::net::IpAddr;

use crate::reach::{non_public, AddressKind, Reach};

/// Why a URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    Credentials,
    NoHost,
    NotHttps,
    /// An IP literal that is not public, under [`Reach::PublicOnly`].
    NotPublic {
        addr: IpAddr,
        kind: AddressKind,
    },
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlProblem::Credentials => "it contains a user name or password",
            UrlProblem::NoHost => "it has no host",
            UrlProblem::NotHttps => "only https:// is used (http:// only on this machine)",
            UrlProblem::NotPublic { addr, kind } => {
                return write!(
                    f,
                    "it goes to {addr}, {kind}, and this request may go only to public addresses"
                )
            }
        })
    }
}

/// `https://` anywhere, `http://` only on loopback, and never with a user
/// name or password in it.
pub fn check_url(url: &url::Url) -> Result<(), UrlProblem> {
    if has_credentials(url) {
        return Err(UrlProblem::Credentials);
    }
    let loopback = is_loopback_url(url).ok_or(UrlProblem::NoHost)?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(UrlProblem::NotHttps),
    }
}

/// [`check_url`], and under [`Reach::PublicOnly`] a host written as an IP
/// address must be public (names are checked when they are resolved: see
/// [`crate::reach`]).
pub fn check_url_for(url: &url::Url, reach: Reach) -> Result<(), UrlProblem> {
    check_url(url)?;
    let literal = match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        _ => return Ok(()),
    };
    match (reach, non_public(literal)) {
        (Reach::PublicOnly, Some(kind)) => Err(UrlProblem::NotPublic {
            addr: literal,
            kind,
        }),
        _ => Ok(()),
    }
}

/// Whether `url` carries a user name or password (`https://user:pw@host/`).
pub fn has_credentials(url: &url::Url) -> bool {
    !url.username().is_empty() || url.password().is_some()
}

/// Whether `url`'s host is this machine (`localhost`, 127.0.0.0/8, `[::1]`);
/// `None` when it has no host.
pub fn is_loopback_url(url: &url::Url) -> Option<bool> {
    Some(match url.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str) -> Result<(), UrlProblem> {
        check_url(&url::Url::parse(url).unwrap())
    }

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        assert_eq!(check("https://t.auth0.com/.well-known/jwks.json"), Ok(()));
        assert_eq!(check("http://127.0.0.1:8080/jwks"), Ok(()));
        assert_eq!(check("http://127.9.9.9/jwks"), Ok(()));
        assert_eq!(check("http://localhost/jwks"), Ok(()));
        assert_eq!(check("http://[::1]/jwks"), Ok(()));
        assert_eq!(check("http://attacker.example/"), Err(UrlProblem::NotHttps));
        assert_eq!(check("file:///etc/passwd"), Err(UrlProblem::NoHost));
        assert_eq!(check("javascript:alert(1)"), Err(UrlProblem::NoHost));
        assert_eq!(check("ftp://t.auth0.com/"), Err(UrlProblem::NotHttps));
    }

    #[test]
    fn public_only_refuses_local_ip_literals_in_any_spelling() {
        let public_only = |u: &str| check_url_for(&url::Url::parse(u).unwrap(), Reach::PublicOnly);
        assert_eq!(public_only("https://1.1.1.1/file"), Ok(()));
        assert_eq!(public_only("https://storage.example/file"), Ok(()));
        for local in [
            "http://127.0.0.1:9000/secret",
            "https://2130706433/",
            "https://0x7f.1/",
            "https://[::ffff:7f00:1]/",
            "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.1/",
            "https://[fe80::1]/",
        ] {
            assert!(
                matches!(public_only(local), Err(UrlProblem::NotPublic { .. })),
                "{local}: {:?}",
                public_only(local)
            );
        }
        let err = public_only("http://127.0.0.1:9000/secret").unwrap_err();
        assert_eq!(
            err.to_string(),
            "it goes to 127.0.0.1, a loopback address (this machine), and this request may go only to public addresses"
        );
        // Any keeps the rules of check_url only.
        let any = |u: &str| check_url_for(&url::Url::parse(u).unwrap(), Reach::Any);
        assert_eq!(any("http://127.0.0.1:9000/secret"), Ok(()));
        assert_eq!(any("http://10.0.0.1/"), Err(UrlProblem::NotHttps));
    }

    #[test]
    fn credentials_are_refused_even_on_loopback() {
        assert_eq!(
            check("https://user:pw@t.auth0.com/"),
            Err(UrlProblem::Credentials)
        );
        assert_eq!(
            check("http://user@127.0.0.1/"),
            Err(UrlProblem::Credentials)
        );
        assert_eq!(
            check("https://:pw@t.auth0.com/"),
            Err(UrlProblem::Credentials)
        );
    }
}
