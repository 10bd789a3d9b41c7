//! `idlens users|roles|apis|permissions|rbac` against the sandbox tenant's
//! Management API: a machine-to-machine profile whose secret sits in the OS
//! keychain, every member of a role past Auth0's 1,000 cap, why a user has a
//! permission, a real user's token going stale when a role is taken away,
//! a client without the scopes, and snapshots compared; against a hostile
//! tenant in front of the sandbox, listings that end short or never end
//! are errors and no snapshot is written.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use idlens_sandbox::tenant::rbac::EVERYONE_ROLE_ID;
use idlens_sandbox::{SandboxConfig, LIMITED_M2M_CLIENT_ID, M2M_CLIENT_ID};
use serde_json::{json, Value};

use crate::idlens::TestUser;
use crate::tenant::Tenant;
use idlens_testkit::hostile_tenant::{hostile, Hostile};
use idlens_testkit::keychain_session::KeychainSession;

const SAM: (&str, &str) = ("sam.support@idlens.test", "sandbox-support");
const NORA: &str = "nora.newhire@idlens.test";

/// A machine-to-machine profile `mgmt` for `client_id`, in use, with its
/// client secret stored in the keychain through `set-mgmt-secret` (stdin).
pub(crate) fn m2m_profile(tenant: &Tenant, user: &TestUser, client_id: &str, secret: &str) {
    let audience = tenant.sandbox().summary().audience;
    user.add_profile(
        "mgmt",
        &tenant.issuer(),
        &["--audience", &audience, "--mgmt-client-id", client_id],
    );
    user.run(&["profile", "use", "mgmt"]).expect_code(0);
    user.run_with_stdin(&["profile", "set-mgmt-secret", "mgmt"], Some(secret))
        .expect_code(0);
}

/// The tenant, and a user whose profile reads it as the full M2M client.
pub(crate) fn tenant_and_admin(session: &KeychainSession) -> (Tenant, TestUser) {
    admin_of(session, Tenant::start(SandboxConfig::default()))
}

/// [`tenant_and_admin`] with a hostile tenant's endpoint in front of the sandbox.
pub(crate) fn hostile_tenant_and_admin(
    session: &KeychainSession,
    scenario: Hostile,
) -> (Tenant, TestUser, Arc<AtomicU64>) {
    let hostile = hostile(scenario);
    let tenant = Tenant::start_fronted(SandboxConfig::default(), hostile.router);
    let (tenant, user) = admin_of(session, tenant);
    (tenant, user, hostile.requests)
}

fn admin_of(session: &KeychainSession, tenant: Tenant) -> (Tenant, TestUser) {
    let user = TestUser::with_keychain(session);
    let secret = tenant.sandbox().m2m_client_secret();
    m2m_profile(&tenant, &user, M2M_CLIENT_ID, secret.expose());
    (tenant, user)
}

/// The `user_id` of the one user `email` finds.
fn user_id_of(user: &TestUser, email: &str) -> String {
    let found = user
        .run(&["users", "search", &format!("email:\"{email}\""), "--json"])
        .expect_code(0)
        .json();
    assert_eq!(found["users"].as_array().unwrap().len(), 1, "{found}");
    found["users"][0]["userId"].as_str().unwrap().to_owned()
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("a list: {value}"))
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

#[test]
fn users_roles_and_apis_read_the_whole_tenant_with_the_secret_from_the_keychain() {
    let session = KeychainSession::start();
    let (_tenant, user) = tenant_and_admin(&session);

    let sam = user_id_of(&user, SAM.0);
    let shown = user
        .run(&["users", "show", &sam, "--json"])
        .expect_code(0)
        .json();
    assert_eq!(shown["user"]["email"], SAM.0);
    let roles: Vec<&str> = shown["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(roles.contains(&"Support"), "{shown}");
    let via_support = shown["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["permission"]["name"] == "read:tokens")
        .unwrap_or_else(|| panic!("Sam has read:tokens: {shown}"));
    assert_eq!(via_support["sources"][0]["name"], "Support");

    // An ID that is not one segment of the address is refused, never sent
    // (the URL parser would make `users/..` into `GET /api/v2/users`).
    for id in ["..", ".", "a/b", "a?b=1", "a#b", "a\\b"] {
        let refused = user.run(&["users", "show", id, "--json"]).expect_code(2);
        assert_eq!(refused.json()["error"]["code"], "invalidInput", "{id:?}");
        assert!(
            refused.stderr.contains("is not an ID IdLens can send"),
            "{id:?}: {}",
            refused.stderr
        );
    }

    // The role everyone has: every member, past the 1,000 a page reaches.
    let everyone = user
        .run(&["roles", "show", EVERYONE_ROLE_ID, "--json"])
        .expect_code(0)
        .json();
    let members = everyone["members"].as_array().unwrap();
    assert!(members.len() > 1000, "{} members", members.len());
    let mut ids: Vec<&str> = members
        .iter()
        .map(|m| m["userId"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), members.len(), "no member listed twice");

    // The list counts every role's members too (Auth0 gives no count).
    let listed = user.run(&["roles", "list", "--json"]).expect_code(0).json();
    let counted = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == EVERYONE_ROLE_ID)
        .unwrap_or_else(|| panic!("Everyone is listed: {listed}"));
    assert_eq!(counted["memberCount"].as_u64(), Some(members.len() as u64));

    let apis = user.run(&["apis", "list", "--json"]).expect_code(0).json();
    let orders = apis
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Orders API")
        .unwrap_or_else(|| panic!("the Orders API is listed: {apis}"));
    let read_orders = orders["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["value"] == "read:orders")
        .unwrap();
    assert!(
        strings(&read_orders["grantedBy"]).contains(&"Everyone"),
        "{orders}"
    );

    // Text output names the same things for a person at a terminal.
    let text = user
        .run(&["roles", "show", "Support"])
        .expect_code(0)
        .stdout;
    assert!(
        text.contains("read:tokens") && text.contains(SAM.0),
        "{text}"
    );
}

#[test]
fn explain_answers_why_or_why_not_with_exit_codes_a_script_can_use() {
    let session = KeychainSession::start();
    let (_tenant, user) = tenant_and_admin(&session);
    let sam = user_id_of(&user, SAM.0);
    let nora = user_id_of(&user, NORA);

    let why = user
        .run(&["permissions", "explain", &sam, "read:tokens", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(why["granted"], true);
    assert_eq!(
        why["answers"][0]["paths"],
        json!([{"kind": "role", "id": why["answers"][0]["paths"][0]["id"], "name": "Support"}])
    );

    let why_not = user
        .run(&["permissions", "explain", &nora, "read:tokens", "--json"])
        .expect_code(1)
        .json();
    assert_eq!(why_not["granted"], false);
    let granting: Vec<&str> = why_not["answers"][0]["rolesThatGrant"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        granting.contains(&"Support") && granting.contains(&"Admin"),
        "{why_not}"
    );

    let text = user
        .run(&["permissions", "explain", &nora, "read:tokens"])
        .expect_code(1)
        .stdout;
    assert!(text.contains("NOT GRANTED"), "{text}");

    let nobody = user
        .run(&[
            "permissions",
            "explain",
            "auth0|no-such-user",
            "read:tokens",
        ])
        .expect_code(2);
    nobody.assert_mentions(&["auth0|no-such-user"]);
}

#[test]
fn a_token_matches_until_its_users_role_is_taken_away() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let token = tenant.user_access_token(SAM.0, SAM.1);

    let fresh = user
        .run_with_stdin(&["permissions", "check", "-", "--json"], Some(&token))
        .expect_code(0)
        .json();
    assert_eq!(fresh["matches"], true, "{fresh}");
    assert_eq!(fresh["verified"], true);
    assert!(
        strings(&fresh["matching"]).contains(&"read:tokens"),
        "{fresh}"
    );

    // An admin takes the Support role away; the token still carries it.
    let sam = user_id_of(&user, SAM.0);
    let support = user
        .run(&["roles", "show", "Support", "--json"])
        .expect_code(0)
        .json();
    let status = tenant.change_role(
        reqwest::Method::DELETE,
        &sam,
        support["role"]["id"].as_str().unwrap(),
    );
    assert_eq!(status, 204);

    let stale = user
        .run_with_stdin(&["permissions", "check", "-", "--json"], Some(&token))
        .expect_code(1)
        .json();
    assert_eq!(stale["matches"], false, "{stale}");
    assert_eq!(stale["stale"], true);
    assert!(strings(&stale["extra"]).contains(&"read:tokens"), "{stale}");

    let garbage = user.run_with_stdin(&["permissions", "check", "-"], Some("not.a.token"));
    assert_eq!(garbage.code, 2, "{}", garbage.stderr);
    assert!(!garbage.stderr.is_empty());
}

#[test]
fn a_client_without_the_scopes_is_told_which_are_missing() {
    let session = KeychainSession::start();
    let tenant = Tenant::start(SandboxConfig::default());
    let user = TestUser::with_keychain(&session);
    let secret = tenant
        .sandbox()
        .client_secret(LIMITED_M2M_CLIENT_ID)
        .expect("a secret");
    m2m_profile(&tenant, &user, LIMITED_M2M_CLIENT_ID, secret.expose());

    // read:users is enough to search…
    user.run(&["users", "search", NORA, "--json"])
        .expect_code(0);
    // …but not to read roles and APIs: the error names the scope and where
    // in Auth0 to grant it.
    let refused = user.run(&["roles", "list"]).expect_code(2);
    assert!(
        refused
            .stderr
            .contains("it needs the read:resource_servers scope")
            && refused.stderr.contains("Machine to Machine Applications"),
        "{}",
        refused.stderr
    );

    // No secret stored: says how to store one.
    user.run(&[
        "profile",
        "clear-secret",
        "mgmt",
        "management-client-secret",
    ])
    .expect_code(0);
    let no_secret = user.run(&["roles", "list"]).expect_code(2);
    no_secret.assert_mentions(&["set-mgmt-secret"]);
}

#[test]
fn snapshots_of_the_tenant_compare_equal_until_it_changes() {
    let session = KeychainSession::start();
    let (tenant, user) = tenant_and_admin(&session);
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.json");
    let run = user
        .run(&["rbac", "snapshot", "--out", before.to_str().unwrap()])
        .expect_code(0);
    assert!(run.stdout.contains("Wrote"), "{}", run.stdout);
    let document: Value = serde_json::from_slice(&std::fs::read(&before).unwrap()).unwrap();
    assert_eq!(document["format"], "idlens-rbac-snapshot/1");

    let same = user
        .run(&[
            "rbac",
            "diff",
            before.to_str().unwrap(),
            "profile:mgmt",
            "--json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(same["identical"], true);

    // --profile as on the other commands: the profile of a `profile:` side
    // (the one in use without it), and ignored when both sides are files.
    for extra in [&["--profile", "mgmt"][..], &[]] {
        let args = [
            &[
                "rbac",
                "diff",
                before.to_str().unwrap(),
                "profile:",
                "--json",
            ][..],
            extra,
        ]
        .concat();
        let same = user.run(&args).expect_code(0).json();
        assert_eq!(same["identical"], true, "{args:?}");
        assert!(
            same["b"].as_str().unwrap().contains("profile mgmt"),
            "{same}"
        );
    }
    let files_only = user
        .run(&[
            "rbac",
            "diff",
            before.to_str().unwrap(),
            before.to_str().unwrap(),
            "--profile",
            "no-such-profile",
        ])
        .expect_code(0);
    assert!(
        files_only.stdout.contains("No differences"),
        "{}",
        files_only.stdout
    );

    let nora = user_id_of(&user, NORA);
    let status = tenant.change_role(reqwest::Method::POST, &nora, "rol_Adm1nSandbox0001");
    assert_eq!(status, 204);

    let diff = user
        .run(&[
            "rbac",
            "diff",
            before.to_str().unwrap(),
            "profile:mgmt",
            "--json",
        ])
        .expect_code(1)
        .json();
    let admin = diff["rolesChanged"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "Admin")
        .unwrap_or_else(|| panic!("the Admin role changed: {diff}"));
    assert_eq!(strings(&admin["membersAdded"]), vec![nora.as_str()]);

    // A file that is not a snapshot is an error, not a difference.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{\"format\": \"something else\"}").unwrap();
    let refused = user
        .run(&[
            "rbac",
            "diff",
            junk.to_str().unwrap(),
            before.to_str().unwrap(),
        ])
        .expect_code(2);
    refused.assert_mentions(&["junk.json"]);
}

/// No snapshot file in `dir`, nor a temporary one beside it.
fn assert_empty(dir: &std::path::Path) {
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
    assert!(left.is_empty(), "files left: {left:?}");
}

#[test]
fn a_listing_short_of_its_total_fails_the_snapshot_and_writes_nothing() {
    let session = KeychainSession::start();
    let (_tenant, user, requests) = hostile_tenant_and_admin(&session, Hostile::ShortOfTotal);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snapshot.json");
    let run = user
        .run(&["rbac", "snapshot", "--out", out.to_str().unwrap()])
        .expect_code(2);
    for needle in [
        "GET /api/v2/roles",
        "after 100 of the 250 items",
        "saves none of it",
    ] {
        assert!(run.stderr.contains(needle), "{needle:?}: {}", run.stderr);
    }
    assert_empty(dir.path());
    assert_eq!(
        requests.load(Ordering::Relaxed),
        2,
        "page 0, then the empty page 1"
    );

    let printed = user.run(&["rbac", "snapshot"]).expect_code(2);
    assert!(
        printed.stdout.is_empty(),
        "no partial snapshot printed: {}",
        printed.stdout
    );
}

#[test]
fn a_checkpoint_that_repeats_stops_the_snapshot_after_two_requests() {
    let session = KeychainSession::start();
    let (_tenant, user, requests) =
        hostile_tenant_and_admin(&session, Hostile::RepeatingCheckpoint);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snapshot.json");
    let run = user
        .run(&["rbac", "snapshot", "--out", out.to_str().unwrap(), "--json"])
        .expect_code(2);
    assert_eq!(run.json()["error"]["code"], "network");
    run.assert_mentions(&["does not end", "GET /api/v2/roles/{id}/users"]);
    assert_empty(dir.path());
    assert_eq!(requests.load(Ordering::Relaxed), 2);
}

#[test]
fn a_reset_in_2100_is_waited_a_minute_at_most_with_a_warning() {
    let session = KeychainSession::start();
    let (_tenant, user, requests) = hostile_tenant_and_admin(&session, Hostile::FarResetOn200);
    // Piped stderr shows no progress line, but the warning, once, as the wait begins.
    let mut running = user.spawn(&["roles", "list", "--json"]);
    let warning = running.next_error_line();
    for needle in [
        "warning: The tenant asked to wait until 2100-01-01 00:00 UTC (x-ratelimit-reset)",
        "IdLens waits at most 60 s",
        "headers look wrong",
    ] {
        assert!(warning.contains(needle), "{needle:?}: {warning}");
    }
    assert_eq!(requests.load(Ordering::Relaxed), 1, "page 1 waits");
    // Dropping `running` ends the wait (and the process).
}
