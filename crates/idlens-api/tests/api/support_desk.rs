//! The Support desk's lookup through the `Api`, against the sandbox
//! tenant's seeded support stories: who a lookup finds, and the card it
//! reads — blocks, brute-force settings, access and the customer's story in
//! the logs — with every Management API request sent once.

use std::collections::HashSet;

use idlens_api::types::{
    ActionLogRequest, SupportCard, SupportFix, SupportFixDone, SupportFixRequest, SupportLookup,
    SupportLookupRequest,
};
use idlens_api::{ApiError, ErrorCode};
use idlens_job::Job;
use idlens_sandbox::{SandboxConfig, SupportStory};
use idlens_support::{Availability, CauseKind};

use crate::rbac::m2m_tenant;
use crate::session::{config, Tenant};

fn story<'s>(tenant: &'s Tenant, name: &str) -> &'s SupportStory {
    tenant
        .sandbox()
        .support_story(name)
        .expect("the sandbox seeds the story")
}

async fn lookup(tenant: &Tenant, who: &str) -> SupportLookup {
    let request = SupportLookupRequest {
        profile: None,
        who: who.to_owned(),
        token: None,
    };
    tenant
        .api
        .support_lookup(request, Job::unwatched())
        .await
        .expect("the lookup answers")
}

fn card(lookup: SupportLookup) -> SupportCard {
    match lookup {
        SupportLookup::Card { card } => *card,
        other => panic!("expected a card, got {other:?}"),
    }
}

/// The requests the sandbox answered, from its request log.
fn requests(log: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .expect("the request log")
        .lines()
        .filter_map(|line| line.split(' ').nth(2).map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_out_customer_shows_the_block_and_the_failures_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("requests.log");
    let tenant = m2m_tenant(SandboxConfig {
        request_log: Some(log.clone()),
        ..config()
    })
    .await;
    let locked = story(&tenant, "locked_out").clone();

    let card = card(lookup(&tenant, &locked.email).await);

    assert_eq!(card.account.facts.user_id, locked.user_id);
    let blocks = card.blocks.value().expect("blocks are readable");
    assert!(
        blocks
            .iter()
            .any(|b| b.identifier == locked.email && b.ip.as_deref() == Some("203.0.113.7")),
        "{blocks:?}"
    );
    assert!(card.brute_force.value().is_some_and(|b| b.enabled));
    let codes: Vec<&str> = card
        .timeline
        .events
        .iter()
        .filter_map(|e| e.kind.as_deref())
        .collect();
    assert!(codes.contains(&"limit_wc"), "{codes:?}");
    assert!(
        codes.iter().filter(|c| **c == "fp").count() >= 9,
        "{codes:?}"
    );
    let ids: Vec<&String> = card
        .timeline
        .events
        .iter()
        .filter_map(|e| e.log_id.as_ref())
        .collect();
    assert_eq!(
        ids.len(),
        ids.iter().collect::<HashSet<_>>().len(),
        "each event once"
    );
    let dates: Vec<_> = card
        .timeline
        .events
        .iter()
        .filter_map(|e| e.instant())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(
        card.timeline
            .events
            .iter()
            .all(|e| e.user_id.as_deref().is_none_or(|id| id == locked.user_id)),
        "no other user's events"
    );
    assert!(card
        .timeline
        .searched_ips
        .contains(&"203.0.113.7".to_owned()));
    assert!(matches!(card.access, Availability::Available { .. }));

    let sent = requests(&log);
    let unique: HashSet<&String> = sent.iter().filter(|r| !r.contains("oauth")).collect();
    assert_eq!(
        unique.len(),
        sent.iter().filter(|r| !r.contains("oauth")).count(),
        "no request sent twice: {sent:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lookups_find_users_by_id_and_say_when_nobody_matches() {
    let tenant = m2m_tenant(config()).await;
    let admin = story(&tenant, "admin_blocked").clone();

    let by_id = card(lookup(&tenant, &admin.user_id).await);
    assert!(
        by_id.account.facts.blocked,
        "the admin block is on the card"
    );

    match lookup(&tenant, "nobody-at-all@example.test").await {
        SupportLookup::NoMatch { message, .. } => {
            assert!(message.contains("in any connection"), "{message}");
        }
        other => panic!("expected no match, got {other:?}"),
    }
    match lookup(&tenant, "auth0|does-not-exist").await {
        SupportLookup::NoMatch { message, .. } => assert!(message.contains("no user"), "{message}"),
        other => panic!("expected no match, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_of_several_users_asks_which_one() {
    let tenant = m2m_tenant(config()).await;
    let shared = {
        let state = tenant.sandbox().tenant();
        let mut seen = std::collections::HashMap::new();
        state
            .users
            .iter()
            .find_map(|u| {
                let email = u.email.to_lowercase();
                seen.insert(email.clone(), ()).map(|_| email)
            })
            .expect("the seed has two users with one e-mail")
    };
    match lookup(&tenant, &shared).await {
        SupportLookup::Choose { candidates, .. } => {
            assert!(candidates.len() >= 2, "{candidates:?}");
            assert!(candidates.iter().all(|c| c
                .facts
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(&shared))));
        }
        other => panic!("expected a choice, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_a_free_plans_rate_limit_the_card_draws_no_429() {
    let tenant = m2m_tenant(SandboxConfig {
        mgmt_rate: Some(2),
        ..config()
    })
    .await;
    let locked = story(&tenant, "locked_out").clone();

    let card = card(lookup(&tenant, &locked.email).await);

    assert_eq!(card.account.facts.user_id, locked.user_id);
    assert_eq!(
        tenant.sandbox().mgmt_requests_refused(),
        0,
        "requests side by side stay within the allowance the answers announce"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_seeded_story_is_diagnosed_by_its_own_cause_from_the_tenant() {
    let tenant = m2m_tenant(config()).await;
    let expected = [
        ("locked_out", CauseKind::BruteForceBlocked),
        ("mistyped_email", CauseKind::MistypedIdentifier),
        ("social_on_database", CauseKind::OtherIdentityOnly),
        ("mfa_failures", CauseKind::MfaFailures),
        ("admin_blocked", CauseKind::AdminBlocked),
        ("unverified_email", CauseKind::EmailNotVerified),
        ("refresh_reuse", CauseKind::RefreshTokenReused),
        ("breached_password", CauseKind::BreachedPassword),
        ("no_events", CauseKind::NoAttempts),
    ];
    for (name, kind) in expected {
        let who = story(&tenant, name).user_id.clone();
        let card = card(lookup(&tenant, &who).await);
        let causes: Vec<CauseKind> = card.diagnosis.causes.iter().map(|c| c.kind).collect();
        assert_eq!(causes.first(), Some(&kind), "{name}: {:#?}", card.diagnosis);
    }
}

async fn apply(
    tenant: &Tenant,
    fix: SupportFix,
    confirmed: bool,
) -> Result<SupportFixDone, ApiError> {
    tenant
        .api
        .support_fix_apply(SupportFixRequest {
            profile: None,
            fix,
            confirmed,
        })
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmed_fix_changes_the_tenant_is_recorded_and_read_again() {
    let tenant = m2m_tenant(config()).await;
    let locked = story(&tenant, "locked_out").clone();
    let remove = SupportFix::RemoveBlocks {
        identifier: locked.email.clone(),
    };

    let refused = apply(&tenant, remove.clone(), false).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(
        refused.message.starts_with("Nothing was changed"),
        "{}",
        refused.message
    );
    let still = card(lookup(&tenant, &locked.user_id).await);
    assert!(
        !still.blocks.value().unwrap().is_empty(),
        "an unconfirmed fix changes nothing"
    );

    let done = apply(&tenant, remove, true)
        .await
        .expect("the blocks are removed");
    assert_eq!(
        done.after,
        format!("No brute-force block is left on {}.", locked.email)
    );
    assert_eq!(
        done.record.target.identifier.as_deref(),
        Some(locked.email.as_str())
    );
    let after = card(lookup(&tenant, &locked.user_id).await);
    assert!(after.blocks.value().unwrap().is_empty());
    assert_ne!(
        after.diagnosis.causes.first().map(|c| c.kind),
        Some(CauseKind::BruteForceBlocked)
    );

    let admin = story(&tenant, "admin_blocked").user_id.clone();
    let done = apply(
        &tenant,
        SupportFix::Unblock {
            user_id: admin.clone(),
        },
        true,
    )
    .await
    .expect("the admin block is lifted");
    assert_eq!(
        done.after,
        format!("{admin} is not blocked by an administrator now.")
    );

    let ticket = apply(
        &tenant,
        SupportFix::PasswordTicket {
            user_id: admin.clone(),
        },
        true,
    )
    .await
    .expect("a ticket is made");
    let link = ticket.ticket.as_ref().expect("the link is shown to copy");
    assert!(
        link.url.starts_with(tenant.sandbox().issuer()),
        "{}",
        link.url
    );
    assert!(
        !format!("{ticket:?}").contains(&link.url),
        "the link is never debug-printed"
    );
    let logged = serde_json::to_string(&ticket.record).unwrap();
    assert!(
        !logged.contains(&link.url),
        "the log records that a ticket was made, not the link"
    );

    // A fix the tenant refuses is recorded too, as an error.
    let refused = apply(
        &tenant,
        SupportFix::Block {
            user_id: "auth0|nobody".into(),
        },
        true,
    )
    .await
    .unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotFound, "{}", refused.message);
    let verified = tenant.api.action_log_verify().expect("the log is readable");
    let page = tenant
        .api
        .action_log_list(ActionLogRequest {
            offset: 0,
            limit: 10,
        })
        .expect("the log lists");
    assert_eq!(page.total, 4, "{page:?}");
    assert!(verified.intact, "{verified:?}");
}
