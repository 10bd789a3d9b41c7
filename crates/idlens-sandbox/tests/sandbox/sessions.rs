//! A user's sessions and refresh tokens: opened by real sign-ins, listed
//! with checkpoints, ended by the Management API (a revoked refresh token
//! then fails its exchange, logged `fertft`), and refused on plans
//! without the feature.

use idlens_sandbox::{Plan, Sandbox, SandboxConfig, LIMITED_M2M_CLIENT_ID};
use reqwest::Method;
use serde_json::Value;

use crate::logs::{events_since, mark};
use crate::management::m2m_token;
use crate::support::*;

fn admin_id(sb: &idlens_sandbox::RunningSandbox) -> String {
    sb.tenant().sign_in_users[0].user_id.clone()
}

async fn listed(
    sb: &idlens_sandbox::RunningSandbox,
    path: &str,
    key: &str,
) -> (Vec<Value>, Option<String>) {
    let (status, page) = mgmt(sb, Method::GET, path, None).await;
    assert_eq!(status, 200, "{page}");
    let next = page.get("next").and_then(Value::as_str).map(str::to_owned);
    (page[key].as_array().unwrap().clone(), next)
}

#[tokio::test]
async fn sign_ins_open_sessions_and_refresh_tokens_that_deleting_ends() {
    let sb = start().await;
    let t = m2m_token(&sb, idlens_sandbox::M2M_CLIENT_ID).await;
    let id = admin_id(&sb);
    let sessions = format!("users/{id}/sessions");
    let tokens = format!("users/{id}/refresh-tokens");
    assert!(listed(&sb, &sessions, "sessions").await.0.is_empty());
    let mut refresh_tokens = Vec::new();
    for _ in 0..3 {
        let body = pkce_tokens(&sb, &[]).await;
        refresh_tokens.push(body["refresh_token"].as_str().unwrap().to_owned());
    }
    let (first, next) = listed(&sb, &format!("{sessions}?take=2"), "sessions").await;
    assert_eq!(first.len(), 2);
    let (rest, end) = listed(
        &sb,
        &format!("{sessions}?take=2&from={}", next.unwrap()),
        "sessions",
    )
    .await;
    assert_eq!((rest.len(), end), (1, None));
    assert_eq!(
        first[0]["clients"][0]["client_id"],
        idlens_sandbox::DESKTOP_CLIENT_ID
    );
    assert_eq!(first[0]["device"]["last_ip"], "127.0.0.1");
    assert_eq!(first[0]["user_id"], id.as_str());

    let (live, _) = listed(&sb, &tokens, "tokens").await;
    assert_eq!(live.len(), 3, "{live:?}");
    assert_eq!(live[0]["client_id"], idlens_sandbox::DESKTOP_CLIENT_ID);
    assert!(live
        .iter()
        .all(|t| t["session_id"].is_string() && t["rotating"] == true));
    let (status, _) = refresh(&sb, &refresh_tokens[0]).await;
    assert_eq!(status, 200, "a refresh keeps the family listed once");
    assert_eq!(listed(&sb, &tokens, "tokens").await.0.len(), 3);

    let from = mark(&sb, &t).await;
    assert_eq!(mgmt(&sb, Method::DELETE, &tokens, None).await.0, 204);
    assert!(listed(&sb, &tokens, "tokens").await.0.is_empty());
    let (status, body) = refresh(&sb, &refresh_tokens[1]).await;
    assert_error(status, &body, 403, "invalid_grant");
    let events = events_since(&sb, &t, &from).await;
    assert!(events.iter().any(|e| e["type"] == "fertft"), "{events:?}");
    assert!(events.iter().any(|e| e["type"] == "sapi"));

    assert_eq!(mgmt(&sb, Method::DELETE, &sessions, None).await.0, 204);
    assert!(listed(&sb, &sessions, "sessions").await.0.is_empty());
}

#[tokio::test]
async fn plans_without_sessions_refuse_them_after_the_scope_check() {
    let sb = Sandbox::start(SandboxConfig {
        seed: 7,
        plan: Plan::Professional,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let id = admin_id(&sb);
    for (method, path, scope) in [
        (Method::GET, format!("users/{id}/sessions"), "read:sessions"),
        (
            Method::DELETE,
            format!("users/{id}/sessions"),
            "delete:sessions",
        ),
        (
            Method::GET,
            format!("users/{id}/refresh-tokens"),
            "read:refresh_tokens",
        ),
        (
            Method::DELETE,
            format!("users/{id}/refresh-tokens"),
            "delete:refresh_tokens",
        ),
    ] {
        let limited = mgmt_as(&sb, LIMITED_M2M_CLIENT_ID, method.clone(), &path, None).await;
        assert_mgmt_error(&limited, 403, "insufficient_scope");
        assert!(limited.1["message"].as_str().unwrap().contains(scope));
        let refused = mgmt(&sb, method, &path, None).await;
        assert_mgmt_error(&refused, 403, "operation_not_supported");
        assert!(
            refused.1["message"].as_str().unwrap().contains("plan"),
            "{}",
            refused.1
        );
    }
    let enterprise = start().await;
    let nobody = mgmt(
        &enterprise,
        Method::GET,
        "users/auth0|nobody/sessions",
        None,
    )
    .await;
    assert_mgmt_error(&nobody, 404, "inexistent_user");
}
