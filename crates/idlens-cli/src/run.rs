use std::process::ExitCode;

use idlens_api::types::{
    GraphMappingInput, KeychainView, ManagementInput, Neo4jInput, ProfileInput, ProfileList,
    ProfileView, ProviderView, SecretInput, SecretKindView,
};
use idlens_api::{Api, ApiError, ErrorCode};
use idlens_secret::Secret;

use crate::args::{Cli, Command, ProfileAddArgs, ProfileCommand, StatusArgs};
use crate::output::{self, say};
use crate::terminal::Untrusted;

pub fn run(cli: Cli) -> ExitCode {
    let as_json = wants_json(&cli.command);
    // The sandbox needs no profile store.
    if let Command::Sandbox(args) = &cli.command {
        return crate::sandbox::run(args);
    }
    let api = match Api::open_default() {
        Ok(api) => api,
        Err(e) => return output::error(&e, as_json),
    };
    let result = match cli.command {
        Command::Profile(cmd) => profile(&api, cmd),
        Command::Status(args) => status(&api, args),
        Command::Inspect(args) => crate::inspect::run(&api, *args),
        Command::Login(args) => crate::login::login(&api, args),
        Command::Whoami(args) => crate::login::whoami(&api, args),
        Command::Logout(args) => crate::login::logout(&api, args),
        Command::Users(cmd) => crate::rbac::users(&api, cmd),
        Command::Roles(cmd) => crate::rbac::roles(&api, cmd),
        Command::Apis(cmd) => crate::rbac::apis(&api, cmd),
        Command::Permissions(cmd) => crate::rbac::permissions(&api, cmd),
        Command::Rbac(cmd) => crate::rbac::rbac(&api, cmd),
        Command::Audit(args) => crate::audit::audit(&api, *args),
        Command::Graph(cmd) => crate::audit::graph(&api, cmd),
        Command::Support(args) => crate::support::run(&api, *args),
        Command::Logs(cmd) => crate::logs::logs(&api, cmd),
        Command::Sandbox(_) => unreachable!("handled above"),
    };
    match result {
        Ok(code) => code,
        Err(e) => output::error(&e, as_json),
    }
}

fn wants_json(command: &Command) -> bool {
    match command {
        Command::Status(a) => a.output.json,
        Command::Inspect(a) => a.output.json,
        Command::Sandbox(a) => a.output.json,
        Command::Login(a) => a.output.json,
        Command::Whoami(a) => a.output.json,
        Command::Logout(a) => a.output.json,
        Command::Users(c) => crate::rbac::users_json(c),
        Command::Roles(c) => crate::rbac::roles_json(c),
        Command::Apis(c) => crate::rbac::apis_json(c),
        Command::Permissions(c) => crate::rbac::permissions_json(c),
        Command::Rbac(c) => crate::rbac::rbac_json(c),
        Command::Audit(a) => a.output.json,
        Command::Graph(crate::args::GraphCommand::Check { output, .. }) => output.json,
        Command::Support(a) => crate::support::wants_json(a),
        Command::Logs(c) => crate::logs::logs_json(c),
        Command::Profile(p) => match p {
            ProfileCommand::Add(a) => a.output.json,
            ProfileCommand::List(o) => o.json,
            ProfileCommand::Remove { output, .. } | ProfileCommand::Use { output, .. } => {
                output.json
            }
            ProfileCommand::SetSecret(a) => a.output.json,
            ProfileCommand::SetMgmtSecret { output, .. } => output.json,
            ProfileCommand::ClearSecret(a) => a.output.json,
        },
    }
}

fn profile(api: &Api, cmd: ProfileCommand) -> Result<ExitCode, ApiError> {
    match cmd {
        ProfileCommand::Add(args) => {
            let as_json = args.output.json;
            let view = api.profile_add(input_from_args(*args))?;
            if as_json {
                output::json(&view);
            } else {
                say!("Added profile {}.", view.name);
                say!(
                    "Register {} as an Allowed Callback URL of client {} for browser sign-in.",
                    view.callback_url,
                    view.client_id
                );
                if let Some(warning) = &view.neo4j_transport_warning {
                    output::note(&format!("warning: {}", warning.message));
                }
            }
        }
        ProfileCommand::List(flag) => {
            let list = api.profile_list()?;
            if flag.json {
                output::json(&list);
            } else {
                print_list(&list);
            }
        }
        ProfileCommand::Remove { name, output } => {
            let list = crate::block_on(api.profile_remove(name.clone()))??;
            if output.json {
                output::json(&list);
            } else {
                say!("Removed profile {name} and its keychain entries.");
                match &list.current {
                    Some(current) => say!("Profile in use: {current}."),
                    None => say!("No profiles left: add one with `idlens profile add`."),
                }
            }
        }
        ProfileCommand::Use { name, output } => {
            let list = api.profile_use(name.clone())?;
            if output.json {
                output::json(&list);
            } else {
                say!("Profile in use: {name}.");
            }
        }
        ProfileCommand::SetSecret(args) => {
            set_secret(api, &args.name, &args.kind, args.output.json)?;
        }
        ProfileCommand::SetMgmtSecret { name, output } => {
            set_secret(api, &name, "management-client-secret", output.json)?;
        }
        ProfileCommand::ClearSecret(args) => {
            let view = api.profile_clear_secret(args.name.clone(), secret_kind(&args.kind))?;
            if args.output.json {
                output::json(&view);
            } else {
                say!(
                    "Deleted the {} of {} from the keychain.",
                    args.kind,
                    args.name
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn status(api: &Api, args: StatusArgs) -> Result<ExitCode, ApiError> {
    let info = api.app_info()?;
    let profile = api.profile(args.selector.profile.as_deref());
    // A profile named on the command line that does not exist is a usage
    // error; having no profile in use at all is a finding.
    if args.selector.profile.is_some() {
        if let Err(e) = &profile {
            return Err(e.clone());
        }
    }
    if args.output.json {
        let profile = match &profile {
            Ok(view) => serde_json::to_value(view).expect("serializable"),
            Err(e) if e.code == ErrorCode::NotFound => serde_json::Value::Null,
            Err(e) => return Err(e.clone()),
        };
        output::json(&serde_json::json!({ "app": info, "profile": profile }));
    } else {
        say!("IdLens {}", info.version);
        say!("Config file: {}", info.config_path);
        say!("Secrets:     {}", keychain_text(&info.keychain));
        match &profile {
            Ok(view) => print_profile(view),
            Err(e) if e.code == ErrorCode::NotFound => {
                say!("Profile:     none ({})", e.message);
            }
            Err(e) => return Err(e.clone()),
        }
    }
    // A missing profile is a finding, not a usage error.
    Ok(match profile {
        Ok(_) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(crate::EXIT_FINDING),
    })
}

fn input_from_args(args: ProfileAddArgs) -> ProfileInput {
    let mapping = mapping_from_args(&args);
    // A machine-to-machine client ID alone means client credentials.
    let mode = args
        .management
        .as_deref()
        .unwrap_or(match args.management_client_id {
            Some(_) => "client-credentials",
            None => "disabled",
        });
    let management = match mode {
        "signed-in-user" => ManagementInput::SignedInUser,
        "client-credentials" => ManagementInput::ClientCredentials {
            client_id: args.management_client_id.unwrap_or_default(),
        },
        _ => ManagementInput::Disabled,
    };
    let neo4j = match (args.neo4j_uri, args.neo4j_user) {
        (Some(uri), Some(user)) => Some(Neo4jInput {
            uri,
            user,
            database: args.neo4j_database,
            mapping,
        }),
        _ => None,
    };
    ProfileInput {
        name: args.name,
        issuer: args.issuer,
        provider: Some(match args.provider.as_str() {
            "auth0" => ProviderView::Auth0,
            "oidc" => ProviderView::Oidc,
            _ => ProviderView::Auto,
        }),
        client_id: args.client_id,
        audience: args.audience,
        callback_port: args.callback_port,
        scopes: args.scopes,
        management: Some(management),
        neo4j,
        export_job_deadline: args.export_job_deadline.map(|d| d.to_string()),
        log_retention_days: args.log_retention_days,
    }
}

fn or_none(property: &str) -> &str {
    if property.is_empty() {
        "-"
    } else {
        property
    }
}

/// The graph mapping given on the command line, defaults for the rest;
/// `None` when no mapping flag was given (an update keeps the stored one).
fn mapping_from_args(args: &ProfileAddArgs) -> Option<GraphMappingInput> {
    let given = [
        &args.graph_label,
        &args.graph_id_property,
        &args.graph_email_property,
        &args.graph_name_property,
        &args.graph_verified_property,
    ];
    if given.iter().all(|flag| flag.is_none()) {
        return None;
    }
    let default = GraphMappingInput::default();
    let pick = |flag: &Option<String>, default: String| flag.clone().unwrap_or(default);
    Some(GraphMappingInput {
        label: pick(&args.graph_label, default.label),
        id_property: pick(&args.graph_id_property, default.id_property),
        email_property: pick(&args.graph_email_property, default.email_property),
        name_property: pick(&args.graph_name_property, default.name_property),
        email_verified_property: pick(
            &args.graph_verified_property,
            default.email_verified_property,
        ),
    })
}

/// Stores a secret read from standard input (never from arguments, which
/// other users can see) in the OS keychain.
fn set_secret(api: &Api, name: &str, kind: &str, as_json: bool) -> Result<(), ApiError> {
    api.profile(Some(name))?;
    // An in-memory secret would vanish when this process exits, so the
    // CLI refuses instead of pretending to have stored it.
    if let KeychainView::MemoryOnly { reason } = api.app_info()?.keychain {
        return Err(ApiError::new(
            ErrorCode::Keychain,
            format!("the secret was not stored: {reason}. IdLens never writes secrets to files."),
        ));
    }
    let value = read_secret_from_stdin()?;
    let stored = api.profile_set_secret(SecretInput {
        profile: name.to_owned(),
        kind: secret_kind(kind),
        value,
    })?;
    if as_json {
        output::json(&stored);
    } else {
        say!("Stored the {kind} of {name} in the OS keychain.");
    }
    Ok(())
}

fn secret_kind(kind: &str) -> SecretKindView {
    match kind {
        "refresh-token" => SecretKindView::RefreshToken,
        "management-client-secret" => SecretKindView::ManagementClientSecret,
        _ => SecretKindView::Neo4jPassword,
    }
}

/// The longest secret read from standard input: client secrets and
/// passwords are short; a larger input is a mistake (the wrong file piped in).
const MAX_SECRET: usize = 64 * 1024;

fn read_secret_from_stdin() -> Result<Secret, ApiError> {
    let text = crate::stdin_secret::read("the secret", MAX_SECRET)?;
    Ok(Secret::new(text.trim_end_matches(['\r', '\n'])))
}

fn keychain_text(k: &KeychainView) -> String {
    match k {
        KeychainView::Os => "OS keychain".to_owned(),
        KeychainView::MemoryOnly { reason } => format!("memory only ({})", Untrusted(reason)),
    }
}

fn secret_name(k: SecretKindView) -> &'static str {
    match k {
        SecretKindView::RefreshToken => "refresh token",
        SecretKindView::ManagementClientSecret => "Management API client secret",
        SecretKindView::Neo4jPassword => "Neo4j password",
    }
}

fn print_list(list: &ProfileList) {
    say!("Config file: {}", list.config_path);
    say!("Secrets:     {}", keychain_text(&list.keychain));
    if list.profiles.is_empty() {
        say!("\nNo profiles yet. Add one:\n  idlens profile add NAME --issuer TENANT.auth0.com --client-id ID");
        return;
    }
    say!("");
    let rows: Vec<Vec<String>> = list
        .profiles
        .iter()
        .map(|p| {
            let mark = if list.current.as_deref() == Some(p.name.as_str()) {
                "*"
            } else {
                " "
            };
            vec![
                format!("{mark} {}", p.name),
                p.issuer.clone(),
                p.client_id.clone(),
                p.audience.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    say!(
        "{}",
        output::table(&["  NAME", "ISSUER", "CLIENT ID", "AUDIENCE"], &rows)
    );
}

fn print_profile(p: &ProfileView) {
    say!("Profile:     {}", p.name);
    say!("Issuer:      {}", p.issuer);
    say!("Client ID:   {}", Untrusted(&p.client_id));
    say!(
        "Audience:    {}",
        Untrusted(
            p.audience
                .as_deref()
                .unwrap_or("(none: access tokens will be opaque)")
        )
    );
    say!("Callback:    {}", p.callback_url);
    let management = match &p.management {
        ManagementInput::Disabled => "disabled".to_owned(),
        ManagementInput::SignedInUser => "signed-in user's token".to_owned(),
        ManagementInput::ClientCredentials { client_id } => {
            format!("client credentials ({})", Untrusted(client_id))
        }
    };
    say!("Management:  {management}");
    say!("Export jobs: given up after {}", p.export_job_deadline);
    match &p.neo4j {
        Some(n) => say!(
            "Neo4j:       {} as {}{}",
            Untrusted(&n.uri),
            Untrusted(&n.user),
            n.database
                .as_deref()
                .map(|d| format!(" (database {})", Untrusted(d)))
                .unwrap_or_default()
        ),
        None => say!("Neo4j:       not configured"),
    }
    if let Some(warning) = &p.neo4j_transport_warning {
        say!("Warning:     {}", warning.message);
    }
    if let Some(m) = p.neo4j.as_ref().and_then(|n| n.mapping.as_ref()) {
        say!(
            "Graph users: (:{} {{id: {}, email: {}, name: {}, verified: {}}})",
            Untrusted(&m.label),
            Untrusted(&m.id_property),
            Untrusted(&m.email_property),
            Untrusted(or_none(&m.name_property)),
            Untrusted(or_none(&m.email_verified_property))
        );
    }
    let stored: Vec<&str> = p.stored_secrets.iter().map(|k| secret_name(*k)).collect();
    say!(
        "Stored:      {}",
        if stored.is_empty() {
            "no secrets".to_owned()
        } else {
            stored.join(", ")
        }
    );
}
