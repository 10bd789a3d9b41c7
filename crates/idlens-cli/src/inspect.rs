//! `idlens inspect`: one token explained and verified, or a batch of tokens
//! verified with one key set on N threads.

use crate::block_on;
use std::io::BufRead;
use std::num::NonZeroUsize;
use std::process::ExitCode;
use std::time::Duration;

use idlens_api::{Api, ApiError, ErrorCode};
use idlens_secret::Secret;
use idlens_token::{
    CheckStatus, ClaimExplanation, InspectOptions, KeyFreshness, KeySet, RemoteKeys, Report,
    TokenKind,
};
use zeroize::Zeroizing;

use crate::args::InspectArgs;
use crate::output::{self, say};
use crate::terminal::Untrusted;
use crate::EXIT_FINDING;

/// Lines verified per round in `--batch`: bounds memory for any input size.
const BATCH_CHUNK: usize = 4096;

/// Room for the whitespace and line breaks around a token on standard input,
/// beyond `--max-len`.
const STDIN_SLACK: usize = 4096;

/// Where the keys come from, once the options are resolved.
enum Keys {
    /// Decode and explain only.
    None,
    Local(KeySet),
    Remote(RemoteKeys),
}

pub fn run(api: &Api, args: InspectArgs) -> Result<ExitCode, ApiError> {
    let mut opts = InspectOptions {
        audiences: args.audiences.clone(),
        leeway: Duration::from_secs(args.leeway),
        nonce: args.nonce.clone(),
        authorized_party: args.authorized_party.clone(),
        max_len: args.max_len,
        ..InspectOptions::default()
    };
    let keys = resolve_keys(api, &args, &mut opts)?;
    if let Some(source) = &args.batch {
        return batch(api, source, batch_threads(args.threads), opts, keys);
    }

    let token = read_token(args.token.as_deref(), opts.max_len)?;
    let report = inspect_one(api, token.trim_ascii(), &opts, &keys)?;
    if args.output.json {
        output::json(&report);
    } else {
        print_report(&report);
    }
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDING)
    })
}

/// `--threads`, at most one per core: more only adds switching (100,000
/// threads ran 12 times slower than 2).
fn batch_threads(asked: Option<NonZeroUsize>) -> NonZeroUsize {
    let cores = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    asked.map_or(cores, |n| n.min(cores))
}

fn resolve_keys(
    api: &Api,
    args: &InspectArgs,
    opts: &mut InspectOptions,
) -> Result<Keys, ApiError> {
    let local = |keys: Result<KeySet, idlens_token::KeyError>| keys.map(Keys::Local);
    // With explicit keys, --issuer only names the expected `iss`.
    if let Some(var) = &args.secret_env {
        opts.issuer = args.issuer.clone();
        let value = std::env::var(var).unwrap_or_default();
        if value.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("the environment variable {var} is not set or empty: export the HMAC secret in it"),
            ));
        }
        return Ok(local(KeySet::from_hmac_secret(Secret::new(value)))?);
    }
    if let Some(path) = &args.pem {
        opts.issuer = args.issuer.clone();
        return Ok(local(KeySet::from_file(path))?);
    }
    if let Some(jwks) = &args.jwks {
        opts.issuer = args.issuer.clone();
        if jwks.starts_with("https://") || jwks.starts_with("http://") {
            return Ok(Keys::Remote(RemoteKeys::JwksUrl(jwks.clone())));
        }
        return Ok(local(KeySet::from_file(std::path::Path::new(jwks)))?);
    }
    if let Some(issuer) = &args.issuer {
        // The discovered issuer becomes the expected `iss`.
        return Ok(Keys::Remote(RemoteKeys::Issuer(issuer.clone())));
    }
    if let Some(name) = &args.profile {
        let profile = api.profile(Some(name))?;
        if opts.audiences.is_empty() {
            opts.audiences = profile
                .audience
                .into_iter()
                .chain([profile.client_id])
                .collect();
        }
        return Ok(Keys::Remote(RemoteKeys::Issuer(profile.issuer)));
    }
    Ok(Keys::None)
}

fn fetch(api: &Api, source: &RemoteKeys) -> Result<KeySet, ApiError> {
    Ok(block_on(api.jwks()?.keys(source))??)
}

fn inspect_one(
    api: &Api,
    token: &[u8],
    opts: &InspectOptions,
    keys: &Keys,
) -> Result<Report, ApiError> {
    match keys {
        Keys::None => Ok(idlens_token::inspect_bytes(token, opts, None)),
        Keys::Local(keys) => Ok(idlens_token::inspect_bytes(token, opts, Some(keys))),
        Keys::Remote(source) => {
            // Inputs that are not signed tokens are answered without any fetch.
            let decoded = idlens_token::inspect_bytes(token, opts, None);
            if !is_signed_token(decoded.kind) {
                return Ok(decoded);
            }
            let keys = fetch(api, source)?;
            Ok(idlens_token::inspect_bytes(token, opts, Some(&keys)))
        }
    }
}

fn is_signed_token(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::AccessToken
            | TokenKind::IdToken
            | TokenKind::MachineToMachine
            | TokenKind::ManagementApi
            | TokenKind::Jwt
    )
}

/// The token from the argument, or from standard input read through a
/// bounded reader: past `max_len` (plus room for whitespace) reading stops,
/// and the verdict says the input is too large.
fn read_token(arg: Option<&str>, max_len: usize) -> Result<Zeroizing<Vec<u8>>, ApiError> {
    if let Some(token) = arg.filter(|t| *t != "-") {
        return Ok(Zeroizing::new(token.as_bytes().to_vec()));
    }
    let limit = max_len.saturating_add(STDIN_SLACK);
    let bytes = match idlens_bounded::read_to_end(std::io::stdin().lock(), limit) {
        Ok(bytes) => Zeroizing::new(bytes),
        // More than fits: max_len + 1 bytes stand for it, which reads as too large.
        Err(idlens_bounded::ReadError::TooLarge { .. }) => {
            Zeroizing::new(vec![b'x'; max_len.saturating_add(1)])
        }
        Err(e) => {
            return Err(ApiError::new(
                ErrorCode::Io,
                format!("could not read the token from standard input: {e}"),
            ))
        }
    };
    if bytes.trim_ascii().is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "no token given: pass it as an argument or pipe it in (`pbpaste | idlens inspect -`)",
        ));
    }
    Ok(bytes)
}

/// Verifies every line of `source` and prints one compact JSON verdict per
/// line, in order. Keys are loaded once for the whole batch. Lines longer
/// than `--max-len` get a "too large" verdict without being stored, lines
/// that are not UTF-8 a "malformed" one; the batch goes on either way.
fn batch(
    api: &Api,
    source: &str,
    threads: NonZeroUsize,
    mut opts: InspectOptions,
    keys: Keys,
) -> Result<ExitCode, ApiError> {
    opts.explain = false;
    let keys = match keys {
        Keys::None => None,
        Keys::Local(keys) => Some(keys),
        Keys::Remote(source) => Some(fetch(api, &source)?),
    };
    let reader: Box<dyn BufRead> = if source == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(source)
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("could not open {source}: {e}")))?;
        Box::new(std::io::BufReader::with_capacity(1 << 16, file))
    };
    let mut lines = idlens_bounded::Lines::new(reader, opts.max_len);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut all_valid = true;
    loop {
        let (chunk, done) = read_chunk(&mut lines, source)?;
        if lines.lines_read() == 0 {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("no tokens in the input ({source} is empty): give one token per line"),
            ));
        }
        let inputs: Vec<&[u8]> = chunk.iter().map(|l| l.trim_ascii()).collect();
        // Each verdict is written as soon as it is its turn, so no chunk's
        // reports are held in memory at once.
        idlens_token::inspect_batch_each(&inputs, &opts, keys.as_ref(), threads, |_, report| {
            all_valid &= report.valid;
            write_verdict(&mut out, &report);
        });
        if done {
            break;
        }
    }
    output::flush_or_exit(&mut out);
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDING)
    })
}

/// Lines of a batch, zeroized when dropped: they are tokens.
type Chunk = Vec<Zeroizing<Vec<u8>>>;

/// Up to [`BATCH_CHUNK`] lines, and whether the input ended. A read error
/// says which line it stopped at: the verdicts already printed cover only
/// the lines before it.
fn read_chunk<R: BufRead>(
    lines: &mut idlens_bounded::Lines<R>,
    source: &str,
) -> Result<(Chunk, bool), ApiError> {
    let mut chunk = Vec::with_capacity(BATCH_CHUNK);
    while chunk.len() < BATCH_CHUNK {
        let mut line = Zeroizing::new(Vec::new());
        match lines.read_line(&mut line) {
            Ok(Some(_)) => chunk.push(line),
            Ok(None) => return Ok((chunk, true)),
            Err(e) => {
                let done = lines.lines_read();
                return Err(ApiError::new(
                    ErrorCode::Io,
                    format!(
                        "could not read line {} of {source} ({e}); the verdicts printed cover lines 1 to {done} only",
                        done + 1
                    ),
                ));
            }
        }
    }
    Ok((chunk, false))
}

/// One verdict as a line of JSON; a closed pipe ends the program quietly.
fn write_verdict(out: &mut impl std::io::Write, report: &Report) {
    let mut line = serde_json::to_string(report).expect("reports always serialize");
    if let std::borrow::Cow::Owned(inert) = crate::terminal::json_inert(&line) {
        line = inert;
    }
    line.push('\n');
    output::write_or_exit(out, line.as_bytes());
}

fn compact(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The verdict as text. Everything from the token or the key source is
/// printed through [`Untrusted`]: a claim cannot draw a line of its own.
fn print_report(report: &Report) {
    let mark = if report.valid {
        "VALID"
    } else if report.unverified && report.first_failure().is_none() {
        "UNVERIFIED"
    } else {
        "INVALID"
    };
    say!("{mark}: {}", Untrusted(&report.summary));
    say!("Kind:    {}", report.kind.label());
    if let Some(tenant) = &report.tenant {
        let mut text = tenant.domain.clone();
        if let Some(name) = &tenant.name {
            text.push_str(&format!(" (tenant {name}"));
            if let Some(region) = &tenant.region {
                text.push_str(&format!(", region {region}"));
            }
            text.push(')');
        }
        say!("Tenant:  {}", Untrusted(&text));
    }
    say!("About:   {}", Untrusted(&report.about));
    if report.unverified {
        say!("Claims below are UNVERIFIED: they are only what the token says about itself.");
    }
    if let Some(header) = &report.header {
        say!("\nHeader");
        let rows: Vec<Vec<String>> = header
            .iter()
            .map(|(k, v)| vec![format!("  {k}"), compact(v)])
            .collect();
        say!(
            "{}",
            output::table(&["", ""], &rows).trim_start_matches('\n')
        );
    }
    if !report.explanations.is_empty() {
        say!("\nClaims");
        let rows: Vec<Vec<String>> = report.explanations.iter().map(claim_row).collect();
        say!("{}", output::table(&["  CLAIM", "VALUE", "MEANING"], &rows));
    }
    print_checks(report);
    print_keys(report);
}

fn print_checks(report: &Report) {
    say!("\nChecks");
    for check in &report.checks {
        let status = match check.status {
            CheckStatus::Passed => "pass",
            CheckStatus::Failed => "FAIL",
            CheckStatus::Skipped => "skip",
        };
        let name = serde_json::to_value(check.name).expect("check names serialize");
        say!(
            "  {status}  {:<16} {}",
            compact(&name),
            Untrusted(&check.reason)
        );
        if let Some(hint) = &check.hint {
            say!("        {:<16} → {}", "", Untrusted(hint));
        }
    }
}

fn print_keys(report: &Report) {
    if let Some(key) = &report.key {
        say!(
            "\nKey:     kid {}, {}, thumbprint {}",
            Untrusted(key.kid.as_deref().unwrap_or("(none)")),
            key.alg,
            Untrusted(key.thumbprint.as_deref().unwrap_or("(HMAC secret)"))
        );
    }
    let Some(keys) = &report.keys else {
        return;
    };
    let freshness = match &keys.freshness {
        KeyFreshness::Local => "given locally".to_owned(),
        KeyFreshness::Fetched => "fetched now".to_owned(),
        KeyFreshness::Cached { age_seconds } => format!("cached {age_seconds} s ago"),
        KeyFreshness::Stale { age_seconds, error } => {
            format!("STALE ({age_seconds} s old; refresh failed: {error})")
        }
    };
    say!(
        "Keys:    {} ({} key{}, {})",
        Untrusted(&keys.source),
        keys.key_count,
        if keys.key_count == 1 { "" } else { "s" },
        Untrusted(&freshness)
    );
    if let Some(note) = &keys.note {
        say!("         {}", Untrusted(note));
    }
}

fn claim_row(claim: &ClaimExplanation) -> Vec<String> {
    let mut value = compact(&claim.value);
    if value.chars().count() > 60 {
        value = value.chars().take(57).collect::<String>() + "...";
    }
    let meaning = match &claim.time {
        Some(time) => format!("{} — {} ({})", claim.meaning, time.utc, time.relative),
        None => claim.meaning.clone(),
    };
    vec![format!("  {}", claim.name), value, meaning]
}
