//! The Management API's answers turned into the Support desk's facts
//! (`idlens_support::facts`), and a refused read turned into a part of the
//! card that says why it is missing.

use idlens_auth0::models::{BruteForceProtection, RefreshToken, Session, User};
use idlens_auth0::ManagementError;
use idlens_support::{Availability, BruteForceFacts, BruteForceMode};

use crate::types::{RefreshTokenView, UserSessionView};
use crate::ApiError;

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

/// A read the card can do without: a missing scope or a feature the
/// plan lacks is said in one line;
/// any other failure fails the card (nothing partial shown as complete).
pub(super) fn available<T>(read: Result<T, ManagementError>) -> Result<Availability<T>, ApiError> {
    match read {
        Ok(value) => Ok(Availability::Available { value }),
        Err(ManagementError::InsufficientScope { scope, .. }) => {
            Ok(Availability::MissingScope { scope })
        }
        Err(ManagementError::NotOnPlan { message, .. }) => Ok(Availability::NotOnPlan { message }),
        Err(e) => Err(e.into()),
    }
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

pub(super) fn session(session: &Session) -> UserSessionView {
    UserSessionView {
        id: session.id.clone(),
        created_at: session.created_at.clone(),
        last_interacted_at: session.last_interacted_at.clone(),
        expires_at: session.expires_at.clone(),
        last_ip: session.device.last_ip.clone(),
        user_agent: session.device.last_user_agent.clone(),
        clients: session
            .clients
            .iter()
            .map(|c| c.client_id.clone())
            .collect(),
    }
}

pub(super) fn refresh_token(token: &RefreshToken) -> RefreshTokenView {
    RefreshTokenView {
        id: token.id.clone(),
        client_id: token.client_id.clone(),
        created_at: token.created_at.clone(),
        last_exchanged_at: token.last_exchanged_at.clone(),
        expires_at: token.expires_at.clone(),
        rotating: token.rotating.unwrap_or(false),
        audiences: token
            .resource_servers
            .iter()
            .filter_map(|r| r.audience.clone())
            .collect(),
    }
}
