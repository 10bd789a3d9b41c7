//! A support desk's fixes through the client, against the sandbox tenant:
//! an admin block seen by the next read, MFA methods read and removed, a
//! password-change ticket kept a `Secret`, a verification e-mail job, and
//! sessions and refresh tokens, refused as `NotOnPlan` below Enterprise.

use idlens_auth0::{ManagementError, TicketOptions};
use idlens_job::Job;
use idlens_sandbox::{
    Plan, SandboxConfig, API_AUDIENCE, DESKTOP_CLIENT_ID, LIMITED_M2M_CLIENT_ID, M2M_CLIENT_ID,
};

use crate::support::{client, sandbox, sandbox_with, story};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_and_unblocking_is_seen_by_the_next_read() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    let blocked = story(&sb, "admin_blocked").clone();
    let user = mgmt.user(&blocked.user_id, &job).await.unwrap();
    assert!(user.blocked, "the seeded admin block");
    let lifted = mgmt
        .set_blocked(&blocked.user_id, false, &job)
        .await
        .unwrap();
    assert!(!lifted.blocked);
    assert!(!mgmt.user(&blocked.user_id, &job).await.unwrap().blocked);
    assert!(
        mgmt.set_blocked(&blocked.user_id, true, &job)
            .await
            .unwrap()
            .blocked
    );
    let nobody = mgmt
        .set_blocked("auth0|nobody", true, &job)
        .await
        .unwrap_err();
    assert!(nobody.is_not_found(), "{nobody}");
    let limited = client(&sb, LIMITED_M2M_CLIENT_ID);
    let refused = limited
        .set_blocked(&blocked.user_id, false, &job)
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, ManagementError::InsufficientScope { scope, endpoint } if scope == "update:users" && endpoint == "PATCH /api/v2/users/{id}"),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mfa_methods_are_read_in_the_shape_support_facts_need_and_removed() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    let customer = story(&sb, "mfa_failures").clone();
    let methods = mgmt
        .authentication_methods(&customer.user_id, &job)
        .await
        .unwrap();
    let kinds: Vec<(&str, bool)> = methods
        .iter()
        .map(|m| (m.kind.as_str(), m.confirmed))
        .collect();
    assert_eq!(kinds, [("totp", true), ("phone", true)]);
    assert!(methods.iter().all(|m| m.created_at.is_some()));
    assert_eq!(methods[1].name.as_deref(), Some("XXXXXXXX0142"));
    mgmt.invalidate_remember_browser(&customer.user_id, &job)
        .await
        .unwrap();
    mgmt.delete_authentication_method(&customer.user_id, &methods[1].id, &job)
        .await
        .unwrap();
    assert_eq!(
        mgmt.authentication_methods(&customer.user_id, &job)
            .await
            .unwrap()
            .len(),
        1
    );
    mgmt.delete_authentication_methods(&customer.user_id, &job)
        .await
        .unwrap();
    assert!(mgmt
        .authentication_methods(&customer.user_id, &job)
        .await
        .unwrap()
        .is_empty());
    let limited = client(&sb, LIMITED_M2M_CLIENT_ID);
    let refused = limited
        .authentication_methods(&customer.user_id, &job)
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, ManagementError::InsufficientScope { scope, .. } if scope == "read:authentication_methods"),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_is_a_secret_and_a_verification_email_a_job() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    let customer = story(&sb, "unverified_email").clone();
    let options = TicketOptions {
        result_url: Some("https://app.test/done".into()),
        ttl_sec: Some(600),
        mark_email_as_verified: true,
    };
    let ticket = mgmt
        .password_change_ticket(&customer.user_id, &options, &job)
        .await
        .unwrap();
    assert!(ticket
        .expose()
        .starts_with(&format!("{}lo/reset?ticket=", sb.issuer())));
    assert!(
        !format!("{ticket:?}").contains("ticket="),
        "Debug hides the link"
    );

    let sent = mgmt
        .send_verification_email(&customer.user_id, &job)
        .await
        .unwrap();
    assert_eq!(
        (sent.kind.as_str(), sent.status.as_str()),
        ("verification_email", "pending")
    );
    assert_eq!(sb.outbox().len(), 1);
    assert_eq!(sb.outbox()[0].user_id, customer.user_id);
    let verified = story(&sb, "mfa_failures").clone();
    let refused = mgmt
        .send_verification_email(&verified.user_id, &job)
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, ManagementError::Api { status: 400, message, .. } if message.contains("already verified")),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_and_refresh_tokens_are_listed_revoked_or_not_on_the_plan() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();
    let admin = sb.tenant().sign_in_users[0].clone();
    for _ in 0..2 {
        idlens_testkit::tenant_tokens::code_flow_tokens(
            sb.issuer(),
            DESKTOP_CLIENT_ID,
            (&admin.email, &admin.password),
            API_AUDIENCE,
        )
        .await;
    }
    let sessions = mgmt.sessions(&admin.user_id, &job).await.unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0].clients[0].client_id, DESKTOP_CLIENT_ID);
    assert_eq!(sessions[0].device.last_ip.as_deref(), Some("127.0.0.1"));
    assert!(mgmt
        .refresh_tokens(&admin.user_id, &job)
        .await
        .unwrap()
        .is_empty());
    mgmt.delete_sessions(&admin.user_id, &job).await.unwrap();
    mgmt.delete_refresh_tokens(&admin.user_id, &job)
        .await
        .unwrap();
    assert!(mgmt
        .sessions(&admin.user_id, &job)
        .await
        .unwrap()
        .is_empty());

    let professional = sandbox_with(SandboxConfig {
        mgmt_rate: None,
        plan: Plan::Professional,
        ..SandboxConfig::default()
    })
    .await;
    let mgmt = client(&professional, M2M_CLIENT_ID);
    let refused = mgmt.sessions(&admin.user_id, &job).await.unwrap_err();
    assert!(refused.is_not_on_plan(), "{refused:?}");
    assert!(refused.to_string().contains("Enterprise plan"), "{refused}");
    let refused = mgmt.refresh_tokens(&admin.user_id, &job).await.unwrap_err();
    assert!(
        matches!(&refused, ManagementError::NotOnPlan { endpoint, .. } if endpoint == "GET /api/v2/users/{id}/refresh-tokens"),
        "{refused:?}"
    );
    let limited = client(&professional, LIMITED_M2M_CLIENT_ID);
    let scope = limited.sessions(&admin.user_id, &job).await.unwrap_err();
    assert!(
        matches!(scope, ManagementError::InsufficientScope { .. }),
        "{scope:?}"
    );
}
