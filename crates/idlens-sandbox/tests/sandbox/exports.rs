//! Users exports (jobs, progress, signed gzipped files that expire),
//! connections, account linking and the drifted demo graph.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use idlens_sandbox::{
    demo_drift, demo_graph, write_graph_csv, RunningSandbox, Sandbox, SandboxConfig, Tenant,
    LIMITED_M2M_CLIENT_ID, M2M_CLIENT_ID,
};
use idlens_testkit::export::{gunzip, ndjson_lines};
use serde_json::{json, Value};

use crate::support::*;

async fn started(link_seconds: u64) -> RunningSandbox {
    Sandbox::start(SandboxConfig {
        seed: 7,
        mgmt_rate: None,
        export_link_lifetime: Duration::from_secs(link_seconds),
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

async fn call(
    sb: &RunningSandbox,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = http()
        .request(method, url(sb, &format!("api/v2/{path}")))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn post(sb: &RunningSandbox, token: &str, path: &str, body: Value) -> (u16, Value) {
    call(sb, token, reqwest::Method::POST, path, Some(body)).await
}

async fn get(sb: &RunningSandbox, token: &str, path: &str) -> (u16, Value) {
    call(sb, token, reqwest::Method::GET, path, None).await
}

/// Polls the job until it is no longer pending or processing; returns every answer.
async fn poll(sb: &RunningSandbox, token: &str, id: &str) -> Vec<Value> {
    let mut seen = Vec::new();
    for _ in 0..10 {
        let (status, job) = get(sb, token, &format!("jobs/{id}")).await;
        assert_eq!(status, 200, "{job}");
        let done = !matches!(job["status"].as_str(), Some("pending" | "processing"));
        seen.push(job);
        if done {
            return seen;
        }
    }
    panic!("the job never finished: {seen:?}");
}

/// Downloads a location: the status and the body's bytes.
async fn download(location: &str) -> (u16, Vec<u8>) {
    let response = http().get(location).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn an_export_job_progresses_and_its_gzipped_ndjson_holds_every_user() {
    let sb = started(60).await;
    let t = crate::management::m2m_token(&sb, M2M_CLIENT_ID).await;
    let fields = json!([{"name": "user_id"}, {"name": "email"}, {"name": "identities[0].connection", "export_as": "connection"}]);
    let (status, job) = post(
        &sb,
        &t,
        "jobs/users-exports",
        json!({"format": "json", "fields": fields}),
    )
    .await;
    assert_eq!(status, 201, "{job}");
    assert_eq!(job["type"], "users_export");
    assert_eq!(job["status"], "pending");
    assert_eq!(job["format"], "json");
    assert_eq!(job["fields"], fields);
    let id = job["id"].as_str().unwrap();
    assert!(id.starts_with("job_"), "{id}");
    assert!(job["created_at"].as_str().unwrap().ends_with('Z'));

    let answers = poll(&sb, &t, id).await;
    let steps: Vec<(String, u64)> = answers
        .iter()
        .map(|j| {
            (
                j["status"].as_str().unwrap().to_owned(),
                j["percentage_done"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("processing".to_owned(), 33),
            ("processing".to_owned(), 66),
            ("completed".to_owned(), 100)
        ]
    );
    assert!(answers[0]["time_left_seconds"].as_u64().unwrap() > 0);
    let location = answers[2]["location"].as_str().unwrap();
    assert!(location.starts_with(sb.issuer()), "{location}");

    let (status, bytes) = download(location).await;
    assert_eq!(status, 200);
    let lines = ndjson_lines(&bytes);
    let tenant = sb.tenant();
    assert_eq!(lines.len(), tenant.users.len());
    let first = &tenant.users[0];
    assert_eq!(
        lines[0],
        json!({"user_id": first.user_id, "email": first.email, "connection": first.connection()})
    );
    let ids: HashSet<&str> = lines
        .iter()
        .map(|l| l["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), tenant.users.len());
}

#[tokio::test]
async fn without_fields_users_are_whole_and_a_connection_narrows_the_export() {
    let sb = started(60).await;
    let t = crate::management::m2m_token(&sb, M2M_CLIENT_ID).await;
    let (status, list) = get(&sb, &t, "connections?name=github").await;
    assert_eq!(status, 200, "{list}");
    let github = list.as_array().unwrap();
    assert_eq!(github.len(), 1);
    assert_eq!(github[0]["strategy"], "github");
    let connection_id = github[0]["id"].as_str().unwrap();

    let (_, paged) = get(&sb, &t, "connections?take=2&include_totals=true").await;
    assert_eq!(paged["connections"].as_array().unwrap().len(), 2);
    assert_eq!(
        paged["connections"][0]["name"],
        "Username-Password-Authentication"
    );
    assert!(paged["next"].is_string());

    let (status, job) = post(
        &sb,
        &t,
        "jobs/users-exports",
        json!({"format": "json", "connection_id": connection_id}),
    )
    .await;
    assert_eq!(status, 201, "{job}");
    assert_eq!(job["connection"], "github");
    let answers = poll(&sb, &t, job["id"].as_str().unwrap()).await;
    let (_, bytes) = download(answers.last().unwrap()["location"].as_str().unwrap()).await;
    let lines = ndjson_lines(&bytes);
    let expected = sb
        .tenant()
        .users
        .iter()
        .filter(|u| u.connection() == "github")
        .count();
    assert_eq!(lines.len(), expected);
    assert!(lines
        .iter()
        .all(|l| l["identities"][0]["provider"] == "github"
            && l["identities"][0]["user_id"].is_u64()
            && l["email"].is_string()));

    let (status, err) = post(
        &sb,
        &t,
        "jobs/users-exports",
        json!({"format": "json", "connection_id": "con_0000000000000000"}),
    )
    .await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(err["message"], "The connection does not exist.");
    assert_eq!(err["statusCode"], 400);
    let (status, err) = post(&sb, &t, "jobs/users-exports", json!({"format": "xml"})).await;
    assert_eq!(
        (status, err["errorCode"].as_str()),
        (400, Some("invalid_body"))
    );

    let (status, _) = get(&sb, &t, "jobs/job_nope").await;
    assert_eq!(status, 404);
    // The CSV export: a header row, a row per user, gzipped.
    let (_, job) = post(
        &sb,
        &t,
        "jobs/users-exports",
        json!({"format": "csv", "limit": 3, "fields": [{"name": "email", "export_as": "mail"}]}),
    )
    .await;
    let answers = poll(&sb, &t, job["id"].as_str().unwrap()).await;
    let (_, bytes) = download(answers.last().unwrap()["location"].as_str().unwrap()).await;
    let text = gunzip(&bytes);
    assert_eq!(text.lines().count(), 4, "{text}");
    assert_eq!(text.lines().next(), Some("mail"));
}

#[tokio::test]
async fn a_link_expires_and_the_next_poll_signs_a_fresh_one() {
    let sb = started(30).await;
    let t = crate::management::m2m_token(&sb, M2M_CLIENT_ID).await;
    let (_, job) = post(&sb, &t, "jobs/users-exports", json!({"format": "json"})).await;
    let id = job["id"].as_str().unwrap();
    let answers = poll(&sb, &t, id).await;
    let old = answers.last().unwrap()["location"]
        .as_str()
        .unwrap()
        .to_owned();
    sb.advance_clock(Duration::from_secs(31)).unwrap();
    let (status, body) = download(&old).await;
    assert_eq!(status, 403);
    let text = String::from_utf8(body).unwrap();
    assert!(text.contains("<Code>AccessDenied</Code>"), "{text}");
    assert!(text.contains("Request has expired"), "{text}");
    let (_, again) = get(&sb, &t, &format!("jobs/{id}")).await;
    let fresh = again["location"].as_str().unwrap();
    assert_ne!(fresh, old);
    let (status, bytes) = download(fresh).await;
    assert_eq!(status, 200);
    assert_eq!(ndjson_lines(&bytes).len(), sb.tenant().users.len());
    // A link whose signature was tampered with is refused.
    let (status, _) = download(&fresh.replace("signature=", "signature=x")).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_job_told_to_fail_fails_with_details() {
    let sb = started(60).await;
    let t = crate::management::m2m_token(&sb, M2M_CLIENT_ID).await;
    let hook = http()
        .post(url(&sb, "sandbox/exports/fail-next"))
        .form(&[("count", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(hook.status().as_u16(), 204);
    let (_, job) = post(&sb, &t, "jobs/users-exports", json!({"format": "json"})).await;
    let answers = poll(&sb, &t, job["id"].as_str().unwrap()).await;
    let last = answers.last().unwrap();
    assert_eq!(last["status"], "failed", "{last}");
    assert!(last["status_details"].as_str().unwrap().contains("Failed"));
    assert!(last.get("location").is_none());
    // Only the next one: the job after it completes.
    let (_, job) = post(&sb, &t, "jobs/users-exports", json!({"format": "json"})).await;
    let answers = poll(&sb, &t, job["id"].as_str().unwrap()).await;
    assert_eq!(answers.last().unwrap()["status"], "completed");
    assert_eq!(sb.table_sizes().export_jobs, 2);
}

#[tokio::test]
async fn linking_moves_the_secondary_into_the_primarys_identities() {
    let sb = started(60).await;
    let t = crate::management::m2m_token(&sb, M2M_CLIENT_ID).await;
    // One person with two unlinked users: the same e-mail on two providers.
    let (primary, secondary) = {
        let tenant = sb.tenant();
        let mut by_email: HashMap<&str, Vec<&idlens_sandbox::tenant::User>> = HashMap::new();
        for u in &tenant.users {
            by_email.entry(&u.email).or_default().push(u);
        }
        let pair = by_email
            .values()
            .find(|v| {
                v.len() == 2
                    && v[0].user_id.starts_with("auth0|")
                    && v[1].user_id.starts_with("github|")
            })
            .expect("a database user and a GitHub user with one e-mail");
        (pair[0].user_id.clone(), pair[1].clone())
    };
    let escaped = primary.replace('|', "%7C");
    let github_id = secondary.identities[0].user_id.clone();
    assert!(github_id.is_u64());

    let limited = crate::management::m2m_token(&sb, LIMITED_M2M_CLIENT_ID).await;
    let (status, err) = post(
        &sb,
        &limited,
        &format!("users/{escaped}/identities"),
        json!({"provider": "github", "user_id": github_id}),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(err["errorCode"], "insufficient_scope");
    assert!(err["message"].as_str().unwrap().contains("update:users"));

    let (status, err) = post(
        &sb,
        &t,
        &format!("users/{escaped}/identities"),
        json!({"provider": "auth0", "user_id": primary.trim_start_matches("auth0|")}),
    )
    .await;
    assert_eq!(status, 400, "{err}");
    assert_eq!(
        err["message"],
        "Main identity and the new one are the same."
    );
    let (status, _) = post(
        &sb,
        &t,
        "users/auth0%7Cnobody/identities",
        json!({"provider": "github", "user_id": github_id}),
    )
    .await;
    assert_eq!(status, 404);

    let users_before = sb.tenant().users.len();
    let (status, identities) = post(
        &sb,
        &t,
        &format!("users/{escaped}/identities"),
        json!({"provider": "github", "user_id": github_id.to_string()}),
    )
    .await;
    assert_eq!(status, 201, "{identities}");
    let identities = identities.as_array().unwrap();
    assert_eq!(identities.len(), 2);
    assert_eq!(identities[1]["provider"], "github");
    assert_eq!(identities[1]["user_id"], github_id);
    assert_eq!(
        identities[1]["profileData"]["email"],
        json!(secondary.email)
    );
    assert_eq!(sb.tenant().users.len(), users_before - 1);
    let (status, _) = get(
        &sb,
        &t,
        &format!("users/{}", secondary.user_id.replace('|', "%7C")),
    )
    .await;
    assert_eq!(status, 404, "the secondary is no longer a user");
    let (_, one) = get(&sb, &t, &format!("users/{escaped}")).await;
    assert_eq!(one["identities"].as_array().unwrap().len(), 2);
    // Linking it again: it is now someone's identity.
    let (status, _) = post(
        &sb,
        &t,
        &format!("users/{escaped}/identities"),
        json!({"provider": "github", "user_id": github_id}),
    )
    .await;
    assert_eq!(status, 409);
}

/// The audit's rules (docs/audit.md), counted plainly, against the demo graph.
fn audit_counts(tenant: &Tenant, rows: &[idlens_sandbox::DemoNode]) -> idlens_sandbox::DemoDrift {
    let users: HashMap<&str, &idlens_sandbox::tenant::User> = tenant
        .users
        .iter()
        .map(|u| (u.user_id.as_str(), u))
        .collect();
    let secondary: HashSet<String> = tenant
        .users
        .iter()
        .flat_map(|u| u.identities.iter().skip(1))
        .map(|i| match &i.user_id {
            Value::String(s) => format!("{}|{s}", i.provider),
            other => format!("{}|{other}", i.provider),
        })
        .collect();
    let mut groups: HashMap<&str, Vec<&idlens_sandbox::DemoNode>> = HashMap::new();
    for row in rows {
        groups.entry(&row.sub).or_default().push(row);
    }
    let norm = |e: &str| e.trim().to_lowercase();
    let mut drift = idlens_sandbox::DemoDrift {
        missing_in_graph: users.keys().filter(|id| !groups.contains_key(*id)).count(),
        ..Default::default()
    };
    for (id, nodes) in &groups {
        if nodes.len() > 1 {
            drift.duplicate_node += 1;
        }
        match users.get(id) {
            None if secondary.contains(*id) => drift.linked_secondary_in_graph += 1,
            None => drift.orphan_in_graph += 1,
            Some(u) => {
                let n = nodes[0];
                let email = n.email.as_deref().map(norm) != Some(norm(&u.email));
                let verified = n.email_verified.is_some_and(|v| v != u.email_verified);
                let name = n.name.as_deref() != Some(u.name.as_str());
                if email || verified || name {
                    drift.field_drift += 1;
                }
            }
        }
    }
    let mut emails: HashMap<String, usize> = HashMap::new();
    for u in &tenant.users {
        *emails.entry(norm(&u.email)).or_default() += 1;
    }
    drift.duplicate_account = emails.values().filter(|n| **n > 1).count();
    drift
}

#[test]
fn the_demo_graph_drifts_in_every_way_the_audit_finds() {
    let tenant = Tenant::seeded(1, "http://127.0.0.1:4000/", &[]);
    let rows = demo_graph(&tenant);
    assert_eq!(rows, demo_graph(&tenant), "deterministic");
    let drift = demo_drift(&tenant);
    assert_eq!(audit_counts(&tenant, &rows), drift);
    // Every kind (`DemoDrift`'s fields are named as the kinds), at least thrice.
    let counts = serde_json::to_value(drift).unwrap();
    for (kind, n) in counts.as_object().unwrap() {
        assert!(n.as_u64().unwrap() >= 3, "{kind}: {n}");
    }
    // Most missing nodes are social sign-ups.
    let in_graph: HashSet<&str> = rows.iter().map(|r| r.sub.as_str()).collect();
    let missing_social = tenant
        .users
        .iter()
        .filter(|u| !in_graph.contains(u.user_id.as_str()) && u.identities[0].is_social)
        .count();
    assert!(missing_social * 2 > drift.missing_in_graph);

    let mut csv = Vec::new();
    write_graph_csv(&rows, &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("sub,email,email_verified,name"));
    assert_eq!(lines.count(), rows.len());
    assert!(
        text.lines().any(|l| l.contains(",,")),
        "a null email_verified is an empty cell"
    );
}
