//! Against the sandbox tenant's Management API.

use idlens_auth0::models::PermissionSource;
use idlens_auth0::ManagementError;
use idlens_job::Job;
use idlens_sandbox::tenant::rbac::EVERYONE_ROLE_ID;
use idlens_sandbox::{LIMITED_M2M_CLIENT_ID, M2M_CLIENT_ID};

use crate::support::{client, sandbox};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_reads_into_the_models() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let job = Job::unwatched();

    let ada = mgmt
        .users_by_email("ada.admin@idlens.test", &job)
        .await
        .unwrap();
    assert_eq!(ada.len(), 1);
    let id = ada[0].user_id.clone();
    let user = mgmt.user(&id, &job).await.unwrap();
    assert_eq!(user.email.as_deref(), Some("ada.admin@idlens.test"));
    assert_eq!(user.identities[0].full_id(), id);
    let roles = mgmt.user_roles(&id, &job).await.unwrap();
    assert_eq!(roles[0].name, "Admin");
    let permissions = mgmt.user_permissions(&id, &job).await.unwrap();
    assert_eq!(permissions.len(), 6);
    assert!(permissions.iter().all(|p| p.sources.as_ref().unwrap()[0]
        == PermissionSource::Role {
            id: roles[0].id.clone(),
            name: "Admin".into()
        }));

    let all_roles = mgmt.roles(&job).await.unwrap();
    assert_eq!(all_roles.len(), sb.tenant().roles.len());
    let legacy = mgmt
        .role_permissions("rol_Rep0rtViewSndbx06", &job)
        .await
        .unwrap();
    assert!(legacy.iter().any(|p| p.name == "read:legacy-reports"));
    let apis = mgmt.resource_servers(&job).await.unwrap();
    assert_eq!(apis.len(), sb.tenant().apis.len());
    assert_eq!(apis.iter().filter(|a| a.is_system).count(), 1);

    let github = sb
        .tenant()
        .users
        .iter()
        .find(|u| u.user_id.starts_with("github|"))
        .unwrap()
        .user_id
        .clone();
    let read = mgmt.user(&github, &job).await.unwrap();
    assert_eq!(
        read.identities[0].full_id(),
        github,
        "a numeric identity ID reads as text"
    );

    let missing = mgmt.user("auth0|nobody", &job).await.unwrap_err();
    assert!(missing.is_not_found(), "{missing}");
    assert!(missing.to_string().contains("inexistent_user"), "{missing}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_page_past_1000_and_a_search_says_when_it_is_capped() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let (job, _cancel) = Job::new(|_| {});
    job.phase("members", None);
    let mut seen = std::collections::HashSet::new();
    let count = mgmt
        .role_members(EVERYONE_ROLE_ID, &job, |page| {
            for member in page {
                assert!(seen.insert(member.user_id), "a member seen twice");
            }
        })
        .await
        .unwrap();
    let expected = sb
        .tenant()
        .users
        .iter()
        .filter(|u| u.role_ids.iter().any(|r| r == EVERYONE_ROLE_ID))
        .count();
    assert_eq!((count as usize, seen.len()), (expected, expected));
    assert!(expected > 1000);
    assert_eq!(job.progress().done, count);
    assert_eq!(
        mgmt.requests_sent(),
        expected.div_ceil(100) as u64,
        "no page fetched twice"
    );

    let page = mgmt.search_users("", 0, 100, &job).await.unwrap();
    assert!(page.capped(), "{:?} users match", page.total);
    assert_eq!(page.total, Some(sb.tenant().users.len() as u64));
    let narrow = mgmt
        .search_users("email:ada.admin@idlens.test", 0, 100, &job)
        .await
        .unwrap();
    assert!(!narrow.capped());
    assert_eq!(narrow.users.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_is_paced_and_a_429_waited_out() {
    let sb = sandbox(Some(4)).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let waits = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let seen = waits.clone();
    let (job, _cancel) = Job::new(move |p| {
        if p.waiting_until.is_some() {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    });
    let started = std::time::Instant::now();
    let count = mgmt
        .role_members(EVERYONE_ROLE_ID, &job, |_| {})
        .await
        .unwrap();
    let pages = count.div_ceil(100);
    assert_eq!(
        mgmt.requests_sent(),
        pages + mgmt.rate_limited(),
        "only 429s were sent again"
    );
    assert!(
        mgmt.rate_limited() <= 1,
        "{} 429s: pacing did not hold",
        mgmt.rate_limited()
    );
    assert!(
        waits.load(std::sync::atomic::Ordering::Relaxed) > 0,
        "the waits were reported"
    );
    // 12 requests at 4 a second span at least three windows of a second:
    // two full seconds after the first, partial one.
    let floor = std::time::Duration::from_secs(pages / 4 - 1);
    assert!(
        started.elapsed() >= floor,
        "{:?} < {floor:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_scope_names_it_and_where_to_grant_it() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, LIMITED_M2M_CLIENT_ID);
    let err = mgmt.roles(&Job::unwatched()).await.unwrap_err();
    match &err {
        ManagementError::InsufficientScope { scope, endpoint } => {
            assert_eq!(scope, "read:roles");
            assert_eq!(endpoint, "GET /api/v2/roles");
        }
        other => panic!("expected InsufficientScope, got {other}"),
    }
    assert!(
        err.to_string().contains("Machine to Machine Applications"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_stops_a_listing_between_pages() {
    let sb = sandbox(None).await;
    let mgmt = client(&sb, M2M_CLIENT_ID);
    let (job, cancel) = Job::new(|_| {});
    let mut pages = 0;
    let err = mgmt
        .role_members(EVERYONE_ROLE_ID, &job, |_| {
            pages += 1;
            if pages == 2 {
                cancel.cancel();
            }
        })
        .await
        .unwrap_err();
    assert!(matches!(err, ManagementError::Cancelled), "{err}");
    assert_eq!(pages, 2);
    assert_eq!(mgmt.requests_sent(), 2);
}
