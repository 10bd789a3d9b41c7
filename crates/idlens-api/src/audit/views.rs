//! The audit's findings as the UI shows them: both sides, one line each.

use idlens_audit::{
    Auth0User, Cause, Confidence, DriftField, FieldDiff, Finding, FindingKind, GraphNode,
    PrimaryRule, Report, Summary,
};

use crate::types::{
    AuditFindingView, AuditOverview, AuditSourceView, Auth0UserView, FieldDriftView, GraphUserView,
    KindCount, UserFacts,
};

pub(crate) fn summary_counts(summary: &Summary) -> Vec<KindCount> {
    FindingKind::ALL
        .iter()
        .map(|&kind| KindCount {
            kind,
            count: summary.get(kind),
        })
        .collect()
}

pub(crate) fn overview(profile: &str, report: &Report) -> AuditOverview {
    let sources = &report.sources;
    AuditOverview {
        profile: profile.to_owned(),
        created_at: report.created_at.clone(),
        summary: summary_counts(&report.summary),
        total: report.summary.total(),
        auth0: AuditSourceView {
            kind: serde_plain(&sources.auth0.kind),
            name: sources.auth0.name.clone(),
            records: sources.auth0.users,
            bad_lines: sources.auth0.bad_lines,
            not_compared: Vec::new(),
            count_unconfirmed: sources.auth0.count_unconfirmed,
        },
        graph: AuditSourceView {
            kind: serde_plain(&sources.graph.kind),
            name: sources.graph.name.clone(),
            records: sources.graph.rows,
            bad_lines: sources.graph.bad_lines,
            not_compared: field_names(&sources.graph.not_compared),
            count_unconfirmed: false,
        },
    }
}

/// Drift fields by their report names (`"name"`, `"email_verified"`).
pub(crate) fn field_names(fields: &[DriftField]) -> Vec<String> {
    fields.iter().map(|f| f.as_str().to_owned()).collect()
}

/// A unit enum's serde name (`"file"`, `"neo4j"`).
fn serde_plain(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

pub(crate) fn finding_view(finding: &Finding<'_>) -> AuditFindingView {
    let mut view = AuditFindingView {
        kind: finding.kind(),
        key: finding.key().to_owned(),
        summary: String::new(),
        auth0: Vec::new(),
        graph: Vec::new(),
        fields: Vec::new(),
        cause: None,
        primary_id: None,
        primary_rule: None,
        confidence: None,
    };
    match finding {
        Finding::MissingInGraph { auth0, cause, .. } => {
            view.auth0.push(user_view(auth0));
            view.cause = Some(cause_text(*cause).to_owned());
            view.summary = format!("No node in the graph: {}", cause_text(*cause));
        }
        Finding::OrphanInGraph { graph, .. } => {
            view.graph.push(node_view(graph));
            view.summary = "A node whose ID is no Auth0 user (deleted in Auth0?)".to_owned();
        }
        Finding::LinkedSecondaryInGraph {
            primary_id,
            auth0,
            graph,
            ..
        } => {
            view.auth0.push(user_view(auth0));
            view.graph.push(node_view(graph));
            view.primary_id = Some(primary_id.to_string());
            view.summary =
                format!("Linked into {primary_id} in Auth0, still a user of its own in the graph");
        }
        Finding::FieldDrift {
            fields,
            auth0,
            graph,
            ..
        } => {
            view.auth0.push(user_view(auth0));
            view.graph.push(node_view(graph));
            view.fields = fields.iter().map(drift_view).collect();
            let names: Vec<&str> = view.fields.iter().map(|f| f.field.as_str()).collect();
            view.summary = format!("Differs in {}", names.join(", "));
        }
        Finding::DuplicateNode {
            count,
            graph,
            auth0,
            ..
        } => {
            view.graph = graph.iter().map(node_view).collect();
            view.auth0.extend(auth0.iter().map(user_view));
            view.summary = format!("{count} nodes hold this user ID");
        }
        Finding::DuplicateAccount {
            confidence,
            accounts,
            primary_id,
            primary_rule,
            ..
        } => {
            view.auth0 = accounts.iter().map(user_view).collect();
            view.primary_id = Some(primary_id.to_string());
            view.primary_rule = Some(rule_name(*primary_rule).to_owned());
            view.confidence = Some(confidence_name(*confidence).to_owned());
            view.summary = format!(
                "{} Auth0 accounts share this e-mail ({} confidence)",
                accounts.len(),
                confidence_name(*confidence)
            );
        }
    }
    view
}

fn user_view(user: &Auth0User<'_>) -> Auth0UserView {
    let text = |value: &Option<std::borrow::Cow<'_, str>>| value.as_deref().map(str::to_owned);
    Auth0UserView {
        facts: UserFacts {
            user_id: user.user_id.to_string(),
            email: text(&user.email),
            email_verified: user.email_verified,
            name: text(&user.name),
            connection: text(&user.connection),
            last_login: text(&user.last_login),
            logins_count: user.logins_count,
        },
        created_at: text(&user.created_at),
    }
}

pub(crate) fn node_view(node: &GraphNode<'_>) -> GraphUserView {
    GraphUserView {
        id: node.id.to_string(),
        email: node.email.as_deref().map(str::to_owned),
        email_verified: node.email_verified,
        name: node.name.as_deref().map(str::to_owned),
    }
}

fn drift_view(diff: &FieldDiff) -> FieldDriftView {
    let text = |value: &serde_json::Value| match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    };
    FieldDriftView {
        field: serde_plain(&diff.field),
        auth0: text(&diff.auth0),
        graph: text(&diff.graph),
    }
}

pub(crate) fn cause_text(cause: Cause) -> &'static str {
    match cause {
        Cause::SocialConnection => {
            "a social sign-up (the post-user-registration Action never runs for those)"
        }
        Cause::Passwordless => {
            "a passwordless sign-up (the post-user-registration Action never runs for those)"
        }
        Cause::SyncFailed => "a database sign-up whose sync failed, or a node deleted since",
        Cause::EnterpriseConnection => "an enterprise connection's user (no sign-up Action runs)",
        Cause::Unknown => "no identity to tell why",
    }
}

pub(crate) fn rule_name(rule: PrimaryRule) -> &'static str {
    match rule {
        PrimaryRule::Verified => "verified",
        PrimaryRule::MostLogins => "most_logins",
        PrimaryRule::Oldest => "oldest",
        PrimaryRule::UserId => "user_id",
    }
}

fn confidence_name(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "high",
        Confidence::Low => "low",
    }
}

/// Whether `needle` (lower-case) is in an ID, e-mail or name on either side.
pub(crate) fn matches(view: &AuditFindingView, needle: &str) -> bool {
    let hit = |text: &Option<String>| {
        text.as_deref()
            .is_some_and(|t| t.to_lowercase().contains(needle))
    };
    view.key.to_lowercase().contains(needle)
        || view
            .auth0
            .iter()
            .map(|u| &u.facts)
            .any(|u| u.user_id.to_lowercase().contains(needle) || hit(&u.email) || hit(&u.name))
        || view
            .graph
            .iter()
            .any(|n| n.id.to_lowercase().contains(needle) || hit(&n.email) || hit(&n.name))
}
