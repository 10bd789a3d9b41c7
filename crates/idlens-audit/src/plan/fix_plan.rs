//! The fix plan of a report (docs/audit.md, "The fix plan"): Auth0
//! linking calls for duplicate accounts and Cypher batches for the graph.
//! Nothing here applies anything; callers show the plan first.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::error::AuditError;
use crate::findings::kinds::{Auth0User, Finding};
use crate::findings::primary::{choose_primary, Candidate};
use crate::mapping::Mapping;
use crate::plan::fix_cypher as cypher;

/// Rows per write transaction when the caller has no preference.
pub const DEFAULT_BATCH_SIZE: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOptions {
    /// Rows per Cypher batch (at least 1).
    pub batch_size: usize,
    /// Normalised e-mail of a `duplicate_account` → the `user_id` to keep
    /// as primary instead of the rule's choice.
    pub primary_overrides: BTreeMap<String, String>,
    /// The plan's links are made in Auth0 before the Cypher runs: the graph
    /// part is written for the state after them (each linked account's
    /// node joined to its primary's, no node created for a linked account).
    pub link_accounts: bool,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            batch_size: DEFAULT_BATCH_SIZE,
            primary_overrides: BTreeMap::new(),
            link_accounts: false,
        }
    }
}

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

/// What a batch does, in the order batches run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FixSection {
    RekeyLinkedSecondary,
    AliasLinkedSecondary,
    CreateMissing,
    UpdateDrift,
    AliasDuplicateNodes,
    AliasLinkedAccounts,
}

impl FixSection {
    pub fn describe(self) -> &'static str {
        match self {
            FixSection::RekeyLinkedSecondary => "Linked secondary accounts whose primary has no node: give the node the primary's id",
            FixSection::AliasLinkedSecondary => "Linked secondary accounts: join the node to the primary's node with HAS_ALIAS",
            FixSection::CreateMissing => "Users missing from the graph: create their nodes",
            FixSection::UpdateDrift => "Field drift: set the graph's fields to Auth0's",
            FixSection::AliasDuplicateNodes => "Duplicate nodes: keep the first, join the others to it with HAS_ALIAS",
            FixSection::AliasLinkedAccounts => "Accounts this plan links in Auth0: join their nodes to the primary's node with HAS_ALIAS",
        }
    }
}

/// One write transaction: `statement` runs with `$rows` = `rows`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CypherBatch {
    pub section: FixSection,
    pub statement: String,
    pub rows: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixPlan {
    pub links: Vec<LinkCall>,
    pub batches: Vec<CypherBatch>,
    /// Orphan ids: shown in the script as commented-out deletions only.
    pub orphans: Vec<String>,
}

/// The plan for `findings` (a report's, in any order).
pub fn fix_plan(
    findings: &[Finding<'_>],
    mapping: &Mapping,
    options: &FixOptions,
) -> Result<FixPlan, AuditError> {
    let mut links = Vec::new();
    // With the links made first: each linked account's `user_id` → its primary's.
    let mut linked: BTreeMap<&str, &str> = BTreeMap::new();
    for finding in findings {
        if let Finding::DuplicateAccount {
            email,
            accounts,
            primary_id,
            ..
        } = finding
        {
            let primary = resolve_primary(email, accounts, primary_id, options)?;
            links.extend(link_calls(email, accounts, primary));
            if options.link_accounts {
                linked.extend(
                    accounts
                        .iter()
                        .filter(|a| a.user_id != primary)
                        .map(|a| (&*a.user_id, primary)),
                );
            }
        }
    }
    let mut sections: BTreeMap<FixSection, Vec<Value>> = BTreeMap::new();
    let mut orphans = Vec::new();
    let missing: BTreeSet<&str> = findings
        .iter()
        .filter_map(|f| match f {
            Finding::MissingInGraph { id, .. } => Some(&**id),
            _ => None,
        })
        .collect();
    let mut rekeyed: BTreeSet<&str> = BTreeSet::new();
    for finding in findings {
        match finding {
            // A linked account is no user of its own after the link: no node.
            Finding::MissingInGraph { id, .. } if linked.contains_key(&**id) => {}
            Finding::MissingInGraph { auth0, .. } => push(
                &mut sections,
                FixSection::CreateMissing,
                user_row(auth0, mapping),
            ),
            Finding::FieldDrift { auth0, .. } => push(
                &mut sections,
                FixSection::UpdateDrift,
                user_row(auth0, mapping),
            ),
            Finding::OrphanInGraph { id, .. } => orphans.push(id.to_string()),
            Finding::DuplicateNode { id, .. } => push(
                &mut sections,
                FixSection::AliasDuplicateNodes,
                json!({"id": id}),
            ),
            Finding::LinkedSecondaryInGraph { id, primary_id, .. } => {
                // A primary without a node takes over one secondary's node;
                // further secondaries are joined to that node.
                let section = if missing.contains(&**primary_id) && rekeyed.insert(primary_id) {
                    FixSection::RekeyLinkedSecondary
                } else {
                    FixSection::AliasLinkedSecondary
                };
                push(
                    &mut sections,
                    section,
                    json!({"id": id, "primary_id": primary_id}),
                );
            }
            Finding::DuplicateAccount { .. } => {}
        }
    }
    // The accounts linked now: a node they have (their own, or one re-keyed
    // to them) is joined to the primary's node, which exists, is created
    // above, or else takes over the first such node. A re-key can give a
    // node to an account seen before it, hence the passes until none adds
    // a row (two in a report as the audit writes it).
    let mut pending: Vec<(&str, &str)> = linked.iter().map(|(&s, &p)| (s, p)).collect();
    loop {
        let before = pending.len();
        pending.retain(|&(secondary, primary)| {
            if missing.contains(secondary) && !rekeyed.contains(secondary) {
                return true;
            }
            let primary_has_node = !missing.contains(primary)
                || !linked.contains_key(primary)
                || rekeyed.contains(primary);
            let section = if primary_has_node {
                FixSection::AliasLinkedAccounts
            } else {
                rekeyed.insert(primary);
                FixSection::RekeyLinkedSecondary
            };
            push(
                &mut sections,
                section,
                json!({"id": secondary, "primary_id": primary}),
            );
            false
        });
        if pending.len() == before {
            break;
        }
    }
    let batches = sections
        .into_iter()
        .flat_map(|(section, rows)| batches(section, rows, mapping, options.batch_size))
        .collect();
    Ok(FixPlan {
        links,
        batches,
        orphans,
    })
}

fn push(sections: &mut BTreeMap<FixSection, Vec<Value>>, section: FixSection, row: Value) {
    sections.entry(section).or_default().push(row);
}

/// The row of a user's node: id and the mapped fields only.
fn user_row(user: &Auth0User<'_>, mapping: &Mapping) -> Value {
    let mut row = Map::new();
    row.insert("id".into(), json!(user.user_id));
    row.insert("email".into(), json!(user.email));
    if mapping.name.is_some() {
        row.insert("name".into(), json!(user.name));
    }
    if mapping.email_verified.is_some() {
        row.insert("email_verified".into(), json!(user.email_verified));
    }
    Value::Object(row)
}

fn batches(
    section: FixSection,
    rows: Vec<Value>,
    mapping: &Mapping,
    size: usize,
) -> Vec<CypherBatch> {
    let statement = match section {
        FixSection::RekeyLinkedSecondary => cypher::rekey(mapping),
        FixSection::AliasLinkedSecondary => cypher::alias_to_primary(mapping),
        FixSection::CreateMissing => cypher::create_missing(mapping),
        FixSection::UpdateDrift => cypher::update_drift(mapping),
        FixSection::AliasDuplicateNodes => cypher::alias_duplicates(mapping),
        FixSection::AliasLinkedAccounts => cypher::alias_linked_account(mapping),
    };
    rows.chunks(size.max(1))
        .map(|chunk| CypherBatch {
            section,
            statement: statement.clone(),
            rows: chunk.to_vec(),
        })
        .collect()
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
