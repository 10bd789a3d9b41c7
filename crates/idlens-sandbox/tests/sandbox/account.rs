//! A support desk's fixes to one account, over the Management API, seen by
//! later reads and by sign-in: an administrator's block (`PATCH
//! users/{id}`), a password-change ticket whose page sets a password, and a
//! verification e-mail whose link (from the sandbox's outbox) verifies.

use std::time::Duration;

use idlens_sandbox::LIMITED_M2M_CLIENT_ID;
use reqwest::Method;
use serde_json::{json, Value};

use crate::logs::{events_since, mark};
use crate::management::m2m_token;
use crate::support::*;

fn admin_id(sb: &idlens_sandbox::RunningSandbox) -> String {
    sb.tenant().sign_in_users[0].user_id.clone()
}

#[tokio::test]
async fn an_admin_block_stops_sign_in_until_it_is_lifted() {
    let sb = start().await;
    let t = m2m_token(&sb, idlens_sandbox::M2M_CLIENT_ID).await;
    let from = mark(&sb, &t).await;
    let id = admin_id(&sb);
    let user = format!("users/{id}");
    let signed_in = pkce_tokens(&sb, &[]).await;
    let before = mgmt(&sb, Method::GET, &user, None).await.1;
    assert!(before.get("blocked").is_none(), "{before}");
    assert_eq!(before["last_ip"], "127.0.0.1", "the sign-in is recorded");

    let (status, blocked) = mgmt(&sb, Method::PATCH, &user, Some(json!({"blocked": true}))).await;
    assert_eq!(
        (status, &blocked["blocked"]),
        (200, &json!(true)),
        "{blocked}"
    );
    assert_eq!(mgmt(&sb, Method::GET, &user, None).await.1["blocked"], true);
    let page = signs_in(&sb, ADMIN).await.unwrap_err();
    assert!(page.contains("user is blocked"), "{page}");
    let (status, body) = refresh(&sb, signed_in["refresh_token"].as_str().unwrap()).await;
    assert_error(status, &body, 403, "invalid_grant");
    assert_eq!(body["error_description"], "user is blocked");

    let (status, lifted) = mgmt(&sb, Method::PATCH, &user, Some(json!({"blocked": false}))).await;
    assert_eq!(status, 200);
    assert!(lifted.get("blocked").is_none(), "{lifted}");
    signs_in(&sb, ADMIN).await.unwrap();

    let after = mgmt(&sb, Method::GET, &user, None).await.1;
    assert_eq!(after["last_ip"], "127.0.0.1");
    assert_eq!(
        after["logins_count"].as_u64(),
        before["logins_count"].as_u64().map(|n| n + 1),
        "{after}"
    );
    // The sandbox's clock counts whole seconds: two sign-ins in one second
    // share a `last_login` (the count above says the second was recorded).
    assert!(after["last_login"].as_str() >= before["last_login"].as_str());
    let events = events_since(&sb, &t, &from).await;
    let kinds: Vec<(&str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap(),
                e["description"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(kinds.iter().filter(|(k, _)| *k == "sapi").count(), 2);
    assert!(kinds.contains(&("f", "user is blocked")), "{kinds:?}");
    assert!(kinds.iter().any(|(k, _)| *k == "s"), "{kinds:?}");
}

#[tokio::test]
async fn a_user_patch_is_checked_before_anything_changes() {
    let sb = start().await;
    let user = format!("users/{}", admin_id(&sb));
    for body in [
        json!({"blocked": "yes"}),
        json!({"colour": "blue"}),
        json!({}),
        json!({"blocked": true, "email": "x@y.test"}),
    ] {
        let answer = mgmt(&sb, Method::PATCH, &user, Some(body.clone())).await;
        assert_mgmt_error(&answer, 400, "invalid_body");
    }
    assert!(
        mgmt(&sb, Method::GET, &user, None)
            .await
            .1
            .get("blocked")
            .is_none(),
        "a refused patch changed nothing"
    );
    let changed = mgmt(
        &sb,
        Method::PATCH,
        &user,
        Some(json!({"email_verified": false, "app_metadata": {"plan": "gold"}})),
    )
    .await;
    assert_eq!(changed.0, 200);
    assert_eq!(changed.1["email_verified"], false);
    assert_eq!(changed.1["app_metadata"]["plan"], "gold");
    let nobody = mgmt(
        &sb,
        Method::PATCH,
        "users/auth0|nobody",
        Some(json!({"blocked": true})),
    )
    .await;
    assert_mgmt_error(&nobody, 404, "inexistent_user");
    let limited = mgmt_as(
        &sb,
        LIMITED_M2M_CLIENT_ID,
        Method::PATCH,
        &user,
        Some(json!({"blocked": true})),
    )
    .await;
    assert_mgmt_error(&limited, 403, "insufficient_scope");
    assert!(limited.1["message"]
        .as_str()
        .unwrap()
        .contains("update:users"));
}

/// Creates a password-change ticket: its link.
async fn ticket(sb: &idlens_sandbox::RunningSandbox, body: Value) -> String {
    let (status, answer) = mgmt(sb, Method::POST, "tickets/password-change", Some(body)).await;
    assert_eq!(status, 201, "{answer}");
    answer["ticket"].as_str().unwrap().to_owned()
}

/// Submits the ticket's page with `password`: the answer.
async fn change_password(link: &str, password: &str) -> reqwest::Response {
    let url = url::Url::parse(link).unwrap();
    let ticket = url
        .query_pairs()
        .find(|(k, _)| k == "ticket")
        .unwrap()
        .1
        .into_owned();
    http()
        .post(url.join("/lo/reset").unwrap())
        .form(&[("ticket", ticket.as_str()), ("password", password)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_password_ticket_sets_a_password_that_signs_in_once() {
    let sb = start().await;
    let t = m2m_token(&sb, idlens_sandbox::M2M_CLIENT_ID).await;
    let from = mark(&sb, &t).await;
    let customer = story(&sb, "mfa_failures");
    let link = ticket(
        &sb,
        json!({"user_id": customer.user_id, "result_url": "https://app.test/done", "ttl_sec": 0, "includeEmailInRedirect": true}),
    )
    .await;
    assert!(
        link.starts_with(&format!("{}lo/reset?ticket=", sb.issuer())),
        "{link}"
    );
    let page = http().get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("name=\"password\""));

    assert!(signs_in(&sb, (&customer.email, "a-new-password"))
        .await
        .is_err());
    let short = change_password(&link, "short").await;
    assert_eq!(short.status(), 400, "too short a password is refused");
    let done = change_password(&link, "a-new-password").await;
    assert_eq!(done.status(), 303);
    let back = url::Url::parse(done.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(back.path(), "/done");
    let email = back
        .query_pairs()
        .find(|(k, _)| k == "email")
        .map(|(_, v)| v.into_owned());
    assert_eq!(email.as_deref(), Some(customer.email.as_str()));
    signs_in(&sb, (&customer.email, "a-new-password"))
        .await
        .unwrap();
    let again = change_password(&link, "another-password").await;
    assert_eq!(again.status(), 400, "a ticket works once");

    let events = events_since(&sb, &t, &from).await;
    let of_customer = |kind: &str| {
        events
            .iter()
            .any(|e| e["type"] == kind && e["user_id"] == customer.user_id.as_str())
    };
    assert!(of_customer("scp") && of_customer("fcp") && of_customer("s"));

    let by_email = ticket(
        &sb,
        json!({"email": customer.email, "connection_id": "con_Us3rPassw0rdSnbx", "ttl_sec": 60}),
    )
    .await;
    sb.advance_clock(Duration::from_secs(61)).unwrap();
    let expired = http().get(&by_email).send().await.unwrap();
    assert_eq!(expired.status(), 400);
    assert!(expired.text().await.unwrap().contains("expired"));
}

#[tokio::test]
async fn password_tickets_are_refused_as_auth0_refuses_them() {
    let sb = start().await;
    let path = "tickets/password-change";
    let limited = mgmt_as(
        &sb,
        LIMITED_M2M_CLIENT_ID,
        Method::POST,
        path,
        Some(json!({"user_id": "auth0|x"})),
    )
    .await;
    assert_mgmt_error(&limited, 403, "insufficient_scope");
    assert!(limited.1["message"]
        .as_str()
        .unwrap()
        .contains("create:user_tickets"));
    let nobody = mgmt(
        &sb,
        Method::POST,
        path,
        Some(json!({"user_id": "auth0|nobody"})),
    )
    .await;
    assert_mgmt_error(&nobody, 404, "inexistent_user");
    for body in [
        json!({}),
        json!({"user_id": "auth0|x", "ttl": 5}),
        json!({"user_id": 7}),
    ] {
        assert_mgmt_error(
            &mgmt(&sb, Method::POST, path, Some(body)).await,
            400,
            "invalid_body",
        );
    }
    let social = story(&sb, "social_on_database");
    let answer = mgmt(
        &sb,
        Method::POST,
        path,
        Some(json!({"user_id": social.user_id})),
    )
    .await;
    assert_mgmt_error(&answer, 400, "invalid_body");
}

#[tokio::test]
async fn a_verification_email_lands_in_the_outbox_and_its_link_verifies() {
    let sb = start().await;
    let t = m2m_token(&sb, idlens_sandbox::M2M_CLIENT_ID).await;
    let from = mark(&sb, &t).await;
    let customer = story(&sb, "unverified_email");
    let body = json!({"user_id": customer.user_id});
    let (status, job) = mgmt(
        &sb,
        Method::POST,
        "jobs/verification-email",
        Some(body.clone()),
    )
    .await;
    assert_eq!(status, 201, "{job}");
    assert_eq!(
        (&job["type"], &job["status"]),
        (&json!("verification_email"), &json!("pending"))
    );
    assert!(job["created_at"].is_string());
    let id = job["id"].as_str().unwrap();
    let (_, read) = mgmt(&sb, Method::GET, &format!("jobs/{id}"), None).await;
    assert_eq!(read["status"], "completed", "{read}");

    let outbox = text(http().get(url(&sb, "sandbox/outbox"))).await;
    let mails: Vec<Value> = serde_json::from_str(&outbox).unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["to"], customer.email.as_str());
    assert_eq!(sb.outbox()[0].link, mails[0]["link"].as_str().unwrap());
    let link = sb.outbox()[0].link.clone();
    let hijack = change_password(&link, "hijacked-password").await;
    assert_eq!(hijack.status(), 400, "a verification link sets no password");
    assert!(signs_in(&sb, (&customer.email, "hijacked-password"))
        .await
        .is_err());
    let user = format!("users/{}", customer.user_id);
    assert_eq!(
        mgmt(&sb, Method::GET, &user, None).await.1["email_verified"],
        false
    );
    assert_eq!(http().get(&link).send().await.unwrap().status(), 200);
    assert_eq!(
        mgmt(&sb, Method::GET, &user, None).await.1["email_verified"],
        true
    );
    assert_eq!(
        http().get(&link).send().await.unwrap().status(),
        400,
        "a link works once"
    );

    let again = mgmt(&sb, Method::POST, "jobs/verification-email", Some(body)).await;
    assert_mgmt_error(&again, 400, "invalid_body");
    assert!(again.1["message"]
        .as_str()
        .unwrap()
        .contains("already verified"));
    let nobody = mgmt(
        &sb,
        Method::POST,
        "jobs/verification-email",
        Some(json!({"user_id": "auth0|nobody"})),
    )
    .await;
    assert_mgmt_error(&nobody, 404, "inexistent_user");
    let events = events_since(&sb, &t, &from).await;
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"sv") && kinds.contains(&"fv"), "{kinds:?}");
}
