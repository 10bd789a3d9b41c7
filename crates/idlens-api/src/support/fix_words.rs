//! What each fix is, in words: the confirmation names the change and the
//! user, says what it leaves alone, and the scope it needs. The GUI's
//! dialog and the CLI's prompt both show this, and the action log records
//! `changes`.

use idlens_actions::{Action, Target};

use super::fix_types::{FixDescription, SupportFix};

fn describe(title: &str, changes: String, note: &str, scope: &str) -> FixDescription {
    FixDescription {
        title: title.to_owned(),
        changes,
        note: note.to_owned(),
        scope: scope.to_owned(),
    }
}

impl SupportFix {
    /// What the fix changes, for whom, and the scope it needs.
    pub fn describe(&self) -> FixDescription {
        use SupportFix as F;
        match self {
            F::RemoveBlocks { identifier } => describe(
                "Remove the brute-force blocks",
                format!("Removes every brute-force block on {identifier}, from every IP."),
                "An administrator's block on the user stays; the failed-attempt count starts again.",
                "update:users",
            ),
            F::Block { user_id } => describe(
                "Block the user",
                format!("Blocks {user_id} as an administrator: every sign-in fails until unblocked."),
                "The block never expires. Tokens already issued keep working until they expire.",
                "update:users",
            ),
            F::Unblock { user_id } => describe(
                "Unblock the user",
                format!("Lifts the administrator's block on {user_id}."),
                "Brute-force blocks on the user's e-mail stay: remove them apart.",
                "update:users",
            ),
            F::SendVerificationEmail { user_id } => describe(
                "Send the verification e-mail again",
                format!("Asks Auth0 to e-mail {user_id} a new verification link."),
                "Auth0 sends it; IdLens sees no mail. A verified e-mail is refused by Auth0.",
                "update:users",
            ),
            F::PasswordTicket { user_id } => describe(
                "Create a password-change link",
                format!("Creates a password-change ticket for {user_id}: a link, shown here to copy."),
                "Whoever opens the link sets the password: give it to the customer only. IdLens never e-mails it.",
                "create:user_tickets",
            ),
            F::ResetMfa { user_id } => describe(
                "Reset MFA",
                format!("Deletes every MFA authentication method of {user_id}."),
                "The customer enrolls again at their next sign-in, if the tenant requires MFA.",
                "delete:authentication_methods",
            ),
            F::DeleteMfaMethod { user_id, method_id } => describe(
                "Delete the MFA method",
                format!("Deletes the MFA authentication method {method_id} of {user_id}."),
                "Other methods stay.",
                "delete:authentication_methods",
            ),
            F::ForgetBrowsers { user_id } => describe(
                "Forget remembered browsers",
                format!("Makes every browser {user_id} chose to remember ask for MFA again."),
                "Sessions and methods stay.",
                "update:users",
            ),
            F::RevokeSessions { user_id } => describe(
                "Revoke the sessions",
                format!("Ends every session of {user_id}: each browser signs in again."),
                "Refresh tokens stay: revoke them apart.",
                "delete:sessions",
            ),
            F::RevokeRefreshTokens { user_id } => describe(
                "Revoke the refresh tokens",
                format!("Revokes every refresh token of {user_id}: apps sign in again."),
                "Access tokens already issued work until they expire.",
                "delete:refresh_tokens",
            ),
            F::AssignRole { user_id, role } => describe(
                "Assign the role",
                format!("Gives {user_id} the role {role}."),
                "Tokens already issued do not carry it until they are renewed.",
                "update:users",
            ),
            F::RemoveRole { user_id, role } => describe(
                "Remove the role",
                format!("Takes the role {role} away from {user_id}."),
                "Tokens already issued keep its permissions until they expire.",
                "update:users",
            ),
        }
    }

    /// The action log's kind of this fix.
    pub fn action(&self) -> Action {
        use SupportFix as F;
        match self {
            F::RemoveBlocks { .. } => Action::RemoveBruteForceBlocks,
            F::Block { .. } => Action::Block,
            F::Unblock { .. } => Action::Unblock,
            F::SendVerificationEmail { .. } => Action::SendVerificationEmail,
            F::PasswordTicket { .. } => Action::CreatePasswordChangeTicket,
            F::ResetMfa { .. } => Action::ResetMfa,
            F::DeleteMfaMethod { .. } => Action::DeleteAuthenticationMethod,
            F::ForgetBrowsers { .. } => Action::ForgetRememberedBrowsers,
            F::RevokeSessions { .. } => Action::RevokeSessions,
            F::RevokeRefreshTokens { .. } => Action::RevokeRefreshTokens,
            F::AssignRole { .. } => Action::AssignRole,
            F::RemoveRole { .. } => Action::RemoveRole,
        }
    }

    /// Whom the fix is for, as the action log records it.
    pub fn target(&self) -> Target {
        match self {
            SupportFix::RemoveBlocks { identifier } => Target {
                user_id: None,
                identifier: Some(identifier.clone()),
            },
            other => Target {
                user_id: other.user_id().map(str::to_owned),
                identifier: None,
            },
        }
    }

    /// The user the fix is for; `None` for an identifier's blocks.
    pub fn user_id(&self) -> Option<&str> {
        use SupportFix as F;
        match self {
            F::RemoveBlocks { .. } => None,
            F::Block { user_id }
            | F::Unblock { user_id }
            | F::SendVerificationEmail { user_id }
            | F::PasswordTicket { user_id }
            | F::ResetMfa { user_id }
            | F::DeleteMfaMethod { user_id, .. }
            | F::ForgetBrowsers { user_id }
            | F::RevokeSessions { user_id }
            | F::RevokeRefreshTokens { user_id }
            | F::AssignRole { user_id, .. }
            | F::RemoveRole { user_id, .. } => Some(user_id),
        }
    }
}
