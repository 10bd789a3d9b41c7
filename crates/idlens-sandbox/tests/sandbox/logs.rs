//! The tenant's logs over HTTP: events produced live by each flow with
//! Auth0's type codes, checkpoint paging (raw requests: node-auth0 has no
//! checkpoint mode), the listing's 1,000-result cap and sort, the plan's
//! retention window and the store's cap, and the rate limit.

use std::time::Duration;

use idlens_sandbox::{
    Plan, RunningSandbox, Sandbox, SandboxConfig, API_AUDIENCE, DESKTOP_CLIENT_ID, M2M_CLIENT_ID,
};
use serde_json::Value;

use crate::management::m2m_token;
use crate::support::*;

/// GETs `path` (under `/api/v2/`): the status, `Link` header and JSON body.
pub(crate) async fn get_logs(
    sb: &RunningSandbox,
    token: &str,
    path: &str,
) -> (u16, Option<String>, Value) {
    let response = http()
        .get(url(sb, &format!("api/v2/{path}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let link = response
        .headers()
        .get("link")
        .map(|l| l.to_str().unwrap().to_owned());
    (
        response.status().as_u16(),
        link,
        response.json().await.unwrap(),
    )
}

/// The newest event's `log_id`: live events come after it.
pub(crate) async fn mark(sb: &RunningSandbox, token: &str) -> String {
    let (status, _, page) = get_logs(sb, token, "logs?per_page=1&sort=date:-1").await;
    assert_eq!(status, 200, "{page}");
    page[0]["log_id"].as_str().unwrap().to_owned()
}

/// Every event after `from`, following the checkpoint `Link` headers until
/// an empty page; fails on a repeated `log_id`.
pub(crate) async fn events_since(sb: &RunningSandbox, token: &str, from: &str) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    let mut all = Vec::new();
    let mut next = url(sb, &format!("api/v2/logs?from={from}&take=100"));
    loop {
        let response = http().get(&next).bearer_auth(token).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let link = response.headers()["link"].to_str().unwrap().to_owned();
        let page: Vec<Value> = response.json().await.unwrap();
        if page.is_empty() {
            return all;
        }
        for event in page {
            assert!(
                seen.insert(event["log_id"].as_str().unwrap().to_owned()),
                "a duplicate: {event}"
            );
            all.push(event);
        }
        next = link
            .strip_prefix('<')
            .and_then(|l| l.split_once(">; rel=\"next\""))
            .map(|(u, _)| u.to_owned())
            .unwrap_or_else(|| panic!("a next link: {link}"));
    }
}

fn types(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["type"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn each_flow_logs_its_auth0_code() {
    let sb = start().await;
    let admin_token = m2m_token(&sb, M2M_CLIENT_ID).await;
    let from = mark(&sb, &admin_token).await;
    let admin_id = sb.tenant().sign_in_users[0].user_id.clone();

    // Sign-in and code exchange; refresh, then reuse of the rotated token.
    let tokens = pkce_tokens(&sb, &[]).await;
    let rt1 = tokens["refresh_token"].as_str().unwrap();
    assert_eq!(refresh(&sb, rt1).await.0, 200);
    assert_eq!(refresh(&sb, rt1).await.0, 403);
    // A code redeemed twice, an unknown user, a wrong password.
    assert_eq!(redeem(&sb, "not-a-code", VERIFIER, CALLBACK).await.0, 403);
    let unknown = login(&sb, &[], ("nobody@idlens.test", "x"), "allow").await;
    assert_eq!(unknown.status(), 401);
    let wrong = login(&sb, &[], (ADMIN.0, "wrong"), "allow").await;
    assert_eq!(wrong.status(), 401);
    // Client credentials, good and for an API the client has no grant for.
    let _token = m2m_token(&sb, M2M_CLIENT_ID).await;
    let secret = sb.m2m_client_secret();
    let (status, _) = token(
        &sb,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", M2M_CLIENT_ID),
            ("client_secret", secret.expose()),
            ("audience", "https://reports.idlens.test/"),
        ],
    )
    .await;
    assert_eq!(status, 403);
    // The device flow, approved; then logout; then a Management API write
    // that works and one that fails.
    let code = device_code(&sb).await;
    sb.approve_device_code(code["user_code"].as_str().unwrap(), ADMIN.0)
        .unwrap();
    assert_eq!(
        poll(&sb, code["device_code"].as_str().unwrap()).await.0,
        200
    );
    assert_eq!(poll(&sb, "no-such-device-code").await.0, 403);
    let logout = http()
        .get(url(&sb, "v2/logout"))
        .header("user-agent", "sandbox-test/1.0")
        .query(&[("client_id", DESKTOP_CLIENT_ID)])
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 200);
    let roles = url(&sb, &format!("api/v2/users/{admin_id}/roles"));
    for (role, want) in [
        ("rol_Rep0rtViewSndbx06", 204),
        ("rol_NoSuchRole000000", 404),
    ] {
        let response = http()
            .post(&roles)
            .bearer_auth(&admin_token)
            .json(&serde_json::json!({ "roles": [role] }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), want);
    }

    let events = events_since(&sb, &admin_token, &from).await;
    assert_eq!(
        types(&events),
        [
            "s", "seacft", "sertft", "ferrt", "feacft", "fu", "fp", "seccft", "feccft", "sede",
            "fede", "slo", "sapi", "fapi"
        ],
        "{events:#?}"
    );
    let by_type = |t: &str| events.iter().find(|e| e["type"] == t).unwrap();
    let signed_in = by_type("s");
    assert_eq!(signed_in["user_id"], admin_id);
    assert_eq!(signed_in["user_name"], ADMIN.0);
    assert_eq!(signed_in["client_id"], DESKTOP_CLIENT_ID);
    assert_eq!(signed_in["connection"], "Username-Password-Authentication");
    assert_eq!(signed_in["strategy"], "auth0");
    assert_eq!(signed_in["ip"], "127.0.0.1");
    assert!(signed_in["date"].as_str().unwrap().ends_with('Z'));
    assert_eq!(by_type("ferrt")["user_id"], admin_id);
    assert_eq!(by_type("seacft")["user_id"], admin_id);
    assert_eq!(by_type("fu")["user_name"], "nobody@idlens.test");
    assert!(by_type("fu").get("user_id").is_none());
    assert_eq!(by_type("slo")["user_agent"], "sandbox-test/1.0");
    assert_eq!(by_type("fapi")["details"]["response"]["statusCode"], 404);
    // Each event is also served alone.
    let one = &events[0]["log_id"].as_str().unwrap();
    let (status, _, alone) = get_logs(&sb, &admin_token, &format!("logs/{one}")).await;
    assert_eq!((status, &alone["type"]), (200, &Value::from("s")));
}

async fn device_code(sb: &RunningSandbox) -> Value {
    let response = http()
        .post(url(sb, "oauth/device/code"))
        .form(&[
            ("client_id", DESKTOP_CLIENT_ID),
            ("scope", "openid offline_access"),
            ("audience", API_AUDIENCE),
        ])
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

async fn poll(sb: &RunningSandbox, device_code: &str) -> (u16, Value) {
    token(
        sb,
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", device_code),
            ("client_id", DESKTOP_CLIENT_ID),
        ],
    )
    .await
}

#[tokio::test]
async fn checkpoints_walk_every_event_once_and_end_empty() {
    let sb = start().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let (_, _, totals) = get_logs(&sb, &t, "logs?per_page=1&include_totals=true").await;
    let total = totals["total"].as_u64().unwrap() as usize;
    assert!(total > 1_000, "{totals}");
    let all = events_since(&sb, &t, "").await;
    assert_eq!(all.len(), total);
    let ids: Vec<&str> = all.iter().map(|e| e["log_id"].as_str().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ordered by log_id");
    // Every other parameter is ignored in checkpoint mode.
    let (status, link, page) = get_logs(
        &sb,
        &t,
        &format!(
            "logs?from={}&take=3&per_page=1&sort=date:1&page=50",
            ids[10]
        ),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        page.as_array()
            .unwrap()
            .iter()
            .map(|e| e["log_id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ids[11..14]
    );
    assert!(link.unwrap().contains(&format!("from={}", ids[13])));
    let (status, _, body) = get_logs(&sb, &t, "logs?from=&take=101").await;
    assert_eq!(
        (status, &body["errorCode"]),
        (400, &Value::from("invalid_query_string"))
    );
}

#[tokio::test]
async fn the_listing_pages_only_the_first_1000_results_and_sorts_by_date() {
    let sb = start().await;
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let (status, _, last) = get_logs(&sb, &t, "logs?page=9&per_page=100").await;
    assert_eq!((status, last.as_array().unwrap().len()), (200, 100));
    let (status, _, body) = get_logs(&sb, &t, "logs?page=10&per_page=100").await;
    assert_eq!(
        (status, &body["errorCode"]),
        (400, &Value::from("invalid_paging")),
        "{body}"
    );
    let (status, _, _) = get_logs(&sb, &t, "logs?per_page=101").await;
    assert_eq!(status, 400);
    for (sort, newest_first) in [("date:-1", true), ("date:1", false)] {
        let (_, _, page) = get_logs(&sb, &t, &format!("logs?per_page=100&sort={sort}")).await;
        let dates: Vec<&str> = page
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["date"].as_str().unwrap())
            .collect();
        let ordered = dates.windows(2).all(|w| {
            if newest_first {
                w[0] >= w[1]
            } else {
                w[0] <= w[1]
            }
        });
        assert!(ordered, "{sort}: {dates:?}");
    }
    let (_, _, envelope) = get_logs(&sb, &t, "logs?page=2&per_page=7&include_totals=true").await;
    assert_eq!(
        (&envelope["start"], &envelope["limit"], &envelope["length"]),
        (&Value::from(14), &Value::from(7), &Value::from(7))
    );
    assert_eq!(envelope["logs"].as_array().unwrap().len(), 7);
}

#[tokio::test]
async fn the_plan_sets_the_retention_window_and_the_store_is_capped() {
    let sb = Sandbox::start(SandboxConfig {
        seed: 7,
        plan: Plan::Free,
        max_log_events: 400,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    assert!(sb.log_events_held() <= 400);
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let all = events_since(&sb, &t, "").await;
    let day_ago = chrono::DateTime::<chrono::Utc>::from(sb.now() - Duration::from_secs(86_400));
    assert!(!all.is_empty());
    for event in &all {
        let date: chrono::DateTime<chrono::Utc> = event["date"].as_str().unwrap().parse().unwrap();
        assert!(date >= day_ago, "older than the Free plan's day: {event}");
    }
    // Two days later none of them is shown, only the new token's exchange.
    sb.advance_clock(Duration::from_secs(2 * 86_400)).unwrap();
    let t = m2m_token(&sb, M2M_CLIENT_ID).await;
    let (_, _, totals) = get_logs(&sb, &t, "logs?include_totals=true").await;
    assert_eq!(totals["total"], 1, "{totals}");
    assert_eq!(types(&events_since(&sb, &t, "").await), ["seccft"]);
}

#[tokio::test]
async fn a_users_logs_need_read_logs_users_and_the_rate_limit_still_applies() {
    let sb = Sandbox::start(SandboxConfig {
        seed: 7,
        mgmt_rate: Some(3),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let limited = m2m_token(&sb, idlens_sandbox::LIMITED_M2M_CLIENT_ID).await;
    let story = &sb.support_stories()[0];
    let (status, _, body) = get_logs(&sb, &limited, &format!("users/{}/logs", story.user_id)).await;
    assert_eq!(
        (status, &body["errorCode"]),
        (403, &Value::from("insufficient_scope")),
        "{body}"
    );
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("read:logs_users"));
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(get_logs(&sb, &limited, "logs?per_page=1").await.0);
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}
