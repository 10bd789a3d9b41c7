//! The action log through the API: listing, verifying with its verdict, and
//! exporting.

use idlens_api::types::{ActionLogProblem, ActionLogRequest, ExportFormat};
use idlens_api::Api;
use idlens_profile::{Keychain, ProfileStore};

fn api() -> (tempfile::TempDir, Api) {
    let dir = tempfile::tempdir().unwrap();
    let api = Api::new(ProfileStore::at(dir.path()), Keychain::memory_only("test")).unwrap();
    (dir, api)
}

/// A log of two records written beside the profile file.
fn two_records(dir: &std::path::Path, api: &Api) {
    let log = idlens_actions::ActionLog::in_dir(dir);
    for user in ["auth0|1", "auth0|2"] {
        let new = idlens_actions::NewRecord {
            actor: idlens_actions::Actor {
                profile: "acme".into(),
                credential: idlens_actions::Credential::M2mClient {
                    client_id: "m2m".into(),
                },
            },
            action: idlens_actions::Action::RemoveBruteForceBlocks,
            target: idlens_actions::Target {
                user_id: Some(user.into()),
                identifier: Some("ann@example.com".into()),
            },
            changes: "removed the blocks of ann@example.com from every IP".into(),
            result: idlens_actions::Outcome::Ok,
        };
        log.append(api.keychain(), new).unwrap();
    }
}

#[test]
fn an_empty_log_lists_nothing_and_verifies() {
    let (_dir, api) = api();
    let page = api
        .action_log_list(ActionLogRequest {
            offset: 0,
            limit: 50,
        })
        .unwrap();
    assert_eq!(page.total, 0);
    assert!(page.path.ends_with("actions.jsonl"), "{}", page.path);
    let verified = api.action_log_verify().unwrap();
    assert!(verified.intact);
    assert!(
        verified
            .message
            .starts_with("The action log is intact: 0 records"),
        "{}",
        verified.message
    );
}

#[test]
fn the_log_is_listed_newest_first_with_words_and_verified() {
    let (dir, api) = api();
    two_records(dir.path(), &api);
    let page = api
        .action_log_list(ActionLogRequest {
            offset: 0,
            limit: 50,
        })
        .unwrap();
    assert_eq!(page.entries.len(), 2);
    assert_eq!(page.entries[0].line, 2);
    assert_eq!(
        page.entries[0].what.as_deref(),
        Some("removed the brute-force blocks of an identifier")
    );
    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(
        json["entries"][0]["record"]["action"],
        "removeBruteForceBlocks"
    );
    assert_eq!(json["entries"][0]["record"]["actor"]["kind"], "m2mClient");
    let verified = api.action_log_verify().unwrap();
    assert!(verified.intact, "{}", verified.message);
    assert!(
        verified
            .message
            .contains("2 records chain correctly, and it ends at the head"),
        "{}",
        verified.message
    );
}

#[test]
fn an_edited_log_is_reported_with_its_line() {
    let (dir, api) = api();
    two_records(dir.path(), &api);
    let path = dir.path().join("actions.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("auth0|1", "auth0|7", 1)).unwrap();
    let verified = api.action_log_verify().unwrap();
    assert!(!verified.intact);
    assert_eq!(
        verified.verification.problem,
        Some(ActionLogProblem::Edited { line: 1 })
    );
    assert!(
        verified.message.starts_with("Line 1 was edited"),
        "{}",
        verified.message
    );
    let json = serde_json::to_value(&verified).unwrap();
    assert_eq!(json["verification"]["problem"]["kind"], "edited");
}

#[test]
fn the_log_is_exported_whole_to_a_file() {
    let (dir, api) = api();
    two_records(dir.path(), &api);
    let out = dir.path().join("log.csv");
    let saved = api.action_log_export_to(&out, ExportFormat::Csv).unwrap();
    assert_eq!(saved.rows, 2);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 3);
    let out = dir.path().join("log.json");
    let saved = api.action_log_export_to(&out, ExportFormat::Json).unwrap();
    assert_eq!(saved.rows, 2);
}
