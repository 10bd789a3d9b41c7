//! The Auth0 part of the fix plan: for each duplicate account, one linking
//! call per account other than the primary (the report's, or the one the
//! user chose).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use crate::error::AuditError;
use crate::findings::kinds::{Auth0User, Finding};
use crate::findings::primary::{choose_primary, Candidate};
use crate::plan::fix_plan::FixOptions;

/// `POST /api/v2/users/{primary_id}/identities` with `{provider, user_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkCall {
    /// The duplicate account's normalised e-mail.
    pub email: String,
    pub primary_id: String,
    /// The secondary's provider and its id without `provider|`.
    pub provider: String,
    pub user_id: String,
}

impl LinkCall {
    /// The Management API path, the primary's id percent-encoded.
    pub fn path(&self) -> String {
        format!(
            "/api/v2/users/{}/identities",
            percent_encode(&self.primary_id)
        )
    }

    pub fn body(&self) -> Value {
        json!({"provider": self.provider, "user_id": self.user_id})
    }
}

/// The plan's links, and what the graph part needs to know of them.
pub(crate) struct Links<'a> {
    pub calls: Vec<LinkCall>,
    /// With `FixOptions::link_accounts` (the links made before the
    /// Cypher runs): each linked account's `user_id` → its primary's.
    /// Empty otherwise.
    pub linked: BTreeMap<&'a str, &'a str>,
}

/// The linking calls of every `duplicate_account` among `findings`.
pub(crate) fn plan_links<'a>(
    findings: &'a [Finding<'_>],
    options: &'a FixOptions,
) -> Result<Links<'a>, AuditError> {
    let mut links = Links {
        calls: Vec::new(),
        linked: BTreeMap::new(),
    };
    for finding in findings {
        let Finding::DuplicateAccount {
            email,
            accounts,
            primary_id,
            ..
        } = finding
        else {
            continue;
        };
        let primary = resolve_primary(email, accounts, primary_id, options)?;
        links.calls.extend(link_calls(email, accounts, primary));
        if options.link_accounts {
            links.linked.extend(
                accounts
                    .iter()
                    .filter(|a| a.user_id != primary)
                    .map(|a| (&*a.user_id, primary)),
            );
        }
    }
    Ok(links)
}

/// The primary of one duplicate account: the override's, else the
/// report's.
fn resolve_primary<'a>(
    email: &str,
    accounts: &'a [Auth0User<'_>],
    report_primary: &'a str,
    options: &'a FixOptions,
) -> Result<&'a str, AuditError> {
    Ok(match options.primary_overrides.get(email) {
        Some(chosen) if accounts.iter().any(|a| a.user_id == chosen.as_str()) => chosen.as_str(),
        Some(chosen) => {
            return Err(AuditError::BadPrimary {
                email: email.to_owned(),
                chosen: chosen.clone(),
                accounts: accounts.iter().map(|a| a.user_id.to_string()).collect(),
            })
        }
        None if accounts.iter().any(|a| a.user_id == report_primary) => report_primary,
        None => recompute_primary(accounts),
    })
}

/// Linking calls of one duplicate account: every account but the primary
/// is linked to it.
fn link_calls(email: &str, accounts: &[Auth0User<'_>], primary: &str) -> Vec<LinkCall> {
    accounts
        .iter()
        .filter(|a| a.user_id != primary)
        .map(|a| {
            let (provider, user_id) = split_user_id(a);
            LinkCall {
                email: email.to_owned(),
                primary_id: primary.to_owned(),
                provider,
                user_id,
            }
        })
        .collect()
}

/// The rule's primary, for a report whose `primary_id` is not one of the
/// accounts (edited by hand).
fn recompute_primary<'a>(accounts: &'a [Auth0User<'_>]) -> &'a str {
    let candidates: Vec<Candidate<'_>> = accounts
        .iter()
        .map(|a| Candidate {
            user_id: &a.user_id,
            verified: a.email_verified == Some(true),
            logins: a.logins_count.unwrap_or(0),
            created_at: a.created_at.as_deref(),
        })
        .collect();
    &accounts[choose_primary(&candidates).0].user_id
}

/// `google-oauth2|123` → (`google-oauth2`, `123`); an id without `|` uses
/// the account's provider.
fn split_user_id(account: &Auth0User<'_>) -> (String, String) {
    match account.user_id.split_once('|') {
        Some((provider, id)) => (provider.to_owned(), id.to_owned()),
        None => (
            account.provider.as_deref().unwrap_or_default().to_owned(),
            account.user_id.to_string(),
        ),
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
