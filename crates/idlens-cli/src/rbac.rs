//! `idlens users|roles|apis|permissions|rbac`: the tenant's users and RBAC
//! through the Management API, as text or `--json`.

use std::process::ExitCode;

use idlens_api::rbac::Depth;
use idlens_api::types::{
    DiffRequest, DiffView, EffectiveView, ExplainRequest, MemberKey, PermissionView,
    SnapshotSource, SourceView, TokenCheckRequest, TokenToCheck, UserRequest, UserSearchRequest,
    UserSummary, UsersExportRequest,
};
use idlens_api::{Api, ApiError, ErrorCode};
use idlens_secret::Secret;

use crate::args::{ApisCommand, PermissionsCommand, RbacCommand, RolesCommand, UsersCommand};
use crate::output::{self, say};
use crate::progress::run_job;
use crate::terminal::Untrusted;
use crate::{block_on, EXIT_FINDING};
use idlens_api::types::SupportFix;

pub fn users_json(c: &UsersCommand) -> bool {
    match c {
        UsersCommand::Search { output, .. }
        | UsersCommand::Show { output, .. }
        | UsersCommand::Export { output, .. } => output.json,
        UsersCommand::Fix(fix) => fix.fix_args().output.json,
    }
}

pub fn roles_json(c: &RolesCommand) -> bool {
    match c {
        RolesCommand::List { output, .. } | RolesCommand::Show { output, .. } => output.json,
        RolesCommand::Assign { fix, .. } | RolesCommand::Remove { fix, .. } => fix.output.json,
    }
}

pub fn apis_json(c: &ApisCommand) -> bool {
    match c {
        ApisCommand::List { output, .. } => output.json,
    }
}

pub fn permissions_json(c: &PermissionsCommand) -> bool {
    match c {
        PermissionsCommand::Explain { output, .. } | PermissionsCommand::Check { output, .. } => {
            output.json
        }
    }
}

pub fn rbac_json(c: &RbacCommand) -> bool {
    match c {
        RbacCommand::Snapshot { output, .. }
        | RbacCommand::Diff { output, .. }
        | RbacCommand::Findings { output, .. } => output.json,
    }
}

pub fn users(api: &Api, command: UsersCommand) -> Result<ExitCode, ApiError> {
    match command {
        UsersCommand::Fix(fix) => crate::fixes::users(api, fix),
        UsersCommand::Search {
            query,
            page,
            selector,
            output,
        } => {
            let request = UserSearchRequest {
                profile: selector.profile,
                query,
                page,
            };
            let found = block_on(api.users_search(request))??;
            if output.json {
                output::json(&found);
                return Ok(ExitCode::SUCCESS);
            }
            let rows: Vec<Vec<String>> = found.users.iter().map(user_row).collect();
            say!(
                "{}",
                output::table(
                    &["USER ID", "E-MAIL", "VERIFIED", "NAME", "LAST LOGIN"],
                    &rows
                )
            );
            let shown_to =
                u64::from(found.page) * u64::from(found.per_page) + found.users.len() as u64;
            match found.total {
                Some(total) => say!(
                    "\n{shown_to} of {total} matching users (page {}).",
                    found.page
                ),
                None => say!(
                    "\n{shown_to} matching users so far (page {}); Auth0 gave no total, so how many match is unknown.",
                    found.page
                ),
            }
            if found.capped {
                say!("More than 1,000 users match: a search shows at most 1,000. Narrow the query, or export all users: `idlens users export`.");
            }
            Ok(ExitCode::SUCCESS)
        }
        UsersCommand::Show {
            user_id,
            selector,
            output,
        } => {
            let rbac = block_on(api.rbac_user(UserRequest {
                profile: selector.profile,
                user_id,
            }))??;
            if output.json {
                output::json(&rbac);
                return Ok(ExitCode::SUCCESS);
            }
            print_user(&rbac.user);
            let roles: Vec<String> = rbac.roles.iter().map(|r| r.name.clone()).collect();
            say!("Roles:       {}", Untrusted(&or_none(&roles.join(", "))));
            say!("\nPermissions");
            let rows: Vec<Vec<String>> = rbac.permissions.iter().map(effective_row).collect();
            say!("{}", output::table(&["  API", "PERMISSION", "FROM"], &rows));
            Ok(ExitCode::SUCCESS)
        }
        UsersCommand::Export {
            out,
            connection,
            job_deadline,
            selector,
            output,
        } => {
            let request = UsersExportRequest {
                profile: selector.profile,
                connection,
                job_deadline: job_deadline.map(|d| d.to_string()),
            };
            crate::audit::users_export(api, request, out, output.json)
        }
    }
}

fn or_none(text: &str) -> String {
    if text.is_empty() {
        "(none)".to_owned()
    } else {
        text.to_owned()
    }
}

fn user_row(user: &UserSummary) -> Vec<String> {
    let u = &user.facts;
    vec![
        u.user_id.clone(),
        u.email.clone().unwrap_or_default(),
        match u.email_verified {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        }
        .to_owned(),
        u.name.clone().unwrap_or_default(),
        u.last_login.clone().unwrap_or_default(),
    ]
}

fn print_user(user: &UserSummary) {
    let u = &user.facts;
    say!("User:        {}", Untrusted(&u.user_id));
    if let Some(email) = &u.email {
        let verified = if u.email_verified == Some(false) {
            " (unverified)"
        } else {
            ""
        };
        say!("E-mail:      {}{verified}", Untrusted(email));
    }
    if let Some(name) = &u.name {
        say!("Name:        {}", Untrusted(name));
    }
    if !user.linked.is_empty() {
        say!("Linked:      {}", Untrusted(&user.linked.join(", ")));
    }
}

fn sources(sources: &[SourceView]) -> String {
    sources
        .iter()
        .map(|s| match s {
            SourceView::Direct => "direct".to_owned(),
            SourceView::Role { name, .. } => format!("role {name}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn permission_name(p: &PermissionView) -> String {
    if p.defined {
        p.name.clone()
    } else {
        format!("{} (the API no longer defines it)", p.name)
    }
}

fn effective_row(e: &EffectiveView) -> Vec<String> {
    vec![
        format!("  {}", e.permission.api_name),
        permission_name(&e.permission),
        sources(&e.sources),
    ]
}

pub fn roles(api: &Api, command: RolesCommand) -> Result<ExitCode, ApiError> {
    match command {
        RolesCommand::Assign { role, user_id, fix } => {
            crate::fixes::apply(api, SupportFix::AssignRole { user_id, role }, fix)
        }
        RolesCommand::Remove { role, user_id, fix } => {
            crate::fixes::apply(api, SupportFix::RemoveRole { user_id, role }, fix)
        }
        RolesCommand::List { selector, output } => {
            let roles = run_job(output.json, |job| async move {
                api.rbac_roles_list(selector.profile, &job).await
            })?;
            if output.json {
                output::json(&roles);
                return Ok(ExitCode::SUCCESS);
            }
            let rows: Vec<Vec<String>> = roles
                .iter()
                .map(|r| {
                    vec![
                        r.name.clone(),
                        r.id.clone(),
                        r.member_count.to_string(),
                        r.permissions.len().to_string(),
                        r.description.clone(),
                    ]
                })
                .collect();
            say!(
                "{}",
                output::table(
                    &["ROLE", "ID", "MEMBERS", "PERMISSIONS", "DESCRIPTION"],
                    &rows
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        RolesCommand::Show {
            role,
            selector,
            output,
        } => {
            let detail = run_job(output.json, |job| async move {
                api.rbac_role_detail(selector.profile, &role, &job).await
            })?;
            if output.json {
                output::json(&detail);
                return Ok(ExitCode::SUCCESS);
            }
            say!(
                "Role:        {} ({})",
                Untrusted(&detail.role.name),
                Untrusted(&detail.role.id)
            );
            if !detail.role.description.is_empty() {
                say!("About:       {}", Untrusted(&detail.role.description));
            }
            say!("\nPermissions ({})", detail.role.permissions.len());
            let rows: Vec<Vec<String>> = detail
                .role
                .permissions
                .iter()
                .map(|p| vec![format!("  {}", p.api_name), permission_name(p)])
                .collect();
            say!("{}", output::table(&["  API", "PERMISSION"], &rows));
            say!("\nMembers ({})", detail.members.len());
            let rows: Vec<Vec<String>> = detail
                .members
                .iter()
                .map(|m| {
                    vec![
                        format!("  {}", m.user_id),
                        m.email.clone().unwrap_or_default(),
                        m.name.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            say!("{}", output::table(&["  USER ID", "E-MAIL", "NAME"], &rows));
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn apis(api: &Api, command: ApisCommand) -> Result<ExitCode, ApiError> {
    let ApisCommand::List { selector, output } = command;
    let apis = run_job(output.json, |job| async move {
        api.rbac_apis_list(selector.profile, &job).await
    })?;
    if output.json {
        output::json(&apis);
        return Ok(ExitCode::SUCCESS);
    }
    for api in &apis {
        let system = if api.system {
            " — Auth0's own; roles cannot grant its scopes"
        } else {
            ""
        };
        say!(
            "{} ({}){system}",
            Untrusted(&api.name),
            Untrusted(&api.identifier)
        );
        let rows: Vec<Vec<String>> = api
            .scopes
            .iter()
            .map(|s| {
                vec![
                    format!("  {}", s.value),
                    or_none(&s.granted_by.join(", ")),
                    s.description.clone(),
                ]
            })
            .collect();
        say!(
            "{}\n",
            output::table(&["  SCOPE", "GRANTED BY", "DESCRIPTION"], &rows)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn permissions(api: &Api, command: PermissionsCommand) -> Result<ExitCode, ApiError> {
    match command {
        PermissionsCommand::Explain {
            user_id,
            permission,
            api: api_id,
            selector,
            output,
        } => {
            let request = ExplainRequest {
                profile: selector.profile,
                user_id,
                permission,
                api: api_id,
            };
            explain(api, request, output.json)
        }
        PermissionsCommand::Check {
            token,
            selector,
            output,
        } => {
            let request = TokenCheckRequest {
                profile: selector.profile,
                token: TokenToCheck::Pasted {
                    token: read_token(&token)?,
                },
            };
            check(api, request, output.json)
        }
    }
}

/// Exit 0 for a positive answer, 1 for a negative one.
fn answer(positive: bool) -> ExitCode {
    if positive {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDING)
    }
}

fn explain(api: &Api, request: ExplainRequest, json: bool) -> Result<ExitCode, ApiError> {
    let view = block_on(api.rbac_explain(request))??;
    if json {
        output::json(&view);
        return Ok(answer(view.granted));
    }
    print_user(&view.user);
    for answer in &view.answers {
        let api_name = answer
            .api_name
            .clone()
            .unwrap_or_else(|| answer.api.clone());
        let mark = if answer.granted {
            "GRANTED"
        } else {
            "NOT GRANTED"
        };
        say!(
            "\n{mark}: {} on {}",
            Untrusted(&view.permission),
            Untrusted(&api_name)
        );
        say!("  {}", Untrusted(&answer.reason));
    }
    Ok(answer(view.granted))
}

fn check(api: &Api, request: TokenCheckRequest, json: bool) -> Result<ExitCode, ApiError> {
    let check = block_on(api.rbac_token_check(request))??;
    if json {
        output::json(&check);
        return Ok(answer(check.matches));
    }
    say!("{}", Untrusted(&check.verdict));
    say!(
        "Token for:   {} (user {})",
        Untrusted(&check.api),
        Untrusted(&check.subject)
    );
    let list = |items: &[String]| Untrusted(&or_none(&items.join(" "))).to_string();
    say!("Matching:    {}", list(&check.matching));
    say!("Missing:     {}", list(&check.missing));
    say!("Revoked:     {}", list(&check.extra));
    Ok(answer(check.matches))
}

/// The token from the argument, or standard input for `-`.
pub(crate) fn read_token(arg: &str) -> Result<Secret, ApiError> {
    if arg != "-" {
        return Ok(Secret::new(arg));
    }
    let text = crate::stdin_secret::read("the token", idlens_api::inspect::MAX_INPUT_LEN as usize)?;
    if text.trim().is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "no token given: pass it as an argument or pipe it in",
        ));
    }
    Ok(Secret::new(text.trim()))
}

pub fn rbac(api: &Api, command: RbacCommand) -> Result<ExitCode, ApiError> {
    match command {
        RbacCommand::Snapshot {
            out,
            with_users,
            selector,
            output,
        } => {
            let depth = Depth {
                members: true,
                users: with_users,
            };
            snapshot(api, selector.profile, depth, out, output.json)
        }
        RbacCommand::Diff {
            a,
            b,
            selector,
            output,
        } => {
            let request = DiffRequest {
                a: snapshot_source(api, &a, selector.profile.as_deref())?,
                b: snapshot_source(api, &b, selector.profile.as_deref())?,
            };
            diff(api, request, output.json)
        }
        RbacCommand::Findings {
            with_users,
            selector,
            output,
        } => findings(api, selector.profile, with_users, output.json),
    }
}

fn snapshot(
    api: &Api,
    profile: Option<String>,
    depth: Depth,
    out: Option<std::path::PathBuf>,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let quiet = json || out.is_none() && !std::io::IsTerminal::is_terminal(&std::io::stdout());
    let snapshot = run_job(quiet && out.is_none(), |job| async move {
        api.rbac_snapshot_document(profile, depth, &job).await
    })?;
    let Some(path) = out else {
        output::json(&snapshot);
        return Ok(ExitCode::SUCCESS);
    };
    let text = serde_json::to_string_pretty(&snapshot).expect("snapshots serialize");
    idlens_export::write_atomically(&path, text.as_bytes()).map_err(ApiError::from)?;
    let members: usize = snapshot.roles.iter().map(|r| r.members.len()).sum();
    say!(
        "Wrote {} ({} APIs, {} roles, {members} role members).",
        path.display(),
        snapshot.apis.len(),
        snapshot.roles.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn diff(api: &Api, request: DiffRequest, json: bool) -> Result<ExitCode, ApiError> {
    let diff = run_job(json, |job| async move { api.rbac_diff(request, job).await })?;
    if json {
        output::json(&diff);
    } else {
        print_diff(&diff);
    }
    Ok(answer(diff.identical))
}

fn findings(
    api: &Api,
    profile: Option<String>,
    with_users: bool,
    json: bool,
) -> Result<ExitCode, ApiError> {
    let found = run_job(json, |job| async move {
        api.rbac_findings(profile, with_users, &job).await
    })?;
    if json {
        output::json(&found);
        return Ok(answer(found.is_empty()));
    }
    for f in &found {
        say!("{}: {}", f.title, Untrusted(&f.subject));
        if !f.items.is_empty() {
            say!("  {}", Untrusted(&f.items.join(", ")));
        }
    }
    if !with_users {
        say!("\nDirect grants to users were not checked: add --with-users (one request per user).");
    }
    Ok(answer(found.is_empty()))
}

/// `profile:NAME`; `profile:` alone for `--profile`'s (else the one in
/// use); else a file (then `--profile` plays no part).
fn snapshot_source(
    api: &Api,
    text: &str,
    selected: Option<&str>,
) -> Result<SnapshotSource, ApiError> {
    let name = match text.strip_prefix("profile:") {
        None => {
            return Ok(SnapshotSource::File {
                path: text.to_owned(),
            })
        }
        Some("") => match selected {
            Some(name) => name.to_owned(),
            None => api
                .profile_list()?
                .current
                .ok_or_else(|| ApiError::from(idlens_profile::StoreError::NoneInUse))?,
        },
        Some(name) => name.to_owned(),
    };
    Ok(SnapshotSource::Profile { name })
}

fn print_diff(diff: &DiffView) {
    say!("A: {}", Untrusted(&diff.a));
    say!("B: {}", Untrusted(&diff.b));
    if diff.identical {
        say!("\nNo differences.");
        return;
    }
    let changes = &diff.changes;
    let list = |label: &str, items: &[String]| {
        if !items.is_empty() {
            say!("{label}: {}", Untrusted(&items.join(", ")));
        }
    };
    say!("");
    list("APIs only in B", &changes.apis_added);
    list("APIs only in A", &changes.apis_removed);
    for change in &changes.apis_changed {
        say!("API {}", Untrusted(&change.api));
        list("  scopes added", &change.scopes_added);
        list("  scopes removed", &change.scopes_removed);
        if let Some(before) = &change.renamed_from {
            say!("  renamed from {}", Untrusted(before));
        }
    }
    list("Roles only in B", &changes.roles_added);
    list("Roles only in A", &changes.roles_removed);
    for change in &changes.roles_changed {
        say!("Role {}", Untrusted(&change.role));
        list("  permissions added", &change.permissions_added);
        list("  permissions removed", &change.permissions_removed);
        list("  members added", &change.members_added);
        list("  members removed", &change.members_removed);
        if change.description_changed {
            say!("  description changed");
        }
    }
    let key = match diff.members_matched_by {
        MemberKey::UserId => "user id",
        MemberKey::Email => "email",
    };
    say!("\nMembers were matched by {key}.");
}
