//! The finding of each kind, built from the compact references the
//! finished audit sorted (`findings::finished`): both sides' data, the
//! likely cause of `missing_in_graph`, the drifted fields, and the
//! confidence and primary of a `duplicate_account` (docs/audit.md).

use std::borrow::Cow;

use crate::findings::drift::{diffs, drifted};
use crate::findings::email_rule::may_be_high;
use crate::findings::in_progress::{Audit, GRAPH_ONLY};
use crate::findings::kinds::{Auth0User, Cause, Confidence, Finding, GraphNode};
use crate::findings::primary::{choose_primary, Candidate};
use crate::index::timestamp::Stamp;
use crate::index::user_record::UserView;
use crate::read::graph_row::GraphRowRef;

impl Audit {
    /// The first row of graph-only id `g`.
    fn graph_only_row(&self, g: u32) -> GraphRowRef<'_> {
        self.rows.get(self.graph_only[g as usize].first)
    }

    pub(crate) fn orphan_finding(&self, g: u32) -> Finding<'_> {
        let row = self.graph_only_row(g);
        Finding::OrphanInGraph {
            id: Cow::Borrowed(row.id),
            graph: graph_node(&row),
        }
    }

    pub(crate) fn missing_finding(&self, u: u32) -> Finding<'_> {
        let user = self.index.user(u);
        Finding::MissingInGraph {
            id: Cow::Borrowed(user.user_id),
            auth0: auth0_user(&user),
            cause: cause(&user),
        }
    }

    pub(crate) fn linked_finding(&self, g: u32, primary: u32) -> Finding<'_> {
        let row = self.graph_only_row(g);
        let user = self.index.user(primary);
        Finding::LinkedSecondaryInGraph {
            id: Cow::Borrowed(row.id),
            primary_id: Cow::Borrowed(user.user_id),
            auth0: auth0_user(&user),
            graph: graph_node(&row),
        }
    }

    pub(crate) fn drift_finding(&self, u: u32) -> Finding<'_> {
        let user = self.index.user(u);
        let row = self.first_row(u);
        let fields = drifted(&user, &row, self.compared);
        Finding::FieldDrift {
            id: Cow::Borrowed(user.user_id),
            fields: diffs(&user, &row, fields),
            auth0: auth0_user(&user),
            graph: graph_node(&row),
        }
    }

    pub(crate) fn duplicate_node_finding(&self, owner: u32) -> Finding<'_> {
        let extra = &self.extra;
        let start = extra.partition_point(|&(o, _)| o < owner);
        let end = extra.partition_point(|&(o, _)| o <= owner);
        let (first, user) = if owner & GRAPH_ONLY != 0 {
            (self.graph_only_row(owner & !GRAPH_ONLY), None)
        } else {
            (self.first_row(owner), Some(self.index.user(owner)))
        };
        let mut graph = vec![graph_node(&first)];
        graph.extend(
            extra[start..end]
                .iter()
                .map(|&(_, r)| graph_node(&self.rows.get(r))),
        );
        Finding::DuplicateNode {
            id: Cow::Borrowed(first.id),
            count: graph.len() as u64,
            graph,
            auth0: user.as_ref().map(auth0_user),
        }
    }

    pub(crate) fn account_finding(&self, group: &[u32]) -> Finding<'_> {
        let users: Vec<UserView<'_>> = group.iter().map(|&u| self.index.user(u)).collect();
        let created: Vec<Option<Cow<'_, str>>> = users
            .iter()
            .map(|u| u.created_at.map(Stamp::text))
            .collect();
        let candidates: Vec<Candidate<'_>> = users
            .iter()
            .zip(&created)
            .map(|(u, created_at)| Candidate {
                user_id: u.user_id,
                verified: u.email_verified == Some(true),
                logins: u.logins_count.unwrap_or(0),
                created_at: created_at.as_deref(),
            })
            .collect();
        let (primary, rule) = choose_primary(&candidates);
        let all_verified = candidates.iter().all(|c| c.verified);
        let email = users[0].email_norm.unwrap_or_default();
        Finding::DuplicateAccount {
            email: Cow::Borrowed(email),
            confidence: if all_verified && may_be_high(email) {
                Confidence::High
            } else {
                Confidence::Low
            },
            accounts: users.iter().map(auth0_user).collect(),
            primary_id: Cow::Borrowed(users[primary].user_id),
            primary_rule: rule,
        }
    }
}

fn borrowed(s: Option<&str>) -> Option<Cow<'_, str>> {
    s.map(Cow::Borrowed)
}

fn auth0_user<'a>(user: &UserView<'a>) -> Auth0User<'a> {
    Auth0User {
        user_id: Cow::Borrowed(user.user_id),
        email: borrowed(user.email),
        email_verified: user.email_verified,
        name: borrowed(user.name),
        connection: borrowed(user.connection),
        provider: borrowed(user.provider),
        is_social: user.is_social,
        logins_count: user.logins_count,
        created_at: user.created_at.map(Stamp::text),
        last_login: user.last_login.map(Stamp::text),
    }
}

fn graph_node<'a>(row: &GraphRowRef<'a>) -> GraphNode<'a> {
    GraphNode {
        id: Cow::Borrowed(row.id),
        email: borrowed(row.email),
        email_verified: row.email_verified,
        name: borrowed(row.name),
    }
}

/// The likely cause of `missing_in_graph`, from the first identity.
fn cause(user: &UserView<'_>) -> Cause {
    if !user.has_identity {
        return Cause::Unknown;
    }
    if user.is_social == Some(true) {
        return Cause::SocialConnection;
    }
    match user.provider {
        Some("email" | "sms") => Cause::Passwordless,
        Some("auth0") => Cause::SyncFailed,
        _ => Cause::EnterpriseConnection,
    }
}
