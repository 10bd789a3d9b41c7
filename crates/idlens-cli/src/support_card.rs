//! `idlens support WHO`: the support card in a terminal — account, blocks,
//! brute-force settings, access and the customer's story in the logs, each
//! event explained from the one table of Auth0's log codes.

use std::io::IsTerminal;
use std::process::ExitCode;

use idlens_api::types::{SupportCard, SupportLookup, SupportLookupRequest, UserSummary};
use idlens_api::{Api, ApiError, ErrorCode};
use idlens_support::{Availability, BruteForceMode, Citation, Diagnosis, LogEvent};

use crate::args::{JsonFlag, ProfileSelector};
use crate::output::{self, say};
use crate::terminal::Untrusted;
use crate::EXIT_FINDING;

/// Events shown in the text card; `--json` has them all.
const EVENTS_SHOWN: usize = 25;

pub fn lookup(
    api: &Api,
    who: String,
    selector: ProfileSelector,
    output: JsonFlag,
) -> Result<ExitCode, ApiError> {
    // `-`: the customer's token on standard input names them.
    let (who, token) = if who == "-" {
        (String::new(), Some(crate::rbac::read_token("-")?))
    } else {
        (who, None)
    };
    let request = SupportLookupRequest {
        profile: selector.profile,
        who,
        token,
    };
    let found = crate::progress::run_job(output.json, |job| api.support_lookup(request, job))?;
    if output.json {
        output::json(&found);
        return Ok(exit_of(&found));
    }
    match &found {
        SupportLookup::Card { card } => print_card(card),
        SupportLookup::Choose {
            looked_up,
            candidates,
        } => return choose(looked_up, candidates),
        SupportLookup::NoMatch {
            message,
            attempts,
            diagnosis,
            ..
        } => {
            say!("{}", Untrusted(message));
            print_diagnosis(diagnosis);
            print_events("Attempts under this name", attempts);
        }
    }
    Ok(exit_of(&found))
}

/// 1 when a cause that blocks sign-in is found or no user matched, else 0.
fn exit_of(found: &SupportLookup) -> ExitCode {
    match found {
        SupportLookup::NoMatch { .. } => ExitCode::from(EXIT_FINDING),
        SupportLookup::Card { card } if card.diagnosis.blocks_sign_in => {
            ExitCode::from(EXIT_FINDING)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Several users have this e-mail: they are listed, and support runs the
/// lookup again with the one they mean.
fn choose(looked_up: &str, candidates: &[UserSummary]) -> Result<ExitCode, ApiError> {
    say!(
        "{} users match {}: one per connection.",
        candidates.len(),
        Untrusted(looked_up)
    );
    let rows: Vec<Vec<String>> = candidates
        .iter()
        .map(|c| {
            vec![
                c.facts.user_id.clone(),
                c.facts.connection.clone().unwrap_or_default(),
                c.facts.last_login.clone().unwrap_or_else(|| "never".into()),
            ]
        })
        .collect();
    say!(
        "{}",
        output::table(&["USER ID", "CONNECTION", "LAST LOGIN"], &rows)
    );
    let hint =
        "Run `idlens support USER_ID` with the user ID of the account the customer signs in to.";
    if std::io::stdin().is_terminal() {
        say!("\n{hint}");
        Ok(ExitCode::from(EXIT_FINDING))
    } else {
        Err(ApiError::new(ErrorCode::InvalidInput, hint))
    }
}

fn print_card(card: &SupportCard) {
    print_diagnosis(&card.diagnosis);
    print_token(card);
    print_account(card);
    print_blocks(card);
    print_mfa(card);
    print_sessions(card);
    print_access(card);
    print_timeline(card);
}

/// The likely reasons first: what blocks sign-in, each with what it rests on.
fn print_diagnosis(diagnosis: &Diagnosis) {
    if diagnosis.causes.is_empty() {
        say!("Diagnosis: nothing in the account, blocks or logs explains a failed sign-in.\n");
        return;
    }
    say!("Diagnosis");
    for cause in &diagnosis.causes {
        let mark = if cause.resolved {
            "resolved"
        } else if cause.blocks_sign_in {
            "BLOCKS SIGN-IN"
        } else {
            "likely"
        };
        say!("  [{mark}] {}", Untrusted(&cause.headline));
        say!("      Next: {}", Untrusted(&cause.next_step));
        let cited: Vec<String> = cause.citations.iter().map(citation).collect();
        if !cited.is_empty() {
            say!("      From: {}", Untrusted(&cited.join(", ")));
        }
    }
    if diagnosis.omitted > 0 {
        say!(
            "  … and {} less likely causes (all with --json).",
            diagnosis.omitted
        );
    }
    say!("");
}

fn citation(citation: &Citation) -> String {
    match citation {
        Citation::Event { code, date, .. } => match date {
            Some(date) => format!("{code} {date}"),
            None => code.clone(),
        },
        Citation::State { fact } => fact.clone(),
    }
}

/// The pasted token's verdict, and its permissions against the user's now.
fn print_token(card: &SupportCard) {
    let Some(token) = &card.token else { return };
    say!("Token");
    say!("  {}", Untrusted(&token.report.summary));
    match (&token.check, &token.check_note) {
        (Some(check), _) => say!("  {}", Untrusted(&check.verdict)),
        (None, Some(note)) => say!("  {}", Untrusted(note)),
        (None, None) => {}
    }
    say!("");
}

fn print_account(card: &SupportCard) {
    let a = &card.account;
    let f = &a.facts;
    say!("Account");
    say!("  User:        {}", Untrusted(&f.user_id));
    if let Some(name) = &a.name {
        say!("  Name:        {}", Untrusted(name));
    }
    if let Some(email) = &f.email {
        let verified = match f.email_verified {
            Some(true) => "verified",
            Some(false) => "NOT verified",
            None => "verification unknown",
        };
        say!("  E-mail:      {} ({verified})", Untrusted(email));
    }
    for (i, identity) in f.identities.iter().enumerate() {
        let label = if i == 0 { "Connection:" } else { "Linked:    " };
        say!(
            "  {label}  {} ({})",
            Untrusted(&identity.connection),
            Untrusted(&identity.provider)
        );
    }
    let last = f
        .last_login
        .map_or("never".to_owned(), |at| at.to_rfc3339());
    let ip = f.last_ip.as_deref().unwrap_or("unknown IP");
    say!("  Last login:  {} from {}", last, Untrusted(ip));
    say!("  Logins:      {}", f.logins_count.unwrap_or(0));
    if let Some(created) = &a.created_at {
        say!("  Created:     {}", Untrusted(created));
    }
    if f.blocked {
        say!("  BLOCKED by an administrator: this never expires; unblock with `idlens users unblock`.");
    }
    if !a.app_metadata_keys.is_empty() {
        say!(
            "  App metadata: {} (values with --json)",
            Untrusted(&a.app_metadata_keys.join(", "))
        );
    }
    for other in &a.same_email_elsewhere {
        say!(
            "  Same e-mail in another account: {} ({})",
            Untrusted(&other.connection),
            Untrusted(&other.provider)
        );
    }
}

fn print_blocks(card: &SupportCard) {
    say!("\nBrute-force blocks");
    let mode = card.brute_force.value().map(|b| b.mode);
    match &card.blocks {
        Availability::Available { value } if value.is_empty() => say!("  None."),
        Availability::Available { value } => {
            for block in value {
                let from = match (&block.ip, mode) {
                    (Some(ip), _) => format!("from IP {ip}"),
                    (None, Some(BruteForceMode::CountPerIdentifier)) | (None, None) => {
                        "from every IP".to_owned()
                    }
                    (None, Some(BruteForceMode::CountPerIdentifierAndIp)) => {
                        "from an unnamed IP".to_owned()
                    }
                };
                say!(
                    "  {} blocked {} ({}): until removed, or 30 days.",
                    Untrusted(&block.identifier),
                    Untrusted(&from),
                    Untrusted(block.connection.as_deref().unwrap_or("any connection"))
                );
            }
        }
        other => say!("  {}", unavailable(other)),
    }
    match &card.brute_force {
        Availability::Available { value } => say!(
            "  Protection: {}, {} failed attempts, counted {}.",
            if value.enabled { "on" } else { "off" },
            value.max_attempts,
            match value.mode {
                BruteForceMode::CountPerIdentifierAndIp => "per account and IP",
                BruteForceMode::CountPerIdentifier => "per account from any IP",
            }
        ),
        other => say!("  Protection settings: {}", unavailable(other)),
    }
}

fn print_mfa(card: &SupportCard) {
    say!("\nMFA");
    match &card.mfa {
        Availability::Available { value } if value.is_empty() => {
            say!("  No method: if the tenant requires MFA, the customer enrolls at the next sign-in.");
        }
        Availability::Available { value } => {
            for method in value {
                let state = if method.confirmed {
                    "enrolled"
                } else {
                    "NOT finished: cannot be used yet"
                };
                say!(
                    "  {} {}: {state}",
                    Untrusted(&method.kind),
                    Untrusted(method.name.as_deref().unwrap_or(""))
                );
            }
        }
        other => say!("  {}", unavailable(other)),
    }
}

fn print_sessions(card: &SupportCard) {
    say!("\nSessions and refresh tokens");
    match &card.sessions {
        Availability::Available { value } => say!("  {} sessions", value.len()),
        other => say!("  Sessions: {}", unavailable(other)),
    }
    match &card.refresh_tokens {
        Availability::Available { value } => say!("  {} refresh tokens", value.len()),
        other => say!("  Refresh tokens: {}", unavailable(other)),
    }
}

fn print_access(card: &SupportCard) {
    say!("\nAccess");
    match &card.access {
        Availability::Available { value } => {
            let roles: Vec<&str> = value.roles.iter().map(|r| r.name.as_str()).collect();
            let roles = if roles.is_empty() {
                "none".to_owned()
            } else {
                roles.join(", ")
            };
            say!("  Roles:       {}", Untrusted(&roles));
            say!("  Permissions: {}", value.permissions.len());
        }
        other => say!("  {}", unavailable(other)),
    }
}

fn print_timeline(card: &SupportCard) {
    let t = &card.timeline;
    say!("\nTimeline ({} events, newest first)", t.events.len());
    for event in t.events.iter().take(EVENTS_SHOWN) {
        say!("  {}", event_line(event));
    }
    if t.events.len() > EVENTS_SHOWN {
        say!(
            "  … {} older events (all with --json).",
            t.events.len() - EVENTS_SHOWN
        );
    }
    if t.more_available {
        say!("  Auth0 holds more events than one page: older ones are not shown. Use `idlens logs search` for them.");
    }
    match t.retention_days {
        Some(days) if t.at_retention_edge => say!(
            "  The oldest event is at the edge of the {days} days of logs the tenant keeps: older ones are gone."
        ),
        Some(_) => {}
        None => say!(
            "  Auth0 keeps 1 to 30 days of logs, by plan: `idlens profile add … --log-retention-days N` to be told when older events are gone."
        ),
    }
}

fn print_events(title: &str, events: &[LogEvent]) {
    say!("\n{title} ({} events, newest first)", events.len());
    for event in events.iter().take(EVENTS_SHOWN) {
        say!("  {}", event_line(event));
    }
    if events.len() > EVENTS_SHOWN {
        say!(
            "  … {} older events (all with --json).",
            events.len() - EVENTS_SHOWN
        );
    }
}

/// One event: when, its code and Auth0's name for it, from where, and the
/// description as Auth0 wrote it (escaped).
pub(crate) fn event_line(event: &LogEvent) -> String {
    let code = event.code();
    format!(
        "{}  {} {}  {}  {}",
        Untrusted(event.date.as_deref().unwrap_or("(no date)")),
        Untrusted(&format!("{:<10}", code.code())),
        Untrusted(&code.event()),
        Untrusted(event.ip.as_deref().unwrap_or("-")),
        Untrusted(event.description.as_deref().unwrap_or(""))
    )
}

fn unavailable<T>(part: &Availability<T>) -> String {
    match part {
        Availability::Available { .. } => String::new(),
        Availability::NotOnPlan { message } => format!("Not on this tenant's plan: {message}"),
        Availability::MissingScope { scope } => format!(
            "Not shown: the M2M application lacks the {scope} scope (grant it in Auth0 → Applications → APIs → Auth0 Management API)."
        ),
    }
}
