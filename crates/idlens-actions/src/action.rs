//! What a support person can do to a customer's account, declared once.

use serde::{Deserialize, Serialize};

/// One kind of fix IdLens makes at a tenant. The log, the API and the UI
/// name actions only through this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
// Named apart from TypeScript's `Record` and other boundary types.
#[cfg_attr(feature = "ts", ts(rename = "ActionKind"))]
#[serde(rename_all = "camelCase")]
pub enum Action {
    /// `DELETE /api/v2/user-blocks?identifier=`: every IP at once.
    RemoveBruteForceBlocks,
    /// `PATCH /api/v2/users/{id}` with `blocked: true`.
    Block,
    /// `PATCH /api/v2/users/{id}` with `blocked: false`.
    Unblock,
    /// `POST /api/v2/jobs/verification-email`.
    SendVerificationEmail,
    /// `POST /api/v2/tickets/password-change`. The ticket's link is a
    /// credential: the log records that one was made, never the link.
    CreatePasswordChangeTicket,
    /// `DELETE /api/v2/users/{id}/authentication-methods`.
    ResetMfa,
    /// `DELETE /api/v2/users/{id}/authentication-methods/{method}`.
    DeleteAuthenticationMethod,
    /// `POST /api/v2/users/{id}/multifactor/actions/invalidate-remember-browser`.
    ForgetRememberedBrowsers,
    /// `DELETE /api/v2/users/{id}/sessions`.
    RevokeSessions,
    /// `DELETE /api/v2/users/{id}/refresh-tokens`.
    RevokeRefreshTokens,
    /// `POST /api/v2/users/{id}/roles`.
    AssignRole,
    /// `DELETE /api/v2/users/{id}/roles`.
    RemoveRole,
}

impl Action {
    /// Every action, once (for tables the UI enumerates).
    pub const ALL: [Action; 12] = [
        Action::RemoveBruteForceBlocks,
        Action::Block,
        Action::Unblock,
        Action::SendVerificationEmail,
        Action::CreatePasswordChangeTicket,
        Action::ResetMfa,
        Action::DeleteAuthenticationMethod,
        Action::ForgetRememberedBrowsers,
        Action::RevokeSessions,
        Action::RevokeRefreshTokens,
        Action::AssignRole,
        Action::RemoveRole,
    ];

    /// The action in a few words, for a list or a CSV cell.
    pub fn words(self) -> &'static str {
        match self {
            Action::RemoveBruteForceBlocks => "removed the brute-force blocks of an identifier",
            Action::Block => "blocked the user",
            Action::Unblock => "unblocked the user",
            Action::SendVerificationEmail => "sent the verification e-mail again",
            Action::CreatePasswordChangeTicket => "created a password-change ticket",
            Action::ResetMfa => "reset MFA (deleted every authentication method)",
            Action::DeleteAuthenticationMethod => "deleted one authentication method",
            Action::ForgetRememberedBrowsers => "forgot the remembered browsers",
            Action::RevokeSessions => "revoked the sessions",
            Action::RevokeRefreshTokens => "revoked the refresh tokens",
            Action::AssignRole => "assigned a role",
            Action::RemoveRole => "removed a role",
        }
    }

    /// The name the log and `--json` use (`removeBruteForceBlocks`).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::RemoveBruteForceBlocks => "removeBruteForceBlocks",
            Action::Block => "block",
            Action::Unblock => "unblock",
            Action::SendVerificationEmail => "sendVerificationEmail",
            Action::CreatePasswordChangeTicket => "createPasswordChangeTicket",
            Action::ResetMfa => "resetMfa",
            Action::DeleteAuthenticationMethod => "deleteAuthenticationMethod",
            Action::ForgetRememberedBrowsers => "forgetRememberedBrowsers",
            Action::RevokeSessions => "revokeSessions",
            Action::RevokeRefreshTokens => "revokeRefreshTokens",
            Action::AssignRole => "assignRole",
            Action::RemoveRole => "removeRole",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_is_named_as_serde_names_it_and_has_distinct_words() {
        let mut words = std::collections::HashSet::new();
        for action in Action::ALL {
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.as_str()));
            assert!(words.insert(action.words()), "{action:?}");
        }
    }
}
