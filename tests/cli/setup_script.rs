//! `scripts/setup.sh` says it is safe to run again: a second run repairs what
//! a first one could not do, such as storing the demo's secrets when the
//! first run had no keychain.

use std::path::Path;

use serde_json::json;

use crate::idlens::{Run, TestUser, NO_BUS};
use idlens_testkit::keychain_session::KeychainSession;

/// What the sandbox's summary line names as its M2M client secret.
const M2M_SECRET: &str = "demo-m2m-secret-from-the-summary";
/// The demo Neo4j's password, as setup.sh sets it.
const NEO4J_PASSWORD: &str = "idlens-demo";

/// setup.sh's `ensure_sandbox_profile`, with or without a keychain, reading
/// the sandbox's log from `tmp`.
fn ensure_sandbox_profile(user: &TestUser, tmp: &Path, keychain: bool) -> Run {
    let no_bus = if keychain {
        String::new()
    } else {
        format!("export DBUS_SESSION_BUS_ADDRESS={NO_BUS}; ")
    };
    user.run_script(&format!(
        "{no_bus}export TMPDIR='{}'; source scripts/setup.sh; ensure_sandbox_profile",
        tmp.display()
    ))
    .expect_code(0)
}

fn stored_secrets(user: &TestUser) -> serde_json::Value {
    let status = user
        .run(&["status", "--profile", "sandbox", "--json"])
        .expect_code(0)
        .json();
    status["profile"]["storedSecrets"].clone()
}

#[test]
fn setup_run_again_stores_the_demo_secrets_a_first_run_without_keychain_could_not() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    let tmp = tempfile::tempdir().expect("a temp dir");
    let summary = json!({"issuer": "http://127.0.0.1:4000/", "m2m_client_secret": M2M_SECRET});
    std::fs::write(
        tmp.path().join("idlens-sandbox.log"),
        format!("{summary}\n"),
    )
    .expect("write the sandbox's log");

    let first = ensure_sandbox_profile(&user, tmp.path(), false);
    assert!(
        first.stdout.contains("Added the profile"),
        "{}",
        first.stdout
    );
    assert!(first.stdout.contains("No OS keychain"), "{}", first.stdout);
    assert_eq!(stored_secrets(&user), json!([]));

    let second = ensure_sandbox_profile(&user, tmp.path(), true);
    assert!(
        !second.stdout.contains("Added the profile"),
        "{}",
        second.stdout
    );
    assert_eq!(
        stored_secrets(&user),
        json!(["managementClientSecret", "neo4jPassword"]),
        "{}",
        second.stdout
    );
    assert_eq!(
        session
            .lookup("sandbox/management-client-secret")
            .as_deref(),
        Some(M2M_SECRET)
    );
    assert_eq!(
        session.lookup("sandbox/neo4j-password").as_deref(),
        Some(NEO4J_PASSWORD)
    );

    // Once stored, a third run leaves them alone.
    let third = ensure_sandbox_profile(&user, tmp.path(), true);
    assert!(!third.stdout.contains("Stored"), "{}", third.stdout);
    assert_eq!(
        stored_secrets(&user),
        json!(["managementClientSecret", "neo4jPassword"])
    );
}
