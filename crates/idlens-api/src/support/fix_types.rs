//! The Support desk's guarded fixes at the boundary: what support asks to
//! change, what IdLens says it will change (the confirmation's words, one
//! declaration for the GUI's dialog and the CLI's prompt), and the result.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::RevealedTicket;
use crate::actions::types::ActionRecord;

/// One change at the tenant, for one user or identifier.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SupportFix {
    /// Removes every brute-force block on an e-mail, username or phone
    /// (Auth0 removes them for every IP at once).
    RemoveBlocks { identifier: String },
    #[serde(rename_all = "camelCase")]
    Block { user_id: String },
    #[serde(rename_all = "camelCase")]
    Unblock { user_id: String },
    #[serde(rename_all = "camelCase")]
    SendVerificationEmail { user_id: String },
    #[serde(rename_all = "camelCase")]
    PasswordTicket { user_id: String },
    #[serde(rename_all = "camelCase")]
    ResetMfa { user_id: String },
    #[serde(rename_all = "camelCase")]
    DeleteMfaMethod { user_id: String, method_id: String },
    #[serde(rename_all = "camelCase")]
    ForgetBrowsers { user_id: String },
    #[serde(rename_all = "camelCase")]
    RevokeSessions { user_id: String },
    #[serde(rename_all = "camelCase")]
    RevokeRefreshTokens { user_id: String },
    /// `role`: its name or ID.
    #[serde(rename_all = "camelCase")]
    AssignRole { user_id: String, role: String },
    #[serde(rename_all = "camelCase")]
    RemoveRole { user_id: String, role: String },
}

/// What a fix will change and for whom, before it is confirmed.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FixDescription {
    /// A short title for the button and dialog: "Remove the brute-force blocks".
    pub title: String,
    /// Exactly what changes, naming the user or identifier.
    pub changes: String,
    /// What it does not change, or what follows for the customer.
    pub note: String,
    /// The Management API scope the machine-to-machine application needs.
    pub scope: String,
}

/// A fix to apply, once the person confirmed it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportFixRequest {
    #[serde(default)]
    pub profile: Option<String>,
    pub fix: SupportFix,
    /// Sent only by the confirmation (the dialog's button, the CLI's
    /// `--yes` or prompt): without it nothing is changed.
    pub confirmed: bool,
}

/// A fix applied: the tenant's state read again, and the record kept.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportFixDone {
    /// The state as the tenant answers it now ("No block is left on …").
    pub after: String,
    /// The action log's record of it.
    pub record: ActionRecord,
    /// The action log's head could not be kept in the OS keychain: why
    /// (a cut-short log would then go unnoticed).
    pub head_not_kept: Option<String>,
    /// A password-change ticket's link, to copy (only for that fix).
    pub ticket: Option<RevealedTicket>,
}
