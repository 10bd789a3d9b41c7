use idlens_api::types::{
    GraphMappingInput, KeychainView, ManagementInput, Neo4jInput, ProfileInput, SecretInput,
    SecretKindView,
};
use idlens_api::{Api, ErrorCode};
use idlens_profile::{Keychain, ProfileStore};
use idlens_secret::Secret;

fn api() -> (tempfile::TempDir, Api) {
    let dir = tempfile::tempdir().unwrap();
    let api = Api::new(
        ProfileStore::at(dir.path()),
        Keychain::memory_only("tests use no OS keychain"),
    )
    .unwrap();
    (dir, api)
}

fn input(name: &str) -> ProfileInput {
    ProfileInput {
        name: name.into(),
        issuer: "acme.eu.auth0.com".into(),
        provider: None,
        client_id: " client-1 ".into(),
        audience: Some("  ".into()),
        callback_port: None,
        scopes: vec!["read:reports".into(), " ".into()],
        management: None,
        neo4j: None,
        export_job_deadline: None,
        log_retention_days: None,
    }
}

fn secret(profile: &str, kind: SecretKindView, value: &str) -> SecretInput {
    SecretInput {
        profile: profile.into(),
        kind,
        value: Secret::new(value),
    }
}

#[test]
fn add_normalises_input_and_derives_urls() {
    let (_dir, api) = api();
    let view = api.profile_add(input("acme")).unwrap();
    assert_eq!(view.issuer, "https://acme.eu.auth0.com/");
    assert_eq!(view.client_id, "client-1");
    assert_eq!(view.audience, None, "a blank audience means none");
    assert_eq!(view.scopes, vec!["read:reports"]);
    assert_eq!(view.callback_port, 53134);
    assert_eq!(view.callback_url, "http://127.0.0.1:53134/callback");
    assert_eq!(
        view.discovery_url,
        "https://acme.eu.auth0.com/.well-known/openid-configuration"
    );
    assert_eq!(
        view.management_audience,
        "https://acme.eu.auth0.com/api/v2/"
    );
    assert_eq!(view.management, ManagementInput::Disabled);

    let list = api.profile_list().unwrap();
    assert_eq!(list.current.as_deref(), Some("acme"));
    assert!(matches!(list.keychain, KeychainView::MemoryOnly { .. }));
}

#[test]
fn invalid_input_names_the_field() {
    let (_dir, api) = api();
    let mut bad = input("acme");
    bad.issuer = "http://acme.example/".into();
    let err = api.profile_add(bad).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.field.as_deref(), Some("issuer"));
    assert!(err.message.contains("https://"), "{}", err.message);

    let mut bad = input("acme");
    bad.neo4j = Some(Neo4jInput {
        uri: "http://graph:7474".into(),
        user: "neo4j".into(),
        database: None,
        mapping: None,
    });
    assert_eq!(
        api.profile_add(bad).unwrap_err().field.as_deref(),
        Some("neo4jUri")
    );

    // A mapping name that could break out of Cypher's backticks is refused
    // before it is stored.
    let mut bad = input("acme");
    bad.neo4j = Some(Neo4jInput {
        uri: "bolt://127.0.0.1:7687".into(),
        user: "neo4j".into(),
        database: None,
        mapping: Some(GraphMappingInput {
            label: "User` DETACH DELETE n //".into(),
            ..GraphMappingInput::default()
        }),
    });
    let err = api.profile_add(bad).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("neo4jMapping"));
    assert!(err.message.contains("label"), "{}", err.message);

    api.profile_add(input("acme")).unwrap();
    let dup = api.profile_add(input("acme")).unwrap_err();
    assert_eq!(dup.code, ErrorCode::AlreadyExists);
    assert_eq!(dup.field.as_deref(), Some("name"));
}

#[tokio::test]
async fn the_users_export_deadline_is_a_profile_setting_kept_unless_changed() {
    let (_dir, api) = api();
    assert_eq!(
        api.profile_add(input("acme")).unwrap().export_job_deadline,
        "4h"
    );
    let mut slow = input("acme");
    slow.export_job_deadline = Some(" 90m ".into());
    let view = api.profile_update(slow).await.unwrap();
    assert_eq!(view.export_job_deadline, "1h30m");
    let kept = api.profile_update(input("acme")).await.unwrap();
    assert_eq!(kept.export_job_deadline, "1h30m", "kept when not given");

    for bad in ["3 days", "0s", "25h"] {
        let mut wrong = input("acme");
        wrong.export_job_deadline = Some(bad.into());
        let err = api.profile_update(wrong).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{bad}");
        assert_eq!(err.field.as_deref(), Some("exportJobDeadline"), "{bad}");
        assert!(err.message.contains(bad), "{}", err.message);
    }
    let mut reset = input("acme");
    reset.export_job_deadline = Some(String::new());
    let view = api.profile_update(reset).await.unwrap();
    assert_eq!(view.export_job_deadline, "4h", "empty is the default");
}

#[test]
fn error_serialises_as_code_and_message() {
    let (_dir, api) = api();
    let err = api.profile_use("ghost".into()).unwrap_err();
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["code"], "notFound");
    assert!(json["message"].as_str().unwrap().contains("ghost"));
    assert!(
        json.get("field").is_none(),
        "absent fields are omitted: {json}"
    );
}

#[tokio::test]
async fn update_keeps_secrets_and_unspecified_settings() {
    let (_dir, api) = api();
    let mut first = input("acme");
    first.callback_port = Some(50000);
    first.management = Some(ManagementInput::ClientCredentials {
        client_id: "m2m".into(),
    });
    api.profile_add(first).unwrap();
    api.profile_set_secret(secret(
        "acme",
        SecretKindView::ManagementClientSecret,
        "s3cret",
    ))
    .unwrap();

    let mut change = input("acme");
    change.audience = Some("https://api.acme.com/".into());
    let view = api.profile_update(change).await.unwrap();
    assert_eq!(view.audience.as_deref(), Some("https://api.acme.com/"));
    assert_eq!(view.callback_port, 50000, "kept when not given");
    assert_eq!(
        view.management,
        ManagementInput::ClientCredentials {
            client_id: "m2m".into()
        }
    );
    assert_eq!(
        view.stored_secrets,
        vec![SecretKindView::ManagementClientSecret]
    );

    let missing = api.profile_update(input("other")).await.unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn secrets_are_reported_by_presence_and_removed_with_the_profile() {
    let (dir, api) = api();
    api.profile_add(input("acme")).unwrap();
    api.profile_add(input("beta")).unwrap();

    let empty = api
        .profile_set_secret(secret("acme", SecretKindView::Neo4jPassword, "  "))
        .unwrap_err();
    assert_eq!(empty.code, ErrorCode::InvalidInput);
    assert_eq!(empty.field.as_deref(), Some("value"));

    let stored = api
        .profile_set_secret(secret("acme", SecretKindView::Neo4jPassword, "pw-123"))
        .unwrap();
    assert_eq!(stored.kind, SecretKindView::Neo4jPassword);

    let view = api.profile(Some("acme")).unwrap();
    assert_eq!(view.stored_secrets, vec![SecretKindView::Neo4jPassword]);
    let listed = serde_json::to_string(&api.profile_list().unwrap()).unwrap();
    assert!(!listed.contains("pw-123"), "values never cross: {listed}");
    let file = std::fs::read_to_string(dir.path().join("profiles.toml")).unwrap();
    assert!(!file.contains("pw-123"));

    let view = api
        .profile_clear_secret("acme".into(), SecretKindView::Neo4jPassword)
        .unwrap();
    assert!(view.stored_secrets.is_empty());

    api.profile_set_secret(secret("acme", SecretKindView::Neo4jPassword, "pw-123"))
        .unwrap();
    let list = api.profile_remove("acme".into()).await.unwrap();
    assert_eq!(list.current.as_deref(), Some("beta"));
    // A profile re-created under the same name does not inherit the old secret.
    api.profile_add(input("acme")).unwrap();
    assert!(api.profile(Some("acme")).unwrap().stored_secrets.is_empty());
}

#[test]
fn app_info_reports_defaults_the_ui_shows() {
    let (dir, api) = api();
    let info = api.app_info().unwrap();
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(info.default_callback_port, 53134);
    assert_eq!(
        info.base_scopes,
        vec!["openid", "profile", "email", "offline_access"]
    );
    assert_eq!(
        info.config_path,
        dir.path().join("profiles.toml").display().to_string()
    );
}
