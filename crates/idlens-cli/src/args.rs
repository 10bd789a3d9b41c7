use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  a negative verdict or finding (e.g. an invalid token, drift found, not signed in)
  2  usage error, or an I/O, keychain or network failure

Run `idlens` with no arguments to open the desktop app.
Profiles live in the OS config directory (see `idlens profile list`); secrets
live in the OS keychain, never in a file.";

/// IdLens: Auth0 and Neo4j identity audits from the desktop or the command line.
#[derive(Debug, Parser)]
#[command(
    name = "idlens",
    version,
    about = "IdLens: audit Auth0 users, decode and verify tokens, compare Auth0 with your Neo4j user graph.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage tenant profiles (issuer, client ID, audience, Neo4j settings).
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Show the profile in use, where its settings live and which secrets are stored.
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print machine-readable JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProfileSelector {
    /// The profile to use (default: the one in use, see `idlens profile use`).
    #[arg(long, value_name = "NAME", env = "IDLENS_PROFILE")]
    pub profile: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub selector: ProfileSelector,
    #[command(flatten)]
    pub output: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a tenant profile. The first profile added becomes the one in use.
    Add(Box<ProfileAddArgs>),
    /// List profiles and show which one is in use.
    List(JsonFlag),
    /// Remove a profile and delete its secrets from the keychain.
    Remove {
        name: String,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Make a profile the one in use.
    Use {
        name: String,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Store a secret of a profile in the OS keychain, read from standard input.
    SetSecret(SetSecretArgs),
    /// Delete a stored secret of a profile from the OS keychain.
    ClearSecret(ClearSecretArgs),
}

#[derive(Debug, Args)]
pub struct ProfileAddArgs {
    /// Profile name: letters, digits, '-', '_' or '.'.
    pub name: String,
    /// Tenant domain (acme.eu.auth0.com) or issuer URL (https://…; http:// only on 127.0.0.1/localhost).
    #[arg(long, value_name = "URL")]
    pub issuer: String,
    /// Client ID of the Native application IdLens signs in with.
    #[arg(long, value_name = "ID")]
    pub client_id: String,
    /// API identifier to request access tokens for (Auth0's `audience`).
    #[arg(long, value_name = "AUD")]
    pub audience: Option<String>,
    /// Loopback port for the browser sign-in redirect (register http://127.0.0.1:PORT/callback).
    #[arg(long, value_name = "N")]
    pub callback_port: Option<u16>,
    /// Extra scope to request, beyond `openid profile email offline_access` (repeatable).
    #[arg(long = "scope", value_name = "S")]
    pub scopes: Vec<String>,
    /// How to reach the Management API: disabled, signed-in-user, or client-credentials.
    #[arg(long, value_name = "MODE", default_value = "disabled", value_parser = ["disabled", "signed-in-user", "client-credentials"])]
    pub management: String,
    /// Client ID of the machine-to-machine application (with --management client-credentials).
    #[arg(
        long,
        value_name = "ID",
        required_if_eq("management", "client-credentials")
    )]
    pub management_client_id: Option<String>,
    /// Neo4j URI (neo4j://, neo4j+s://, bolt://, …).
    #[arg(long, value_name = "URI", requires = "neo4j_user")]
    pub neo4j_uri: Option<String>,
    /// Neo4j user name.
    #[arg(long, value_name = "USER", requires = "neo4j_uri")]
    pub neo4j_user: Option<String>,
    /// Neo4j database (default: the server's default database).
    #[arg(long, value_name = "DB", requires = "neo4j_uri")]
    pub neo4j_database: Option<String>,
    #[command(flatten)]
    pub output: JsonFlag,
}

#[derive(Debug, Args)]
pub struct SetSecretArgs {
    /// Profile name.
    pub name: String,
    /// Which secret: management-client-secret or neo4j-password.
    #[arg(value_parser = ["management-client-secret", "neo4j-password"])]
    pub kind: String,
    #[command(flatten)]
    pub output: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ClearSecretArgs {
    /// Profile name.
    pub name: String,
    /// Which secret: refresh-token, management-client-secret or neo4j-password.
    #[arg(value_parser = ["refresh-token", "management-client-secret", "neo4j-password"])]
    pub kind: String,
    #[command(flatten)]
    pub output: JsonFlag,
}
