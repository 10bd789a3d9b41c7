//! `idlens inspect`: one token explained and verified, or a batch of tokens
//! verified with one key set on N threads.

use crate::block_on;
use std::io::{BufRead, Read, Write};
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
use crate::{EXIT_ERROR, EXIT_FINDING};

/// Lines verified per round in `--batch`: bounds memory for any input size.
const BATCH_CHUNK: usize = 4096;

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
        let threads = args
            .threads
            .or_else(|| std::thread::available_parallelism().ok())
            .unwrap_or(NonZeroUsize::MIN);
        return batch(api, source, threads, opts, keys);
    }

    let token = read_token(args.token.as_deref())?;
    let report = inspect_one(api, token.expose().trim(), &opts, &keys)?;
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
    token: &str,
    opts: &InspectOptions,
    keys: &Keys,
) -> Result<Report, ApiError> {
    match keys {
        Keys::None => Ok(idlens_token::inspect(token, opts, None)),
        Keys::Local(keys) => Ok(idlens_token::inspect(token, opts, Some(keys))),
        Keys::Remote(source) => {
            // Inputs that are not signed tokens are answered without any fetch.
            let decoded = idlens_token::inspect(token, opts, None);
            if !is_signed_token(decoded.kind) {
                return Ok(decoded);
            }
            let keys = fetch(api, source)?;
            Ok(idlens_token::inspect(token, opts, Some(&keys)))
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

fn read_token(arg: Option<&str>) -> Result<Secret, ApiError> {
    match arg {
        Some(token) if token != "-" => Ok(Secret::new(token)),
        _ => {
            let mut buf = Zeroizing::new(String::new());
            std::io::stdin().read_to_string(&mut buf).map_err(|e| {
                ApiError::new(
                    ErrorCode::Io,
                    format!("could not read the token from standard input: {e}"),
                )
            })?;
            if buf.trim().is_empty() {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "no token given: pass it as an argument or pipe it in (`pbpaste | idlens inspect -`)",
                ));
            }
            Ok(Secret::new(buf.trim()))
        }
    }
}

/// Verifies every line of `source` and prints one compact JSON verdict per
/// line, in input order. Keys are loaded once for the whole batch.
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
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut all_valid = true;
    let mut chunk: Vec<Zeroizing<String>> = Vec::with_capacity(BATCH_CHUNK);
    let mut lines = reader.lines();
    loop {
        let line = lines
            .next()
            .transpose()
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("could not read {source}: {e}")))?;
        let done = line.is_none();
        if let Some(line) = line {
            chunk.push(Zeroizing::new(line));
        }
        if chunk.len() == BATCH_CHUNK || (done && !chunk.is_empty()) {
            let inputs: Vec<&str> = chunk.iter().map(|l| l.trim()).collect();
            // Each verdict is written as soon as it is its turn, so no
            // chunk's reports are held in memory at once.
            idlens_token::inspect_batch_each(
                &inputs,
                &opts,
                keys.as_ref(),
                threads,
                |_, report| {
                    all_valid &= report.valid;
                    serde_json::to_writer(&mut out, &report).expect("reports always serialize");
                    write_or_exit(&mut out, b"\n");
                },
            );
            chunk.clear();
        }
        if done {
            break;
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(ApiError::new(
                ErrorCode::Io,
                format!("could not write: {e}"),
            ));
        }
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDING)
    })
}

fn write_or_exit(out: &mut impl Write, bytes: &[u8]) {
    if let Err(e) = out.write_all(bytes) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: could not write to standard output: {e}");
        std::process::exit(i32::from(EXIT_ERROR));
    }
}

fn compact(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn print_report(report: &Report) {
    let mark = if report.valid {
        "VALID"
    } else if report.unverified && report.first_failure().is_none() {
        "UNVERIFIED"
    } else {
        "INVALID"
    };
    say!("{mark}: {}", report.summary);
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
        say!("Tenant:  {text}");
    }
    say!("About:   {}", report.about);
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
    say!("\nChecks");
    for check in &report.checks {
        let status = match check.status {
            CheckStatus::Passed => "pass",
            CheckStatus::Failed => "FAIL",
            CheckStatus::Skipped => "skip",
        };
        let name = serde_json::to_value(check.name).expect("check names serialize");
        say!("  {status}  {:<16} {}", compact(&name), check.reason);
        if let Some(hint) = &check.hint {
            say!("        {:<16} → {hint}", "");
        }
    }
    if let Some(key) = &report.key {
        say!(
            "\nKey:     kid {}, {}, thumbprint {}",
            key.kid.as_deref().unwrap_or("(none)"),
            key.alg,
            key.thumbprint.as_deref().unwrap_or("(HMAC secret)")
        );
    }
    if let Some(keys) = &report.keys {
        let freshness = match &keys.freshness {
            KeyFreshness::Local => "given locally".to_owned(),
            KeyFreshness::Fetched => "fetched now".to_owned(),
            KeyFreshness::Cached { age_seconds } => format!("cached {age_seconds} s ago"),
            KeyFreshness::Stale { age_seconds, error } => {
                format!("STALE ({age_seconds} s old; refresh failed: {error})")
            }
        };
        say!(
            "Keys:    {} ({} key{}, {freshness})",
            keys.source,
            keys.key_count,
            if keys.key_count == 1 { "" } else { "s" }
        );
        if let Some(note) = &keys.note {
            say!("         {note}");
        }
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
