//! Tenant profiles on the command line: add, list, use, remove, status.

use serde_json::{json, Value};

use crate::idlens::{profile_names, TestUser};

const LOOPBACK_ISSUER: &str = "http://127.0.0.1:4000/";

#[test]
fn empty_list_names_the_config_file_and_keychain() {
    let user = TestUser::without_keychain();
    let list = user.list();
    assert_eq!(list["profiles"], json!([]));
    assert_eq!(list["current"], Value::Null);
    assert_eq!(
        list["configPath"],
        json!(user.config_file().display().to_string())
    );
    assert!(list["keychain"]["kind"].is_string(), "{list}");
    assert!(
        !user.config_file().exists(),
        "listing must not create the config file"
    );
}

#[test]
fn first_profile_becomes_current_use_switches_and_remove_hands_over() {
    let user = TestUser::without_keychain();

    let added = user.add_profile(
        "acme",
        LOOPBACK_ISSUER,
        &["--audience", "https://api.idlens.test/"],
    );
    assert_eq!(added["name"], "acme");
    assert_eq!(added["issuer"], LOOPBACK_ISSUER);
    assert_eq!(added["clientId"], "idlens-desktop");
    assert_eq!(added["audience"], "https://api.idlens.test/");
    assert_eq!(added["callbackUrl"], "http://127.0.0.1:53134/callback");
    assert_eq!(added["storedSecrets"], json!([]));

    user.add_profile("staging", "staging.eu.auth0.com", &[]);
    let list = user.list();
    assert_eq!(profile_names(&list), ["acme", "staging"]);
    assert_eq!(list["current"], "acme", "the first profile added is in use");
    assert_eq!(
        list["profiles"][1]["issuer"], "https://staging.eu.auth0.com/",
        "a bare tenant domain becomes an https issuer"
    );

    let switched = user
        .run(&["profile", "use", "staging", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(switched["current"], "staging");
    assert_eq!(user.list()["current"], "staging", "`use` is persisted");

    let text = user.run(&["profile", "list"]).expect_code(0).stdout;
    let marked: Vec<&str> = text.lines().filter(|l| l.starts_with('*')).collect();
    assert_eq!(marked.len(), 1, "{text}");
    assert!(marked[0].contains("staging"), "{text}");

    let after_remove = user
        .run(&["profile", "remove", "staging", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(profile_names(&after_remove), ["acme"]);
    assert_eq!(
        after_remove["current"], "acme",
        "removing the profile in use hands over to the next one"
    );

    let empty = user
        .run(&["profile", "remove", "acme", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(empty["profiles"], json!([]));
    assert_eq!(empty["current"], Value::Null);
}

#[test]
fn profile_settings_survive_in_the_config_file_without_secrets() {
    let user = TestUser::without_keychain();
    user.add_profile(
        "acme",
        LOOPBACK_ISSUER,
        &[
            "--scope",
            "read:users",
            "--neo4j-uri",
            "bolt://127.0.0.1:7687",
            "--neo4j-user",
            "neo4j",
        ],
    );
    let text = std::fs::read_to_string(user.config_file()).expect("the config file exists");
    assert!(text.contains("name = \"acme\""), "{text}");
    assert!(text.contains("bolt://127.0.0.1:7687"), "{text}");
    for word in ["password", "secret", "token"] {
        assert!(
            !text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .any(|l| l.to_lowercase().contains(word)),
            "the config file has a {word} field:\n{text}"
        );
    }
    let listed = &user.list()["profiles"][0];
    assert_eq!(listed["scopes"], json!(["read:users"]));
    assert_eq!(
        listed["neo4j"],
        json!({
            "uri": "bolt://127.0.0.1:7687",
            "user": "neo4j",
            "database": null,
            "mapping": {
                "label": "User",
                "idProperty": "sub",
                "emailProperty": "email",
                "nameProperty": "name",
                "emailVerifiedProperty": "email_verified",
            },
        })
    );
}

#[test]
fn duplicate_name_is_refused() {
    let user = TestUser::without_keychain();
    user.add_profile("acme", LOOPBACK_ISSUER, &[]);
    let run = user
        .run(&[
            "profile",
            "add",
            "acme",
            "--issuer",
            "acme.auth0.com",
            "--client-id",
            "other",
            "--json",
        ])
        .expect_code(2);
    assert_eq!(run.json()["error"]["code"], "alreadyExists");
    run.assert_mentions(&["already exists"]);
    assert_eq!(
        user.list()["profiles"][0]["issuer"],
        LOOPBACK_ISSUER,
        "the first profile is untouched"
    );
}

#[test]
fn issuer_must_be_https_except_on_loopback() {
    let user = TestUser::without_keychain();
    for bad in [
        "http://evil.example/",
        "http://10.0.0.1/",
        "ftp://127.0.0.1/",
    ] {
        let run = user
            .run(&[
                "profile",
                "add",
                "evil",
                "--issuer",
                bad,
                "--client-id",
                "x",
                "--json",
            ])
            .expect_code(2);
        let error = &run.json()["error"];
        assert_eq!(error["code"], "invalidInput", "{bad}");
        assert!(
            error["message"]
                .as_str()
                .unwrap_or_default()
                .contains("https://"),
            "the message says what fits: {error}"
        );
    }
    assert_eq!(user.list()["profiles"], json!([]), "nothing was saved");

    for good in [LOOPBACK_ISSUER, "http://localhost:4000/"] {
        let name = if good.contains("localhost") {
            "local"
        } else {
            "loop"
        };
        let added = user.add_profile(name, good, &[]);
        assert_eq!(added["issuer"], good);
    }
}

#[test]
fn bad_names_and_empty_client_id_are_invalid_input() {
    let user = TestUser::without_keychain();
    for (name, client_id) in [("a/b", "x"), (".hidden", "x"), ("ok", " ")] {
        let run = user
            .run(&[
                "profile",
                "add",
                name,
                "--issuer",
                LOOPBACK_ISSUER,
                "--client-id",
                client_id,
                "--json",
            ])
            .expect_code(2);
        assert_eq!(run.json()["error"]["code"], "invalidInput", "{name:?}");
    }
}

#[test]
fn missing_profile_is_not_found_with_exit_2() {
    let user = TestUser::without_keychain();
    user.add_profile("acme", LOOPBACK_ISSUER, &[]);
    for args in [
        &["profile", "use", "nope", "--json"][..],
        &["profile", "remove", "nope", "--json"][..],
        &[
            "profile",
            "clear-secret",
            "nope",
            "neo4j-password",
            "--json",
        ][..],
    ] {
        let run = user.run(args).expect_code(2);
        let out = run.json();
        assert_eq!(out["error"]["code"], "notFound", "{args:?}: {out}");
        let message = out["error"]["message"].as_str().expect("a message");
        assert!(message.contains("nope"), "{message}");
        run.assert_mentions(&["error:"]);
    }
    assert_eq!(
        user.list()["current"],
        "acme",
        "failed commands change nothing"
    );
}

#[test]
fn status_is_a_finding_until_a_profile_is_in_use() {
    let user = TestUser::without_keychain();
    let run = user.run(&["status", "--json"]).expect_code(1);
    let status = run.json();
    assert_eq!(status["profile"], Value::Null);
    assert_eq!(status["app"]["version"], "0.1.0");
    assert_eq!(
        status["app"]["configPath"],
        json!(user.config_file().display().to_string())
    );

    let text = user.run(&["status"]).expect_code(1).stdout;
    assert!(text.contains("Profile:     none"), "{text}");

    user.add_profile("acme", LOOPBACK_ISSUER, &[]);
    let status = user.run(&["status", "--json"]).expect_code(0).json();
    assert_eq!(status["profile"]["name"], "acme");

    // Naming a profile that does not exist is a usage error, not a finding.
    let run = user
        .run(&["status", "--profile", "nope", "--json"])
        .expect_code(2);
    assert_eq!(run.json()["error"]["code"], "notFound");
}

#[test]
fn a_corrupt_config_file_is_named_and_left_alone() {
    let user = TestUser::without_keychain();
    std::fs::write(user.config_file(), "[[profile]]\nname = 42\n").expect("write the config file");
    let run = user.run(&["profile", "list", "--json"]).expect_code(2);
    let error = &run.json()["error"];
    assert_eq!(error["code"], "config");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(&user.config_file().display().to_string()),
        "the message names the file: {message}"
    );
    assert_eq!(
        std::fs::read_to_string(user.config_file()).expect("still there"),
        "[[profile]]\nname = 42\n",
        "IdLens must not overwrite a file it cannot read"
    );
    // Commands that write refuse too, rather than replacing the file.
    user.run(&[
        "profile",
        "add",
        "acme",
        "--issuer",
        LOOPBACK_ISSUER,
        "--client-id",
        "x",
    ])
    .expect_code(2);
    assert_eq!(
        std::fs::read_to_string(user.config_file()).expect("still there"),
        "[[profile]]\nname = 42\n"
    );
}

#[test]
fn a_neo4j_graph_reached_unprotected_is_warned_about_not_refused() {
    let user = TestUser::without_keychain();
    let neo4j = |uri: &'static str| ["--neo4j-uri", uri, "--neo4j-user", "neo4j"];

    // Plaintext to another machine: added, with the warning in JSON and text.
    let added = user.add_profile(
        "plain",
        LOOPBACK_ISSUER,
        &neo4j("bolt://graph.example:7687"),
    );
    assert_eq!(added["neo4jTransportWarning"]["kind"], "plaintext");
    let message = added["neo4jTransportWarning"]["message"]
        .as_str()
        .expect("a message");
    assert!(message.contains("clear text"), "{message}");
    let run = user
        .run(&[
            "profile",
            "add",
            "plain-text",
            "--issuer",
            LOOPBACK_ISSUER,
            "--client-id",
            "idlens-desktop",
            "--neo4j-uri",
            "neo4j://graph.example",
            "--neo4j-user",
            "neo4j",
        ])
        .expect_code(0);
    assert!(
        run.stdout.contains("Added profile plain-text."),
        "{}",
        run.stdout
    );
    run.assert_mentions(&["warning: neo4j:// and bolt:// are not encrypted"]);

    // A certificate that is not verified; verified TLS; this machine.
    let ssc = user.add_profile("ssc", LOOPBACK_ISSUER, &neo4j("bolt+ssc://graph.example"));
    assert_eq!(
        ssc["neo4jTransportWarning"]["kind"],
        "certificateNotVerified"
    );
    for (name, uri) in [
        ("tls", "neo4j+s://graph.example"),
        ("local", "bolt://127.0.0.1:7687"),
    ] {
        let added = user.add_profile(name, LOOPBACK_ISSUER, &neo4j(uri));
        assert_eq!(added["neo4jTransportWarning"], Value::Null, "{uri}");
    }
    let none = user.add_profile("no-graph", LOOPBACK_ISSUER, &[]);
    assert_eq!(none["neo4jTransportWarning"], Value::Null);

    // `status` shows it under the Neo4j line, `--json` in the profile.
    let text = user
        .run(&["status", "--profile", "ssc"])
        .expect_code(0)
        .stdout;
    assert!(
        text.contains("Warning:     neo4j+ssc:// and bolt+ssc:// accept any certificate"),
        "{text}"
    );
    let status = user
        .run(&["status", "--profile", "plain", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(
        status["profile"]["neo4jTransportWarning"]["kind"],
        "plaintext"
    );
    let text = user
        .run(&["status", "--profile", "tls"])
        .expect_code(0)
        .stdout;
    assert!(!text.contains("Warning:"), "{text}");

    // `graph check` says it before it connects (here it stops earlier: no
    // password is stored, so nothing is sent anywhere).
    let run = user
        .run(&["graph", "check", "--profile", "plain"])
        .expect_code(2);
    run.assert_mentions(&[
        "warning: neo4j:// and bolt:// are not encrypted",
        "No Neo4j password is stored",
    ]);
}
