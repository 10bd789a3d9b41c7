use std::io::Write;

use idlens_audit::{audit, AuditOptions, Finding, GraphInput, Mapping, MappingText, Report};

/// An Auth0 user line. `identities` is `provider:user_id:social`, comma
/// separated (`github:#123:1` writes the id as a JSON number).
pub fn user(
    id: &str,
    email: Option<&str>,
    verified: Option<bool>,
    name: Option<&str>,
    identities: &str,
) -> String {
    let mut fields = vec![format!(
        "\"user_id\":{}",
        serde_json::to_string(id).unwrap()
    )];
    if let Some(email) = email {
        fields.push(format!(
            "\"email\":{}",
            serde_json::to_string(email).unwrap()
        ));
    }
    if let Some(verified) = verified {
        fields.push(format!("\"email_verified\":{verified}"));
    }
    if let Some(name) = name {
        fields.push(format!("\"name\":{}", serde_json::to_string(name).unwrap()));
    }
    let identities: Vec<String> = identities
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|spec| {
            let parts: Vec<&str> = spec.split(':').collect();
            let uid = match parts[1].strip_prefix('#') {
                Some(number) => number.to_owned(),
                None => format!("\"{}\"", parts[1]),
            };
            format!(
                r#"{{"provider":"{}","user_id":{uid},"connection":"{}","isSocial":{}}}"#,
                parts[0],
                parts[0],
                parts[2] == "1"
            )
        })
        .collect();
    if !identities.is_empty() {
        fields.push(format!("\"identities\":[{}]", identities.join(",")));
    }
    fields.push(r#""logins_count":3,"created_at":"2024-01-01T00:00:00.000Z""#.to_owned());
    format!("{{{}}}", fields.join(","))
}

pub fn options() -> AuditOptions {
    AuditOptions::new("users.json", "graph.csv", "2026-11-26T21:30:00Z")
}

pub fn mapping_without(name: bool, verified: bool) -> Mapping {
    Mapping::parse(&MappingText {
        name: (!name).then(|| "name".into()),
        email_verified: (!verified).then(|| "email_verified".into()),
        ..MappingText::default()
    })
    .unwrap()
}

/// Runs the whole audit on text inputs; returns the report read back.
pub fn run(users: &[String], csv: &str, options: &AuditOptions) -> Report {
    let mut out = Vec::new();
    let auth0 = users.join("\n");
    audit(
        auth0.as_bytes(),
        GraphInput::Csv(Box::new(csv.as_bytes())),
        options,
        &mut out,
    )
    .unwrap();
    Report::from_json(std::str::from_utf8(&out).unwrap()).unwrap()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn text(v: &Option<std::borrow::Cow<'_, str>>) -> String {
    v.as_deref().map_or("null".to_owned(), |s| format!("{s:?}"))
}

/// One line per finding.
pub fn render(report: &Report) -> String {
    let mut lines: Vec<String> = report.findings.iter().map(render_one).collect();
    lines.insert(0, format!("total {}", report.summary.total()));
    lines.join("\n")
}

fn render_one(finding: &Finding<'_>) -> String {
    match finding {
        Finding::MissingInGraph { id, cause, .. } => {
            format!("missing_in_graph {id} cause={cause:?}")
        }
        Finding::OrphanInGraph { id, graph } => {
            format!("orphan_in_graph {id} email={}", text(&graph.email))
        }
        Finding::LinkedSecondaryInGraph { id, primary_id, .. } => {
            format!("linked_secondary_in_graph {id} primary={primary_id}")
        }
        Finding::FieldDrift { id, fields, .. } => {
            let fields: Vec<String> = fields
                .iter()
                .map(|f| format!("{:?}: {} -> {}", f.field, f.auth0, f.graph))
                .collect();
            format!("field_drift {id} {}", fields.join("; "))
        }
        Finding::DuplicateNode {
            id,
            count,
            graph,
            auth0,
        } => {
            let emails: Vec<String> = graph.iter().map(|g| text(&g.email)).collect();
            format!(
                "duplicate_node {id} count={count} rows=[{}] in_auth0={}",
                emails.join(", "),
                auth0.is_some()
            )
        }
        Finding::DuplicateAccount {
            email,
            confidence,
            accounts,
            primary_id,
            primary_rule,
        } => {
            let ids: Vec<&str> = accounts.iter().map(|a| &*a.user_id).collect();
            format!(
                "duplicate_account {email} {confidence:?} [{}] primary={primary_id} ({primary_rule:?})",
                ids.join(", ")
            )
        }
    }
}
