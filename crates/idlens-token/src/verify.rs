//! The checks, in order. Each returns a [`Check`] with a one-line reason and,
//! on failure, a hint that says what to fix.

use jsonwebtoken::Algorithm;
use serde_json::{Map, Value};

use crate::classify::audiences;
use crate::explain::{numeric_date, write_relative, write_utc_at, Span};
use crate::keys::{KeySet, VerifyingKey};
use crate::report::{Check, CheckName, KeyUsed, TokenKind};
use crate::shown::{shown, Shown};
use crate::unverified::UnverifiedJws;
use crate::{InspectOptions, KeyError};

/// The keys a token is checked against.
#[derive(Debug, Clone, Copy)]
pub enum Keys<'a> {
    /// Decode and explain only.
    None,
    Set(&'a KeySet),
    /// Loading or fetching the keys failed: the `key` check fails with this.
    Unavailable(&'a KeyError),
}

/// Algorithms IdLens verifies. HS* are on the list but pass only when the
/// key set holds an HMAC secret the user gave explicitly.
impl<'a> From<Option<&'a KeySet>> for Keys<'a> {
    fn from(keys: Option<&'a KeySet>) -> Self {
        keys.map_or(Keys::None, Keys::Set)
    }
}

impl<'a> From<&'a KeySet> for Keys<'a> {
    fn from(keys: &'a KeySet) -> Self {
        Keys::Set(keys)
    }
}

impl<'a> From<&'a KeyError> for Keys<'a> {
    fn from(error: &'a KeyError) -> Self {
        Keys::Unavailable(error)
    }
}

pub const DEFAULT_ALGORITHMS: [Algorithm; 12] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
    Algorithm::HS256,
    Algorithm::HS384,
    Algorithm::HS512,
];

fn is_hmac(alg: Algorithm) -> bool {
    matches!(alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512)
}

/// Header members that name a key. Keys are taken only from the source the
/// user chose, never from the token being checked.
const KEY_HEADERS: [&str; 4] = ["jwk", "jku", "x5u", "x5c"];

pub(crate) struct Verdict {
    pub checks: Vec<Check>,
    pub key: Option<KeyUsed>,
    pub signature_verified: bool,
}

pub(crate) fn check_jws(
    jws: &UnverifiedJws<'_>,
    kind: TokenKind,
    opts: &InspectOptions,
    keys: Keys<'_>,
    now: i64,
) -> Verdict {
    let mut checks = Vec::with_capacity(13);
    checks.push(check_format(jws));
    let (algorithm, alg) = check_algorithm(&jws.header, opts, keys);
    checks.push(algorithm);
    checks.push(check_critical(&jws.header));
    checks.push(check_header_keys(&jws.header));
    let (key, signature, key_used) = check_key_and_signature(jws, keys, alg);
    checks.push(key);
    checks.push(signature);
    push_claim_checks(&mut checks, jws, kind, opts, keys, now);
    Verdict {
        checks,
        signature_verified: key_used.is_some(),
        key: key_used,
    }
}

fn check_format(jws: &UnverifiedJws<'_>) -> Check {
    Check::passed(
        CheckName::Format,
        match &jws.note {
            Some(note) => {
                format!("A signed JWT whose header, payload and signature decode. {note}")
            }
            None => "A signed JWT whose header, payload and signature decode.".to_owned(),
        },
    )
}

/// The `key` and `signature` checks, and the key that verified the
/// signature when one did. `alg` is `None` when the algorithm was refused.
fn check_key_and_signature(
    jws: &UnverifiedJws<'_>,
    keys: Keys<'_>,
    alg: Option<Algorithm>,
) -> (Check, Check, Option<KeyUsed>) {
    match (keys, alg) {
        (Keys::None, _) => (
            Check::skipped(
                CheckName::Key,
                "No keys were given, so the token was decoded but not verified.",
            ),
            Check::skipped(
                CheckName::Signature,
                "Not verified: give the issuer, a JWKS or a public key to check the signature.",
            ),
            None,
        ),
        (Keys::Unavailable(error), _) => (
            Check::failed(
                CheckName::Key,
                error.to_string(),
                "Fix the key source (issuer, JWKS address or key file) and inspect the token again.",
            ),
            Check::skipped(
                CheckName::Signature,
                "Not verified: no keys could be loaded.",
            ),
            None,
        ),
        (Keys::Set(_), None) => (
            Check::skipped(CheckName::Key, "Not checked: the algorithm was refused."),
            Check::skipped(
                CheckName::Signature,
                "Not verified: the algorithm was refused.",
            ),
            None,
        ),
        (Keys::Set(set), Some(alg)) => {
            let (key_check, candidates) = select_keys(jws, alg, set);
            if candidates.is_empty() {
                let signature = Check::skipped(
                    CheckName::Signature,
                    "Not verified: no trusted key fits the token.",
                );
                return (key_check, signature, None);
            }
            let (signature, used) = check_signature(jws, alg, &candidates);
            (key_check, signature, used)
        }
    }
}

/// The claim checks, in order: `iss`, `aud`, `exp`, `nbf`, `iat`, `azp`, `nonce`.
fn push_claim_checks(
    checks: &mut Vec<Check>,
    jws: &UnverifiedJws<'_>,
    kind: TokenKind,
    opts: &InspectOptions,
    keys: Keys<'_>,
    now: i64,
) {
    let expected_issuer = opts.issuer.as_deref().or(match keys {
        Keys::Set(set) => set.discovered_issuer(),
        _ => None,
    });
    // Decoding without keys claims nothing, so a missing expectation is only
    // worth a note; with keys, a verdict without one would be a blind "valid".
    let decode_only = matches!(keys, Keys::None);
    checks.push(check_issuer(&jws.claims, expected_issuer, decode_only));
    checks.push(check_audience(
        &jws.claims,
        &opts.audiences,
        kind,
        decode_only,
    ));
    let leeway = opts.leeway.as_secs().min(i64::MAX as u64) as i64;
    checks.push(check_expiry(&jws.claims, now, leeway));
    checks.push(check_not_before(&jws.claims, now, leeway));
    checks.push(check_issued_at(&jws.claims, now, leeway));
    checks.push(check_authorized_party(
        &jws.claims,
        opts.authorized_party.as_deref(),
    ));
    checks.push(check_nonce(&jws.claims, opts.nonce.as_deref()));
}

fn check_algorithm(
    header: &Map<String, Value>,
    opts: &InspectOptions,
    keys: Keys<'_>,
) -> (Check, Option<Algorithm>) {
    let allowed = opts.algorithms.as_deref().unwrap_or(&DEFAULT_ALGORITHMS);
    let alg = match header_algorithm(header).and_then(|name| allowed_algorithm(name, allowed)) {
        Ok(alg) => alg,
        Err(refused) => return (refused, None),
    };
    if is_hmac(alg) {
        return check_hmac_keys(alg, keys);
    }
    (
        Check::passed(
            CheckName::Algorithm,
            format!("{alg:?} is on the allowed list."),
        ),
        Some(alg),
    )
}

/// The header's `alg` as written, or the failed check when there is none.
fn header_algorithm(header: &Map<String, Value>) -> Result<&str, Check> {
    const NAME: CheckName = CheckName::Algorithm;
    match header.get("alg") {
        None => Err(Check::failed(
            NAME,
            "The header has no `alg`.",
            "A signed token must name its algorithm; this one cannot be verified.",
        )),
        Some(Value::String(name)) => Ok(name),
        Some(other) => Err(Check::failed(
            NAME,
            format!("The header's `alg` is {other}, not a string."),
            "This is not a well-formed JWT; do not trust it.",
        )),
    }
}

/// The algorithm `name` names, when IdLens verifies it and `allowed` holds
/// it; `none` (in any spelling) never is.
fn allowed_algorithm(name: &str, allowed: &[Algorithm]) -> Result<Algorithm, Check> {
    const NAME: CheckName = CheckName::Algorithm;
    if name.trim().eq_ignore_ascii_case("none") {
        return Err(Check::failed(
            NAME,
            format!(
                "The token says alg {}: it is not signed at all.",
                shown(name)
            ),
            "Never accept unsigned tokens: anyone can write any claims into them. \
             Get a token signed by the tenant (Auth0 signs with RS256).",
        ));
    }
    let Ok(alg) = name.parse::<Algorithm>() else {
        return Err(Check::failed(
            NAME,
            format!(
                "alg {} is not one IdLens verifies (RS256/384/512, PS256/384/512, ES256/384, EdDSA, \
                 and HS256/384/512 with a secret you give).",
                shown(name)
            ),
            "Check which algorithm the API in Auth0 signs with (Settings → Signing Algorithm); RS256 is the default.",
        ));
    };
    if !allowed.contains(&alg) {
        return Err(Check::failed(
            NAME,
            format!("{alg:?} is not on the allowed list for this check."),
            "Allow the algorithm explicitly if the API really signs with it.",
        ));
    }
    Ok(alg)
}

/// An HS* algorithm passes only with an HMAC secret the user gave, or with
/// no keys at all (decoding only); with public keys it is algorithm confusion.
fn check_hmac_keys(alg: Algorithm, keys: Keys<'_>) -> (Check, Option<Algorithm>) {
    const NAME: CheckName = CheckName::Algorithm;
    match keys {
        Keys::Set(set) if !set.has_hmac_secret() => (
            Check::failed(
                NAME,
                format!(
                    "The token says {alg:?}, a shared-secret algorithm, but the keys are public keys ({}).",
                    set.status().source
                ),
                "A public key is never an HMAC secret: a token that asks for this is a classic forgery \
                 (algorithm confusion). If the API really uses HS256, give its secret explicitly.",
            ),
            None,
        ),
        Keys::Set(_) => (
            Check::passed(NAME, format!("{alg:?}, checked with the HMAC secret you gave.")),
            Some(alg),
        ),
        _ => (
            Check::passed(
                NAME,
                format!("{alg:?} (shared secret): it can be verified only with the secret, given explicitly."),
            ),
            Some(alg),
        ),
    }
}

fn check_critical(header: &Map<String, Value>) -> Check {
    const NAME: CheckName = CheckName::Critical;
    match header.get("crit") {
        None => Check::passed(NAME, "No critical header extensions."),
        Some(value) => {
            let names = match value {
                Value::Array(items) if !items.is_empty() => items
                    .iter()
                    .map(|v| v.as_str().map(shown).unwrap_or_else(|| v.to_string()))
                    .collect::<Vec<_>>()
                    .join(", "),
                other => format!("{other} (which is not even a list of names)"),
            };
            Check::failed(
                NAME,
                format!("The header marks {names} as critical, and IdLens does not implement any critical extension."),
                "A verifier must reject tokens with critical extensions it does not understand (RFC 7515 §4.1.11). \
                 Auth0 never sets `crit`; ask whoever issued this token what it means.",
            )
        }
    }
}

fn check_header_keys(header: &Map<String, Value>) -> Check {
    const NAME: CheckName = CheckName::HeaderKeys;
    let present: Vec<String> = KEY_HEADERS
        .iter()
        .filter_map(|name| {
            header.get(*name).map(|v| match v {
                Value::String(s) => format!("`{name}` {}", shown(s)),
                _ => format!("`{name}`"),
            })
        })
        .collect();
    if present.is_empty() {
        Check::passed(
            NAME,
            "The header names no key of its own; keys come only from the source you chose.",
        )
    } else {
        Check::failed(
            NAME,
            format!(
                "The header brings its own key ({}); IdLens never fetches or trusts keys named by a token.",
                present.join(", ")
            ),
            "Auth0 never puts keys in a token's header: treat this token as forged. \
             Verify it against the issuer's published keys instead.",
        )
    }
}

fn select_keys<'k>(
    jws: &UnverifiedJws<'_>,
    alg: Algorithm,
    set: &'k KeySet,
) -> (Check, Vec<&'k VerifyingKey>) {
    let kid = match header_kid(&jws.header) {
        Ok(kid) => kid,
        Err(refused) => return (refused, Vec::new()),
    };
    // A token's kid picks keys with that kid; keys without a kid (PEM files,
    // an HMAC secret) stand in for any kid.
    let named = kid.is_some_and(|kid| set.keys().iter().any(|k| k.kid() == Some(kid)));
    let in_pool = |k: &&VerifyingKey| {
        if named {
            k.kid() == kid
        } else {
            kid.is_none() || k.kid().is_none()
        }
    };
    let candidates: Vec<&VerifyingKey> = set
        .keys()
        .iter()
        .filter(in_pool)
        .filter(|k| k.fits(alg) && k.problem().is_none())
        .collect();
    let source = &set.status().source;
    let reason = match candidates.as_slice() {
        [] => {
            let pool: Vec<&VerifyingKey> = set.keys().iter().filter(in_pool).collect();
            return (no_key_fits(set, &pool, kid, alg), Vec::new());
        }
        [only] => format!("The {} from {source} fits {alg:?}.", only.description()),
        many => format!(
            "{} keys from {source} fit {alg:?}; the signature must match one of them.",
            many.len()
        ),
    };
    (Check::passed(CheckName::Key, reason), candidates)
}

/// The header's `kid`, if it has one, or the failed check when it is not a
/// string.
fn header_kid(header: &Map<String, Value>) -> Result<Option<&str>, Check> {
    match header.get("kid") {
        None => Ok(None),
        Some(Value::String(kid)) => Ok(Some(kid.as_str())),
        Some(other) => Err(Check::failed(
            CheckName::Key,
            format!(
                "The header's `kid` is {}, not a string.",
                shown(&other.to_string())
            ),
            "This is not a well-formed JWT; do not trust it.",
        )),
    }
}

/// The failed `key` check when no key of `pool` (the keys the token's kid
/// picks) can verify it: one is unsound, one does not fit `alg`, or none has
/// the kid.
fn no_key_fits(set: &KeySet, pool: &[&VerifyingKey], kid: Option<&str>, alg: Algorithm) -> Check {
    const NAME: CheckName = CheckName::Key;
    if let Some(key) = pool.iter().find(|k| k.problem().is_some()) {
        return Check::failed(
            NAME,
            format!(
                "The {} cannot be used: {}.",
                key.description(),
                key.problem().unwrap_or_default()
            ),
            "IdLens will not verify with this key. Ask the issuer to publish a sound one (RSA of 2048 bits or more, \
             or a genuine EC or Ed25519 key), and check where this key set came from.",
        );
    }
    if let Some(key) = pool.first() {
        return Check::failed(
            NAME,
            format!("The {} does not fit alg {alg:?}.", key.description()),
            "The header names an algorithm this key is not for: the token may be forged (algorithm confusion). \
             Check the API's signing algorithm in Auth0.",
        );
    }
    let source = &set.status().source;
    let note = set
        .status()
        .note
        .as_deref()
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let kids: Vec<String> = set
        .keys()
        .iter()
        .filter_map(|k| k.kid())
        .take(5)
        .map(shown)
        .collect();
    let have = if kids.is_empty() {
        String::new()
    } else {
        format!(" (it has {})", kids.join(", "))
    };
    match kid {
        Some(kid) => Check::failed(
            NAME,
            format!("No key with kid {} in {source}{have}.{note}", shown(kid)),
            "The token was signed by a key this issuer does not publish: check that it comes from this tenant, \
             or refresh the keys if the tenant just rotated its signing key.",
        ),
        None => Check::failed(
            NAME,
            format!("The token names no kid and no key in {source} fits {alg:?}{have}."),
            "Check that the keys belong to the tenant that issued the token.",
        ),
    }
}

fn check_signature(
    jws: &UnverifiedJws<'_>,
    alg: Algorithm,
    candidates: &[&VerifyingKey],
) -> (Check, Option<KeyUsed>) {
    const NAME: CheckName = CheckName::Signature;
    if jws.signature.is_empty() {
        return (
            Check::failed(
                NAME,
                "The signature part is empty: the token was stripped of its signature.",
                "A token without its signature proves nothing; get the original token from the issuer.",
            ),
            None,
        );
    }
    let message = jws.signing_input.as_bytes();
    for key in candidates {
        if key.verify(alg, message, &jws.signature, jws.signature_b64) {
            return (
                Check::passed(
                    NAME,
                    format!(
                        "The {alg:?} signature verifies with the {}.",
                        key.description()
                    ),
                ),
                Some(KeyUsed {
                    kid: key.kid().map(str::to_owned),
                    alg: format!("{alg:?}"),
                    thumbprint: key.thumbprint().map(str::to_owned),
                }),
            );
        }
    }
    let which = match candidates {
        [only] => format!("the {}", only.description()),
        many => format!("any of the {} keys that fit", many.len()),
    };
    (
        Check::failed(
            NAME,
            format!("The signature does not match {which}."),
            "The token was changed after it was signed, or signed by a different key (possibly one reusing the kid): \
             do not trust it.",
        ),
        None,
    )
}

fn check_issuer(claims: &Map<String, Value>, expected: Option<&str>, decode_only: bool) -> Check {
    const NAME: CheckName = CheckName::Issuer;
    let iss =
        match claims.get("iss") {
            None => return Check::failed(
                NAME,
                "The token has no `iss`, so it does not say who issued it.",
                "Auth0 always sets `iss`: this token did not come from an Auth0 tenant as it is.",
            ),
            Some(Value::String(iss)) => iss.as_str(),
            Some(other) => {
                return Check::failed(
                    NAME,
                    format!("`iss` is {other}, not a string."),
                    "This is not a well-formed JWT; do not trust it.",
                )
            }
        };
    match expected {
        None if decode_only => Check::skipped(
            NAME,
            format!("The token says it was issued by {}; no expected issuer was given.", shown(iss)),
        ),
        None => Check::failed(
            NAME,
            format!("The token says it was issued by {}, but no expected issuer was given.", shown(iss)),
            "Say which issuer you trust (for example --issuer with your tenant's https://{domain}/), \
             after checking that it is your tenant.",
        ),
        Some(expected) if expected == iss => Check::passed(NAME, format!("Issued by {}, as expected.", Shown(iss))),
        Some(expected) if expected.trim_end_matches('/') == iss.trim_end_matches('/') => Check::failed(
            NAME,
            format!("Issued by {}; expected {}: only the trailing slash differs.", shown(iss), shown(expected)),
            format!(
                "Issuers are compared exactly. Auth0's issuer ends with a slash: expect {} exactly.",
                shown(iss)
            ),
        ),
        Some(expected) => Check::failed(
            NAME,
            format!("Issued by {}, not by the expected {}.", shown(iss), shown(expected)),
            "The token comes from another tenant or domain: check the environment (dev/prod) and custom domain \
             it was requested from.",
        ),
    }
}

fn check_audience(
    claims: &Map<String, Value>,
    expected: &[String],
    kind: TokenKind,
    decode_only: bool,
) -> Check {
    const NAME: CheckName = CheckName::Audience;
    let auds = match claims.get("aud") {
        None => {
            return Check::failed(
                NAME,
                "The token has no `aud`, so it does not say who it is for.",
                "Request the token with `audience=<your API's identifier>`; IdLens requires an audience.",
            )
        }
        Some(Value::String(_)) => audiences(claims),
        Some(Value::Array(items)) if !items.is_empty() && items.iter().all(Value::is_string) => audiences(claims),
        Some(other) => {
            return Check::failed(
                NAME,
                format!("`aud` is {other}, not a string or a list of strings."),
                "This is not a well-formed JWT; do not trust it.",
            )
        }
    };
    if let Some(hit) = auds.iter().find(|a| expected.iter().any(|e| e == *a)) {
        return Check::passed(
            NAME,
            format!("The token is for {}, as expected.", Shown(hit)),
        );
    }
    let shown_auds = auds.iter().map(|a| shown(a)).collect::<Vec<_>>().join(", ");
    if expected.is_empty() && decode_only {
        return Check::skipped(
            NAME,
            format!("The token is for {shown_auds}; no expected audience was given."),
        );
    }
    if expected.is_empty() {
        return Check::failed(
            NAME,
            format!("The token is for {shown_auds}, but no expected audience was given."),
            "Say which audience your API expects (for example --audience <API identifier>, or the client ID for \
             an ID token).",
        );
    }
    let wanted = expected
        .iter()
        .map(|e| shown(e))
        .collect::<Vec<_>>()
        .join(" or ");
    let first = &expected[0];
    let hint = match kind {
        TokenKind::IdToken => format!(
            "This is an ID token, meant for the application {shown_auds}. APIs take access tokens: request one \
             with audience={first}."
        ),
        _ if auds.iter().all(|a| a.ends_with("/userinfo")) => format!(
            "The token was requested without an API audience (it is only for /userinfo); request it with \
             audience={first}."
        ),
        _ => format!(
            "The token was requested for audience {shown_auds}; this API expects {wanted} — request it with \
             audience={first}."
        ),
    };
    Check::failed(
        NAME,
        format!("The token is for {shown_auds}, not for {wanted}."),
        hint,
    )
}

enum TimeClaim {
    Missing,
    Invalid(String),
    At(i64),
}

fn time_claim(claims: &Map<String, Value>, name: &str) -> TimeClaim {
    match claims.get(name) {
        None => TimeClaim::Missing,
        Some(Value::Number(n)) => match numeric_date(n) {
            Some(t) => TimeClaim::At(t),
            None => TimeClaim::Invalid(format!("`{name}` is {n}, which is not a usable time.")),
        },
        Some(other) => TimeClaim::Invalid(format!("`{name}` is {other}, not a number of seconds.")),
    }
}

/// "{prefix}{relative} ({UTC time})", with the relative text capitalised
/// when there is no prefix: "Expires in 4 min (2025-01-02 03:04:05 UTC)".
fn moment(prefix: &str, claim: &str, unix: i64, now: i64) -> String {
    let mut out = String::with_capacity(prefix.len() + 48);
    out.push_str(prefix);
    // Saturating: a signed token may hold any i64, and `exp: -2^63` must
    // read "expired … ago", not wrap around to "expires in …" (or panic).
    write_relative(&mut out, claim, unix.saturating_sub(now));
    if prefix.is_empty() {
        // The relative text starts with an ASCII letter or digit.
        out[..1].make_ascii_uppercase();
    }
    out.push_str(" (");
    write_utc_at(&mut out, unix);
    out.push(')');
    out
}

const MALFORMED_TIME: &str =
    "Times in a JWT are whole seconds since 1970 (NumericDate); this token is not well-formed.";

fn check_expiry(claims: &Map<String, Value>, now: i64, leeway: i64) -> Check {
    const NAME: CheckName = CheckName::Expiry;
    match time_claim(claims, "exp") {
        TimeClaim::Missing => Check::failed(
            NAME,
            "The token has no `exp`: it would never expire.",
            "IdLens does not accept tokens that never expire. Auth0 always sets `exp`: check who issued this token.",
        ),
        TimeClaim::Invalid(reason) => Check::failed(NAME, reason, MALFORMED_TIME),
        TimeClaim::At(exp) if now >= exp.saturating_add(leeway) => Check::failed(
            NAME,
            moment("", "exp", exp, now) + ".",
            format!(
                "Get a new token: sign in again, or use the refresh token. The leeway for clock skew is {}.",
                Span(leeway as u64)
            ),
        ),
        TimeClaim::At(exp) if now >= exp => Check::passed(
            NAME,
            format!("{}, within the {} leeway.", moment("", "exp", exp, now), Span(leeway as u64)),
        ),
        TimeClaim::At(exp) if exp.saturating_sub(now) > ABSURD_LIFETIME => Check::passed_with_hint(
            NAME,
            moment("", "exp", exp, now) + ".",
            format!(
                "No real token lives this long: Auth0 issues access tokens for at most {} and ID tokens for \
                 less. Treat this token as suspect, and check who issued it and with which key.",
                Span(MAX_AUTH0_TOKEN_LIFETIME as u64)
            ),
        ),
        TimeClaim::At(exp) => Check::passed(NAME, moment("", "exp", exp, now) + "."),
    }
}

/// The longest lifetime Auth0 lets an API give its access tokens (30 days).
const MAX_AUTH0_TOKEN_LIFETIME: i64 = 30 * 86_400;

/// An `exp` this far ahead is flagged even when the signature verifies.
const ABSURD_LIFETIME: i64 = 365 * 86_400;

fn check_not_before(claims: &Map<String, Value>, now: i64, leeway: i64) -> Check {
    const NAME: CheckName = CheckName::NotBefore;
    match time_claim(claims, "nbf") {
        TimeClaim::Missing => Check::skipped(NAME, "The token has no `nbf`."),
        TimeClaim::Invalid(reason) => Check::failed(NAME, reason, MALFORMED_TIME),
        TimeClaim::At(nbf) if now.saturating_add(leeway) < nbf => Check::failed(
            NAME,
            moment("Not valid yet: it ", "nbf", nbf, now) + ".",
            format!(
                "Wait until then, or check the clocks of the issuer and of this machine (the leeway is {}).",
                Span(leeway as u64)
            ),
        ),
        TimeClaim::At(nbf) => Check::passed(NAME, moment("", "nbf", nbf, now) + "."),
    }
}

fn check_issued_at(claims: &Map<String, Value>, now: i64, leeway: i64) -> Check {
    const NAME: CheckName = CheckName::IssuedAt;
    match time_claim(claims, "iat") {
        TimeClaim::Missing => Check::skipped(NAME, "The token has no `iat`."),
        TimeClaim::Invalid(reason) => Check::failed(NAME, reason, MALFORMED_TIME),
        TimeClaim::At(iat) if iat > now.saturating_add(leeway) => Check::failed(
            NAME,
            moment("It says it was ", "iat", iat, now) + ".",
            "The issuer's clock or this machine's clock is wrong, or the token is forged: check both clocks.",
        ),
        TimeClaim::At(iat) => Check::passed(NAME, moment("", "iat", iat, now) + "."),
    }
}

fn check_authorized_party(claims: &Map<String, Value>, expected: Option<&str>) -> Check {
    const NAME: CheckName = CheckName::AuthorizedParty;
    let Some(expected) = expected else {
        return Check::skipped(
            NAME,
            "No expected client was given, so `azp` was not compared.",
        );
    };
    match claims.get("azp") {
        Some(Value::String(azp)) if azp == expected => {
            Check::passed(NAME, format!("Issued to the client {}, as expected.", shown(azp)))
        }
        Some(Value::String(azp)) => Check::failed(
            NAME,
            format!("Issued to the client {}, not {}.", shown(azp), shown(expected)),
            "The token was obtained by another application: use a token your application requested itself.",
        ),
        Some(other) => Check::failed(NAME, format!("`azp` is {other}, not a string."), "This is not a well-formed JWT; do not trust it."),
        None if audiences(claims) == [expected] => {
            Check::passed(NAME, format!("No `azp`, and the only audience is the client {}.", shown(expected)))
        }
        None => Check::failed(
            NAME,
            format!("The token has no `azp` and is not only for the client {}.", shown(expected)),
            "The token may have been issued to another application: use a token your application requested itself.",
        ),
    }
}

fn check_nonce(claims: &Map<String, Value>, expected: Option<&str>) -> Check {
    const NAME: CheckName = CheckName::Nonce;
    let Some(expected) = expected else {
        return Check::skipped(
            NAME,
            "No expected nonce was given, so `nonce` was not compared.",
        );
    };
    match claims.get("nonce") {
        Some(Value::String(nonce)) if nonce == expected => {
            Check::passed(NAME, "The nonce is the one the login sent.")
        }
        Some(_) => Check::failed(
            NAME,
            "The nonce is not the one the login sent.",
            "This ID token belongs to another login (or is replayed): start the login again.",
        ),
        None => Check::failed(
            NAME,
            "The token has no `nonce`, but the login sent one.",
            "This ID token was not issued for this login: start the login again.",
        ),
    }
}
