//! The client: one GET at a time with the rate limit respected, and the
//! endpoints IdLens reads.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use idlens_job::Job;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::models::{Permission, ResourceServer, Role, RoleMember, User, UserPermission};
use crate::pacing::{after_429, Pacer, Turn, Wait};
use crate::paging::{identity, AtCap, PageGuard, OFFSET_CAP};
use crate::{ManagementError, TokenSource};

/// Auth0 answers at most this many results of one user search.
pub const SEARCH_CAP: u64 = OFFSET_CAP;
/// The largest page Auth0 serves (`per_page`, `take`).
pub(crate) const PAGE_SIZE: usize = 100;
/// The largest answer read by default: 100 users with their metadata fit
/// many times over.
pub const MAX_ANSWER: usize = 16 * 1024 * 1024;
/// `429`s in a row before a request gives up.
const MAX_429: u32 = 5;

/// A Management API client for one tenant.
pub struct ManagementClient<T> {
    base: url::Url,
    http: reqwest::Client,
    /// For export files: no token is sent, a large file takes longer than
    /// an API answer, and the links go only where the tenant may send them.
    pub(crate) downloads: crate::download::Downloads,
    tokens: T,
    /// Held only between awaits, never across one.
    pacer: std::sync::Mutex<Pacer>,
    /// Told whenever a turn ends, so requests waiting for an answer go on.
    turns: tokio::sync::Notify,
    sent: AtomicU64,
    rate_limited: AtomicU64,
    /// The largest answer read, in bytes ([`MAX_ANSWER`] unless set).
    answer_limit: usize,
}

/// A request's turn ([`ManagementClient::take_turn`]): ended by its answer,
/// or given back when dropped without one (cancelled, unreachable), so the
/// requests waiting on it go on either way.
struct TurnTaken<'c, T> {
    client: &'c ManagementClient<T>,
    ended: bool,
}

impl<T> ManagementClient<T> {
    fn pacer(&self) -> std::sync::MutexGuard<'_, Pacer> {
        // Every change under this lock is whole: a panic elsewhere leaves it usable.
        self.pacer.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<T> TurnTaken<'_, T> {
    fn answered(mut self, headers: &reqwest::header::HeaderMap) {
        self.client.pacer().answered(headers);
        self.ended = true;
        self.client.turns.notify_waiters();
    }
}

impl<T> Drop for TurnTaken<'_, T> {
    fn drop(&mut self) {
        if !self.ended {
            self.client.pacer().given_back();
            self.client.turns.notify_waiters();
        }
    }
}

/// One page of a user search.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub users: Vec<User>,
    /// Users matching the query, all of them (Auth0 pages through at most
    /// 1,000); `None` when Auth0's answer gave no total.
    pub total: Option<u64>,
    pub start: u64,
}

impl SearchPage {
    /// More users match than a search can page through: the export path
    /// (an export job) is the way to see them all.
    pub fn capped(&self) -> bool {
        self.total.is_some_and(|total| total > SEARCH_CAP)
    }
}

/// Every user a search matches, a page of 100 at a time, through the
/// paging guard: [`UsersListing::next_page`] until it gives `None`.
pub struct UsersListing<'c, T> {
    client: &'c ManagementClient<T>,
    query: String,
    at_cap: AtCap,
    guard: PageGuard,
    next: Option<u64>,
}

impl<T: TokenSource> UsersListing<'_, T> {
    /// The next page; `None` once the listing has ended whole. A listing
    /// that does not end, ends short of its total or (with [`AtCap::Fail`])
    /// is longer than the search can page is an error.
    pub async fn next_page(&mut self, job: &Job) -> Result<Option<Vec<User>>, ManagementError> {
        let Some(page) = self.next else {
            return Ok(None);
        };
        let found = self
            .client
            .search_users(&self.query, page, PAGE_SIZE, job)
            .await?;
        let ids = found.users.iter().map(|u| identity(&u.user_id));
        self.guard.page(ids, found.total)?;
        self.next = self
            .guard
            .offset_next(found.users.len(), PAGE_SIZE, self.at_cap)?;
        Ok(Some(found.users))
    }

    /// The total Auth0 announced; `None` when it gave none, so the count
    /// read is unconfirmed.
    pub fn total(&self) -> Option<u64> {
        self.guard.total()
    }
}

#[derive(Deserialize)]
struct UsersEnvelope {
    users: Vec<User>,
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    start: Option<u64>,
}

impl<T: TokenSource> ManagementClient<T> {
    /// A client for the Management API at `base` (`https://{domain}/api/v2/`).
    pub fn new(base: &str, tokens: T) -> Result<Self, ManagementError> {
        let bad = |problem: String| ManagementError::BadUrl {
            url: base.to_owned(),
            problem,
        };
        let mut base = url::Url::parse(base).map_err(|e| bad(e.to_string()))?;
        idlens_http::check_url(&base).map_err(|p| bad(p.to_string()))?;
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let http = idlens_http::client(&idlens_http::Policy {
            timeout: Duration::from_secs(30),
            redirects: idlens_http::Redirects::Refuse,
            reach: idlens_http::Reach::Any,
        })
        .map_err(bad)?;
        let downloads = crate::download::Downloads::for_tenant(&base).map_err(bad)?;
        Ok(Self {
            base,
            http,
            downloads,
            tokens,
            pacer: std::sync::Mutex::new(Pacer::default()),
            turns: tokio::sync::Notify::new(),
            sent: AtomicU64::new(0),
            rate_limited: AtomicU64::new(0),
            answer_limit: MAX_ANSWER,
        })
    }

    /// The same client reading answers of at most `bytes` (the default,
    /// 16 MiB, holds a page of 100 users or log events many times over):
    /// a larger answer stops being read at the limit and is an error.
    #[must_use]
    pub fn with_answer_limit(mut self, bytes: usize) -> Self {
        self.answer_limit = bytes;
        self
    }

    /// Requests sent so far, retries included.
    pub fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// `429` answers received so far.
    pub fn rate_limited(&self) -> u64 {
        self.rate_limited.load(Ordering::Relaxed)
    }

    /// One page of users matching the Lucene query `q` (`search_engine=v3`).
    pub async fn search_users(
        &self,
        q: &str,
        page: u64,
        per_page: usize,
        job: &Job,
    ) -> Result<SearchPage, ManagementError> {
        let query = [
            ("q", q.to_owned()),
            ("search_engine", "v3".to_owned()),
            ("page", page.to_string()),
            ("per_page", per_page.clamp(1, PAGE_SIZE).to_string()),
            ("include_totals", "true".to_owned()),
        ];
        let envelope: UsersEnvelope = self.get(&["users"], &query, job).await?;
        Ok(SearchPage {
            total: envelope.total,
            start: envelope.start.unwrap_or(page * per_page as u64),
            users: envelope.users,
        })
    }

    /// Every user matching `q`, page by page; at the search's 1,000 it
    /// stops or fails as `at_cap` says.
    pub fn users_listing(&self, q: &str, at_cap: AtCap) -> UsersListing<'_, T> {
        UsersListing {
            client: self,
            query: q.to_owned(),
            at_cap,
            guard: PageGuard::new(endpoint(&["users"])),
            next: Some(0),
        }
    }

    /// Users whose e-mail is exactly `email` (case-sensitive, immediately consistent).
    pub async fn users_by_email(
        &self,
        email: &str,
        job: &Job,
    ) -> Result<Vec<User>, ManagementError> {
        self.get(&["users-by-email"], &[("email", email.to_owned())], job)
            .await
    }

    pub async fn user(&self, user_id: &str, job: &Job) -> Result<User, ManagementError> {
        self.get(&["users", user_id], &[], job).await
    }

    pub async fn user_roles(&self, user_id: &str, job: &Job) -> Result<Vec<Role>, ManagementError> {
        self.all_pages(&["users", user_id, "roles"], "roles", job)
            .await
    }

    /// The user's permissions with their sources (when Auth0 gives them).
    pub async fn user_permissions(
        &self,
        user_id: &str,
        job: &Job,
    ) -> Result<Vec<UserPermission>, ManagementError> {
        self.all_pages(&["users", user_id, "permissions"], "permissions", job)
            .await
    }

    pub async fn roles(&self, job: &Job) -> Result<Vec<Role>, ManagementError> {
        self.all_pages(&["roles"], "roles", job).await
    }

    pub async fn role_permissions(
        &self,
        role_id: &str,
        job: &Job,
    ) -> Result<Vec<Permission>, ManagementError> {
        self.all_pages(&["roles", role_id, "permissions"], "permissions", job)
            .await
    }

    pub async fn resource_servers(
        &self,
        job: &Job,
    ) -> Result<Vec<ResourceServer>, ManagementError> {
        self.all_pages(&["resource-servers"], "resource_servers", job)
            .await
    }

    /// Every member of a role, by checkpoint (which, unlike offset paging,
    /// goes past 1,000), handed to `on_page` page by page as they arrive,
    /// through the paging guard. Returns how many there were.
    pub async fn role_members(
        &self,
        role_id: &str,
        job: &Job,
        mut on_page: impl FnMut(Vec<RoleMember>),
    ) -> Result<u64, ManagementError> {
        let path = ["roles", role_id, "users"];
        self.each_checkpoint_page(&path, "users", job, |page: Vec<RoleMember>| {
            job.advance(page.len() as u64);
            on_page(page);
        })
        .await
    }

    /// Every page of a checkpoint listing (`from`/`take`, answered `{key:
    /// [...], next?}`), handed to `on_page` as it arrives, through the paging
    /// guard (items recognised by their JSON). Returns how many items there
    /// were.
    pub(crate) async fn each_checkpoint_page<I: DeserializeOwned>(
        &self,
        path: &[&str],
        key: &str,
        job: &Job,
        mut on_page: impl FnMut(Vec<I>),
    ) -> Result<u64, ManagementError> {
        let mut guard = PageGuard::new(endpoint(path));
        let mut from: Option<String> = None;
        let mut count = 0u64;
        loop {
            let mut query = vec![("take", PAGE_SIZE.to_string())];
            if let Some(from) = &from {
                query.push(("from", from.clone()));
            }
            let mut page: Value = self.get(path, &query, job).await?;
            let Some(Value::Array(list)) = page.get_mut(key).map(Value::take) else {
                return Err(self.bad(path, format!("it has no `{key}` list")));
            };
            guard.page(list.iter().map(|item| identity(&item.to_string())), None)?;
            let fetched = list.len();
            let items = list
                .into_iter()
                .map(|item| serde_json::from_value(item).map_err(|e| self.bad(path, e.to_string())))
                .collect::<Result<Vec<I>, _>>()?;
            count += fetched as u64;
            on_page(items);
            let next = page.get("next").and_then(Value::as_str).map(str::to_owned);
            match guard.checkpoint_next(fetched, next)? {
                Some(next) => from = Some(next),
                None => return Ok(count),
            }
        }
    }

    /// Every item of an offset-paged listing (`{key: [...], total}`), 100 a
    /// page, through the paging guard (items are recognised by their JSON).
    /// Progress is the caller's to report (a listing is one step of it);
    /// the job is checked for a cancel before every page.
    pub(crate) async fn all_pages<I: DeserializeOwned>(
        &self,
        path: &[&str],
        key: &str,
        job: &Job,
    ) -> Result<Vec<I>, ManagementError> {
        let mut guard = PageGuard::new(endpoint(path));
        let mut items = Vec::new();
        let mut next = Some(0u64);
        while let Some(page) = next {
            let query = [
                ("page", page.to_string()),
                ("per_page", PAGE_SIZE.to_string()),
                ("include_totals", "true".to_owned()),
            ];
            let mut envelope: Value = self.get(path, &query, job).await?;
            let total = envelope.get("total").and_then(Value::as_u64);
            let list = match envelope.get_mut(key).map(Value::take) {
                Some(Value::Array(list)) => list,
                _ => return Err(self.bad(path, format!("it has no `{key}` list"))),
            };
            guard.page(list.iter().map(|item| identity(&item.to_string())), total)?;
            let fetched = list.len();
            for item in list {
                items
                    .push(serde_json::from_value(item).map_err(|e| self.bad(path, e.to_string()))?);
            }
            next = guard.offset_next(fetched, PAGE_SIZE, AtCap::Fail)?;
        }
        Ok(items)
    }

    fn bad(&self, path: &[&str], detail: String) -> ManagementError {
        bad_response(&endpoint(path), detail)
    }

    /// One GET, with the rate limit respected and a `401` retried once with
    /// a new token.
    pub(crate) async fn get<R: DeserializeOwned>(
        &self,
        path: &[&str],
        query: &[(&str, String)],
        job: &Job,
    ) -> Result<R, ManagementError> {
        self.send(reqwest::Method::GET, path, query, None, job)
            .await
    }

    /// One POST of a JSON body, as [`Self::get`]. A `429` or `401` means
    /// Auth0 did nothing, so sending it again is safe.
    pub(crate) async fn post<R: DeserializeOwned>(
        &self,
        path: &[&str],
        body: &Value,
        job: &Job,
    ) -> Result<R, ManagementError> {
        self.send(reqwest::Method::POST, path, &[], Some(body), job)
            .await
    }

    /// One PATCH of a JSON body, as [`Self::post`].
    pub(crate) async fn patch<R: DeserializeOwned>(
        &self,
        path: &[&str],
        body: &Value,
        job: &Job,
    ) -> Result<R, ManagementError> {
        self.send(reqwest::Method::PATCH, path, &[], Some(body), job)
            .await
    }

    /// One POST whose answer (`204`, or a body) is read and not kept.
    pub(crate) async fn post_only(
        &self,
        path: &[&str],
        body: &Value,
        job: &Job,
    ) -> Result<(), ManagementError> {
        self.send_only(reqwest::Method::POST, path, body, job).await
    }

    /// One request of `method` with a body whose answer (`204`, or a body)
    /// is read and not kept (`POST` or `DELETE users/{id}/roles`).
    pub(crate) async fn send_only(
        &self,
        method: reqwest::Method,
        path: &[&str],
        body: &Value,
        job: &Job,
    ) -> Result<(), ManagementError> {
        let name = endpoint_for(&method, path);
        let response = self.exchange(method, path, &[], Some(body), job).await?;
        self.read(&name, response).await.map(drop)
    }

    /// One DELETE, as [`Self::get`]; the answer (`204`, or a body) is read
    /// and not kept. A `429` or `401` means Auth0 did nothing, so sending it
    /// again is safe.
    pub(crate) async fn delete(
        &self,
        path: &[&str],
        query: &[(&str, String)],
        job: &Job,
    ) -> Result<(), ManagementError> {
        let method = reqwest::Method::DELETE;
        let name = endpoint_for(&method, path);
        let response = self.exchange(method, path, query, None, job).await?;
        self.read(&name, response).await.map(drop)
    }

    async fn send<R: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
        job: &Job,
    ) -> Result<R, ManagementError> {
        let name = endpoint_for(&method, path);
        let response = self.exchange(method, path, query, body, job).await?;
        self.parse(&name, response).await
    }

    /// One request until its successful answer (headers read, body not
    /// yet): the rate limit respected, a `429` waited out and a `401`
    /// retried once with a new token; any other answer is an error.
    pub(crate) async fn exchange(
        &self,
        method: reqwest::Method,
        path: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
        job: &Job,
    ) -> Result<reqwest::Response, ManagementError> {
        let url = self.url(path, query)?;
        let name = endpoint_for(&method, path);
        let mut limited = 0u32;
        let mut refused_once = false;
        loop {
            job.check()?;
            let turn = self.take_turn(job).await?;
            let token = self.tokens.token().await.map_err(ManagementError::Token)?;
            self.sent.fetch_add(1, Ordering::Relaxed);
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(token.expose())
                .header(reqwest::header::ACCEPT, "application/json");
            if let Some(body) = body {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.to_string());
            }
            let response = request
                .send()
                .await
                .map_err(|e| ManagementError::Unreachable {
                    endpoint: name.clone(),
                    detail: idlens_http::describe_error(&e),
                })?;
            turn.answered(response.headers());
            match response.status().as_u16() {
                200..=299 => return Ok(response),
                429 if limited < MAX_429 => {
                    limited += 1;
                    self.rate_limited.fetch_add(1, Ordering::Relaxed);
                    let fallback = Duration::from_secs(1 << limited.min(5));
                    let wait = after_429(response.headers(), SystemTime::now(), fallback);
                    // This wait is the 429's answer to its headers: the pacer
                    // must not wait for the same reset again.
                    self.pacer().spent();
                    self.wait(wait, job).await?;
                }
                429 => {
                    return Err(ManagementError::RateLimited {
                        endpoint: name,
                        attempts: limited + 1,
                    })
                }
                401 if !refused_once => {
                    refused_once = true;
                    self.tokens.refused();
                }
                _ => return Err(self.error(&name, response).await),
            }
        }
    }

    /// The address of `path` (each segment checked: see [`is_one_segment`])
    /// with `query`.
    fn url(&self, path: &[&str], query: &[(&str, String)]) -> Result<url::Url, ManagementError> {
        for segment in path {
            if !is_one_segment(segment) {
                return Err(ManagementError::UnsafeId {
                    endpoint: endpoint(path),
                    id: (*segment).to_owned(),
                });
            }
        }
        let mut url = self.base.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().extend(path);
        }
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    /// A turn to send a request: at once while the allowance lasts; after
    /// the window's reset when none are left; after the answer to the
    /// request already out when the allowance is not known yet.
    async fn take_turn(&self, job: &Job) -> Result<TurnTaken<'_, T>, ManagementError> {
        loop {
            job.check()?;
            let answer = self.turns.notified();
            tokio::pin!(answer);
            // Registered before the pacer is read: an answer in between wakes it.
            answer.as_mut().enable();
            let turn = self.pacer().take_turn(SystemTime::now());
            match turn {
                Turn::Go => {
                    return Ok(TurnTaken {
                        client: self,
                        ended: false,
                    })
                }
                Turn::Wait(wait) => self.wait(wait, job).await?,
                Turn::AfterAnswer => tokio::select! {
                    () = &mut answer => {}
                    () = job.cancelled() => return Err(ManagementError::Cancelled),
                },
            }
        }
    }

    /// Waits as `wait` says (reported on the job, with its note), unless
    /// the job is cancelled first.
    async fn wait(&self, wait: Wait, job: &Job) -> Result<(), ManagementError> {
        let left = wait
            .until
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO);
        if left.is_zero() {
            return Ok(());
        }
        job.waiting(wait.until, wait.note);
        let waited = job.sleep(left).await;
        job.resumed();
        Ok(waited?)
    }

    pub(crate) async fn parse<R: DeserializeOwned>(
        &self,
        name: &str,
        response: reqwest::Response,
    ) -> Result<R, ManagementError> {
        let body = self.read(name, response).await?;
        serde_json::from_slice(&body).map_err(|e| bad_response(name, e.to_string()))
    }

    async fn read(
        &self,
        name: &str,
        response: reqwest::Response,
    ) -> Result<Vec<u8>, ManagementError> {
        idlens_http::read_body(response, self.answer_limit)
            .await
            .map_err(|e| match e {
                idlens_http::BodyError::TooLarge { .. } => bad_response(name, e.to_string()),
                other => ManagementError::Unreachable {
                    endpoint: name.to_owned(),
                    detail: other.to_string(),
                },
            })
    }

    /// An error answer: Auth0's body `{statusCode, error, message, errorCode}`.
    async fn error(&self, name: &str, response: reqwest::Response) -> ManagementError {
        let status = response.status().as_u16();
        let body = self.read(name, response).await.unwrap_or_default();
        let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let text = |name: &str| parsed.get(name).and_then(Value::as_str).map(str::to_owned);
        let message = text("message").unwrap_or_else(|| "(no message)".to_owned());
        let error_code = text("errorCode");
        if status == 403 && error_code.as_deref() == Some("insufficient_scope") {
            // "Insufficient scope, expected any of: read:roles"
            let scope = message
                .split_once("any of:")
                .map(|(_, scopes)| scopes.trim().to_owned())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "(a scope Auth0 did not name)".to_owned());
            return ManagementError::InsufficientScope {
                endpoint: name.to_owned(),
                scope,
            };
        }
        if status == 403 && error_code.as_deref() == Some("operation_not_supported") {
            return ManagementError::NotOnPlan {
                endpoint: name.to_owned(),
                message,
            };
        }
        ManagementError::Api {
            endpoint: name.to_owned(),
            status,
            error_code,
            message,
        }
    }
}

/// `GET /api/v2/users/{id}/roles`, for messages (the ID left out: it may be
/// personal data, and the endpoint is what the user acts on).
pub(crate) fn endpoint(path: &[&str]) -> String {
    endpoint_for(&reqwest::Method::GET, path)
}

/// Name pairs where a path's other pairs have an ID second (`jobs/users-exports`).
const NAMED_PAIRS: &[[&str; 2]] = &[
    ["jobs", "users-exports"],
    ["jobs", "verification-email"],
    ["tickets", "password-change"],
    ["multifactor", "actions"],
    ["attack-protection", "brute-force-protection"],
];

/// [`endpoint`] with another method: `POST /api/v2/users/{id}/identities`.
/// (A pair of [`NAMED_PAIRS`] names no ID: its second segment is a name.)
pub(crate) fn endpoint_for(method: &reqwest::Method, path: &[&str]) -> String {
    let shape: Vec<&str> = path
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i % 2 == 1 && !NAMED_PAIRS.contains(&[path[i - 1], *s]) {
                "{id}"
            } else {
                *s
            }
        })
        .collect();
    format!("{method} /api/v2/{}", shape.join("/"))
}

/// Whether `segment` stays one segment of the path as sent: the URL
/// parser drops `.` and `..` (`users/..` would be `GET /api/v2/users`), and
/// `/`, `?`, `#`, `\` or a control character would change the address.
fn is_one_segment(segment: &str) -> bool {
    let unsafe_char = |c: char| matches!(c, '/' | '?' | '#' | '\\') || c.is_control();
    !(segment.is_empty() || segment == "." || segment == ".." || segment.contains(unsafe_char))
}

pub(crate) fn bad_response(name: &str, detail: String) -> ManagementError {
    ManagementError::BadResponse {
        endpoint: name.to_owned(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_ids_that_stay_one_segment_are_sent() {
        for id in [
            "auth0|abc",
            "google-oauth2|1",
            "rol_1",
            "a.b",
            "...",
            "é",
            "a b",
            "%2e%2e",
        ] {
            assert!(super::is_one_segment(id), "{id:?}");
        }
        for id in [
            "", ".", "..", "a/b", "a?b", "a#b", "a\\b", "a\nb", "a\u{7f}b",
        ] {
            assert!(!super::is_one_segment(id), "{id:?}");
        }
    }

    #[test]
    fn a_segment_that_looks_encoded_is_sent_as_it_is() {
        // `%` is encoded too, so `%2e%2e` is not the parser's `..`.
        let mut url = url::Url::parse("https://t.example/api/v2/").unwrap();
        url.path_segments_mut()
            .unwrap()
            .pop_if_empty()
            .extend(["users", "%2e%2e"]);
        assert_eq!(url.path(), "/api/v2/users/%252e%252e");
    }

    #[test]
    fn endpoints_are_named_without_ids() {
        assert_eq!(
            super::endpoint(&["users", "auth0|1", "roles"]),
            "GET /api/v2/users/{id}/roles"
        );
        assert_eq!(
            super::endpoint(&["resource-servers"]),
            "GET /api/v2/resource-servers"
        );
    }
}
