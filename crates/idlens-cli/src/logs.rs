//! `idlens logs search|tail`: the tenant's logs as they stream from the
//! API's logs jobs, one line per event as it arrives (nothing is held),
//! then a summary on stderr. Text goes through the terminal escaping; with
//! `--json`, stdout is NDJSON (one event a line) and the summary one JSON
//! line on stderr.

use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use idlens_api::types::{
    LogBatch, LogEventView, LogsMode, LogsSearchRequest, LogsSummary, LogsTailRequest,
};
use idlens_api::{Api, ApiError, ErrorCode};

use crate::args::{LogsCommand, LogsSearchArgs, LogsTailArgs};
use crate::output;
use crate::progress::run_streaming_job;
use crate::terminal::Untrusted;

pub fn logs(api: &Api, command: LogsCommand) -> Result<ExitCode, ApiError> {
    match command {
        LogsCommand::Search(args) => search(api, args),
        LogsCommand::Tail(args) => tail(api, args),
    }
}

pub fn logs_json(command: &LogsCommand) -> bool {
    match command {
        LogsCommand::Search(a) => a.output.json,
        LogsCommand::Tail(a) => a.output.json,
    }
}

fn search(api: &Api, args: LogsSearchArgs) -> Result<ExitCode, ApiError> {
    let json = args.output.json;
    let request = LogsSearchRequest {
        profile: args.selector.profile,
        query: args.query,
        all: args.all,
        category: args.category,
        from: args.from,
        limit: args.limit,
    };
    let printed = Arc::new(AtomicU64::new(0));
    let outcome = run_streaming_job(json, printer(json, &printed), |job| async move {
        api.logs_search(request, job).await
    });
    let summary = outcome.map_err(|e| incomplete(e, printed.load(Ordering::Relaxed)))?;
    say_summary(&summary, json);
    Ok(if summary.events == 0 {
        ExitCode::from(crate::EXIT_FINDING)
    } else {
        ExitCode::SUCCESS
    })
}

fn tail(api: &Api, args: LogsTailArgs) -> Result<ExitCode, ApiError> {
    let json = args.output.json;
    let request = LogsTailRequest {
        profile: args.selector.profile,
        filter: args.filter,
        category: args.category,
        poll_interval_ms: Some(millis(args.interval)),
    };
    let printed = Arc::new(AtomicU64::new(0));
    let outcome = run_streaming_job(json, printer(json, &printed), |job| async move {
        api.logs_tail(request, job).await
    });
    match outcome {
        Err(e) if e.code == ErrorCode::Cancelled => {
            let count = printed.load(Ordering::Relaxed);
            output::note(&format!("Stopped (Ctrl+C) after {count} events."));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(incomplete(e, printed.load(Ordering::Relaxed))),
        Ok(summary) => {
            say_summary(&summary, json);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Prints each batch as it comes, counting the events.
fn printer(json: bool, printed: &Arc<AtomicU64>) -> impl Fn(LogBatch) + Send + Sync + 'static {
    let printed = Arc::clone(printed);
    let said_live = std::sync::atomic::AtomicBool::new(false);
    move |batch: LogBatch| {
        if batch.caught_up && !said_live.swap(true, Ordering::Relaxed) {
            output::note("Caught up: waiting for new events (Ctrl+C stops).");
        }
        for event in &batch.events {
            if json {
                output::json_line(event);
            } else {
                output::line(&event_line(event));
            }
        }
        printed.fetch_add(batch.events.len() as u64, Ordering::Relaxed);
    }
}

/// An error after some events were printed says they are not the whole
/// answer.
fn incomplete(e: ApiError, printed: u64) -> ApiError {
    let what = if e.code == ErrorCode::Cancelled {
        "Cancelled (Ctrl+C)".to_owned()
    } else {
        e.message.clone()
    };
    if printed == 0 && e.code != ErrorCode::Cancelled {
        return e;
    }
    ApiError::new(
        e.code,
        format!(
            "{what} after {printed} events: the events printed above are not the whole answer."
        ),
    )
}

/// "2026-12-08T02:40:01.000Z  fp  Failed Login (Incorrect Password)  user  ip  app  description".
fn event_line(event: &LogEventView) -> String {
    let field = |value: &Option<String>| {
        value
            .as_deref()
            .map_or_else(|| "-".to_owned(), |v| Untrusted(v).to_string())
    };
    let mut description = field(&event.description);
    if event.truncated.iter().any(|f| f == "description") {
        description.push_str(&format!(
            " [cut at {} characters]",
            idlens_api::logs::MAX_DESCRIPTION_CHARS
        ));
    }
    let user = event.user_name.clone().or_else(|| event.user_id.clone());
    let client = event
        .client_name
        .clone()
        .or_else(|| event.client_id.clone());
    [
        field(&event.date),
        Untrusted(&event.code).to_string(),
        Untrusted(&event.event).to_string(),
        field(&user),
        field(&event.ip),
        field(&client),
        description,
    ]
    .join("  ")
}

/// The summary on stderr: a sentence, or one JSON line with `--json`.
fn say_summary(summary: &LogsSummary, json: bool) {
    if json {
        let line = serde_json::json!({ "summary": summary });
        output::note(&line.to_string());
        return;
    }
    for line in summary_lines(summary) {
        output::note(&line);
    }
}

fn summary_lines(s: &LogsSummary) -> Vec<String> {
    let mut lines = vec![match s.mode {
        LogsMode::Search => match s.total {
            Some(total) => format!("{} events shown; Auth0 counted {total} matching.", s.events),
            None => format!("{} events shown.", s.events),
        },
        LogsMode::All | LogsMode::Tail => format!(
            "{} events shown of {} read by checkpoint (caught up).",
            s.events, s.read
        ),
    }];
    if s.cap_reached {
        lines.push("warning: more events match than the 1,000 Auth0's search pages through: older ones are not shown. Use --all to read the whole log, or narrow the search with a date range (date:[2026-12-01 TO 2026-12-02]).".to_owned());
    }
    if s.limit_reached {
        lines.push("Stopped at --limit: more events may match.".to_owned());
    }
    if s.category_filtered_locally {
        lines.push("The --type category was applied here to what the search returned (its codes make too long a query for Auth0).".to_owned());
    }
    if let Some(oldest) = &s.oldest {
        lines.push(format!("Oldest event shown: {}. Auth0 keeps 1 to 30 days of logs by plan: older events may be gone.", Untrusted(oldest)));
    }
    if let Some(checkpoint) = &s.checkpoint {
        lines.push(format!(
            "To read only what comes after: idlens logs search --all --from {}",
            Untrusted(checkpoint)
        ));
    }
    lines
}
