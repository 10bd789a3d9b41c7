//! Auth0's own Node SDK (`tests/auth0-sdk`, node-auth0 v7's ManagementClient)
//! against the sandbox: every Management API endpoint IdLens uses, parsed by
//! the SDK's models, errors included; a users export followed to its
//! gunzipped file; linking accounts. The sandbox's request log proves it
//! called every endpoint in `MANAGEMENT_ENDPOINTS`, the list the sandbox's
//! router is built from.

use std::path::PathBuf;
use std::process::Command;

use idlens_sandbox::{
    Sandbox, SandboxConfig, LIMITED_M2M_CLIENT_ID, M2M_CLIENT_ID, MANAGEMENT_ENDPOINTS,
};

fn sdk_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/auth0-sdk")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auth0s_node_sdk_reads_every_endpoint_and_error() {
    let log_dir = tempfile::tempdir().unwrap();
    let request_log = log_dir.path().join("requests.log");
    let sb = Sandbox::start(SandboxConfig {
        mgmt_rate: None,
        request_log: Some(request_log.clone()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let origin = sb.issuer().trim_end_matches('/').to_owned();
    let users = sb.tenant().users.len();
    let m2m = sb.client_secret(M2M_CLIENT_ID).unwrap();
    let limited = sb.client_secret(LIMITED_M2M_CLIENT_ID).unwrap();
    let dir = sdk_dir();
    assert!(
        dir.join("node_modules/auth0").is_dir(),
        "tests/auth0-sdk has no node_modules: run scripts/setup.sh --deps-only"
    );
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .current_dir(&dir)
            .arg("conformance.mjs")
            .args([
                origin.as_str(),
                M2M_CLIENT_ID,
                m2m.expose(),
                LIMITED_M2M_CLIENT_ID,
                limited.expose(),
            ])
            .output()
            .expect("node runs")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let seen: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(seen["everyone_members"].as_u64().unwrap() > 1000, "{seen}");
    assert_eq!(
        seen["exported_users"].as_u64(),
        Some(users as u64),
        "{seen}"
    );
    assert_eq!(
        seen["export_statuses"].as_array().unwrap().len(),
        3,
        "{seen}"
    );
    assert!(seen["linked_identities"].as_u64().unwrap() >= 2, "{seen}");
    assert_eq!(seen["searched_logs"].as_u64(), Some(10), "{seen}");
    assert_eq!(
        sb.tenant().users.len(),
        users - 1,
        "the SDK linked two users"
    );
    assert_every_endpoint_called(&std::fs::read_to_string(&request_log).unwrap());
}

/// Fails naming each endpoint of `MANAGEMENT_ENDPOINTS` that no request in
/// the sandbox's log (`time METHOD /path?query status`) matched.
fn assert_every_endpoint_called(log: &str) {
    let requests: Vec<(&str, &str)> = log
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(' ').skip(1);
            let method = fields.next()?;
            let path = fields.next()?.split('?').next()?;
            Some((method, path))
        })
        .collect();
    let missed: Vec<String> = MANAGEMENT_ENDPOINTS
        .iter()
        .filter(|(method, pattern)| {
            !requests
                .iter()
                .any(|(m, path)| m == method && path_matches(pattern, path))
        })
        .map(|(method, pattern)| format!("{method} {pattern}"))
        .collect();
    assert!(
        missed.is_empty(),
        "the SDK never called {missed:?}: add them to tests/auth0-sdk/conformance.mjs"
    );
}

/// Whether `path` fits `pattern`, where a `{name}` segment is any segment.
fn path_matches(pattern: &str, path: &str) -> bool {
    let (pattern, path): (Vec<_>, Vec<_>) =
        (pattern.split('/').collect(), path.split('/').collect());
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(&path)
            .all(|(p, s)| p == s || (p.starts_with('{') && !s.is_empty()))
}
