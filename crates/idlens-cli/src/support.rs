//! `idlens support …`: the Support desk's commands: a customer's card
//! (`support WHO`, in `support_card`) and the action log (`support
//! actions`): listed newest first, verified, exported.

use std::process::ExitCode;

use idlens_api::types::{
    ActionCredential, ActionLogEntry, ActionLogPage, ActionLogRequest, ActionOutcome, ActionRecord,
    ExportFormat,
};
use idlens_api::{Api, ApiError};

use crate::args::{ActionsArgs, SupportArgs, SupportCommand};
use crate::output::{self, say};
use crate::EXIT_FINDING;

pub fn wants_json(args: &SupportArgs) -> bool {
    match &args.command {
        Some(SupportCommand::Actions(actions)) => actions.output.json,
        None => args.output.json,
    }
}

pub fn run(api: &Api, args: SupportArgs) -> Result<ExitCode, ApiError> {
    match args.command {
        Some(SupportCommand::Actions(actions)) => self::actions(api, actions),
        None => crate::support_card::lookup(
            api,
            args.who.unwrap_or_default(),
            args.selector,
            args.output,
        ),
    }
}

fn actions(api: &Api, args: ActionsArgs) -> Result<ExitCode, ApiError> {
    if args.verify {
        return verify(api, args.output.json);
    }
    if let (Some(format), Some(file)) = (&args.export, &args.file) {
        let format = match format.as_str() {
            "json" => ExportFormat::Json,
            _ => ExportFormat::Csv,
        };
        let saved = api.action_log_export_to(file, format)?;
        if args.output.json {
            output::json(&saved);
        } else {
            say!("Saved {} records to {}.", saved.rows, saved.path);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let page = api.action_log_list(ActionLogRequest {
        offset: args.offset,
        limit: args.limit,
    })?;
    if args.output.json {
        output::json(&page);
    } else {
        print_page(&page, args.offset);
    }
    Ok(ExitCode::SUCCESS)
}

/// Exit 0 when intact, 1 when tampered with or damaged.
fn verify(api: &Api, as_json: bool) -> Result<ExitCode, ApiError> {
    let verified = api.action_log_verify()?;
    if as_json {
        output::json(&verified);
    } else {
        say!("{}", verified.message);
        say!("Log: {}", verified.path);
    }
    Ok(if verified.intact {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDING)
    })
}

fn print_page(page: &ActionLogPage, offset: u64) {
    if page.total == 0 {
        say!(
            "The action log is empty: no fix has been made from IdLens on this machine ({}).",
            page.path
        );
        return;
    }
    let rows: Vec<Vec<String>> = page.entries.iter().map(row).collect();
    say!(
        "{}",
        output::table(
            &["LINE", "AT", "BY", "ACTION", "FOR", "RESULT", "CHANGES"],
            &rows
        )
    );
    let shown = page.entries.len() as u64;
    let older = page.total.saturating_sub(offset + shown);
    say!(
        "{shown} of {} records, newest first ({}).{}",
        page.total,
        page.path,
        if older > 0 {
            format!(" {older} older: --offset {}.", offset + shown)
        } else {
            String::new()
        }
    );
}

fn row(entry: &ActionLogEntry) -> Vec<String> {
    let line = entry.line.to_string();
    match &entry.record {
        Some(record) => record_row(line, record, entry.what.as_deref().unwrap_or("")),
        None => vec![
            line,
            String::new(),
            String::new(),
            "(not a record: run `idlens support actions --verify`)".into(),
            String::new(),
            String::new(),
            entry.unreadable.clone().unwrap_or_default(),
        ],
    }
}

fn record_row(line: String, record: &ActionRecord, what: &str) -> Vec<String> {
    let by = match &record.actor.credential {
        ActionCredential::M2mClient { client_id } => {
            format!("{} (M2M {client_id})", record.actor.profile)
        }
        ActionCredential::Admin { sub } => format!("{} ({sub})", record.actor.profile),
    };
    let target = [&record.target.user_id, &record.target.identifier]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let result = match &record.result {
        ActionOutcome::Ok => "ok".to_owned(),
        ActionOutcome::Error { code, message } => format!("error {code}: {message}"),
    };
    vec![
        line,
        record.at.clone(),
        by,
        what.to_owned(),
        target,
        result,
        record.changes.clone(),
    ]
}
