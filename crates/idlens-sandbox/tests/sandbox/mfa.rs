//! A user's MFA over the Management API: seeded enrollments (confirmed and
//! partial), the Guardian view, removing one method or all (logged
//! `gd_unenroll`), forgetting remembered browsers; scopes and 404s.

use idlens_sandbox::LIMITED_M2M_CLIENT_ID;
use reqwest::Method;
use serde_json::{json, Value};

use crate::logs::{events_since, mark};
use crate::management::m2m_token;
use crate::support::*;

async fn methods(sb: &idlens_sandbox::RunningSandbox, user_id: &str) -> Vec<Value> {
    let (status, list) = mgmt(
        sb,
        Method::GET,
        &format!("users/{user_id}/authentication-methods"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    list.as_array().unwrap().clone()
}

#[tokio::test]
async fn the_mfa_story_users_methods_are_listed_and_removed() {
    let sb = start().await;
    let t = m2m_token(&sb, idlens_sandbox::M2M_CLIENT_ID).await;
    let from = mark(&sb, &t).await;
    let customer = story(&sb, "mfa_failures");
    let base = format!("users/{}", customer.user_id);
    let listed = methods(&sb, &customer.user_id).await;
    let kinds: Vec<(&str, bool)> = listed
        .iter()
        .map(|m| {
            (
                m["type"].as_str().unwrap(),
                m["confirmed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, [("totp", true), ("phone", true)]);
    assert!(listed
        .iter()
        .all(|m| m["id"].as_str().unwrap().contains("|dev_") && m["created_at"].is_string()));
    assert_eq!(listed[1]["name"], "XXXXXXXX0142");
    let (_, totals) = mgmt(
        &sb,
        Method::GET,
        &format!("{base}/authentication-methods?include_totals=true&per_page=1"),
        None,
    )
    .await;
    assert_eq!(
        (
            totals["total"].as_u64(),
            totals["authenticators"].as_array().map(Vec::len)
        ),
        (Some(2), Some(1)),
        "{totals}"
    );
    let (_, enrollments) = mgmt(&sb, Method::GET, &format!("{base}/enrollments"), None).await;
    assert_eq!(
        enrollments.as_array().unwrap().len(),
        1,
        "only the first confirmed one: {enrollments}"
    );
    assert_eq!(
        (&enrollments[0]["status"], &enrollments[0]["auth_method"]),
        (&json!("confirmed"), &json!("authenticator"))
    );

    let phone = listed[1]["id"].as_str().unwrap();
    let one = mgmt(
        &sb,
        Method::DELETE,
        &format!("{base}/authentication-methods/{phone}"),
        None,
    )
    .await;
    assert_eq!(one.0, 204);
    assert_eq!(methods(&sb, &customer.user_id).await.len(), 1);
    let gone = mgmt(
        &sb,
        Method::DELETE,
        &format!("{base}/authentication-methods/{phone}"),
        None,
    )
    .await;
    assert_mgmt_error(&gone, 404, "inexistent_authentication_method");
    assert_eq!(
        mgmt(
            &sb,
            Method::DELETE,
            &format!("{base}/authentication-methods"),
            None
        )
        .await
        .0,
        204
    );
    assert!(methods(&sb, &customer.user_id).await.is_empty());
    let (_, enrollments) = mgmt(&sb, Method::GET, &format!("{base}/enrollments"), None).await;
    assert_eq!(enrollments, json!([]));

    let events = events_since(&sb, &t, &from).await;
    let unenrolled: Vec<&Value> = events
        .iter()
        .filter(|e| e["type"] == "gd_unenroll")
        .collect();
    assert_eq!(unenrolled.len(), 2, "one per method removed");
    assert!(unenrolled
        .iter()
        .all(|e| e["user_id"] == customer.user_id.as_str()));
    assert_eq!(unenrolled[0]["details"]["authenticator"]["type"], "phone");
    assert_eq!(events.iter().filter(|e| e["type"] == "sapi").count(), 2);
    assert_eq!(
        events.iter().filter(|e| e["type"] == "fapi").count(),
        1,
        "the 404"
    );
}

#[tokio::test]
async fn some_users_have_a_partial_enrollment() {
    let sb = start().await;
    let partial = sb
        .tenant()
        .users
        .iter()
        .find(|u| u.authentication_methods.iter().any(|m| !m.confirmed))
        .map(|u| u.user_id.clone())
        .expect("a seeded partial enrollment");
    let listed = methods(&sb, &partial).await;
    assert_eq!(listed[0]["confirmed"], false);
    assert!(listed[0].get("last_auth_at").is_none());
    let (_, enrollments) = mgmt(
        &sb,
        Method::GET,
        &format!("users/{partial}/enrollments"),
        None,
    )
    .await;
    assert_eq!(
        enrollments,
        json!([]),
        "a partial enrollment is no Guardian enrollment"
    );
}

#[tokio::test]
async fn mfa_endpoints_check_scopes_and_users() {
    let sb = start().await;
    let customer = story(&sb, "mfa_failures");
    let base = format!("users/{}", customer.user_id);
    for (method, path, scope) in [
        (
            Method::GET,
            format!("{base}/authentication-methods"),
            "read:authentication_methods",
        ),
        (
            Method::DELETE,
            format!("{base}/authentication-methods"),
            "delete:authentication_methods",
        ),
        (
            Method::POST,
            format!("{base}/multifactor/actions/invalidate-remember-browser"),
            "update:users",
        ),
    ] {
        let answer = mgmt_as(&sb, LIMITED_M2M_CLIENT_ID, method, &path, None).await;
        assert_mgmt_error(&answer, 403, "insufficient_scope");
        assert!(
            answer.1["message"].as_str().unwrap().contains(scope),
            "{}",
            answer.1
        );
    }
    for (method, path) in [
        (Method::GET, "users/auth0|nobody/authentication-methods"),
        (Method::DELETE, "users/auth0|nobody/authentication-methods"),
        (Method::GET, "users/auth0|nobody/enrollments"),
        (
            Method::POST,
            "users/auth0|nobody/multifactor/actions/invalidate-remember-browser",
        ),
    ] {
        assert_mgmt_error(&mgmt(&sb, method, path, None).await, 404, "inexistent_user");
    }
    let forget = mgmt(
        &sb,
        Method::POST,
        &format!("{base}/multifactor/actions/invalidate-remember-browser"),
        None,
    )
    .await;
    assert_eq!(forget.0, 204);
}
