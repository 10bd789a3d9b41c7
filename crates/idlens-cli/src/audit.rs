//! `idlens audit`, `idlens users export` and `idlens graph check`: the sync
//! audit from the command line. The report streams to its file (or stdout)
//! as it is made; a fix plan needs the findings kept, so `--fix-plan` and
//! `--apply` run the audit the way the app does.

use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use idlens_api::types::{
    AuditAuth0Source, AuditGraphSource, AuditMappingOverride, AuditRequest, FindingKind,
    FixApplyRequest, FixPlanRequest, FixPlanView, GraphStatus, UsersExportRequest,
};
use idlens_api::{Api, ApiError, AuditSummary, AuditWritten, ErrorCode};
use idlens_export::AtomicFile;

use crate::args::{AuditArgs, AuditColumns, GraphCommand};
use crate::output::{self, say};
use crate::progress::run_job;
use crate::terminal::Untrusted;

pub fn audit(api: &Api, args: AuditArgs) -> Result<ExitCode, ApiError> {
    let auth0 = auth0_source(&args.auth0);
    if args.job_deadline.is_some() && auth0 != AuditAuth0Source::Export {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "--job-deadline is the deadline of a users export job: use it with --auth0 export.",
        ));
    }
    let request = AuditRequest {
        profile: args.selector.profile.clone(),
        auth0,
        graph: graph_source(&args.graph),
        skip_bad_lines: args.skip_bad_lines,
        mapping: columns(&args.columns),
        job_deadline: args.job_deadline.map(|d| d.to_string()),
    };
    let summary = if args.fix_plan.is_some() || args.apply {
        audit_and_fix(api, request, &args)?
    } else {
        audit_streamed(api, request, &args)?
    };
    Ok(if summary.total() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn auth0_source(text: &str) -> AuditAuth0Source {
    match text {
        "api" => AuditAuth0Source::Api,
        "export" => AuditAuth0Source::Export,
        path => AuditAuth0Source::File {
            path: path.to_owned(),
        },
    }
}

fn graph_source(text: &str) -> AuditGraphSource {
    match text {
        "neo4j" => AuditGraphSource::Neo4j,
        path => AuditGraphSource::File {
            path: path.to_owned(),
        },
    }
}

/// The graph file's column names given as flags; `none` (or nothing) for
/// the name or e-mail-verified column leaves that field out.
fn columns(flags: &AuditColumns) -> Option<AuditMappingOverride> {
    let optional = |flag: &Option<String>| {
        flag.as_ref().map(|column| match column.trim() {
            none if none.eq_ignore_ascii_case("none") => String::new(),
            column => column.to_owned(),
        })
    };
    let columns = AuditMappingOverride {
        label: flags.graph_label.clone(),
        id_property: flags.graph_id_property.clone(),
        email_property: flags.graph_email_property.clone(),
        name_property: optional(&flags.graph_name_property),
        email_verified_property: optional(&flags.graph_verified_property),
    };
    (columns != AuditMappingOverride::default()).then_some(columns)
}

/// The report written as it is made: to `--out`, else to stdout with
/// `--json`, else only the counts are printed.
fn audit_streamed(
    api: &Api,
    request: AuditRequest,
    args: &AuditArgs,
) -> Result<AuditSummary, ApiError> {
    let quiet = args.output.json && args.out.is_none();
    let written = match &args.out {
        Some(path) => {
            let file = AtomicFile::create(path)?;
            let (written, file) = run_job(quiet, |job| async move {
                api.audit_write(request, BufWriter::new(file), job).await
            })?;
            let file = file
                .into_inner()
                .map_err(|e| write_error(path, e.error()))?;
            file.commit()?;
            written
        }
        None if args.output.json => {
            // Through the terminal-safe JSON printer: for large tenants, --out.
            let (written, report) = run_job(quiet, |job| async move {
                api.audit_write(request, Vec::new(), job).await
            })?;
            output::json_text(&String::from_utf8_lossy(&report));
            warn_if_unconfirmed(&written);
            return Ok(written.summary);
        }
        None => {
            let (written, _) = run_job(false, |job| async move {
                api.audit_write(request, std::io::sink(), job).await
            })?;
            written
        }
    };
    print_summary(&written, args.out.as_deref(), args.output.json);
    warn_if_unconfirmed(&written);
    Ok(written.summary)
}

fn warn_if_unconfirmed(written: &AuditWritten) {
    let auth0 = &written.sources.auth0;
    if auth0.count_unconfirmed {
        output::note(&unconfirmed_warning(auth0.users));
    }
}

/// The warning for an Auth0 side whose count no total confirms.
fn unconfirmed_warning(users: u64) -> String {
    format!("warning: the Auth0 side is the {users} users the Management API's search gave, which sent no total to check them against: the count is unconfirmed, and users may be missing. Audit a users export (--auth0 export) to be sure.")
}

/// The audit kept in memory, its report written, then the fix plan
/// written and (with `--apply`) applied.
fn audit_and_fix(
    api: &Api,
    request: AuditRequest,
    args: &AuditArgs,
) -> Result<AuditSummary, ApiError> {
    let profile = args.selector.profile.clone();
    run_job(args.output.json, |job| async move {
        api.audit_run(request, job).await
    })?;
    let report = api.audit_report(profile.as_deref())?;
    let text = serde_json::to_vec_pretty(&*report).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("the report did not serialize: {e}"),
        )
    })?;
    match &args.out {
        Some(path) => {
            idlens_export::write_atomically(path, &text)?;
        }
        None if args.output.json => output::json(&*report),
        None => {}
    }
    if !args.output.json || args.out.is_some() {
        let written = AuditWritten {
            summary: report.summary,
            sources: report.sources.clone(),
        };
        print_summary(&written, args.out.as_deref(), args.output.json);
    }
    if report.sources.auth0.count_unconfirmed {
        output::note(&unconfirmed_warning(report.sources.auth0.users));
    }
    let plan = api.audit_fix_plan(FixPlanRequest {
        profile: profile.clone(),
        overrides: Vec::new(),
        link_accounts: args.link_accounts,
    })?;
    if let Some(path) = &args.fix_plan {
        idlens_export::write_atomically(path, plan_text(&plan).as_bytes())?;
        output::note(&format!("Fix plan written to {}.", path.display()));
    }
    if args.apply {
        apply(api, profile, args.link_accounts)?;
    } else {
        output::note("Nothing was changed (dry run): read the plan, then run again with --apply.");
    }
    Ok(report.summary)
}

fn apply(api: &Api, profile: Option<String>, link_accounts: bool) -> Result<(), ApiError> {
    let request = FixApplyRequest {
        profile,
        overrides: Vec::new(),
        link_accounts,
        apply_graph: true,
        confirmed: true,
    };
    let applied = run_job(false, |job| async move {
        api.audit_fix_apply(request, job).await
    })?;
    for line in &applied.log {
        output::note(line);
    }
    output::note(&format!(
        "Applied: {} accounts linked, {} graph rows in {} transactions. Run the audit again to see the findings gone.",
        applied.linked, applied.graph_rows, applied.batches
    ));
    Ok(())
}

/// The plan as one file: the Auth0 calls as comments, then the Cypher.
fn plan_text(plan: &FixPlanView) -> String {
    let mut text = String::from(
        "// IdLens fix plan. Auth0 account links (applied with --apply --link-accounts):\n",
    );
    if plan.links.is_empty() {
        text.push_str("//   none\n");
    }
    for link in &plan.links {
        text.push_str(&format!("//   {}\n", link.request.replace('\n', " ")));
    }
    text.push('\n');
    text.push_str(&plan.cypher_script);
    text
}

fn print_summary(written: &AuditWritten, out: Option<&Path>, json: bool) {
    let summary = &written.summary;
    if json {
        output::json(&serde_json::json!({
            "summary": summary,
            "not_compared": written.not_compared(),
            "report": out.map(|p| p.display().to_string()),
        }));
        return;
    }
    let rows: Vec<Vec<String>> = FindingKind::ALL
        .iter()
        .map(|&kind| vec![kind.as_str().to_owned(), summary.get(kind).to_string()])
        .chain(std::iter::once(vec![
            "total".to_owned(),
            summary.total().to_string(),
        ]))
        .collect();
    output::line(&output::table(&["FINDING", "COUNT"], &rows));
    let not_compared = written.not_compared();
    if !not_compared.is_empty() {
        say!(
            "Not compared: {} (not in the mapping, or no such column in the graph file).",
            not_compared.join(", ")
        );
    }
    if let Some(path) = out {
        say!(
            "Report written to {}.",
            Untrusted(&path.display().to_string())
        );
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> ApiError {
    ApiError::new(
        ErrorCode::Io,
        format!(
            "Could not write {}: {e}. Check the disk space and the path.",
            path.display()
        ),
    )
}

pub fn users_export(
    api: &Api,
    request: UsersExportRequest,
    out: Option<PathBuf>,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let exported = run_job(json, |job| async move {
        match out {
            Some(path) => api.users_export_file(request, path, job).await,
            None => api.users_export(request, job).await,
        }
    })?;
    if json {
        output::json(&exported);
    } else {
        say!(
            "Exported {} users to {} ({} bytes, gzipped NDJSON; checked to decompress and parse).",
            exported.users,
            Untrusted(&exported.path),
            exported.bytes
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn graph(api: &Api, command: GraphCommand) -> Result<ExitCode, ApiError> {
    let GraphCommand::Check { selector, output } = command;
    if !output.json {
        // Before connecting: the password is sent even when the check fails.
        if let Some(warning) = api
            .profile(selector.profile.as_deref())?
            .neo4j_transport_warning
        {
            output::note(&format!("warning: {}", warning.message));
        }
    }
    let status = crate::block_on(api.graph_status(selector.profile))??;
    if output.json {
        output::json(&status);
    } else {
        print_status(&status);
    }
    Ok(if status.warnings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_status(s: &GraphStatus) {
    say!(
        "Server:      Neo4j {} ({})",
        Untrusted(&s.server_version),
        Untrusted(&s.edition)
    );
    say!(
        "Database:    {}",
        Untrusted(s.database.as_deref().unwrap_or("(default)"))
    );
    say!(
        "User nodes:  {} (:{})",
        s.user_nodes,
        Untrusted(&s.mapping.label)
    );
    say!(
        "Constraint:  {}",
        if s.id_unique_constraint {
            "unique id: yes"
        } else {
            "none on the id property"
        }
    );
    for p in &s.properties {
        say!(
            "  {:<14} {:<20} on {} nodes",
            p.role,
            Untrusted(&p.property),
            p.nodes_with_it
        );
    }
    for w in &s.warnings {
        say!("warning: {}", Untrusted(w));
    }
}
