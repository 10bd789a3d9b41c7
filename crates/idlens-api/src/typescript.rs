//! Generates `ui/src/bindings.ts`: a TypeScript declaration for every boundary
//! type and a typed function for every command. The `bindings` test compares
//! the checked-in file with [`bindings`] and fails when it is stale
//! (`UPDATE_EXPECT=1 cargo test -p idlens-api --test api` refreshes it).

use idlens_token::{
    Check, CheckName, CheckStatus, ClaimCategory, ClaimExplanation, KeyFreshness, KeyUsed,
    KeysStatus, Report, Tenant, TimeExplanation, TokenKind,
};
use ts_rs::TS;

use crate::error::{ApiError, ErrorCode};
use crate::types::*;

/// One command of the desktop shell, as the UI calls it.
pub struct CommandSpec {
    /// The Tauri command name (snake_case), also the `Api` method's name.
    pub name: &'static str,
    pub doc: &'static str,
    /// `blocking`, `async`, `job`, `shell` or `shell_job`, as
    /// [`for_each_command!`](crate::for_each_command) declares it.
    pub kind: &'static str,
    /// Argument names as Rust declares them; Tauri expects them camelCased.
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

impl CommandSpec {
    /// Whether the command answers with a job id and streams [`JobEvent`]s.
    pub fn is_job(&self) -> bool {
        matches!(self.kind, "job" | "shell_job")
    }
}

macro_rules! command_specs {
    ($( $( #[doc = $doc:literal] )+ $kind:ident fn $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty; )*) => {
        /// Every command the desktop shell registers, in the table's order.
        pub fn commands() -> Vec<CommandSpec> {
            vec![$(CommandSpec {
                name: stringify!($name),
                // Doc lines each start with a space, so they join into one sentence.
                doc: concat!($($doc),+).trim(),
                kind: stringify!($kind),
                args: vec![$( (stringify!($arg), <$ty as TS>::name()) ),*],
                returns: <$ret as TS>::name(),
            }),*]
        }
    };
}

crate::for_each_command!(command_specs);

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn declarations() -> Vec<String> {
    vec![
        ErrorCode::decl(),
        ApiError::decl(),
        AppInfo::decl(),
        KeychainView::decl(),
        ProfileList::decl(),
        ProfileView::decl(),
        ProfileInput::decl(),
        ProviderView::decl(),
        ManagementInput::decl(),
        Neo4jInput::decl(),
        Neo4jTransportWarningView::decl(),
        Neo4jTransportKind::decl(),
        GraphMappingInput::decl(),
        SecretKindView::decl(),
        SecretInput::decl(),
        SecretStored::decl(),
        InspectRequest::decl(),
        InspectSettings::decl(),
        KeySourceInput::decl(),
        Report::decl(),
        TokenKind::decl(),
        Tenant::decl(),
        ClaimExplanation::decl(),
        ClaimCategory::decl(),
        TimeExplanation::decl(),
        Check::decl(),
        CheckName::decl(),
        CheckStatus::decl(),
        KeyUsed::decl(),
        KeysStatus::decl(),
        KeyFreshness::decl(),
        LoginRequest::decl(),
        DeviceLoginStarted::decl(),
        QrCodeView::decl(),
        BrowserLoginStarted::decl(),
        BrowserOpened::decl(),
        SessionView::decl(),
        SessionUser::decl(),
        AccessView::decl(),
        RefreshTokenPlace::decl(),
        SessionToken::decl(),
        RevealedToken::decl(),
        JobId::decl(),
        JobProgress::decl(),
        JobEvent::<ts_rs::Dummy>::decl(),
        SnapshotRequest::decl(),
        RbacOverview::decl(),
        ApiView::decl(),
        ScopeView::decl(),
        RoleSummary::decl(),
        PermissionView::decl(),
        FindingView::decl(),
        MembersRequest::decl(),
        MemberPage::decl(),
        MemberView::decl(),
        UserSearchRequest::decl(),
        UsersPage::decl(),
        UserSummary::decl(),
        UserRequest::decl(),
        UserRbac::decl(),
        RoleRef::decl(),
        EffectiveView::decl(),
        SourceView::decl(),
        ExplainRequest::decl(),
        ExplainView::decl(),
        ExplainAnswer::decl(),
        TokenCheckRequest::decl(),
        TokenToCheck::decl(),
        TokenCheckView::decl(),
        DiffRequest::decl(),
        SnapshotSource::decl(),
        DiffView::decl(),
        ApiChangeView::decl(),
        RoleChangeView::decl(),
        MembersExport::decl(),
        SnapshotFile::decl(),
        ExportFormat::decl(),
        TableExport::decl(),
        ExportSaved::decl(),
        GraphStatus::decl(),
        PropertyCheckView::decl(),
        GraphSearchRequest::decl(),
        GraphPage::decl(),
        GraphUserView::decl(),
        GraphNodeRequest::decl(),
        GraphNodeView::decl(),
        NodeView::decl(),
        PropertyView::decl(),
        RelationshipView::decl(),
        Auth0Side::decl(),
        GraphExportRequest::decl(),
        AuditAuth0Source::decl(),
        AuditGraphSource::decl(),
        AuditRequest::decl(),
        AuditMappingOverride::decl(),
        FindingKind::decl(),
        KindCount::decl(),
        AuditOverview::decl(),
        AuditSourceView::decl(),
        FindingsRequest::decl(),
        FindingsPage::decl(),
        AuditFindingView::decl(),
        Auth0UserView::decl(),
        FieldDriftView::decl(),
        FindingsExport::decl(),
        AuditReportFile::decl(),
        AuditCompareRequest::decl(),
        AuditComparison::decl(),
        KindChange::decl(),
        ComparedFinding::decl(),
        PrimaryOverride::decl(),
        FixPlanRequest::decl(),
        FixPlanView::decl(),
        LinkCallView::decl(),
        PlanSectionView::decl(),
        FixApplyRequest::decl(),
        FixApplied::decl(),
        UsersExportRequest::decl(),
        UsersExported::decl(),
        UpdateSettings::decl(),
        UpdateStatus::decl(),
        UpdateAvailable::decl(),
        UpdateInstalled::decl(),
    ]
}

/// The full text of `ui/src/bindings.ts`.
pub fn bindings() -> String {
    let mut out = String::from(
        "// Generated from crates/idlens-api by `UPDATE_EXPECT=1 cargo test -p idlens-api --test api`.\n\
         // Do not edit by hand: change the Rust types and regenerate.\n\n\
         import { call, job } from \"./ipc\";\n\n",
    );
    for decl in declarations() {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str(
        "/** Every command of the desktop shell. Rejections are always an `ApiError`. */\n",
    );
    out.push_str("export const commands = {\n");
    for cmd in commands() {
        let params: Vec<String> = cmd
            .args
            .iter()
            .map(|(name, ty)| format!("{}: {ty}", camel_case(name)))
            .collect();
        let arg_object = if cmd.args.is_empty() {
            String::new()
        } else {
            let keys: Vec<String> = cmd.args.iter().map(|(n, _)| camel_case(n)).collect();
            format!(", {{ {} }}", keys.join(", "))
        };
        let returns = if cmd.returns == "null" {
            "void".to_owned()
        } else {
            cmd.returns.clone()
        };
        let line = if cmd.is_job() {
            let mut params = params.clone();
            params.push(format!("onEvent: (event: JobEvent<{returns}>) => void"));
            let args = if cmd.args.is_empty() {
                "{}".to_owned()
            } else {
                arg_object.trim_start_matches(", ").to_owned()
            };
            format!(
                "  /** {} Streams its progress and result to `onEvent`; cancel with `jobCancel`. */\n  {}: ({}): Promise<JobId> => job<{returns}>(\"{}\", {args}, onEvent),\n",
                cmd.doc,
                camel_case(cmd.name),
                params.join(", "),
                cmd.name,
            )
        } else {
            format!(
                "  /** {} */\n  {}: ({}): Promise<{returns}> => call<{returns}>(\"{}\"{arg_object}),\n",
                cmd.doc,
                camel_case(cmd.name),
                params.join(", "),
                cmd.name,
            )
        };
        out.push_str(&line);
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn camel_case_matches_tauri_argument_naming() {
        assert_eq!(super::camel_case("profile_set_secret"), "profileSetSecret");
        assert_eq!(super::camel_case("name"), "name");
    }
}
