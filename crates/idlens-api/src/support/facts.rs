//! The Management API's answers turned into the Support desk's facts
//! (`idlens_support::facts`), and a refused read turned into a part of the
//! card that says why it is missing.

use chrono::{DateTime, Utc};
use idlens_auth0::models::{BruteForceProtection, Identity, User, UserBlock};
use idlens_auth0::ManagementError;
use idlens_support::{
    AccountFacts, Availability, BlockFacts, BruteForceFacts, BruteForceMode, IdentityFacts,
};

use crate::ApiError;

pub(super) fn account(user: &User) -> AccountFacts {
    AccountFacts {
        user_id: user.user_id.clone(),
        email: user.email.clone(),
        email_verified: user.email_verified,
        username: user.username.clone(),
        phone_number: user.phone_number.clone(),
        identities: user.identities.iter().map(identity).collect(),
        blocked: user.blocked.unwrap_or(false),
        last_login: user.last_login.as_deref().and_then(instant),
        last_ip: user.last_ip.clone(),
        logins_count: user.logins_count,
    }
}

pub(super) fn identity(identity: &Identity) -> IdentityFacts {
    IdentityFacts {
        provider: identity.provider.clone(),
        connection: identity.connection.clone(),
        is_social: identity.is_social,
    }
}

pub(super) fn block(block: &UserBlock) -> BlockFacts {
    BlockFacts {
        identifier: block.identifier.clone(),
        ip: block.ip.clone(),
        connection: block.connection.clone(),
    }
}

/// The settings as the diagnosis reads them; protection without the
/// `block` shield blocks nothing, so it counts as disabled.
pub(super) fn brute_force(settings: &BruteForceProtection) -> BruteForceFacts {
    BruteForceFacts {
        enabled: settings.enabled && settings.shields.iter().any(|s| s == "block"),
        mode: match settings.mode.as_deref() {
            Some("count_per_identifier") => BruteForceMode::CountPerIdentifier,
            _ => BruteForceMode::CountPerIdentifierAndIp,
        },
        max_attempts: settings.max_attempts.unwrap_or(10),
    }
}

/// A read the card can do without: a missing scope is said in one line;
/// any other failure fails the card (nothing partial shown as complete).
pub(super) fn available<T>(read: Result<T, ManagementError>) -> Result<Availability<T>, ApiError> {
    match read {
        Ok(value) => Ok(Availability::Available { value }),
        Err(ManagementError::InsufficientScope { scope, .. }) => {
            Ok(Availability::MissingScope { scope })
        }
        Err(e) => Err(e.into()),
    }
}

/// An RFC 3339 date as Auth0 writes it.
pub(super) fn instant(date: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(date)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// The identifiers brute-force protection counts for a user: e-mail,
/// username, phone; each once.
pub(super) fn identifiers(user: &User) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in [&user.email, &user.username, &user.phone_number]
        .into_iter()
        .flatten()
    {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}
