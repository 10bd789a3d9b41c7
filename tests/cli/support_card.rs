//! `idlens support WHO` against the sandbox tenant's seeded support
//! stories: the card as text (escaped) and as JSON, several users for one
//! e-mail, and no user at all, with the exit codes scripts rely on.

use idlens_testkit::keychain_session::KeychainSession;

use crate::rbac::tenant_and_admin;
use crate::tenant::Tenant;

/// The seeded user of a support story (`SupportStory::story`).
fn story(tenant: &Tenant, name: &str) -> idlens_sandbox::SupportStory {
    tenant
        .sandbox()
        .support_story(name)
        .unwrap_or_else(|| panic!("the sandbox seeds the {name} story"))
        .clone()
}

#[test]
fn the_card_shows_a_locked_out_customers_block_and_failures() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let locked = story(&tenant, "locked_out");

    // A brute-force block stops sign-in: exit 1, as for any negative answer.
    let text = user.run(&["support", &locked.email]).expect_code(1);
    assert!(
        text.stdout.starts_with("Diagnosis\n  [BLOCKS SIGN-IN]"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains(&locked.user_id), "{}", text.stdout);
    assert!(
        text.stdout.contains("blocked from IP 203.0.113.7"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("limit_wc"), "{}", text.stdout);
    assert!(text.stdout.contains("\nMFA\n"), "{}", text.stdout);
    assert!(text.stdout.contains("sessions"), "{}", text.stdout);

    let card = user
        .run(&["support", &locked.email, "--json"])
        .expect_code(1)
        .json();
    assert_eq!(card["kind"], "card");
    assert_eq!(card["card"]["account"]["userId"], locked.user_id.as_str());
    assert_eq!(card["card"]["blocks"]["state"], "available");
    let events = card["card"]["timeline"]["events"].as_array().unwrap();
    assert!(events.iter().any(|e| e["type"] == "fp"), "{card}");
    assert_eq!(
        card["card"]["diagnosis"]["causes"][0]["kind"],
        "brute_force_blocked"
    );

    // A customer with nothing in the way: exit 0.
    let quiet = story(&tenant, "no_events").user_id;
    user.run(&["support", &quiet]).expect_code(0);
}

#[test]
fn a_pasted_token_names_its_user_and_is_checked_beside_the_card() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let token = tenant.user_access_token("sam.support@idlens.test", "sandbox-support");

    let card = user
        .run_with_stdin(&["support", "-", "--json"], Some(&token))
        .expect_code(0)
        .json();
    assert_eq!(card["card"]["account"]["email"], "sam.support@idlens.test");
    let token_part = &card["card"]["token"];
    assert_eq!(token_part["report"]["valid"], true, "{token_part}");
    assert_eq!(token_part["check"]["matches"], true, "{token_part}");
    assert!(
        !card.to_string().contains(&token),
        "the token is never printed back"
    );
}

#[test]
fn no_user_exits_1_and_an_unknown_flag_exits_2() {
    let session = KeychainSession::start();
    let (_tenant, user) = tenant_and_admin(&session);

    let none = user
        .run(&["support", "nobody-here@example.test"])
        .expect_code(1);
    assert!(none.stdout.contains("in any connection"), "{}", none.stdout);
    user.run(&["support"]).expect_code(2);
}

#[test]
fn a_fix_needs_a_confirmation_is_recorded_and_ends_the_block() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let locked = story(&tenant, "locked_out");

    // No terminal and no --yes: refused, and nothing changes.
    let refused = user
        .run(&["users", "unblock-ip", &locked.email])
        .expect_code(2);
    assert!(refused.stderr.contains("Add --yes"), "{}", refused.stderr);
    user.run(&["support", &locked.email]).expect_code(1);

    let done = user
        .run(&["users", "unblock-ip", &locked.email, "--yes"])
        .expect_code(0);
    assert!(
        done.stdout.contains(&format!(
            "No brute-force block is left on {}.",
            locked.email
        )),
        "{}",
        done.stdout
    );
    // The block was what stopped sign-in: the card no longer says it does.
    user.run(&["support", &locked.email]).expect_code(0);

    let ticket = user
        .run(&[
            "users",
            "password-ticket",
            &locked.user_id,
            "--yes",
            "--json",
        ])
        .expect_code(0)
        .json();
    let link = ticket["ticket"]["url"].as_str().expect("the link to copy");
    assert!(link.starts_with(&tenant.issuer()), "{link}");

    let actions = user
        .run(&["support", "actions", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(actions["total"], 2, "{actions}");
    assert!(
        !actions.to_string().contains(link),
        "the log never holds the link"
    );
    let verified = user.run(&["support", "actions", "--verify"]).expect_code(0);
    assert!(verified.stdout.contains("2 records"), "{}", verified.stdout);
}

#[test]
fn a_client_without_a_fixs_scope_is_told_which_and_the_refusal_is_recorded() {
    let session = KeychainSession::start();
    let tenant = crate::tenant::Tenant::start(idlens_sandbox::SandboxConfig::default());
    let user = crate::idlens::TestUser::with_keychain(&session);
    let secret = tenant
        .sandbox()
        .client_secret(idlens_sandbox::LIMITED_M2M_CLIENT_ID)
        .expect("a secret");
    crate::rbac::m2m_profile(
        &tenant,
        &user,
        idlens_sandbox::LIMITED_M2M_CLIENT_ID,
        secret.expose(),
    );

    let refused = user
        .run(&["users", "unblock-ip", "nobody@example.test", "--yes"])
        .expect_code(2);
    assert!(
        refused.stderr.contains("update:users"),
        "{}",
        refused.stderr
    );
    let actions = user
        .run(&["support", "actions", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(actions["total"], 1, "{actions}");
    assert_eq!(
        actions["entries"][0]["record"]["result"]["outcome"], "error",
        "{actions}"
    );
}

#[test]
fn an_email_of_several_accounts_without_a_terminal_asks_for_a_user_id() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let shared = {
        let state = tenant.sandbox().tenant();
        let mut seen = std::collections::HashSet::new();
        state
            .users
            .iter()
            .map(|u| u.email.to_lowercase())
            .find(|email| !seen.insert(email.clone()))
            .expect("the seed has two users with one e-mail")
    };
    let asked = user.run(&["support", &shared]).expect_code(2);
    assert!(asked.stdout.contains("users match"), "{}", asked.stdout);
    assert!(
        asked.stderr.contains("idlens support USER_ID"),
        "{}",
        asked.stderr
    );
}
