//! The Support desk's boundary types: what support asks for and the card
//! that answers "why can't this customer sign in?".

use idlens_support::{
    AccountFacts, Availability, BlockFacts, BruteForceFacts, Diagnosis, IdentityFacts, LogEvent,
    MfaMethodFacts,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use idlens_secret::Secret;
use idlens_token::Report;

use crate::rbac::types::{TokenCheckView, UserRbac, UserSummary};

/// Who support is helping: an e-mail, a user ID or a username.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportLookupRequest {
    #[serde(default)]
    pub profile: Option<String>,
    /// Empty when a token names the customer.
    #[serde(default)]
    pub who: String,
    /// A token the customer sent (it stays on this machine): its `sub` is
    /// looked up when `who` is empty, and its verdict is shown on the card.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub token: Option<Secret>,
}

/// The answer to a lookup: the card, several users to choose from (an
/// e-mail can belong to one user per connection), or no user at all.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SupportLookup {
    Card {
        card: Box<SupportCard>,
    },
    /// Several users match: support picks one by its user ID.
    #[serde(rename_all = "camelCase")]
    Choose {
        looked_up: String,
        candidates: Vec<UserSummary>,
    },
    /// No user matches in any connection.
    #[serde(rename_all = "camelCase")]
    NoMatch {
        looked_up: String,
        message: String,
        /// What Auth0 logged under what was typed (`fu`: a mistyped
        /// e-mail, or one in another connection), newest first.
        attempts: Vec<LogEvent>,
        diagnosis: Diagnosis,
    },
}

/// One customer, side by side: account, blocks, MFA, access, timeline.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SupportCard {
    pub account: AccountView,
    /// Brute-force blocks on each of the user's identifiers.
    pub blocks: Availability<Vec<BlockFacts>>,
    pub brute_force: Availability<BruteForceFacts>,
    /// MFA authentication methods, confirmed and partial.
    pub mfa: Availability<Vec<MfaMethodFacts>>,
    /// Where the plan has them (Enterprise): the user's sessions and
    /// refresh tokens.
    pub sessions: Availability<Vec<UserSessionView>>,
    pub refresh_tokens: Availability<Vec<RefreshTokenView>>,
    /// Roles and effective permissions with their sources.
    pub access: Availability<UserRbac>,
    /// The token support pasted, when they did: the inspector's verdict and
    /// its permissions against what the user is granted now.
    pub token: Option<TokenOnCard>,
    /// The likely reasons the customer cannot sign in, most likely first.
    pub diagnosis: Diagnosis,
    pub timeline: TimelineView,
    /// When the card was read (RFC 3339, UTC).
    pub read_at: String,
}

/// One of the user's sessions: where and when it was used, for which
/// applications.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserSessionView {
    pub id: String,
    pub created_at: Option<String>,
    pub last_interacted_at: Option<String>,
    pub expires_at: Option<String>,
    pub last_ip: Option<String>,
    pub user_agent: Option<String>,
    pub clients: Vec<String>,
}

/// One of the user's refresh tokens: what it is for, never the token.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefreshTokenView {
    pub id: String,
    pub client_id: Option<String>,
    pub created_at: Option<String>,
    pub last_exchanged_at: Option<String>,
    pub expires_at: Option<String>,
    pub rotating: bool,
    pub audiences: Vec<String>,
}

/// A pasted token beside the customer's account.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TokenOnCard {
    /// The inspector's verdict, verified against the tenant's keys.
    pub report: Report,
    /// Fresh or stale against the user's roles now; `None` when the token
    /// names no API (an ID token), with the reason in `check_note`.
    pub check: Option<TokenCheckView>,
    pub check_note: Option<String>,
}

/// The account part of the card.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    #[serde(flatten)]
    pub facts: AccountFacts,
    pub name: Option<String>,
    pub created_at: Option<String>,
    /// The keys of `app_metadata`; the values only on request.
    pub app_metadata_keys: Vec<String>,
    /// Other users with the same e-mail, in other connections.
    pub same_email_elsewhere: Vec<IdentityFacts>,
}

/// The user's events merged with those that belong to the story.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineView {
    /// Newest first, each once.
    pub events: Vec<LogEvent>,
    /// Auth0 had more events than were read: older ones are not shown.
    pub more_available: bool,
    /// The oldest event is at the edge of what the plan keeps.
    pub at_retention_edge: bool,
    /// How many days of logs the tenant's plan keeps; `None` when the
    /// profile does not name the plan.
    pub retention_days: Option<u32>,
    /// The IPs whose events without a user were added.
    pub searched_ips: Vec<String>,
}

/// A password-change ticket's link, shown to copy because support asked
/// for it: whoever opens it sets the password. Never debug-printed, wiped
/// from this process's memory when dropped. IdLens never e-mails it.
#[derive(Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealedTicket {
    pub url: String,
}

impl std::fmt::Debug for RevealedTicket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RevealedTicket(<redacted>)")
    }
}

impl Drop for RevealedTicket {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.url.zeroize();
    }
}
