//! Secrets on the command line go to the OS keychain, never to a file; without
//! a keychain they are refused, not written somewhere else.

use serde_json::json;

use crate::idlens::{files_containing, TestUser};
use idlens_testkit::keychain_session::KeychainSession;

const SERVICE: &str = "idlens";

/// Adds profile `name` with Neo4j settings, so a Neo4j password makes sense.
fn add_graph_profile(user: &TestUser, name: &str) {
    user.add_profile(
        name,
        "http://127.0.0.1:4000/",
        &[
            "--neo4j-uri",
            "bolt://127.0.0.1:7687",
            "--neo4j-user",
            "neo4j",
        ],
    );
}

fn stored_secrets(user: &TestUser, profile: &str) -> serde_json::Value {
    let list = user.list();
    let profile = list["profiles"]
        .as_array()
        .expect("`profiles` is an array")
        .iter()
        .find(|p| p["name"] == profile)
        .unwrap_or_else(|| panic!("no profile {profile} in {list}"))
        .clone();
    profile["storedSecrets"].clone()
}

fn keychain_entry(profile: &str, kind: &str) -> keyring::Entry {
    keyring::Entry::new(SERVICE, &format!("{profile}/{kind}")).expect("a keychain entry")
}

#[test]
fn secret_goes_to_the_os_keychain_and_nowhere_else() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    add_graph_profile(&user, "acme");
    assert_eq!(user.list()["keychain"], json!({"kind": "os"}));

    let password = format!("n3o4j-pw-{}-never-in-a-file", std::process::id());
    let stored = user
        .run_with_stdin(
            &["profile", "set-secret", "acme", "neo4j-password", "--json"],
            Some(&format!("{password}\n")),
        )
        .expect_code(0);
    assert_eq!(
        stored.json(),
        json!({"kind": "neo4jPassword", "keychain": {"kind": "os"}})
    );
    assert!(!stored.stdout.contains(&password) && !stored.stderr.contains(&password));

    // A second process sees it: the secret outlived the process that stored it.
    assert_eq!(stored_secrets(&user, "acme"), json!(["neo4jPassword"]));

    // No file holds it: not the config file, not HOME, not even gnome-keyring's
    // own keyring file, which exists and is encrypted.
    let config = std::fs::read_to_string(user.config_file()).expect("the config file exists");
    assert!(!config.contains(&password), "{config}");
    for dir in [user.root(), session.dir()] {
        assert_eq!(
            files_containing(dir, &password),
            Vec::<std::path::PathBuf>::new()
        );
    }
    let keyring_files: Vec<_> = std::fs::read_dir(session.keyring_dir())
        .expect("gnome-keyring keeps a keyrings dir")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "keyring"))
        .collect();
    assert!(
        !keyring_files.is_empty(),
        "gnome-keyring wrote no keyring file, so the scan above proved nothing"
    );

    // The OS keychain holds the value, under service "idlens", account "acme/neo4j-password",
    // without the trailing newline of standard input.
    session.use_in_this_process();
    assert_eq!(
        keychain_entry("acme", "neo4j-password")
            .get_password()
            .expect("the keychain has the password"),
        password
    );

    let cleared = user
        .run(&[
            "profile",
            "clear-secret",
            "acme",
            "neo4j-password",
            "--json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(cleared["storedSecrets"], json!([]));
    assert!(matches!(
        keychain_entry("acme", "neo4j-password").get_password(),
        Err(keyring::Error::NoEntry)
    ));
    // Clearing what is not stored is not an error.
    user.run(&["profile", "clear-secret", "acme", "neo4j-password"])
        .expect_code(0);

    // Removing a profile deletes every secret it had, and no other profile's.
    add_graph_profile(&user, "other");
    for (profile, kind) in [
        ("acme", "neo4j-password"),
        ("acme", "management-client-secret"),
        ("other", "neo4j-password"),
    ] {
        user.run_with_stdin(
            &["profile", "set-secret", profile, kind],
            Some("another-secret"),
        )
        .expect_code(0);
    }
    assert_eq!(
        stored_secrets(&user, "acme"),
        json!(["managementClientSecret", "neo4jPassword"])
    );
    user.run(&["profile", "remove", "acme"]).expect_code(0);
    for kind in ["neo4j-password", "management-client-secret"] {
        assert!(
            matches!(
                keychain_entry("acme", kind).get_password(),
                Err(keyring::Error::NoEntry)
            ),
            "the {kind} of a removed profile is still in the keychain"
        );
    }
    assert_eq!(
        keychain_entry("other", "neo4j-password")
            .get_password()
            .expect("the other profile keeps its password"),
        "another-secret"
    );
}

#[test]
fn a_profile_added_again_does_not_inherit_the_removed_ones_secrets() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    add_graph_profile(&user, "acme");
    user.run_with_stdin(
        &["profile", "set-secret", "acme", "neo4j-password"],
        Some("old-password"),
    )
    .expect_code(0);
    user.run(&["profile", "remove", "acme"]).expect_code(0);
    add_graph_profile(&user, "acme");
    assert_eq!(stored_secrets(&user, "acme"), json!([]));
}

#[test]
fn empty_secret_is_refused() {
    let session = KeychainSession::start();
    let user = TestUser::with_keychain(&session);
    add_graph_profile(&user, "acme");
    let run = user
        .run_with_stdin(
            &["profile", "set-secret", "acme", "neo4j-password", "--json"],
            Some("\n"),
        )
        .expect_code(2);
    assert_eq!(run.json()["error"]["code"], "invalidInput");
    assert_eq!(stored_secrets(&user, "acme"), json!([]));
}

#[test]
fn without_a_keychain_secrets_are_refused_not_written_to_a_file() {
    let user = TestUser::without_keychain();
    add_graph_profile(&user, "acme");

    let list = user.list();
    assert_eq!(list["keychain"]["kind"], "memoryOnly", "{list}");
    let reason = list["keychain"]["reason"].as_str().unwrap_or_default();
    assert!(!reason.is_empty(), "memory-only mode says why: {list}");

    let password = "pw-with-nowhere-to-go";
    let run = user
        .run_with_stdin(
            &["profile", "set-secret", "acme", "neo4j-password", "--json"],
            Some(password),
        )
        .expect_code(2);
    assert_eq!(run.json()["error"]["code"], "keychain");
    run.assert_mentions(&["not stored", "never writes secrets to files"]);
    assert_eq!(
        files_containing(user.root(), password),
        Vec::<std::path::PathBuf>::new()
    );
    assert_eq!(stored_secrets(&user, "acme"), json!([]));
}
