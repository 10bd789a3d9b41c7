//! Keys from the network: OIDC discovery and JWKS URLs, cached per source.
//!
//! Rules:
//! - A fetched key set lives for the response's `Cache-Control: max-age`
//!   (clamped to [`CachePolicy::max_ttl`]), or [`CachePolicy::default_ttl`]
//!   without one.
//! - A token whose `kid` is not in a fresh set triggers at most one refetch
//!   per [`CachePolicy::kid_refetch_cooldown`], so garbage kids cannot make
//!   IdLens hammer the tenant.
//! - When a refetch fails, the cached keys keep working and their status says
//!   they are stale and why.
//! - Only `https://` URLs are fetched (`http://` only on loopback, for local
//!   test servers), redirects included. Requests carry no token.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::keys::{KeySet, VerifyingKey};
use crate::report::{KeyFreshness, KeysStatus};
use crate::KeyError;

/// The time, injectable so cache lifetimes can be tested without waiting.
pub trait Clock: Send + Sync {
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that moves only when told to (tests, replays).
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<SystemTime>>);

impl ManualClock {
    pub fn new(start: SystemTime) -> Self {
        Self(Arc::new(Mutex::new(start)))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// How long fetched keys are trusted and how the network is used.
#[derive(Debug, Clone)]
pub struct CachePolicy {
    /// Lifetime of a key set whose response had no `Cache-Control: max-age`.
    pub default_ttl: Duration,
    /// Upper bound on any lifetime, whatever the server says.
    pub max_ttl: Duration,
    /// At most one refetch for an unknown `kid` per this period, per source.
    pub kid_refetch_cooldown: Duration,
    /// Per request, connection included.
    pub timeout: Duration,
    /// Larger discovery documents or JWKS are refused.
    pub max_response_bytes: usize,
}

impl Default for CachePolicy {
    fn default() -> Self {
        Self {
            default_ttl: Duration::from_secs(10 * 60),
            max_ttl: Duration::from_secs(24 * 60 * 60),
            kid_refetch_cooldown: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
            max_response_bytes: 512 * 1024,
        }
    }
}

/// Where remote keys come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RemoteKeys {
    /// An issuer such as `https://tenant.eu.auth0.com/`: its
    /// `/.well-known/openid-configuration` names the JWKS, and must name this
    /// issuer exactly. Tokens are then expected to carry this `iss`.
    Issuer(String),
    /// A JWKS URL, used as is.
    JwksUrl(String),
}

/// A cache of key sets per [`RemoteKeys`]. Share one per process; it is
/// safe to use from many tasks, and concurrent requests for the same source
/// wait for a single fetch.
pub struct JwksCache {
    http: reqwest::Client,
    clock: Arc<dyn Clock>,
    policy: CachePolicy,
    entries: Mutex<HashMap<RemoteKeys, Arc<tokio::sync::Mutex<Entry>>>>,
}

#[derive(Default)]
struct Entry {
    /// From discovery: the JWKS URL and until when it may be reused.
    jwks_uri: Option<(String, SystemTime)>,
    keys: Option<Arc<[VerifyingKey]>>,
    source: String,
    fetched_at: Option<SystemTime>,
    expires_at: Option<SystemTime>,
    last_kid_refetch: Option<SystemTime>,
}

impl JwksCache {
    pub fn new(policy: CachePolicy) -> Result<Self, KeyError> {
        Self::with_clock(policy, Arc::new(SystemClock))
    }

    pub fn with_clock(policy: CachePolicy, clock: Arc<dyn Clock>) -> Result<Self, KeyError> {
        let http = idlens_http::client(&idlens_http::Policy {
            timeout: policy.timeout,
            redirects: idlens_http::Redirects::FollowSafe,
            reach: idlens_http::Reach::Any,
        })
        .map_err(|detail| KeyError::Fetch {
            url: "(no request yet)".to_owned(),
            detail,
        })?;
        Ok(Self {
            http,
            clock,
            policy,
            entries: Mutex::new(HashMap::new()),
        })
    }

    /// The current key set for `source`, fetching it when it is missing or expired.
    pub async fn keys(&self, source: &RemoteKeys) -> Result<KeySet, KeyError> {
        self.keys_for(source, None).await
    }

    /// Like [`keys`](Self::keys), and refetches once (per cooldown) when the
    /// cached set has no key with `kid`.
    pub async fn keys_for(
        &self,
        source: &RemoteKeys,
        kid: Option<&str>,
    ) -> Result<KeySet, KeyError> {
        let (RemoteKeys::Issuer(url) | RemoteKeys::JwksUrl(url)) = source;
        parse_url(url)?;
        let entry = {
            let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(entries.entry(source.clone()).or_default())
        };
        let mut entry = entry.lock().await;
        let now = self.clock.now();

        let Some(keys) = entry.keys.clone() else {
            self.refresh(source, &mut entry, now).await?;
            return Ok(self.snapshot(source, &entry, KeyFreshness::Fetched, None));
        };
        let age = age(entry.fetched_at, now);
        let expired = entry.expires_at.is_none_or(|t| now >= t);
        let unknown_kid = kid.is_some_and(|kid| !keys.iter().any(|k| k.kid() == Some(kid)));
        let mut note = None;
        let refetch = if expired {
            true
        } else if unknown_kid {
            let since = entry
                .last_kid_refetch
                .map(|t| now.duration_since(t).unwrap_or_default());
            match since {
                Some(since) if since < self.policy.kid_refetch_cooldown => {
                    note = Some(format!(
                        "The keys were refetched for an unknown kid {} s ago; IdLens refetches at most every {} s.",
                        since.as_secs(),
                        self.policy.kid_refetch_cooldown.as_secs()
                    ));
                    false
                }
                _ => {
                    entry.last_kid_refetch = Some(now);
                    true
                }
            }
        } else {
            false
        };
        if !refetch {
            return Ok(self.snapshot(
                source,
                &entry,
                KeyFreshness::Cached { age_seconds: age },
                note,
            ));
        }
        match self.refresh(source, &mut entry, now).await {
            Ok(()) => {
                let note = (unknown_kid
                    && kid.is_some_and(|kid| {
                        entry
                            .keys
                            .as_ref()
                            .is_some_and(|keys| !keys.iter().any(|k| k.kid() == Some(kid)))
                    }))
                .then(|| {
                    "The keys were just refetched and still have no key with this kid.".to_owned()
                });
                Ok(self.snapshot(source, &entry, KeyFreshness::Fetched, note))
            }
            Err(error) => Ok(self.snapshot(
                source,
                &entry,
                KeyFreshness::Stale {
                    age_seconds: age,
                    error: error.to_string(),
                },
                None,
            )),
        }
    }

    fn snapshot(
        &self,
        source: &RemoteKeys,
        entry: &Entry,
        freshness: KeyFreshness,
        note: Option<String>,
    ) -> KeySet {
        let keys = entry.keys.clone().unwrap_or_else(|| Arc::from(Vec::new()));
        let issuer = match source {
            RemoteKeys::Issuer(issuer) => Some(issuer.clone()),
            RemoteKeys::JwksUrl(_) => None,
        };
        let status = KeysStatus {
            source: entry.source.clone(),
            key_count: keys.len(),
            freshness,
            note,
        };
        KeySet::fetched(keys, status, issuer)
    }

    async fn refresh(
        &self,
        source: &RemoteKeys,
        entry: &mut Entry,
        now: SystemTime,
    ) -> Result<(), KeyError> {
        let (jwks_url, label) = match source {
            RemoteKeys::JwksUrl(url) => (url.clone(), format!("JWKS {url}")),
            RemoteKeys::Issuer(issuer) => {
                let cached = entry
                    .jwks_uri
                    .as_ref()
                    .filter(|(_, until)| now < *until)
                    .map(|(u, _)| u.clone());
                let uri = match cached {
                    Some(uri) => uri,
                    None => match self.discover(issuer).await {
                        Ok((uri, ttl)) => {
                            entry.jwks_uri = Some((uri.clone(), now + ttl));
                            uri
                        }
                        // A failed rediscovery falls back to the last known JWKS URL.
                        Err(error) => match &entry.jwks_uri {
                            Some((uri, _)) => uri.clone(),
                            None => return Err(error),
                        },
                    },
                };
                let label = format!("JWKS {uri} (discovered from {issuer})");
                (uri, label)
            }
        };
        let (body, ttl) = self.get(&jwks_url).await?;
        let text = std::str::from_utf8(&body).map_err(|_| KeyError::Invalid {
            source_name: format!("the JWKS at {jwks_url}"),
            problem: "it is not UTF-8 text".to_owned(),
        })?;
        let set = KeySet::from_jwks_json(text, &format!("the JWKS at {jwks_url}"))?;
        entry.keys = Some(Arc::clone(set.shared_keys()));
        entry.source = label;
        entry.fetched_at = Some(now);
        entry.expires_at = Some(now + ttl);
        Ok(())
    }

    /// The JWKS URL named by `issuer`'s discovery document, and how long to reuse it.
    async fn discover(&self, issuer: &str) -> Result<(String, Duration), KeyError> {
        let url = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let (body, ttl) = self.get(&url).await?;
        let problem = |problem: &str| KeyError::Discovery {
            url: url.clone(),
            problem: problem.to_owned(),
        };
        let document: Value =
            serde_json::from_slice(&body).map_err(|_| problem("it is not JSON"))?;
        let found = document
            .get("issuer")
            .and_then(Value::as_str)
            .ok_or_else(|| problem("it has no `issuer`"))?;
        if found != issuer {
            let hint = if found.trim_end_matches('/') == issuer.trim_end_matches('/') {
                format!("Only the trailing slash differs: use {found:?} exactly, as tokens carry it in `iss`.")
            } else {
                format!("This server issues tokens as {found:?}; use that issuer if you trust it.")
            };
            return Err(KeyError::IssuerMismatch {
                url,
                expected: issuer.to_owned(),
                found: found.to_owned(),
                hint,
            });
        }
        let jwks_uri = document
            .get("jwks_uri")
            .and_then(Value::as_str)
            .ok_or_else(|| problem("it has no `jwks_uri`"))?;
        parse_url(jwks_uri)?;
        Ok((jwks_uri.to_owned(), ttl))
    }

    /// GETs `url` with the size bound; returns the body and its cache lifetime.
    async fn get(&self, url: &str) -> Result<(Vec<u8>, Duration), KeyError> {
        let fetch_error = |e: reqwest::Error| KeyError::Fetch {
            url: url.to_owned(),
            detail: idlens_http::describe_error(&e),
        };
        let response = self
            .http
            .get(parse_url(url)?)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(fetch_error)?;
        let status = response.status();
        if !status.is_success() {
            return Err(KeyError::Status {
                url: url.to_owned(),
                status: status.as_u16(),
            });
        }
        let ttl = response
            .headers()
            .get_all(reqwest::header::CACHE_CONTROL)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(max_age)
            .map_or(self.policy.default_ttl, |ttl| ttl.min(self.policy.max_ttl));
        let body = idlens_http::read_body(response, self.policy.max_response_bytes)
            .await
            .map_err(|e| KeyError::Fetch {
                url: url.to_owned(),
                detail: e.to_string(),
            })?;
        Ok((body, ttl))
    }
}

fn age(fetched_at: Option<SystemTime>, now: SystemTime) -> u64 {
    fetched_at
        .and_then(|t| now.duration_since(t).ok())
        .map_or(0, |d| d.as_secs())
}

/// The lifetime a `Cache-Control` value gives: `max-age=N`, or zero for `no-store`/`no-cache`.
fn max_age(header: &str) -> Option<Duration> {
    header.split(',').map(str::trim).find_map(|directive| {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return Some(Duration::ZERO);
        }
        let value = lower.strip_prefix("max-age=")?;
        value
            .trim_matches('"')
            .parse::<u64>()
            .ok()
            .map(Duration::from_secs)
    })
}

fn parse_url(url: &str) -> Result<url::Url, KeyError> {
    let parsed = url::Url::parse(url).map_err(|e| KeyError::Url {
        url: url.to_owned(),
        problem: format!("it is not a URL ({e})"),
    })?;
    idlens_http::check_url(&parsed).map_err(|problem| KeyError::Url {
        url: url.to_owned(),
        problem: problem.to_string(),
    })?;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_max_age() {
        assert_eq!(
            max_age("public, max-age=15, stale-while-revalidate=15"),
            Some(Duration::from_secs(15))
        );
        assert_eq!(max_age("no-store"), Some(Duration::ZERO));
        assert_eq!(max_age("public"), None);
        assert_eq!(max_age("Max-Age=\"60\""), Some(Duration::from_secs(60)));
    }

    #[test]
    fn fetches_only_https_or_loopback() {
        assert!(parse_url("https://t.auth0.com/.well-known/jwks.json").is_ok());
        assert!(parse_url("http://127.0.0.1:8080/jwks").is_ok());
        assert!(parse_url("http://localhost/jwks").is_ok());
        assert!(parse_url("http://[::1]/jwks").is_ok());
        let err = parse_url("http://attacker.example/jwks")
            .unwrap_err()
            .to_string();
        assert!(err.contains("https://"), "{err}");
        assert!(parse_url("file:///etc/passwd").is_err());
        assert!(parse_url("https://user:pw@t.auth0.com/").is_err());
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::from_secs(5));
        assert_eq!(clock.now(), start + Duration::from_secs(5));
    }
}
