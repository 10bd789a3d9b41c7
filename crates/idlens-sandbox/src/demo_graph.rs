//! A user graph that has drifted from the tenant, for the sync audit's demo
//! and tests: the rows a Neo4j Browser export of `(:User)` nodes would give
//! (`sub,email,email_verified,name`), derived deterministically from a
//! tenant, with every kind of finding `docs/audit.md` lists:
//!
//! - `missing_in_graph`: two in three social sign-ups (the
//!   post-user-registration Action never runs for them) and a few database
//!   users (the Action failed);
//! - `orphan_in_graph`: [`ORPHANS`] nodes of users deleted from Auth0;
//! - `linked_secondary_in_graph`: nodes of about half the linked secondary
//!   identities, from before the accounts were linked;
//! - `field_drift`: an old e-mail, an old name or a flipped
//!   `email_verified` on some nodes (upper-cased e-mails and null
//!   `email_verified` are there too, and are not drift);
//! - `duplicate_node`: a few ids on two rows (the second with another e-mail);
//! - `duplicate_account`: already in the tenant (one person on several
//!   providers with the same e-mail).
//!
//! [`demo_drift`] gives the counts by construction, so a test of the audit
//! can compare its summary with them.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::tenant::{Tenant, User};

/// Nodes of users deleted from Auth0.
pub const ORPHANS: usize = 7;

/// One `(:User)` node as the graph holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoNode {
    pub sub: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
}

/// How many findings of each kind the audit should report for
/// [`demo_graph`] against the same tenant (default mapping).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DemoDrift {
    pub missing_in_graph: usize,
    pub orphan_in_graph: usize,
    pub linked_secondary_in_graph: usize,
    pub field_drift: usize,
    pub duplicate_node: usize,
    pub duplicate_account: usize,
}

/// The drifted graph of `tenant` (same tenant, same rows).
pub fn demo_graph(tenant: &Tenant) -> Vec<DemoNode> {
    build(tenant).0
}

/// What the audit should find comparing `tenant` with [`demo_graph`]`(tenant)`.
pub fn demo_drift(tenant: &Tenant) -> DemoDrift {
    build(tenant).1
}

fn build(tenant: &Tenant) -> (Vec<DemoNode>, DemoDrift) {
    let mut nodes = Vec::new();
    let mut drift = DemoDrift::default();
    for (i, user) in tenant.users.iter().enumerate() {
        if is_missing(tenant, i, user) {
            drift.missing_in_graph += 1;
        } else {
            push_user_nodes(&mut nodes, &mut drift, i, user);
        }
        push_unlinked_identity_nodes(&mut nodes, &mut drift, i, user);
    }
    for k in 0..ORPHANS {
        nodes.push(DemoNode {
            sub: format!("auth0|de1e7ed{k:017x}"),
            email: Some(format!("former.user{k}@mail.test")),
            email_verified: Some(k % 2 == 0),
            name: Some(format!("Former User {k}")),
        });
    }
    drift.orphan_in_graph = ORPHANS;
    drift.duplicate_account = duplicate_accounts(tenant);
    debug_assert_eq!(
        nodes.iter().map(|n| &n.sub).collect::<HashSet<_>>().len() + drift.duplicate_node,
        nodes.len()
    );
    (nodes, drift)
}

/// Whether the `i`th user has no node: most social users, a few database
/// users, never a documented sign-in user (the demo starts with them).
fn is_missing(tenant: &Tenant, i: usize, user: &User) -> bool {
    let social = user.identities.first().is_some_and(|id| id.is_social);
    let documented = tenant
        .sign_in_users
        .iter()
        .any(|s| s.user_id == user.user_id);
    !documented && if social { i % 3 != 1 } else { i % 41 == 7 }
}

/// The `i`th user's node, with its fields drifted for some users, and twice
/// for a few.
fn push_user_nodes(nodes: &mut Vec<DemoNode>, drift: &mut DemoDrift, i: usize, user: &User) {
    let mut email = user.email.clone();
    let mut name = user.name.clone();
    let mut verified = Some(user.email_verified);
    if i % 17 == 2 {
        email = format!("old.{email}");
    }
    if i % 19 == 3 {
        name = format!("{name} (old)");
    }
    if i % 23 == 4 {
        verified = Some(!user.email_verified);
    }
    // Not drift: null is "not known" in the graph, and e-mails
    // compare case-insensitively.
    if i % 13 == 5 {
        verified = None;
    }
    if i % 11 == 6 {
        email = email.to_uppercase();
    }
    let drifted = i % 17 == 2 || i % 19 == 3 || verified.is_some_and(|v| v != user.email_verified);
    if drifted {
        drift.field_drift += 1;
    }
    let node = DemoNode {
        sub: user.user_id.clone(),
        email: Some(email),
        email_verified: verified,
        name: Some(name),
    };
    if i % 61 == 8 {
        drift.duplicate_node += 1;
        let mut again = node.clone();
        again.email = Some(format!("dup.{}", user.email));
        nodes.push(node);
        nodes.push(again);
    } else {
        nodes.push(node);
    }
}

/// Nodes some secondary identities got before they were linked.
fn push_unlinked_identity_nodes(
    nodes: &mut Vec<DemoNode>,
    drift: &mut DemoDrift,
    i: usize,
    user: &User,
) {
    for (j, identity) in user.identities.iter().enumerate().skip(1) {
        if !(i + j).is_multiple_of(2) {
            continue;
        }
        let sub = match &identity.user_id {
            Value::String(s) => format!("{}|{s}", identity.provider),
            other => format!("{}|{other}", identity.provider),
        };
        let profile = identity.profile_data.as_ref();
        let text = |k: &str| {
            profile
                .and_then(|p| p.get(k))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        drift.linked_secondary_in_graph += 1;
        nodes.push(DemoNode {
            sub,
            email: text("email"),
            email_verified: profile
                .and_then(|p| p.get("email_verified"))
                .and_then(Value::as_bool),
            name: text("name"),
        });
    }
}

/// How many e-mails more than one user has, normalised as docs/audit.md
/// does (ASCII letters lower-cased only).
fn duplicate_accounts(tenant: &Tenant) -> usize {
    let mut by_email: HashMap<String, usize> = HashMap::new();
    for user in &tenant.users {
        let email = user.email.trim().to_ascii_lowercase();
        if !email.is_empty() {
            *by_email.entry(email).or_default() += 1;
        }
    }
    by_email.values().filter(|n| **n >= 2).count()
}

/// Writes `nodes` as Neo4j Browser exports them: a header row
/// `sub,email,email_verified,name`, an empty cell for a null.
pub fn write_graph_csv(nodes: &[DemoNode], mut out: impl Write) -> std::io::Result<()> {
    writeln!(out, "sub,email,email_verified,name")?;
    for n in nodes {
        writeln!(
            out,
            "{},{},{},{}",
            cell(&n.sub),
            n.email.as_deref().map(cell).unwrap_or_default(),
            n.email_verified.map(|v| v.to_string()).unwrap_or_default(),
            n.name.as_deref().map(cell).unwrap_or_default(),
        )?;
    }
    out.flush()
}

fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
