//! `idlens sandbox`: runs the sandbox tenant in the foreground until Ctrl+C.
//!
//! With `--graph-csv FILE` it first writes the tenant's drifted user graph
//! (what a Neo4j Browser export of the `(:User)` nodes would give, see
//! `idlens_sandbox::demo_graph`) to FILE, whole or not at all, so the sync
//! audit has both sides offline.

use std::path::PathBuf;
use std::process::ExitCode;

use idlens_api::{ApiError, ErrorCode};
use idlens_sandbox::{DemoDrift, RunningSandbox, Sandbox, SandboxConfig, SandboxSummary};

use crate::args::SandboxArgs;
use crate::output::{self, say};

/// The sandbox's flags for the sync-audit demo and users exports (part of
/// [`SandboxArgs`]).
#[derive(Debug, Clone, clap::Args)]
pub struct SandboxDemoArgs {
    /// At start, write the tenant's user graph with drift to FILE (CSV as Neo4j
    /// Browser exports nodes: sub,email,email_verified,name), for `idlens audit`.
    #[arg(long, value_name = "FILE")]
    pub graph_csv: Option<PathBuf>,
    /// Seconds a users-export download link works (Auth0's: about 60).
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=604_800))]
    pub export_link_seconds: u64,
}

pub fn run(args: &SandboxArgs) -> ExitCode {
    let demo = &args.demo;
    let as_json = args.output.json;
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let e = ApiError::new(
                ErrorCode::Internal,
                format!("could not start the async runtime: {e}."),
            );
            return output::error(&e, as_json);
        }
    };
    runtime.block_on(serve(args, demo))
}

/// Writes the demo graph of the sandbox's tenant to `path` (temporary file,
/// then renamed): the rows written and the findings the audit should report.
fn write_graph(
    sandbox: &RunningSandbox,
    path: &std::path::Path,
) -> Result<(usize, DemoDrift), ApiError> {
    let (nodes, drift) = {
        let tenant = sandbox.tenant();
        (
            idlens_sandbox::demo_graph(&tenant),
            idlens_sandbox::demo_drift(&tenant),
        )
    };
    let mut csv = Vec::new();
    idlens_sandbox::write_graph_csv(&nodes, &mut csv)
        .and_then(|()| {
            idlens_export::write_atomically(path, &csv)
                .map(|_| ())
                .map_err(std::io::Error::other)
        })
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Io,
                format!(
                    "could not write the demo graph to {}: {e}. Choose another path with --graph-csv.",
                    path.display()
                ),
            )
        })?;
    Ok((nodes.len(), drift))
}

async fn serve(args: &SandboxArgs, demo: &SandboxDemoArgs) -> ExitCode {
    let as_json = args.output.json;
    let sandbox = match Sandbox::start(config(args, demo)).await {
        Ok(s) => s,
        Err(e) => {
            let e = ApiError::new(ErrorCode::Network, e.to_string());
            return output::error(&e, as_json);
        }
    };
    let graph = match &demo.graph_csv {
        Some(path) => match write_graph(&sandbox, path) {
            Ok((rows, drift)) => Some(WrittenGraph { path, rows, drift }),
            Err(e) => return output::error(&e, as_json),
        },
        None => None,
    };
    if as_json {
        print_json(&sandbox, demo, graph.as_ref());
    } else {
        print_text(&sandbox, args, graph.as_ref());
    }
    if let Err(e) = tokio::signal::ctrl_c().await {
        output::note(&format!("error: could not wait for Ctrl+C: {e}"));
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

fn config(args: &SandboxArgs, demo: &SandboxDemoArgs) -> SandboxConfig {
    SandboxConfig {
        port: Some(args.port),
        seed: args.seed,
        extra_callbacks: args.callbacks.clone(),
        device_interval: std::time::Duration::from_secs(args.device_interval),
        token_lifetime: std::time::Duration::from_secs(args.token_lifetime),
        mgmt_rate: (args.mgmt_rate > 0).then_some(args.mgmt_rate),
        request_log: args.request_log.clone(),
        export_link_lifetime: std::time::Duration::from_secs(demo.export_link_seconds),
        plan: args.plan,
        log_events: args.log_events.map(|n| n as usize),
        ..SandboxConfig::default()
    }
}

/// `--plan`: one of Auth0's plans, by its lower-case name.
pub(crate) fn parse_plan(name: &str) -> Result<idlens_support::Plan, String> {
    idlens_support::Plan::ALL
        .into_iter()
        .find(|plan| format!("{plan:?}").eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            format!("'{name}' is not a plan: use free, essentials, professional or enterprise")
        })
}

/// The demo graph written with `--graph-csv`.
struct WrittenGraph<'a> {
    path: &'a PathBuf,
    rows: usize,
    drift: DemoDrift,
}

/// The sandbox's summary and credentials as one JSON line, so a script can
/// read it and carry on. The M2M secret is a sandbox credential, printed
/// because the person asked for the sandbox's credentials by running this
/// command.
fn print_json(sandbox: &RunningSandbox, demo: &SandboxDemoArgs, graph: Option<&WrittenGraph<'_>>) {
    let mut value = serde_json::to_value(sandbox.summary()).expect("the summary serializes");
    value["m2m_client_secret"] = serde_json::json!(sandbox.m2m_client_secret().expose());
    value["export_link_seconds"] = serde_json::json!(demo.export_link_seconds);
    if let Some(graph) = graph {
        value["graph_csv"] = serde_json::json!({
            "path": graph.path.display().to_string(),
            "rows": graph.rows,
            "expected_findings": graph.drift,
        });
    }
    output::json_line(&value);
}

/// The sandbox's addresses, credentials and sign-in users, and how to add a
/// profile for it.
fn print_text(sandbox: &RunningSandbox, args: &SandboxArgs, graph: Option<&WrittenGraph<'_>>) {
    let summary = sandbox.summary();
    print_credentials(sandbox, &summary, args.mgmt_rate);
    if let Some(WrittenGraph { path, rows, drift }) = graph {
        say!(
            "Graph CSV:     {} ({rows} nodes drifted from the tenant: {} missing, {} orphans, {} linked secondaries, {} with other fields, {} duplicated; {} duplicate accounts in Auth0)",
            path.display(),
            drift.missing_in_graph,
            drift.orphan_in_graph,
            drift.linked_secondary_in_graph,
            drift.field_drift,
            drift.duplicate_node,
            drift.duplicate_account
        );
    }
    if let Some(path) = &args.request_log {
        say!(
            "Request log:   {} (a line per Management API request)",
            path.display()
        );
    }
    say!("");
    say!("Sign-in users (this is a sandbox, so the passwords are public):");
    let rows: Vec<Vec<String>> = summary
        .sign_in_users
        .iter()
        .map(|u| vec![u.email.clone(), u.password.clone(), u.about.clone()])
        .collect();
    say!("{}", output::table(&["E-MAIL", "PASSWORD", "WHO"], &rows));
    say!("");
    say!(
        "Add a profile with `idlens profile add sandbox --issuer {} --client-id {} --audience {}`.",
        summary.issuer,
        summary.client_id,
        summary.audience
    );
    say!("Press Ctrl+C to stop.");
}

/// The tenant's issuer, clients with their secrets (sandbox credentials,
/// printed because the person asked for them by running this command),
/// API and Management API.
fn print_credentials(sandbox: &RunningSandbox, summary: &SandboxSummary, mgmt_rate: u32) {
    say!("IdLens sandbox tenant ({} seeded users)", summary.users);
    say!("Issuer:        {}", summary.issuer);
    say!(
        "Client ID:     {} (Native; device code, PKCE, refresh)",
        summary.client_id
    );
    say!("Callbacks:     {}", summary.callbacks.join(", "));
    say!("API audience:  {}", summary.audience);
    say!(
        "M2M client:    {} / secret {} (audience {})",
        summary.m2m_client_id,
        sandbox.m2m_client_secret().expose(),
        summary.management_audience
    );
    if let Some(limited) = sandbox.client_secret(idlens_sandbox::LIMITED_M2M_CLIENT_ID) {
        say!(
            "               {} / secret {} (read:users only, to see a missing scope)",
            idlens_sandbox::LIMITED_M2M_CLIENT_ID,
            limited.expose()
        );
    }
    say!(
        "Management API: {}api/v2/ ({})",
        summary.issuer,
        match mgmt_rate {
            0 => "no rate limit".to_owned(),
            n => format!("{n} requests per second"),
        }
    );
}
