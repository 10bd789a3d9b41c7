//! `idlens inspect`: one token explained and verified, or a batch of tokens
//! verified with one key set on N threads.

use std::io::BufRead;
use std::num::NonZeroUsize;
use std::process::ExitCode;

use idlens_api::inspect::PreparedInspect;
use idlens_api::types::{InspectSettings, KeySourceInput};
use idlens_api::{Api, ApiError, ErrorCode};
use idlens_secret::Secret;
use idlens_token::{CheckName, CheckStatus, ClaimExplanation, KeyFreshness, Report};
use zeroize::Zeroizing;

use crate::args::InspectArgs;
use crate::block_on;
use crate::output::{self, say};
use crate::terminal::Untrusted;
use crate::{EXIT_ERROR, EXIT_FINDING};

/// Lines verified per round in `--batch`: bounds memory for any input size.
const BATCH_CHUNK: usize = 4096;

/// Room for the whitespace and line breaks around a token on standard input,
/// beyond `--max-len`.
const STDIN_SLACK: usize = 4096;

pub fn run(api: &Api, args: InspectArgs) -> Result<ExitCode, ApiError> {
    let settings = settings(&args)?;
    if let Some(source) = &args.batch {
        let prepared = block_on(api.token_inspect_prepare(settings))??;
        return batch(&prepared, source, batch_threads(args.threads));
    }
    let token = read_token(args.token.as_deref(), args.max_len)?;
    let report = block_on(api.token_inspect_input(token.trim_ascii(), settings))??;
    if args.output.json {
        output::json(&report);
    } else {
        print_report(&report);
    }
    Ok(exit_code(&report))
}

/// 0 verified; 2 when the keys could not be fetched (the verdict says why in
/// its `key` check); 1 for every other verdict.
fn exit_code(report: &Report) -> ExitCode {
    let keys_unavailable = report.keys.is_none()
        && report
            .check(CheckName::Key)
            .is_some_and(|c| c.status == CheckStatus::Failed);
    if report.valid {
        ExitCode::SUCCESS
    } else if keys_unavailable {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::from(EXIT_FINDING)
    }
}

/// The inspector's settings from the command line: the same request the
/// Inspector screen makes. With --jwks, --pem or --secret-env, --issuer only
/// names the expected `iss`; alone, it is where the keys are discovered.
fn settings(args: &InspectArgs) -> Result<InspectSettings, ApiError> {
    let explicit = |keys| (keys, args.issuer.clone());
    let (keys, issuer) = if let Some(var) = &args.secret_env {
        let value = std::env::var(var).unwrap_or_default();
        if value.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("the environment variable {var} is not set or empty: export the HMAC secret in it"),
            ));
        }
        explicit(KeySourceInput::HmacSecret {
            secret: Secret::new(value),
        })
    } else if let Some(path) = &args.pem {
        explicit(KeySourceInput::File {
            path: path.display().to_string(),
        })
    } else if let Some(jwks) = &args.jwks {
        if jwks.starts_with("https://") || jwks.starts_with("http://") {
            explicit(KeySourceInput::JwksUrl { url: jwks.clone() })
        } else {
            explicit(KeySourceInput::File { path: jwks.clone() })
        }
    } else if let Some(issuer) = &args.issuer {
        (
            KeySourceInput::Issuer {
                url: issuer.clone(),
            },
            None,
        )
    } else if let Some(name) = &args.profile {
        (
            KeySourceInput::Profile {
                name: Some(name.clone()),
            },
            None,
        )
    } else {
        (KeySourceInput::None, None)
    };
    Ok(InspectSettings {
        keys,
        issuer,
        audiences: args.audiences.clone(),
        leeway_secs: Some(args.leeway),
        nonce: args.nonce.clone(),
        authorized_party: args.authorized_party.clone(),
        max_len: Some(args.max_len as u32),
    })
}

/// `--threads`, at most one per core: more only adds switching (100,000
/// threads ran 12 times slower than 2).
fn batch_threads(asked: Option<NonZeroUsize>) -> NonZeroUsize {
    let cores = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    asked.map_or(cores, |n| n.min(cores))
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
/// line, in order, with keys loaded once. Lines longer than `--max-len` get a
/// "too large" verdict without being stored, lines that are not UTF-8 a
/// "malformed" one; the batch goes on either way.
fn batch(
    prepared: &PreparedInspect,
    source: &str,
    threads: NonZeroUsize,
) -> Result<ExitCode, ApiError> {
    let reader: Box<dyn BufRead> = if source == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(source)
            .map_err(|e| ApiError::new(ErrorCode::Io, format!("could not open {source}: {e}")))?;
        Box::new(std::io::BufReader::with_capacity(1 << 16, file))
    };
    let mut lines = idlens_bounded::Lines::new(reader, prepared.max_len());
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
        prepared.inspect_each(&inputs, threads, |_, report| {
            all_valid &= report.valid;
            write_verdict(&mut out, &report);
        });
        if done {
            break;
        }
    }
    output::flush_or_exit(&mut out);
    if let Some(error) = prepared.keys_unavailable() {
        output::note(&format!(
            "error: every verdict above failed its key check: {error}"
        ));
        return Ok(ExitCode::from(EXIT_ERROR));
    }
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
