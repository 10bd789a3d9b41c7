//! Token core: decode any pasted input (JWS, JWE, opaque, garbage), classify and
//! explain its claims, and verify it against the tenant's keys.
//!
//! Entry points:
//! - [`inspect`]: one input, with keys from a file, pasted text or a secret ([`KeySet`]), or none.
//! - [`inspect_remote`]: one input, with keys from the issuer (OIDC discovery) or a
//!   JWKS URL, through a [`JwksCache`].
//! - [`inspect_batch`]: many inputs, one key set, N threads, reports in input order;
//!   [`inspect_batch_each`] streams them to a callback instead.
//!
//! Invariants:
//! - Unverified decoding lives in one module, [`unverified`]; everything else
//!   only hands out claims inside a [`Report`] whose `unverified` flag is true
//!   unless the signature verified.
//! - Inputs over the size bound are refused before any parsing.
//! - Keys come only from the source the caller chose: keys named by the token
//!   (`jwk`, `jku`, `x5u`, `x5c`) are never fetched or trusted.
//! - Nothing about a token ever leaves the machine: the only network traffic is
//!   key fetches, and they carry no token.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

mod classify;
mod error;
mod explain;
mod jwks;
mod keys;
mod report;
mod shown;
pub mod unverified;
mod verify;

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use error::KeyError;
pub use jsonwebtoken::Algorithm;
pub use jwks::{CachePolicy, Clock, JwksCache, ManualClock, RemoteKeys, SystemClock};
pub use keys::{KeySet, KeyType, VerifyingKey, MAX_KEY_TEXT};
pub use report::{
    Check, CheckName, CheckStatus, ClaimCategory, ClaimExplanation, KeyFreshness, KeyUsed,
    KeysStatus, Report, Tenant, TimeExplanation, TokenKind,
};
pub use verify::{Keys, DEFAULT_ALGORITHMS};

use report::CheckStatus as Status;
use unverified::{UnverifiedInput, UnverifiedJwe, UnverifiedJws, UnverifiedOpaque};

/// Inputs larger than this many bytes are refused unread, by default.
pub const DEFAULT_MAX_LEN: usize = 16 * 1024;

/// Clock skew tolerated for `exp`, `nbf` and `iat`, by default.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);

/// What to expect of a token. `Default` decodes with secure defaults and
/// expects nothing, so `iss` and `aud` fail until they are set.
#[derive(Debug, Clone)]
pub struct InspectOptions {
    /// Inputs longer than this (bytes) are refused before any parsing.
    pub max_len: usize,
    /// The issuer to expect in `iss`, exactly. Defaults to the issuer the keys
    /// were discovered from, when they were.
    pub issuer: Option<String>,
    /// `aud` must hold one of these.
    pub audiences: Vec<String>,
    /// Clock skew tolerated for `exp`, `nbf` and `iat`.
    pub leeway: Duration,
    /// For ID tokens: the nonce the login sent.
    pub nonce: Option<String>,
    /// For ID tokens: the client ID expected in `azp`.
    pub authorized_party: Option<String>,
    /// Narrows [`DEFAULT_ALGORITHMS`]; `none` is never accepted whatever this says.
    pub algorithms: Option<Vec<Algorithm>>,
    /// The time to check against; `None` is the system clock. Tests pass a fixed time.
    pub now: Option<SystemTime>,
    /// Build per-claim explanations. Batch checks that only print verdicts turn it off.
    pub explain: bool,
}

impl Default for InspectOptions {
    fn default() -> Self {
        Self {
            max_len: DEFAULT_MAX_LEN,
            issuer: None,
            audiences: Vec::new(),
            leeway: DEFAULT_LEEWAY,
            nonce: None,
            authorized_party: None,
            algorithms: None,
            now: None,
            explain: true,
        }
    }
}

impl InspectOptions {
    fn now_unix(&self) -> i64 {
        unix_seconds(self.now.unwrap_or_else(SystemTime::now))
    }
}

/// Seconds since the epoch, negative before it, saturating.
pub fn unix_seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs().min(i64::MAX as u64) as i64,
        Err(e) => -(e.duration().as_secs().min(i64::MAX as u64) as i64),
    }
}

/// Explanations of claims that were verified elsewhere (a signed-in
/// session's ID and access tokens), with times relative to `now`.
pub fn explain_claims(
    claims: &serde_json::Map<String, serde_json::Value>,
    now: SystemTime,
) -> Vec<ClaimExplanation> {
    explain::explain_claims(claims, unix_seconds(now))
}

/// A time claim (`exp`, `nbf`, `iat`, …) as UTC, local and relative text.
pub fn explain_time(claim: &str, unix: i64, now: SystemTime) -> Option<TimeExplanation> {
    explain::explain_time(claim, unix, unix_seconds(now))
}

/// The tenant an issuer URL names (domain, Auth0 tenant name and region).
pub fn tenant_of(issuer: &str) -> Option<Tenant> {
    classify::tenant(issuer)
}

/// Decodes, explains and (when `keys` is given) verifies one input.
///
/// Never fails: garbage, oversized input and key problems all come back as a
/// report whose checks say what is wrong. Without keys the report says the
/// token is unverified.
pub fn inspect(input: &str, opts: &InspectOptions, keys: Option<&KeySet>) -> Report {
    inspect_with(input, opts, keys.map_or(Keys::None, Keys::Set))
}

/// Like [`inspect`], for input that arrived as bytes (a line of a batch, a
/// file). Input over the size bound is refused before anything else, as in
/// [`inspect`]; bytes that are not UTF-8 are a malformed input whose `format`
/// check says where.
///
/// Callers that read with a bound hand over at most `max_len + 1` bytes of a
/// longer input: the report is the same as for the whole of it.
pub fn inspect_bytes<'k>(input: &[u8], opts: &InspectOptions, keys: impl Into<Keys<'k>>) -> Report {
    let keys = keys.into();
    let keys_status = match keys {
        Keys::Set(set) => Some(set.status().clone()),
        _ => None,
    };
    if input.len() > opts.max_len {
        return too_large(opts.max_len, keys_status);
    }
    match std::str::from_utf8(input) {
        Ok(text) => inspect_with(text, opts, keys),
        Err(e) => {
            let format = Check::failed(
                CheckName::Format,
                format!(
                    "The input is not UTF-8 text (byte {} is not valid UTF-8), so it is not a token.",
                    e.valid_up_to() + 1
                ),
                "Copy the token again as text, from the `access_token` or `id_token` field.",
            );
            let size = within_size(input.len(), opts.max_len);
            malformed(format, size, keys_status)
        }
    }
}

/// Like [`inspect`], for a key source that could not be loaded: the `key`
/// check fails with `error`'s message and everything else is still decoded
/// and explained.
pub fn inspect_without_keys(input: &str, opts: &InspectOptions, error: &KeyError) -> Report {
    inspect_with(input, opts, Keys::Unavailable(error))
}

/// Fetches the keys (through `cache`, at most once per the cache's rules) and
/// inspects one input. Malformed, oversized, encrypted and opaque inputs are
/// answered without any network traffic.
pub async fn inspect_remote(
    input: &str,
    opts: &InspectOptions,
    cache: &JwksCache,
    source: &RemoteKeys,
) -> Report {
    let kid = if input.len() > opts.max_len {
        None
    } else {
        match unverified::decode(input) {
            UnverifiedInput::Jws(jws) => Some(
                jws.header
                    .get("kid")
                    .and_then(|k| k.as_str())
                    .map(str::to_owned),
            ),
            _ => None,
        }
    };
    let Some(kid) = kid else {
        return inspect(input, opts, None);
    };
    match cache.keys_for(source, kid.as_deref()).await {
        Ok(set) => inspect(input, opts, Some(&set)),
        Err(error) => match (source, &opts.issuer) {
            // The issuer the user chose is still the one to expect.
            (RemoteKeys::Issuer(issuer), None) => {
                let opts = InspectOptions {
                    issuer: Some(issuer.clone()),
                    ..opts.clone()
                };
                inspect_without_keys(input, &opts, &error)
            }
            _ => inspect_without_keys(input, opts, &error),
        },
    }
}

/// Inspects many inputs (text or bytes, see [`inspect_bytes`]) with one key
/// set on `threads` threads. Reports come back in input order. Fetch the key set once (e.g. [`JwksCache::keys`])
/// before calling this.
///
/// Holds every report until the end; to write reports out as they are made,
/// use [`inspect_batch_each`].
pub fn inspect_batch<'k, S: AsRef<[u8]> + Sync>(
    inputs: &[S],
    opts: &InspectOptions,
    keys: impl Into<Keys<'k>>,
    threads: NonZeroUsize,
) -> Vec<Report> {
    let mut reports = Vec::with_capacity(inputs.len());
    inspect_batch_each(inputs, opts, keys, threads, |_, report| {
        reports.push(report)
    });
    reports
}

/// Like [`inspect_batch`], but hands each report to `each` (with its input's
/// index) as soon as it and every report before it are done, in input order,
/// on the calling thread.
///
/// The streaming form of the batch path: a caller that prints and drops each
/// report keeps memory small and the allocator's caches warm, which is
/// measurably faster than collecting thousands of reports first; with several
/// threads, `each` (printing) overlaps the workers' verifying.
pub fn inspect_batch_each<'k, S, F>(
    inputs: &[S],
    opts: &InspectOptions,
    keys: impl Into<Keys<'k>>,
    threads: NonZeroUsize,
    mut each: F,
) where
    S: AsRef<[u8]> + Sync,
    F: FnMut(usize, Report),
{
    let keys = keys.into();
    let threads = threads.get().min(inputs.len().max(1));
    if threads == 1 {
        for (index, input) in inputs.iter().enumerate() {
            each(index, inspect_bytes(input.as_ref(), opts, keys));
        }
        return;
    }
    // Work is handed out in small chunks so a slow stretch of input does not
    // leave the other threads idle.
    const CHUNK: usize = 64;
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        // Bounded, so workers wait for a slow `each` instead of piling up reports.
        let (done, finished) = std::sync::mpsc::sync_channel::<(usize, Vec<Report>)>(2 * threads);
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let done = done.clone();
                let next = &next;
                scope.spawn(move || loop {
                    let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if start >= inputs.len() {
                        break;
                    }
                    let reports = inputs[start..]
                        .iter()
                        .take(CHUNK)
                        .map(|input| inspect_bytes(input.as_ref(), opts, keys))
                        .collect();
                    // The receiver is gone only when `each` panicked: stop.
                    if done.send((start, reports)).is_err() {
                        break;
                    }
                })
            })
            .collect();
        drop(done);
        // Chunks finish out of order: early ones wait here for their turn.
        let mut waiting: BTreeMap<usize, Vec<Report>> = BTreeMap::new();
        let mut emitted = 0;
        for (start, reports) in finished {
            waiting.insert(start, reports);
            while let Some(reports) = waiting.remove(&emitted) {
                for report in reports {
                    each(emitted, report);
                    emitted += 1;
                }
            }
        }
        for worker in workers {
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    });
}

fn inspect_with(input: &str, opts: &InspectOptions, keys: Keys<'_>) -> Report {
    let keys_status = match keys {
        Keys::Set(set) => Some(set.status().clone()),
        _ => None,
    };
    if input.len() > opts.max_len {
        return too_large(opts.max_len, keys_status);
    }
    let size = within_size(input.len(), opts.max_len);
    match unverified::decode(input) {
        UnverifiedInput::Jws(jws) => report_jws(jws, size, opts, keys, keys_status),
        UnverifiedInput::Jwe(jwe) => report_jwe(jwe, size, keys_status),
        UnverifiedInput::Opaque(opaque) => report_opaque(&opaque, size, keys_status),
        UnverifiedInput::Malformed(m) => {
            let format = Check::failed(
                CheckName::Format,
                m.problem,
                "Copy the whole token again, from the `access_token` or `id_token` field, without quotes or line breaks.",
            );
            malformed(format, size, keys_status)
        }
    }
}

/// The report on a signed token: every check, and valid only when the
/// signature verified and no check failed.
fn report_jws(
    jws: UnverifiedJws<'_>,
    size: Check,
    opts: &InspectOptions,
    keys: Keys<'_>,
    keys_status: Option<KeysStatus>,
) -> Report {
    let now = opts.now_unix();
    let kind = classify::classify_jws(&jws.header, &jws.claims);
    let verdict = verify::check_jws(&jws, kind, opts, keys, now);
    let mut checks = Vec::with_capacity(verdict.checks.len() + 1);
    checks.push(size);
    checks.extend(verdict.checks);
    let failed = checks.iter().any(|c| c.status == Status::Failed);
    let valid = verdict.signature_verified && !failed;
    let explanations = if opts.explain {
        explain::explain_claims(&jws.claims, now)
    } else {
        Vec::new()
    };
    let tenant = jws
        .claims
        .get("iss")
        .and_then(|v| v.as_str())
        .and_then(classify::tenant);
    let mut report = Report {
        valid,
        unverified: !verdict.signature_verified,
        kind,
        summary: String::new(),
        about: classify::about(kind, Some(&jws.header), Some(&jws.claims)),
        tenant,
        header: Some(jws.header),
        claims: Some(jws.claims),
        explanations,
        checks,
        key: verdict.key,
        keys: keys_status,
    };
    report.summary = summary(&report);
    report
}

/// The report on an encrypted token: only its header can be read.
fn report_jwe(jwe: UnverifiedJwe, size: Check, keys_status: Option<KeysStatus>) -> Report {
    let kind = classify::classify_jwe(&jwe);
    let tenant = jwe
        .header
        .get("iss")
        .and_then(|v| v.as_str())
        .and_then(classify::tenant);
    let format = match kind {
        TokenKind::OpaqueAccessToken => Check::failed(
            CheckName::Format,
            "An Auth0 opaque access token (encrypted by Auth0 for itself), not a JWT: it cannot be verified offline.",
            "Request the token with `audience=<your API's identifier>` to get a JWT your API can verify.",
        ),
        _ => Check::failed(
            CheckName::Format,
            "An encrypted token (JWE): only its header can be read without the decryption key.",
            "Only the API that holds the decryption key can read and verify it; IdLens verifies signed tokens (JWS).",
        ),
    };
    let mut report = not_a_jws(
        kind,
        Some(jwe.header),
        tenant,
        size,
        keys_status,
        Some(format),
    );
    report.about = classify::about(kind, report.header.as_ref(), None);
    report
}

/// The report on an opaque string: a refresh token or something unreadable.
fn report_opaque(
    opaque: &UnverifiedOpaque,
    size: Check,
    keys_status: Option<KeysStatus>,
) -> Report {
    let kind = classify::classify_opaque(opaque);
    let format = match kind {
        TokenKind::RefreshToken => Check::failed(
            CheckName::Format,
            "A refresh token, not an access or ID token: it cannot be decoded.",
            "Paste the `access_token` or `id_token` instead, and keep the refresh token secret.",
        ),
        _ => Check::failed(
            CheckName::Format,
            format!("An opaque string of {} characters, not a JWT: it cannot be decoded or verified offline.", opaque.len),
            "If this is an access token from Auth0, request it with `audience=<your API's identifier>` to get a JWT.",
        ),
    };
    not_a_jws(kind, None, None, size, keys_status, Some(format))
}

fn within_size(len: usize, max: usize) -> Check {
    Check::passed(
        CheckName::Size,
        format!("{len} bytes, within the {max}-byte limit."),
    )
}

/// The report for input that is not a token at all; `format` says why.
fn malformed(format: Check, size: Check, keys: Option<KeysStatus>) -> Report {
    not_a_jws(TokenKind::Malformed, None, None, size, keys, Some(format))
}

/// The report for input over the size bound. It does not say how large the
/// input is: bounded readers stop one byte past the limit, so nobody knows.
fn too_large(max: usize, keys: Option<KeysStatus>) -> Report {
    let size = Check::failed(
        CheckName::Size,
        format!("The input is longer than the {max}-byte limit, so IdLens did not read it."),
        "Paste only the token. If a real token is this large (many custom claims), raise the size limit.",
    );
    not_a_jws(TokenKind::TooLarge, None, None, size, keys, None)
}

/// A report for input that is not a signed JWT: the checks that ran, then
/// every other check as skipped so the shape is always the same.
fn not_a_jws(
    kind: TokenKind,
    header: Option<serde_json::Map<String, serde_json::Value>>,
    tenant: Option<Tenant>,
    size: Check,
    keys: Option<KeysStatus>,
    format: Option<Check>,
) -> Report {
    const ALL: [CheckName; 14] = [
        CheckName::Size,
        CheckName::Format,
        CheckName::Algorithm,
        CheckName::Critical,
        CheckName::HeaderKeys,
        CheckName::Key,
        CheckName::Signature,
        CheckName::Issuer,
        CheckName::Audience,
        CheckName::Expiry,
        CheckName::NotBefore,
        CheckName::IssuedAt,
        CheckName::AuthorizedParty,
        CheckName::Nonce,
    ];
    let mut checks = vec![size];
    checks.extend(format);
    let reason = match kind {
        TokenKind::TooLarge => "Not checked: the input was not read.",
        _ => "Not checked: the input is not a signed JWT.",
    };
    for name in ALL.into_iter().skip(checks.len()) {
        checks.push(Check::skipped(name, reason));
    }
    let mut report = Report {
        valid: false,
        unverified: true,
        kind,
        summary: String::new(),
        about: classify::about(kind, header.as_ref(), None),
        tenant,
        header,
        claims: None,
        explanations: Vec::new(),
        checks,
        key: None,
        keys,
    };
    report.summary = summary(&report);
    report
}

fn summary(report: &Report) -> String {
    let label = classify::label(report.kind);
    let from = report
        .tenant
        .as_ref()
        .map(|t| format!(" from {}", t.domain))
        .unwrap_or_default();
    if report.valid {
        let expiry = report
            .check(CheckName::Expiry)
            .map(|c| {
                c.reason
                    .split(" (")
                    .next()
                    .unwrap_or_default()
                    .to_lowercase()
            })
            .unwrap_or_default();
        return format!("Valid {label}{from}; {expiry}.");
    }
    let failure = report.first_failure();
    match report.kind {
        TokenKind::TooLarge | TokenKind::Malformed => {
            let reason = failure.map(|f| f.reason.as_str()).unwrap_or_default();
            return format!("Not a token: {reason}");
        }
        TokenKind::OpaqueAccessToken
        | TokenKind::RefreshToken
        | TokenKind::Opaque
        | TokenKind::Encrypted => {
            let reason = failure.map(|f| f.reason.as_str()).unwrap_or_default();
            return format!("{}{from}: {reason}", capitalised(label));
        }
        _ => {}
    }
    let no_keys = report.keys.is_none()
        && report
            .check(CheckName::Key)
            .is_some_and(|c| c.status == Status::Skipped);
    match (no_keys, failure) {
        (true, None) => format!("Unverified {label}{from}: decoded only, no keys were given."),
        (true, Some(failure)) => format!(
            "Unverified {label}{from} (no keys were given): {}",
            failure.reason
        ),
        (false, Some(failure)) => format!("Invalid {label}{from}: {}", failure.reason),
        (false, None) => format!("Invalid {label}{from}: the signature was not verified."),
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
