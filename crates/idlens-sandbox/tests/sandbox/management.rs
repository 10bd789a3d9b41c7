//! The sandbox's Management API over HTTP: Auth0's envelopes, paging (and
//! its limits), scope checks, the rate limit, and user tokens that carry
//! only current-user scopes.

use idlens_sandbox::{
    RunningSandbox, Sandbox, SandboxConfig, LIMITED_M2M_CLIENT_ID, M2M_CLIENT_ID,
};
use serde_json::Value;

use crate::support::*;
use idlens_testkit::tenant_tokens::client_credentials_token;

/// A Management API token for `client_id` by client credentials.
pub(crate) async fn m2m_token(sb: &RunningSandbox, client_id: &str) -> String {
    let secret = sb.client_secret(client_id).unwrap();
    client_credentials_token(
        sb.issuer(),
        client_id,
        secret.expose(),
        &sb.management_audience(),
    )
    .await
}

/// GETs `path` (under `/api/v2/`) with `token`: the status and JSON body.
async fn get(sb: &RunningSandbox, token: &str, path: &str) -> (u16, Value) {
    let response = http()
        .get(url(sb, &format!("api/v2/{path}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn every_endpoint_answers_in_auth0s_shapes() {
    let sb = start().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;

    let (status, page) = get(
        &sb,
        &t,
        "users?page=0&per_page=5&include_totals=true&q=email_verified:false",
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["users"].as_array().unwrap().len(), 5);
    assert_eq!(
        (
            page["start"].as_u64(),
            page["limit"].as_u64(),
            page["length"].as_u64()
        ),
        (Some(0), Some(5), Some(5))
    );
    assert!(page["total"].as_u64().unwrap() > 5);
    let (_, bare) = get(&sb, &t, "users?per_page=3").await;
    assert_eq!(
        bare.as_array().unwrap().len(),
        3,
        "without include_totals: a bare array"
    );

    let (_, by_email) = get(&sb, &t, "users-by-email?email=ada.admin@idlens.test").await;
    let ada = &by_email[0];
    let id = ada["user_id"].as_str().unwrap().to_owned();
    let escaped = id.replace('|', "%7C");
    let (_, one) = get(&sb, &t, &format!("users/{escaped}")).await;
    assert_eq!(one["email"], "ada.admin@idlens.test");
    let (_, roles) = get(
        &sb,
        &t,
        &format!("users/{escaped}/roles?include_totals=true"),
    )
    .await;
    assert_eq!(roles["roles"][0]["name"], "Admin");
    let (_, permissions) = get(
        &sb,
        &t,
        &format!("users/{escaped}/permissions?per_page=100"),
    )
    .await;
    let first = &permissions[0];
    assert_eq!(
        first["resource_server_identifier"],
        idlens_sandbox::API_AUDIENCE
    );
    assert_eq!(first["sources"][0]["source_type"], "ROLE");
    assert_eq!(first["sources"][0]["source_name"], "Admin");

    let (_, all_roles) = get(&sb, &t, "roles?include_totals=true&per_page=100").await;
    assert!(all_roles["total"].as_u64().unwrap() >= 8);
    let (_, reports) = get(&sb, &t, "roles/rol_Rep0rtViewSndbx06/permissions").await;
    let legacy = reports
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["permission_name"] == "read:legacy-reports")
        .unwrap();
    assert_eq!(
        legacy["description"], "",
        "a scope the API no longer defines"
    );
    let (_, apis) = get(&sb, &t, "resource-servers?include_totals=true").await;
    let system: Vec<&Value> = apis["resource_servers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["is_system"] == true)
        .collect();
    assert_eq!(system.len(), 1);

    let (status, missing) = get(&sb, &t, "users/auth0%7Cnobody").await;
    assert_eq!(
        (status, missing["errorCode"].as_str()),
        (404, Some("inexistent_user"))
    );
    let (status, missing) = get(&sb, &t, "roles/rol_nobody/permissions").await;
    assert_eq!(
        (status, missing["errorCode"].as_str()),
        (404, Some("inexistent_role"))
    );
}

#[tokio::test]
async fn search_stops_at_1000_and_members_page_past_it_only_by_checkpoint() {
    let sb = start().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let (status, capped) = get(&sb, &t, "users?page=10&per_page=100").await;
    assert_eq!(status, 400);
    assert_eq!(capped["errorCode"], "invalid_paging");
    assert!(capped["message"]
        .as_str()
        .unwrap()
        .contains("first 1000 records"));
    let (status, too_many) = get(&sb, &t, "users?per_page=101").await;
    assert_eq!(
        (status, too_many["errorCode"].as_str()),
        (400, Some("invalid_query_string"))
    );

    let role = idlens_sandbox::tenant::rbac::EVERYONE_ROLE_ID;
    let (status, _) = get(&sb, &t, &format!("roles/{role}/users?page=10&per_page=100")).await;
    assert_eq!(status, 400, "offset paging of members stops at 1000");
    let mut members = std::collections::HashSet::new();
    let mut from = String::new();
    loop {
        let (status, page) =
            get(&sb, &t, &format!("roles/{role}/users?take=100&from={from}")).await;
        assert_eq!(status, 200, "{page}");
        for user in page["users"].as_array().unwrap() {
            assert!(
                members.insert(user["user_id"].as_str().unwrap().to_owned()),
                "seen twice"
            );
        }
        match page["next"].as_str() {
            Some(next) => from = next.to_owned(),
            None => break,
        }
    }
    let expected = sb
        .tenant()
        .users
        .iter()
        .filter(|u| u.role_ids.iter().any(|r| r == role))
        .count();
    assert_eq!(members.len(), expected);
    assert!(expected > 1000);
}

#[tokio::test]
async fn a_missing_scope_and_a_bad_token_get_auth0s_errors() {
    let sb = start().await;
    let limited = m2m_token(&sb, LIMITED_M2M_CLIENT_ID).await;
    let (status, body) = get(&sb, &limited, "roles").await;
    assert_eq!(status, 403);
    assert_eq!(body["errorCode"], "insufficient_scope");
    assert_eq!(
        body["message"],
        "Insufficient scope, expected any of: read:roles"
    );
    assert_eq!((get(&sb, &limited, "users?per_page=1").await).0, 200);

    let (status, body) = get(&sb, "not-a-token", "users").await;
    assert_eq!((status, body["statusCode"].as_u64()), (401, Some(401)));
    // A token for another API is no Management API token.
    let secret = sb.m2m_client_secret();
    let api_token = client_credentials_token(
        sb.issuer(),
        M2M_CLIENT_ID,
        secret.expose(),
        idlens_sandbox::API_AUDIENCE,
    )
    .await;
    assert_eq!(get(&sb, &api_token, "users").await.0, 401);
}

#[tokio::test]
async fn a_user_token_for_the_management_api_has_only_current_user_scopes() {
    let sb = start().await;
    let signed_in = pkce_tokens(&sb, &[]).await;
    let audience = sb.management_audience();
    let (status, body) = token(
        &sb,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", idlens_sandbox::DESKTOP_CLIENT_ID),
            (
                "refresh_token",
                signed_in["refresh_token"].as_str().unwrap(),
            ),
            ("audience", &audience),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["scope"]
        .as_str()
        .unwrap()
        .contains("read:current_user"));
    assert!(body["refresh_token"].is_string(), "rotated as any refresh");
    let report = verify(&sb, body["access_token"].as_str().unwrap(), &audience, None).await;
    assert_valid(&report);
    let (status, error) = get(&sb, body["access_token"].as_str().unwrap(), "roles").await;
    assert_eq!(
        (status, error["errorCode"].as_str()),
        (403, Some("insufficient_scope"))
    );
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_its_headers() {
    let sb = Sandbox::start(SandboxConfig {
        mgmt_rate: Some(3),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let mut statuses = Vec::new();
    let mut last = None;
    for _ in 0..8 {
        let response = http()
            .get(url(&sb, "api/v2/roles"))
            .bearer_auth(&t)
            .send()
            .await
            .unwrap();
        let headers = response.headers().clone();
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["errorCode"], "too_many_requests");
            last = Some(headers);
        }
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    let headers = last.unwrap();
    assert_eq!(headers["x-ratelimit-limit"], "3");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    let reset: u64 = headers["x-ratelimit-reset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        reset > now.saturating_sub(2) && reset <= now + 1,
        "{reset} vs {now}"
    );
    assert!(sb.mgmt_requests_refused() >= 1);
}

/// A file name in the temp directory no other test or run uses.
fn temp_log(name: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    std::env::temp_dir().join(format!(
        "idlens-sandbox-{name}-{}-{nanos}.log",
        std::process::id()
    ))
}

#[tokio::test]
async fn the_request_log_has_a_line_per_management_request_429s_included() {
    let path = temp_log("requests");
    let sb = Sandbox::start(SandboxConfig {
        mgmt_rate: Some(3),
        request_log: Some(path.clone()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    // Neither the token request nor other APIs are Management API requests.
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let _ = jwks(&sb).await;
    let mut sent = Vec::new();
    for i in 0..8 {
        let target = format!("/api/v2/roles?per_page=1&page={i}");
        let response = http()
            .get(url(&sb, target.trim_start_matches('/')))
            .bearer_auth(&t)
            .send()
            .await
            .unwrap();
        sent.push((target, response.status().as_u16()));
    }
    let unknown = http()
        .get(url(&sb, "api/v2/no-such-endpoint"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    sent.push((
        "/api/v2/no-such-endpoint".to_owned(),
        unknown.status().as_u16(),
    ));

    let text = std::fs::read_to_string(&path).unwrap();
    let logged: Vec<(String, u16)> = text
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split(' ').collect();
            assert_eq!(fields.len(), 4, "{line}");
            let (secs, millis) = fields[0].split_once('.').unwrap();
            assert!(secs.parse::<u64>().is_ok() && millis.len() == 3, "{line}");
            assert_eq!(fields[1], "GET", "{line}");
            (fields[2].to_owned(), fields[3].parse().unwrap())
        })
        .collect();
    assert_eq!(logged, sent, "in order, with the status each got");
    let refused = logged.iter().filter(|(_, status)| *status == 429).count();
    assert!(refused >= 1, "{text}");
    assert_eq!(refused as u64, sb.mgmt_requests_refused());
    assert_eq!(sent.last().unwrap().1, 404);

    // A second sandbox appends to the same file.
    drop(sb);
    let again = Sandbox::start(SandboxConfig {
        mgmt_rate: None,
        request_log: Some(path.clone()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let t = m2m_token(&again, M2M_CLIENT_ID).await;
    assert_eq!(get(&again, &t, "resource-servers").await.0, 200);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), sent.len() + 1, "{text}");
    assert!(
        text.ends_with(" GET /api/v2/resource-servers 200\n"),
        "{text}"
    );
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn a_request_log_that_cannot_be_opened_stops_the_start() {
    let path = temp_log("missing-dir").join("requests.log");
    let err = Sandbox::start(SandboxConfig {
        request_log: Some(path),
        ..SandboxConfig::default()
    })
    .await
    .unwrap_err();
    assert!(
        matches!(err, idlens_sandbox::SandboxError::RequestLog { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("request log"), "{err}");
}
