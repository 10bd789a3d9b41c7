//! Every command of the desktop shell, declared once.
//!
//! [`for_each_command!`] hands the table to a macro of the caller's, which
//! makes what it needs from it: the shell its Tauri handlers (run on the
//! blocking pool or awaited, as the table says), `build.rs` the app's
//! permission manifest and the default permission the window's capability
//! grants, [`typescript`](crate::typescript) the UI's bindings (every type
//! the entries name, walked to the closure), and [`signatures`] a
//! compile-time check that every entry is an `Api` method of exactly that
//! signature.
//!
//! What fails to compile: an entry whose `Api` method (or, for `shell`
//! entries, the shell's function) is missing, misnamed or of another
//! signature, and a type in an entry without a `ts_rs::TS` derive. What a
//! test catches: a checked-in `ui/src/bindings.ts` that is not the generated
//! one (`bindings` tests in `idlens-api`), and a capability that does not
//! resolve to exactly the table's commands (the shell's `commands` tests).
//! Then `tsc` fails for UI code that calls a command by an old name or
//! with old types. Nothing else is written by hand per command.
//!
//! Each entry is `KIND fn NAME(ARG: TYPE, …) -> RESULT;` where KIND is
//! - `blocking`: `fn NAME(&self, ARG…) -> Result<RESULT, ApiError>` that reads
//!   or writes files or the keychain; callers run it off the async executor;
//! - `async`: `async fn NAME(&self, ARG…) -> Result<RESULT, ApiError>` that
//!   waits on the network or on the user and never blocks the executor;
//! - `job`: `async fn NAME(&self, ARG…, job: Job) -> Result<RESULT, ApiError>`,
//!   long work: the shell answers at once with a [`JobId`](crate::types::JobId)
//!   and streams the job's progress and then its result or error
//!   ([`JobEvent`](crate::types::JobEvent)) to the UI; `job_cancel` stops it;
//! - `stream_job`: a `job` that also hands on partial results as it makes
//!   them (the logs jobs' [`LogBatch`](crate::types::LogBatch)es): the shell
//!   starts it with a batch sink ([`Api::job_begin_streaming`](crate::Api::job_begin_streaming))
//!   and streams each batch as a `JobEvent::Batch`, in order with its
//!   progress and before its result; a plain `job` has no batch sink;
//! - `shell`: `async fn NAME(app: tauri::AppHandle<R>, ARG…) -> Result<RESULT,
//!   ApiError>`, a function of the desktop shell's `updates` module
//!   (`src-tauri/updates.rs`), not an `Api` method: work only the shell can
//!   do, because it replaces the running app (in-app updates take Tauri's
//!   `AppHandle` and updater plugin, which no crate here may know);
//! - `shell_job`: a `job` the shell runs that way,
//!   `async fn NAME(app: tauri::AppHandle<R>, ARG…, job: Job)`; the UI sees
//!   it exactly as a `job` (same events, same `job_cancel`). One identifier,
//!   not `shell job`: every consumer matches `$kind:ident fn`, and a second
//!   optional identifier before `fn` would be ambiguous to `macro_rules!`.
//!
//! [`signatures`] checks only the `Api` kinds; a `shell` or `shell_job` entry
//! that does not match its function fails to compile in the shell's handler.
//! Either way the entry gets a permission (in the default set the capability
//! grants) and a binding like every other command.
//!
//! Types are named as `crate::types` exports them.

/// Calls `$callback! { … }` with every command (see the module docs).
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            /// Version, config file path and where secrets are kept.
            blocking fn app_info() -> AppInfo;
            /// All profiles, the one in use, the config path and keychain status.
            blocking fn profile_list() -> ProfileList;
            /// Adds a profile; fails with `alreadyExists` if the name is taken.
            blocking fn profile_add(input: ProfileInput) -> ProfileView;
            /// Replaces an existing profile's settings; stored secrets are kept.
            async fn profile_update(input: ProfileInput) -> ProfileView;
            /// Removes a profile and deletes its secrets from the keychain.
            async fn profile_remove(name: String) -> ProfileList;
            /// Makes a profile the one in use.
            blocking fn profile_use(name: String) -> ProfileList;
            /// Stores a secret of a profile in the OS keychain (memory only if there is none).
            blocking fn profile_set_secret(input: SecretInput) -> SecretStored;
            /// Deletes one stored secret of a profile.
            blocking fn profile_clear_secret(profile: String, kind: SecretKindView) -> ProfileView;
            /// Decodes, explains and verifies a token on this machine.
            async fn token_inspect(request: InspectRequest) -> Report;
            /// The profile's session (refreshed ahead of expiry, resumed from the
            /// keychain); signed out with a notice when there is none.
            async fn session_get(profile: Option<String>) -> SessionView;
            /// Renews the session with its refresh token now.
            async fn session_refresh(profile: Option<String>) -> SessionView;
            /// Revokes the refresh token, deletes it from the keychain, forgets the tokens.
            async fn session_sign_out(profile: Option<String>) -> SessionView;
            /// The session's access or ID token, only when the user asked to see it.
            blocking fn session_reveal_token(profile: Option<String>, which: SessionToken) -> RevealedToken;
            /// Starts a device sign-in; returns the code to show.
            async fn login_device_start(request: LoginRequest) -> DeviceLoginStarted;
            /// Starts a browser sign-in: opens the loopback listener and the system browser.
            async fn login_browser_start(request: LoginRequest) -> BrowserLoginStarted;
            /// Opens a started sign-in's page (authorization or device verification) in the browser again.
            blocking fn login_open_browser(login_id: u32) -> BrowserOpened;
            /// Waits for a started sign-in to finish; fails with `cancelled` after `login_cancel`.
            async fn login_wait(login_id: u32) -> SessionView;
            /// Cancels a sign-in in progress.
            blocking fn login_cancel(login_id: u32) -> ();
            /// Cancels a running job: it ends with a `cancelled` error.
            blocking fn job_cancel(job_id: JobId) -> ();
            /// Loads a tenant's APIs, roles, permissions and members, with the findings.
            job fn rbac_snapshot(request: SnapshotRequest) -> RbacOverview;
            /// A page of a role's members, from the loaded roles.
            blocking fn rbac_role_members(request: MembersRequest) -> MemberPage;
            /// Searches users: Auth0's Lucene syntax, or a name or e-mail.
            async fn users_search(request: UserSearchRequest) -> UsersPage;
            /// A user's roles and effective permissions, with their sources.
            async fn rbac_user(request: UserRequest) -> UserRbac;
            /// Why a user has a permission on an API, by every path; or why not.
            async fn rbac_explain(request: ExplainRequest) -> ExplainView;
            /// A token's permissions against what its user is granted now.
            async fn rbac_token_check(request: TokenCheckRequest) -> TokenCheckView;
            /// Two snapshots compared: saved files, or profiles' tenants as they are now.
            job fn rbac_diff(request: DiffRequest) -> DiffView;
            /// Saves the members of a loaded role as CSV or JSON in the export folder.
            blocking fn rbac_members_export(request: MembersExport) -> ExportSaved;
            /// Saves the loaded snapshot as a document to compare later.
            blocking fn rbac_snapshot_save(profile: Option<String>) -> ExportSaved;
            /// The snapshot documents saved in the export folder, newest first.
            blocking fn rbac_snapshot_files() -> Vec<SnapshotFile>;
            /// Saves a table the screen shows as CSV or JSON in the export folder.
            blocking fn export_table(request: TableExport) -> ExportSaved;
            /// Connects to the profile's graph and checks it: version, constraint, counts, mapping.
            async fn graph_status(profile: Option<String>) -> GraphStatus;
            /// A page of the graph's users whose ID or e-mail starts with the query.
            async fn graph_search(request: GraphSearchRequest) -> GraphPage;
            /// The nodes of one user ID with their relationships, and its Auth0 user.
            async fn graph_node(request: GraphNodeRequest) -> GraphNodeView;
            /// Saves every user a graph search finds as CSV or JSON in the export folder.
            job fn graph_export(request: GraphExportRequest) -> ExportSaved;
            /// Exports every Auth0 user with a users export job, into the export folder.
            job fn users_export(request: UsersExportRequest) -> UsersExported;
            /// Compares Auth0's users with the graph's and keeps the findings.
            job fn audit_run(request: AuditRequest) -> AuditOverview;
            /// A page of the loaded audit's findings.
            blocking fn audit_findings(request: FindingsRequest) -> FindingsPage;
            /// Saves the findings a request matches as CSV or JSON in the export folder.
            blocking fn audit_export(request: FindingsExport) -> ExportSaved;
            /// Saves the loaded audit as a report to compare later.
            blocking fn audit_report_save(profile: Option<String>) -> ExportSaved;
            /// The audit reports saved in the export folder, newest first.
            blocking fn audit_report_files() -> Vec<AuditReportFile>;
            /// The loaded audit against a saved report: new and fixed findings.
            blocking fn audit_compare(request: AuditCompareRequest) -> AuditComparison;
            /// What fixing the loaded audit's findings would do (nothing is changed).
            blocking fn audit_fix_plan(request: FixPlanRequest) -> FixPlanView;
            /// Applies the fix plan after the user confirmed it: links accounts, runs the Cypher.
            job fn audit_fix_apply(request: FixApplyRequest) -> FixApplied;
            /// Looks a customer up and reads their support card: account, blocks, access, logs.
            job fn support_lookup(request: SupportLookupRequest) -> SupportLookup;
            /// What a support fix will change and for whom (nothing is changed).
            blocking fn support_fix_describe(fix: SupportFix) -> FixDescription;
            /// Makes a confirmed support fix, records it in the action log, reads the state again.
            async fn support_fix_apply(request: SupportFixRequest) -> SupportFixDone;
            /// A page of the action log (every fix made at a tenant), newest first.
            blocking fn action_log_list(request: ActionLogRequest) -> ActionLogPage;
            /// Verifies the action log: its hash chain, and its end against the head in the keychain.
            blocking fn action_log_verify() -> ActionLogVerified;
            /// Saves the whole action log as CSV or JSON in the export folder.
            blocking fn action_log_export(format: ExportFormat) -> ExportSaved;
            /// Searches the tenant's logs (Auth0's search, or with `all` the whole log by
            /// checkpoint, filtered here); the events stream as batches.
            stream_job fn logs_search(request: LogsSearchRequest) -> LogsSummary;
            /// Follows the tenant's logs from the newest event until cancelled; the events
            /// stream as batches.
            stream_job fn logs_tail(request: LogsTailRequest) -> LogsSummary;
            /// Whether this build has updates on, without asking any server.
            shell fn update_settings() -> UpdateSettings;
            /// Asks the update server (when updates are on) for a newer version.
            shell fn update_check() -> UpdateStatus;
            /// Downloads the update the last check found, checks its signature and installs it.
            shell_job fn update_install() -> UpdateInstalled;
        }
    };
}

/// Fails to compile unless every command of the table is an [`Api`](crate::Api)
/// method with the table's arguments, result and kind.
#[allow(dead_code, clippy::unused_unit)]
mod signatures {
    use crate::types::*;
    use crate::{Api, ApiError, Report};

    macro_rules! check {
        ($( $( #[doc = $doc:literal] )+ $kind:ident fn $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty; )*) => {
            $( check!(@one $kind $name ( $( $arg : $ty ),* ) -> $ret); )*
        };
        (@one blocking $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
            fn $name(api: &Api, $( $arg: $ty ),*) -> Result<$ret, ApiError> {
                api.$name($( $arg ),*)
            }
        };
        (@one async $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
            async fn $name(api: &Api, $( $arg: $ty ),*) -> Result<$ret, ApiError> {
                api.$name($( $arg ),*).await
            }
        };
        (@one stream_job $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
            check!(@one job $name ( $( $arg : $ty ),* ) -> $ret);
        };
        (@one job $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
            async fn $name(api: &Api, $( $arg: $ty, )* job: idlens_job::Job) -> Result<$ret, ApiError> {
                api.$name($( $arg, )* job).await
            }
        };
        // Functions of the shell, checked where the shell's handler calls them.
        (@one shell $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {};
        (@one shell_job $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {};
    }

    crate::for_each_command!(check);
}
