//! `idlens sandbox`: runs the sandbox tenant in the foreground until Ctrl+C.

use std::process::ExitCode;

use idlens_api::{ApiError, ErrorCode};
use idlens_sandbox::{Sandbox, SandboxConfig};

use crate::args::SandboxArgs;
use crate::output::{self, say};

pub fn run(args: &SandboxArgs) -> ExitCode {
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
    runtime.block_on(serve(args))
}

async fn serve(args: &SandboxArgs) -> ExitCode {
    let as_json = args.output.json;
    let config = SandboxConfig {
        port: Some(args.port),
        seed: args.seed,
        extra_callbacks: args.callbacks.clone(),
        device_interval: std::time::Duration::from_secs(args.device_interval),
        token_lifetime: std::time::Duration::from_secs(args.token_lifetime),
        mgmt_rate: (args.mgmt_rate > 0).then_some(args.mgmt_rate),
        request_log: args.request_log.clone(),
        ..SandboxConfig::default()
    };
    let sandbox = match Sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            let e = ApiError::new(ErrorCode::Network, e.to_string());
            return output::error(&e, as_json);
        }
    };
    let summary = sandbox.summary();
    // The M2M secret is a sandbox credential, printed because the person
    // asked for the sandbox's credentials by running this command.
    let secret = sandbox.m2m_client_secret();
    if as_json {
        let mut value = serde_json::to_value(&summary).expect("the summary serializes");
        value["m2m_client_secret"] = serde_json::json!(secret.expose());
        // One line, so a script can read it and carry on.
        output::json_line(&value);
    } else {
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
            secret.expose(),
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
            match args.mgmt_rate {
                0 => "no rate limit".to_owned(),
                n => format!("{n} requests per second"),
            }
        );
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
    if let Err(e) = tokio::signal::ctrl_c().await {
        output::note(&format!("error: could not wait for Ctrl+C: {e}"));
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
