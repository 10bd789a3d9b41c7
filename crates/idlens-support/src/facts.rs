//! What the Support desk knows about one customer, gathered from the tenant
//! by the caller (the API) and handed to the pure rules: the diagnosis reads
//! only these facts and the timeline, never the network.
//!
//! These types are the one declaration of the support card's state: the
//! API fills them from Management API answers, the diagnosis reads them, and
//! the card shows them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Timeline;

/// One identity of a user: a connection they can sign in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct IdentityFacts {
    /// `auth0`, `google-oauth2`, `waad`, `samlp`, …
    pub provider: String,
    /// The connection's name (`Username-Password-Authentication`).
    pub connection: String,
    pub is_social: bool,
}

/// A user's account as the Management API describes it (`GET users/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AccountFacts {
    pub user_id: String,
    pub email: Option<String>,
    /// `None` when Auth0 did not say.
    pub email_verified: Option<bool>,
    pub username: Option<String>,
    pub phone_number: Option<String>,
    /// The first identity is the primary one.
    pub identities: Vec<IdentityFacts>,
    /// Blocked by an administrator (`blocked: true`): never expires.
    pub blocked: bool,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_login: Option<DateTime<Utc>>,
    pub last_ip: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub logins_count: Option<u64>,
}

/// One brute-force block (`GET user-blocks`): `identifier` is blocked from
/// `ip` (or from every IP when Auth0 counts per identifier only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BlockFacts {
    pub identifier: String,
    pub ip: Option<String>,
    pub connection: Option<String>,
}

/// How the tenant's brute-force protection counts failed logins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BruteForceMode {
    /// `count_per_identifier_and_ip`: an account is blocked from one IP.
    CountPerIdentifierAndIp,
    /// `count_per_identifier`: an account is blocked from every IP.
    CountPerIdentifier,
}

/// The tenant's brute-force protection, when the M2M application may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BruteForceFacts {
    pub enabled: bool,
    pub mode: BruteForceMode,
    pub max_attempts: u32,
}

/// One MFA authentication method (`GET users/{id}/authentication-methods`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MfaMethodFacts {
    pub id: String,
    /// Auth0's `type`: `totp`, `phone`, `email`, `push`, `webauthn-roaming`,
    /// `webauthn-platform`, `recovery-code`, `guardian`, …
    pub kind: String,
    /// Enrollment finished; a partial one cannot be used to sign in.
    pub confirmed: bool,
    /// A name the user gave it, or a masked phone number or e-mail.
    pub name: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub created_at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_auth_at: Option<DateTime<Utc>>,
}

/// A part of the card read from an endpoint the tenant may not offer, or the
/// M2M application may not be allowed to read: said in one line, never as an
/// error that hides the rest of the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum Availability<T> {
    Available {
        value: T,
    },
    /// The tenant's plan lacks the feature (Auth0's answer said so).
    NotOnPlan {
        message: String,
    },
    /// The M2M application lacks this scope.
    MissingScope {
        scope: String,
    },
}

impl<T> Availability<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Availability::Available { value } => Some(value),
            _ => None,
        }
    }

    /// The same availability holding `f` of the value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Availability<U> {
        match self {
            Availability::Available { value } => Availability::Available { value: f(value) },
            Availability::NotOnPlan { message } => Availability::NotOnPlan { message },
            Availability::MissingScope { scope } => Availability::MissingScope { scope },
        }
    }
}

/// Everything the diagnosis reads about one lookup. `account` is `None`
/// when no user matched what support typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence<'a> {
    /// What support typed (an e-mail, user ID or username).
    pub looked_up: &'a str,
    pub account: Option<&'a AccountFacts>,
    /// Other users with the same e-mail (in other connections): the
    /// identities they sign in with.
    pub same_email_elsewhere: &'a [IdentityFacts],
    /// Brute-force blocks on each of the user's identifiers.
    pub blocks: &'a Availability<Vec<BlockFacts>>,
    pub brute_force: &'a Availability<BruteForceFacts>,
    pub mfa: &'a Availability<Vec<MfaMethodFacts>>,
    pub timeline: &'a Timeline,
    pub now: DateTime<Utc>,
}
