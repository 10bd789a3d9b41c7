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
    /// Decode, explain and verify a token offline (exit 0 valid, 1 invalid or unverified).
    Inspect(Box<InspectArgs>),
    /// Sign in to the profile's tenant (device code by default; --browser for PKCE).
    Login(LoginArgs),
    /// Show who is signed in (renews the session with the stored refresh token; exit 1 if not signed in).
    Whoami(WhoamiArgs),
    /// Sign out: revoke the refresh token and delete it from the keychain.
    Logout(LogoutArgs),
    /// Run the sandbox tenant: a local Auth0-like server on 127.0.0.1 to sign in to (Ctrl+C stops it).
    Sandbox(SandboxArgs),
    /// Search and show users of the tenant (Management API).
    #[command(subcommand)]
    Users(UsersCommand),
    /// List roles, or show one with its permissions and every member.
    #[command(subcommand)]
    Roles(RolesCommand),
    /// List the tenant's APIs and their scopes.
    #[command(subcommand)]
    Apis(ApisCommand),
    /// Why a user has a permission; whether a token still matches.
    #[command(subcommand)]
    Permissions(PermissionsCommand),
    /// A tenant's whole RBAC as one JSON document, and the diff of two.
    #[command(subcommand)]
    Rbac(RbacCommand),
    /// Compare Auth0's users with the Neo4j user graph: missing, orphaned,
    /// drifted and duplicated accounts, and a plan to fix them.
    Audit(Box<AuditArgs>),
    /// Check the profile's Neo4j graph: server, constraint, user count, mapping.
    #[command(subcommand)]
    Graph(GraphCommand),
    /// Search and follow the tenant's logs, each event explained.
    #[command(subcommand)]
    Logs(LogsCommand),
    /// Why can't this customer sign in? Their account, blocks, MFA, access
    /// and recent events side by side, diagnosed; `support actions`: the log
    /// of every fix IdLens made.
    Support(Box<SupportArgs>),
}

const SUPPORT_HELP: &str = "\
WHO is an e-mail address (contains @), a user ID (contains |, like
auth0|123), a username, or - to read a token the customer sent from standard
input: its user is looked up, and its verdict (signature, expiry, permissions
against the user's roles now) is shown beside the card. An e-mail can belong
to one user per connection: then the users are listed and the command asks
for a user ID (exit 1 on a terminal, 2 when run without one).

Exit codes: 0 the card, 1 a cause that blocks sign-in was found or no user
matches, 2 usage, network or permission error.";

#[derive(Debug, Args)]
#[command(after_help = SUPPORT_HELP, args_conflicts_with_subcommands = true)]
pub struct SupportArgs {
    /// The customer: an e-mail address, a user ID, a username, or - for a token on stdin.
    #[arg(required = true)]
    pub who: Option<String>,
    #[command(subcommand)]
    pub command: Option<SupportCommand>,
    #[command(flatten)]
    pub selector: ProfileSelector,
    #[command(flatten)]
    pub output: JsonFlag,
}

const ACTIONS_HELP: &str = "\
The action log is actions.jsonl in the config directory (beside the profile
file; IDLENS_CONFIG_DIR moves both): one record per line, each carrying the
hash of the one before, and the count and last hash (the head) in the OS
keychain. --verify walks the chain and compares its end with the head: exit 0
when it is intact (it says whether the head could be checked: without an OS
keychain a cut-short log goes unnoticed), 1 when a line was edited, removed,
reordered or is unreadable, or the log was cut short or rewritten (the
message names the line), 2 when the log cannot be read.

--export csv|json --output FILE saves every record (CSV cells a spreadsheet
would run as formulas are made inert); the file is written whole or not at
all, and a line that is not a record stops the export.";

#[derive(Debug, Subcommand)]
pub enum SupportCommand {
    /// The action log, newest first; --verify checks it was not tampered with (exit 1 if it was).
    #[command(after_help = ACTIONS_HELP)]
    Actions(ActionsArgs),
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Verify the log's hash chain and its end against the head in the keychain.
    #[arg(long, conflicts_with_all = ["export", "limit", "offset"])]
    pub verify: bool,
    /// Save every record as csv or json to the --output FILE.
    #[arg(long, value_name = "FORMAT", value_parser = ["csv", "json"], requires = "file")]
    pub export: Option<String>,
    /// Where --export writes (atomically; an existing file is replaced).
    #[arg(long = "output", value_name = "FILE", requires = "export")]
    pub file: Option<std::path::PathBuf>,
    /// How many records to list (newest first; at most 500).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=500))]
    pub limit: u32,
    /// Skip this many of the newest records (to page back).
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    #[command(flatten)]
    pub output: JsonFlag,
}

const AUDIT_HELP: &str = "\
Sources: --auth0 api (the Management API's search: at most 1,000 users),
export (a users export job: every user), or an export FILE (NDJSON, gzipped or
not); --graph neo4j (the profile's graph, streamed) or a FILE exported from
Neo4j Browser (CSV with a header row, or a JSON array). Its columns are named
like the profile's mapping (without a profile: sub, email, name,
email_verified) unless the --graph-…-property flags name them; the id and
e-mail columns must be there, and a name or e-mail-verified column the file
does not have is not compared (the output says so). The fix plan is written
for the profile's mapping. The findings are defined in docs/audit.md.

A malformed line stops the audit with its line number unless --skip-bad-lines
is given (then the report counts them); a CSV record or JSON element over
1 MiB stops it in any case. A leading byte-order mark is ignored. Nothing is
changed without --apply: --fix-plan FILE writes the Cypher script to read
first.

Exit codes: 0 no findings, 1 findings, 2 usage, input, network or permission error.";

#[derive(Debug, Args)]
#[command(after_help = AUDIT_HELP)]
pub struct AuditArgs {
    /// Auth0 side: api, export, or a users export FILE.
    #[arg(long, value_name = "api|export|FILE", default_value = "api")]
    pub auth0: String,
    /// Graph side: neo4j, or a Neo4j Browser export FILE (.csv or .json).
    #[arg(long, value_name = "neo4j|FILE", default_value = "neo4j")]
    pub graph: String,
    /// Write the report (JSON) to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Write the fix plan (Auth0 links and the Cypher script) to FILE.
    #[arg(long, value_name = "FILE")]
    pub fix_plan: Option<std::path::PathBuf>,
    /// Apply the fix plan: link duplicate accounts in Auth0 and run the Cypher on the graph.
    #[arg(long)]
    pub apply: bool,
    /// With --apply: also link duplicate accounts in Auth0 (default: graph only).
    #[arg(long, requires = "apply")]
    pub link_accounts: bool,
    /// Count malformed lines of the input files instead of stopping at the first.
    #[arg(long)]
    pub skip_bad_lines: bool,
    /// With --auth0 export: how long Auth0's export job may take (30s, 90m, 4h;
    /// 1s to 24h). Default: the profile's setting, 4h unless set.
    #[arg(long, value_name = "DURATION", value_parser = job_deadline)]
    pub job_deadline: Option<idlens_profile::JobDeadline>,
    #[command(flatten)]
    pub selector: ProfileSelector,
    #[command(flatten)]
    pub output: JsonFlag,
    /// Last: its help heading applies to the flags after it.
    #[command(flatten)]
    pub columns: AuditColumns,
}

/// The columns of a graph file, over the profile's mapping (or the default
/// one, without a profile).
#[derive(Debug, Args)]
#[command(
    next_help_heading = "Graph file columns (default: the profile's mapping, else sub, email, name, email_verified)"
)]
pub struct AuditColumns {
    /// Property holding the Auth0 user ID: the column (or JSON key) PROP or u.PROP.
    #[arg(long, value_name = "PROP")]
    pub graph_id_property: Option<String>,
    /// Property holding the e-mail address.
    #[arg(long, value_name = "PROP")]
    pub graph_email_property: Option<String>,
    /// Property holding the name, or none: names not compared.
    #[arg(long, value_name = "PROP|none")]
    pub graph_name_property: Option<String>,
    /// Property holding whether the e-mail is verified, or none: not compared.
    #[arg(long, value_name = "PROP|none")]
    pub graph_verified_property: Option<String>,
    /// Label the report names for the graph's user nodes.
    #[arg(long, value_name = "LABEL")]
    pub graph_label: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum GraphCommand {
    /// Connect and check: server version and edition, uniqueness constraint, user nodes, mapped properties.
    ///
    /// A URI that is not encrypted (neo4j://, bolt://) or does not verify the
    /// server's certificate (+ssc) to a host other than this machine is
    /// warned about on stderr (and in --json as transportWarning); it does
    /// not change the exit code.
    Check {
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
}

const MANAGEMENT_HELP: &str = "\
These read the tenant's Management API with the profile's access: a
machine-to-machine application (`idlens profile add … --mgmt-client-id ID`,
then `idlens profile set-mgmt-secret NAME`), or the signed-in user's token
(`--management signed-in-user`; Auth0 gives those only current-user scopes).
Long reads print their progress on stderr when it is a terminal (not with
--json); Ctrl+C cancels. Rate limits are waited out, a minute at most each
(a warning says when the tenant's headers ask for more). A listing is whole
or an error: one that ends short of its total or does not end is exit 2.

Exit codes: 0 success, 1 a negative answer (not granted, a stale or
mismatched token, snapshots that differ), 2 usage, network or permission error.";

#[derive(Debug, Subcommand)]
#[command(after_help = MANAGEMENT_HELP)]
pub enum UsersCommand {
    /// Search users: Auth0's Lucene syntax (`email:"a@b.c"`, `identities.connection:github`) or a name or e-mail.
    Search {
        query: String,
        /// Page of 50 (from 0); a search reaches at most 1,000 users.
        #[arg(long, default_value_t = 0)]
        page: u32,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// One user with their roles and effective permissions (and where each comes from).
    Show {
        user_id: String,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Every user, past the search's 1,000, with a users export job: a gzipped NDJSON file.
    Export {
        /// Where to write it (default: the export folder, `$IDLENS_EXPORT_DIR` or Downloads).
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Only the users of this connection (its name).
        #[arg(long, value_name = "NAME")]
        connection: Option<String>,
        /// How long Auth0's export job may take before IdLens stops waiting
        /// (30s, 90m, 4h, 1h30m; 1s to 24h). Default: the profile's setting, 4h unless set.
        #[arg(long, value_name = "DURATION", value_parser = job_deadline)]
        job_deadline: Option<idlens_profile::JobDeadline>,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
    #[command(flatten)]
    Fix(UserFixCommand),
}

const FIX_HELP: &str = "\
Each change is shown first (what changes, for whom, the scope it needs) and
made only once confirmed: --yes, or typing yes at the prompt on a terminal
(without a terminal and without --yes it is refused, exit 2). A declined
confirmation changes nothing (exit 1). The tenant's state is read again
afterwards, and every change made (or refused by the tenant) is recorded in
the action log: `idlens support actions`.

Exit codes: 0 done, 1 declined, 2 usage, network or permission error (the
message names a missing scope).";

/// The Support desk's guarded fixes on one user.
#[derive(Debug, Subcommand)]
pub enum UserFixCommand {
    /// Block the user as an administrator: every sign-in fails until unblocked.
    #[command(after_help = FIX_HELP)]
    Block {
        user_id: String,
        #[command(flatten)]
        fix: FixArgs,
    },
    /// Lift an administrator's block (brute-force blocks: unblock-ip).
    #[command(after_help = FIX_HELP)]
    Unblock {
        user_id: String,
        #[command(flatten)]
        fix: FixArgs,
    },
    /// Remove the brute-force blocks of an e-mail, username or phone (every IP at once).
    #[command(name = "unblock-ip", after_help = FIX_HELP)]
    UnblockIp {
        identifier: String,
        #[command(flatten)]
        fix: FixArgs,
    },
    /// Send the verification e-mail again (Auth0 sends it).
    #[command(name = "verify-email", after_help = FIX_HELP)]
    VerifyEmail {
        user_id: String,
        #[command(flatten)]
        fix: FixArgs,
    },
    /// Create a password-change link to give the customer (IdLens never e-mails it).
    #[command(name = "password-ticket", after_help = FIX_HELP)]
    PasswordTicket {
        user_id: String,
        #[command(flatten)]
        fix: FixArgs,
    },
    /// Delete every MFA authentication method: the customer enrolls again.
    #[command(name = "reset-mfa", after_help = FIX_HELP)]
    ResetMfa {
        user_id: String,
        /// Only forget the browsers that skip MFA ("remember this browser").
        #[arg(long)]
        browsers_only: bool,
        #[command(flatten)]
        fix: FixArgs,
    },
    /// End every session (Enterprise plan); --refresh-tokens revokes those too.
    #[command(name = "revoke-sessions", after_help = FIX_HELP)]
    RevokeSessions {
        user_id: String,
        /// Also revoke every refresh token of the user.
        #[arg(long)]
        refresh_tokens: bool,
        #[command(flatten)]
        fix: FixArgs,
    },
}

impl UserFixCommand {
    pub fn fix_args(&self) -> &FixArgs {
        match self {
            UserFixCommand::Block { fix, .. }
            | UserFixCommand::Unblock { fix, .. }
            | UserFixCommand::UnblockIp { fix, .. }
            | UserFixCommand::VerifyEmail { fix, .. }
            | UserFixCommand::PasswordTicket { fix, .. }
            | UserFixCommand::ResetMfa { fix, .. }
            | UserFixCommand::RevokeSessions { fix, .. } => fix,
        }
    }
}

/// What every fix takes: the confirmation, the profile, JSON output.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Make the change without asking (scripts).
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub selector: ProfileSelector,
    #[command(flatten)]
    pub output: JsonFlag,
}

/// `--job-deadline` and `--export-job-deadline`, checked as the profile's setting is.
fn job_deadline(text: &str) -> Result<idlens_profile::JobDeadline, String> {
    idlens_profile::JobDeadline::parse(text).map_err(|e| e.to_string())
}

#[derive(Debug, Subcommand)]
#[command(after_help = MANAGEMENT_HELP)]
pub enum RolesCommand {
    /// Every role with its permissions and number of members.
    List {
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// One role (by name or ID) with its permissions and all its members (past 1,000 too).
    Show {
        role: String,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Give a user a role (by name or ID).
    #[command(after_help = FIX_HELP)]
    Assign {
        role: String,
        user_id: String,
        #[command(flatten)]
        fix: FixArgs,
    },
    /// Take a role (by name or ID) away from a user.
    #[command(after_help = FIX_HELP)]
    Remove {
        role: String,
        user_id: String,
        #[command(flatten)]
        fix: FixArgs,
    },
}

#[derive(Debug, Subcommand)]
#[command(after_help = MANAGEMENT_HELP)]
pub enum ApisCommand {
    /// Every API with its scopes and the roles that grant each.
    List {
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
#[command(after_help = MANAGEMENT_HELP)]
pub enum PermissionsCommand {
    /// Why USER_ID has PERMISSION, by every path, or why not (exit 1 when not granted).
    Explain {
        user_id: String,
        permission: String,
        /// The API's identifier (default: every API that defines the permission).
        #[arg(long, value_name = "IDENTIFIER")]
        api: Option<String>,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// An access token (argument, or `-` for standard input) against what its user is granted now (exit 1 when stale or missing).
    Check {
        #[arg(value_name = "TOKEN|-", default_value = "-")]
        token: String,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
}

#[derive(Debug, Subcommand)]
#[command(after_help = MANAGEMENT_HELP)]
pub enum RbacCommand {
    /// The tenant's APIs, scopes, roles, role permissions and members as one JSON document.
    Snapshot {
        /// Write it to FILE (atomically) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Also check users' permissions for direct grants (one request per user, at most 1,000).
        #[arg(long)]
        with_users: bool,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Compare two snapshots: each a file or `profile:NAME` (exit 1 when they differ).
    ///
    /// `profile:` alone is the --profile profile (or the one in use); with
    /// two files, --profile plays no part.
    Diff {
        a: String,
        b: String,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
    /// Roles with no users or no permissions, direct grants, scopes no API defines or no role grants.
    Findings {
        /// Also check users' permissions for direct grants (one request per user, at most 1,000).
        #[arg(long)]
        with_users: bool,
        #[command(flatten)]
        selector: ProfileSelector,
        #[command(flatten)]
        output: JsonFlag,
    },
}

const LOGS_HELP: &str = "\
Each event is one line: date, type code, what the code means, user, IP,
application, description (text from the tenant is shown escaped, and cut at
2,000 characters with a note). An unknown type code is shown raw. With
--json, standard output is NDJSON: one event per line (the event's fields,
`code`, `event` and its `explanation`), and the summary is one JSON line on
standard error ({\"summary\": …}).

CATEGORY is one of: login, logout, signup, silent-auth, token-exchange, mfa,
passwordless, device-flow, limits-and-blocks, breached-password,
account-change, management-api, connector, extensibility, system.

Auth0's search pages through only the first 1,000 results; `search --all`
reads the whole log by checkpoint instead (oldest first, every event the
plan still keeps: 1 to 30 days), applying QUERY here. Reads are paced by the
tenant's rate limit; the profile's machine-to-machine application needs
read:logs.

Exit codes: search: 0 events found, 1 none matched, 2 error or Ctrl+C (the
lines printed before it are marked incomplete); tail: 0 when stopped with
Ctrl+C, 2 error.";

#[derive(Debug, Subcommand)]
#[command(after_help = LOGS_HELP)]
pub enum LogsCommand {
    /// Events matching QUERY (Lucene: `type:fp AND ip:203.0.113.7`, `date:[2026-12-01 TO 2026-12-02]`; `""` for every event), newest first.
    Search(LogsSearchArgs),
    /// New events as they happen, from now until Ctrl+C.
    Tail(LogsTailArgs),
}

#[derive(Debug, Args)]
#[command(after_help = LOGS_HELP)]
pub struct LogsSearchArgs {
    pub query: String,
    /// Past Auth0's 1,000 results: the whole log by checkpoint, oldest first, QUERY applied here.
    #[arg(long)]
    pub all: bool,
    /// Only events of this category (see below).
    #[arg(long = "type", value_name = "CATEGORY", value_parser = category)]
    pub category: Option<idlens_api::types::LogCategory>,
    /// With --all: start after this event (a log_id, such as the checkpoint a previous --all printed).
    #[arg(long, value_name = "LOG_ID", requires = "all")]
    pub from: Option<String>,
    /// Stop after N events.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    #[command(flatten)]
    pub selector: ProfileSelector,
    #[command(flatten)]
    pub output: JsonFlag,
}

#[derive(Debug, Args)]
#[command(after_help = LOGS_HELP)]
pub struct LogsTailArgs {
    /// Only events matching this Lucene query, applied here.
    #[arg(long, value_name = "LUCENE")]
    pub filter: Option<String>,
    /// Only events of this category.
    #[arg(long = "type", value_name = "CATEGORY", value_parser = category)]
    pub category: Option<idlens_api::types::LogCategory>,
    /// How long to wait for new events once caught up (500ms, 5s, 1m).
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = poll_interval)]
    pub interval: std::time::Duration,
    #[command(flatten)]
    pub selector: ProfileSelector,
    #[command(flatten)]
    pub output: JsonFlag,
}

/// A category by its name, in kebab-case (`limits-and-blocks`) or as the
/// JSON names it (`limitsAndBlocks`).
fn category(text: &str) -> Result<idlens_api::types::LogCategory, String> {
    let wanted: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    idlens_api::types::LogCategory::ALL
        .into_iter()
        .find(|c| {
            serde_json::to_value(c)
                .ok()
                .and_then(|v| v.as_str().map(str::to_ascii_lowercase))
                .is_some_and(|name| name == wanted)
        })
        .ok_or_else(|| {
            "not a category: see the list in --help (login, mfa, limits-and-blocks, …)".to_owned()
        })
}

/// A polling interval: 100 ms to an hour.
fn poll_interval(text: &str) -> Result<std::time::Duration, String> {
    let millis = text.trim().strip_suffix("ms").map(str::parse::<u64>);
    let duration = match millis {
        Some(Ok(ms)) => std::time::Duration::from_millis(ms),
        Some(Err(_)) => {
            return Err(format!(
                "{text:?} is not a duration such as 500ms, 5s or 1m"
            ))
        }
        None => idlens_job::parse_duration(text).map_err(|e| e.to_string())?,
    };
    if duration < std::time::Duration::from_millis(100)
        || duration > std::time::Duration::from_secs(3_600)
    {
        return Err("the interval is 100ms to 1h".to_owned());
    }
    Ok(duration)
}

const LOGIN_HELP: &str = "\
The device flow (default) works anywhere, also over SSH: open the URL on any
device and enter the code. --browser uses the system browser and a listener on
http://127.0.0.1:PORT/callback (the profile's callback port), which the
application must list as an Allowed Callback URL.

With --json the first line is {user_code, verification_uri,
verification_uri_complete, expires_in} (device) or {authorize_url,
redirect_uri, expires_in} (browser); the second is the validated session.

The refresh token goes to the OS keychain; access and ID tokens are never
stored or printed.

Exit codes: 0 signed in, 1 denied, expired, timed out or cancelled,
2 usage, network or keychain error.";

#[derive(Debug, Args)]
#[command(after_help = LOGIN_HELP)]
pub struct LoginArgs {
    #[command(flatten)]
    pub selector: ProfileSelector,
    /// Sign in with a device code (the default).
    #[arg(long, conflicts_with = "browser")]
    pub device: bool,
    /// Sign in with the system browser (Authorization Code + PKCE).
    #[arg(long)]
    pub browser: bool,
    /// With --browser: print the address instead of opening a browser.
    #[arg(long, requires = "browser")]
    pub no_browser: bool,
    /// With --browser: seconds to wait for the browser (default 300).
    #[arg(long, value_name = "SECS", requires = "browser")]
    pub timeout: Option<u64>,
    #[command(flatten)]
    pub output: JsonFlag,
}

#[derive(Debug, Args)]
pub struct WhoamiArgs {
    #[command(flatten)]
    pub selector: ProfileSelector,
    #[command(flatten)]
    pub output: JsonFlag,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    #[command(flatten)]
    pub selector: ProfileSelector,
    #[command(flatten)]
    pub output: JsonFlag,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (the README's sandbox profile uses 4000).
    #[arg(long, value_name = "N", default_value_t = 4000)]
    pub port: u16,
    /// Seed of the tenant's users: the same seed gives the same tenant.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Another callback URL to allow for idlens-desktop (repeatable).
    #[arg(long = "callback", value_name = "URL")]
    pub callbacks: Vec<String>,
    /// Seconds a device should wait between polls (Auth0 says 5; 0 to 60).
    #[arg(long, value_name = "SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=60))]
    pub device_interval: u64,
    /// Seconds access and ID tokens live (default a day, at most 30 days as in
    /// Auth0; short ones show renewal).
    #[arg(long, value_name = "SECS", default_value_t = 86_400, value_parser = clap::value_parser!(u64).range(60..=2_592_000))]
    pub token_lifetime: u64,
    /// Management API requests per second before it answers 429 (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub mgmt_rate: u32,
    /// Append a line per Management API request to FILE: time, method, path and query, status (429s too).
    #[arg(long, value_name = "FILE")]
    pub request_log: Option<std::path::PathBuf>,
    /// The tenant's plan: how many days of logs it keeps (free 1, essentials 5,
    /// professional 10, enterprise 30); below enterprise, sessions and refresh
    /// tokens answer 403 as Auth0 does.
    #[arg(long, value_name = "PLAN", default_value = "enterprise", value_parser = crate::sandbox::parse_plan)]
    pub plan: idlens_support::Plan,
    /// Seed N background sign-ins within the plan's log window (default: 1,200
    /// over 29 days). At most 2,000,000; a million take about three seconds
    /// to generate and hold about 1.3 GB of memory.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=2_000_000))]
    pub log_events: Option<u64>,
    #[command(flatten)]
    pub demo: crate::sandbox::SandboxDemoArgs,
    #[command(flatten)]
    pub output: JsonFlag,
}

const INSPECT_HELP: &str = "\
Keys (choose one; without any, the token is decoded and explained but UNVERIFIED):
  --issuer URL        discover the keys from URL/.well-known/openid-configuration
  --jwks URL|FILE     a JWKS URL or file
  --pem FILE          PEM public key(s)
  --secret-env VAR    an HMAC secret (HS256/384/512) from environment variable VAR
  --profile NAME      the profile's issuer, audience and client ID
With --jwks, --pem or --secret-env, --issuer only sets the expected `iss`.
Key files are read up to 1 MiB; fetched keys and discovery documents up to 512 KiB.
Keys named by the token itself (jwk, jku, x5u, x5c) are never fetched or trusted.
The token never leaves this machine: only key fetches do, and they carry no token.

Exit codes: 0 the token verified, 1 it did not (or it was only decoded),
2 usage, file or network error. With --batch: 0 when every token verified;
a line that is too long or not UTF-8 gets a verdict of its own (exit 1), an
empty input is exit 2.";

#[derive(Debug, Args)]
#[command(after_help = INSPECT_HELP)]
pub struct InspectArgs {
    /// The token, or `-` (the default) to read it from standard input.
    /// Prefer `-`: arguments are visible to other users in the process list.
    #[arg(value_name = "TOKEN|-", conflicts_with = "batch")]
    pub token: Option<String>,
    /// Verify against this profile's issuer; its audience and client ID are the expected `aud`.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Issuer URL: where keys are discovered, and the `iss` to expect.
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
    /// JWKS URL or file to verify against.
    #[arg(long, value_name = "URL|FILE", conflicts_with_all = ["pem", "secret_env"])]
    pub jwks: Option<String>,
    /// PEM file with public key(s) to verify against.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["jwks", "secret_env"])]
    pub pem: Option<std::path::PathBuf>,
    /// Environment variable holding an HMAC secret (HS* tokens only).
    #[arg(long, value_name = "VAR", conflicts_with_all = ["jwks", "pem"])]
    pub secret_env: Option<String>,
    /// Expected audience; repeat for several (the token must name one of them).
    #[arg(long = "audience", value_name = "AUD")]
    pub audiences: Vec<String>,
    /// Clock skew tolerated for exp, nbf and iat, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub leeway: u64,
    /// For ID tokens: the nonce the sign-in sent.
    #[arg(long, value_name = "NONCE")]
    pub nonce: Option<String>,
    /// For ID tokens: the client ID expected in azp.
    #[arg(long = "azp", value_name = "CLIENT_ID")]
    pub authorized_party: Option<String>,
    /// Refuse inputs longer than this many bytes, unread (at most 1 MiB). Standard
    /// input is read only this far; with --batch, it is the longest line kept.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1024 * 1024))]
    pub max_len: usize,
    /// Verify every line of FILE (`-` for standard input); print one JSON verdict per line, in order.
    #[arg(long, value_name = "FILE|-")]
    pub batch: Option<String>,
    /// Worker threads for --batch (default and maximum: the number of cores).
    #[arg(long, value_name = "N", requires = "batch")]
    pub threads: Option<std::num::NonZeroUsize>,
    #[command(flatten)]
    pub output: JsonFlag,
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
    /// Store the Management API application's client secret, read from standard input.
    SetMgmtSecret {
        name: String,
        #[command(flatten)]
        output: JsonFlag,
    },
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
    /// auth0 (also for a custom domain or the sandbox), oidc (any other OpenID provider), or auto (auth0 for *.auth0.com).
    #[arg(long, value_name = "KIND", default_value = "auto", value_parser = ["auto", "auth0", "oidc"])]
    pub provider: String,
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
    /// How to reach the Management API: disabled, signed-in-user, or client-credentials
    /// (the default when --mgmt-client-id is given).
    #[arg(long, value_name = "MODE", value_parser = ["disabled", "signed-in-user", "client-credentials"])]
    pub management: Option<String>,
    /// Client ID of the machine-to-machine application for the Management API
    /// (its secret: `idlens profile set-mgmt-secret NAME`).
    #[arg(
        long = "mgmt-client-id",
        alias = "management-client-id",
        value_name = "ID",
        required_if_eq("management", "client-credentials")
    )]
    pub management_client_id: Option<String>,
    /// Neo4j URI (neo4j+s://, bolt+s://, …; neo4j://, bolt:// and +ssc to
    /// another machine work, with a warning that they are unprotected).
    #[arg(long, value_name = "URI", requires = "neo4j_user")]
    pub neo4j_uri: Option<String>,
    /// Neo4j user name.
    #[arg(long, value_name = "USER", requires = "neo4j_uri")]
    pub neo4j_user: Option<String>,
    /// Neo4j database (default: the server's default database).
    #[arg(long, value_name = "DB", requires = "neo4j_uri")]
    pub neo4j_database: Option<String>,
    /// Label of the graph's user nodes (default: User).
    #[arg(long, value_name = "LABEL", requires = "neo4j_uri")]
    pub graph_label: Option<String>,
    /// Property holding the Auth0 user ID (default: sub; often auth0Id, userId, id).
    #[arg(long, value_name = "PROP", requires = "neo4j_uri")]
    pub graph_id_property: Option<String>,
    /// Property holding the e-mail address (default: email).
    #[arg(long, value_name = "PROP", requires = "neo4j_uri")]
    pub graph_email_property: Option<String>,
    /// Property holding the name (default: name; "" for none).
    #[arg(long, value_name = "PROP", requires = "neo4j_uri")]
    pub graph_name_property: Option<String>,
    /// Property holding whether the e-mail is verified (default: email_verified; "" for none).
    #[arg(long, value_name = "PROP", requires = "neo4j_uri")]
    pub graph_verified_property: Option<String>,
    /// How long a users export job may take at Auth0 before IdLens stops
    /// waiting (30s, 90m, 4h, 1h30m; 1s to 24h; default 4h).
    #[arg(long, value_name = "DURATION", value_parser = job_deadline)]
    pub export_job_deadline: Option<idlens_profile::JobDeadline>,
    /// Days of logs the tenant's plan keeps (Free 1, Essentials 5,
    /// Professional 10, Enterprise 30): the Support desk then says when the
    /// oldest event is at the edge of what Auth0 still has.
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u16).range(1..=365))]
    pub log_retention_days: Option<u16>,
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

#[cfg(test)]
mod logs_args_tests {
    use idlens_api::types::LogCategory;

    /// `limitsAndBlocks` → `limits-and-blocks`.
    fn kebab(category: LogCategory) -> String {
        let json = serde_json::to_value(category).unwrap();
        let mut out = String::new();
        for c in json.as_str().unwrap().chars() {
            if c.is_ascii_uppercase() {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    #[test]
    fn every_category_is_listed_in_the_help_and_read_back_by_either_name() {
        for category in LogCategory::ALL {
            let name = kebab(category);
            let listed = super::LOGS_HELP
                .split(|c: char| c == ',' || c == '.' || c.is_whitespace())
                .any(|word| word == name);
            assert!(listed, "{name}");
            assert_eq!(super::category(&name), Ok(category));
            let json = serde_json::to_value(category).unwrap();
            assert_eq!(super::category(json.as_str().unwrap()), Ok(category));
        }
        assert!(super::category("logins").is_err());
    }
}
