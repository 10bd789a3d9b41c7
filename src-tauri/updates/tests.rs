//! The signature check through the real plugin and our wiring: an update
//! server on 127.0.0.1, and a mock Tauri app (no display) set up by
//! [`register`] with tauri.conf.json's updater settings, where only the public
//! key (a test key's) and the endpoint (that server) differ.

use std::io::Cursor;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde_json::{json, Value};
use tauri::test::MockRuntime;

use super::*;

/// The version `tauri::test::mock_context` gives the app.
const CURRENT: &str = "0.1.0";
const NEWER: &str = "0.2.0";

/// tauri.conf.json as committed.
fn committed_config() -> Value {
    serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json")
}

/// An update package: 64 KiB that are not an executable of any kind.
fn package() -> Vec<u8> {
    (0..64 * 1024u32).map(|i| (i % 251) as u8).collect()
}

/// A minisign key pair, used as `tauri signer` uses one.
struct TestKey(minisign::KeyPair);

impl TestKey {
    fn new() -> Self {
        Self(minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair"))
    }

    /// The public key as tauri.conf.json holds it: minisign's key file, in base64.
    fn pubkey(&self) -> String {
        let file = self.0.pk.to_box().expect("public key box").into_string();
        BASE64.encode(file)
    }

    /// A `.sig` as `tauri signer sign --app-version VERSION` writes it: the
    /// version in the signed ("trusted") comment, the file in base64.
    fn sign(&self, bytes: &[u8], version: &str) -> String {
        let trusted = format!(
            "timestamp:1700000000\tfile:IdLens_{version}_amd64.AppImage\tversion:{version}"
        );
        let signature = minisign::sign(
            Some(&self.0.pk),
            &self.0.sk,
            Cursor::new(bytes),
            Some(&trusted),
            Some("signature from tauri secret key"),
        )
        .expect("a signature");
        BASE64.encode(signature.into_string())
    }
}

/// A static update server: `/latest.json` announcing `version` for this
/// system, and `/package` serving `file`; it counts the requests it gets.
struct UpdateServer {
    manifest_url: String,
    requests: Arc<AtomicUsize>,
}

async fn serve(version: &str, file: Vec<u8>, signature: String) -> UpdateServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let target = tauri_plugin_updater::target().expect("a supported system");
    let manifest = json!({
        "version": version,
        "notes": "Faster audits.",
        "pub_date": "2026-11-20T10:00:00Z",
        "platforms": { target: { "signature": signature, "url": format!("{base}/package") } },
    });
    let requests = Arc::new(AtomicUsize::new(0));
    let (for_manifest, for_file) = (Arc::clone(&requests), Arc::clone(&requests));
    let routes = axum::Router::new()
        .route(
            "/latest.json",
            axum::routing::get(move || {
                for_manifest.fetch_add(1, Ordering::SeqCst);
                std::future::ready(axum::Json(manifest))
            }),
        )
        .route(
            "/package",
            axum::routing::get(move || {
                for_file.fetch_add(1, Ordering::SeqCst);
                std::future::ready(file)
            }),
        );
    tokio::spawn(async move { axum::serve(listener, routes).await });
    UpdateServer {
        manifest_url: format!("{base}/latest.json"),
        requests,
    }
}

/// A server for [`package`] signed by `signer` for `signed_for`, announced as `announced`.
async fn serve_signed(signer: &TestKey, announced: &str, signed_for: &str) -> UpdateServer {
    let file = package();
    let signature = signer.sign(&file, signed_for);
    serve(announced, file, signature).await
}

/// A mock app with IdLens's updater settings, but `pubkey` and `endpoints`.
fn app(pubkey: &str, endpoints: &[&str]) -> tauri::App<MockRuntime> {
    let mut settings = committed_config()["plugins"]["updater"].clone();
    settings["pubkey"] = json!(pubkey);
    settings["endpoints"] = json!(endpoints);
    // The test's server is plain HTTP on 127.0.0.1; real endpoints are https.
    settings["dangerousInsecureTransportProtocol"] = json!(true);
    let mut context = tauri::test::mock_context(tauri::test::noop_assets());
    context
        .config_mut()
        .plugins
        .0
        .insert("updater".to_owned(), settings);
    register(tauri::test::mock_builder())
        .build(context)
        .expect("a mock app")
}

/// A job that records the phases it goes through.
fn recording_job() -> (Job, Arc<Mutex<Vec<String>>>) {
    let phases = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&phases);
    let (job, _cancel) = Job::new(move |progress| {
        let mut phases = sink.lock().unwrap();
        if phases.last() != Some(&progress.phase) {
            phases.push(progress.phase.clone());
        }
    });
    (job, phases)
}

/// Checks, expecting `NEWER`, then installs through `update_install`, which
/// must be refused before anything is installed.
async fn assert_install_refused(app: &tauri::App<MockRuntime>) -> ApiError {
    let status = update_check(app.handle().clone()).await.expect("a check");
    assert_eq!(status.available.expect("an update").version, NEWER);
    // Where the plugin would install on Linux outside a package: this binary.
    let exe = std::env::current_exe().expect("the test binary");
    let before = std::fs::metadata(&exe).expect("its metadata");

    let (job, phases) = recording_job();
    let error = update_install(app.handle().clone(), job)
        .await
        .expect_err("a refusal");

    assert_eq!(error.code, ErrorCode::UpdateRefused, "{error:?}");
    assert!(error.message.contains("nothing was installed"), "{error:?}");
    let phases = phases.lock().unwrap().clone();
    assert_eq!(
        phases,
        ["Downloading IdLens 0.2.0 (KiB)", "Checking the signature"],
        "the install step was never reached"
    );
    let after = std::fs::metadata(&exe).expect("its metadata");
    assert_eq!(
        (before.len(), before.modified().ok()),
        (after.len(), after.modified().ok())
    );
    // Kept as it was found, not half-used.
    assert!(found(app.handle()).is_some());
    error
}

#[tokio::test(flavor = "multi_thread")]
async fn an_update_altered_after_signing_is_refused() {
    let key = TestKey::new();
    let signed = package();
    let mut altered = signed.clone();
    altered[40_000] ^= 0x01;
    let server = serve(NEWER, altered, key.sign(&signed, NEWER)).await;
    let app = app(&key.pubkey(), &[&server.manifest_url]);

    assert_install_refused(&app).await;
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_update_signed_with_another_key_is_refused() {
    let trusted = TestKey::new();
    let server = serve_signed(&TestKey::new(), NEWER, NEWER).await;
    let app = app(&trusted.pubkey(), &[&server.manifest_url]);

    assert_install_refused(&app).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_older_release_announced_as_newer_is_refused() {
    // Genuinely signed, but for 0.1.5: a manifest must not pass it off as 0.2.0.
    let key = TestKey::new();
    let server = serve_signed(&key, NEWER, "0.1.5").await;
    let app = app(&key.pubkey(), &[&server.manifest_url]);

    let error = assert_install_refused(&app).await;
    assert!(error.message.contains("0.1.5"), "{error:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_correctly_signed_update_passes_verification() {
    let key = TestKey::new();
    let server = serve_signed(&key, NEWER, NEWER).await;
    let app = app(&key.pubkey(), &[&server.manifest_url]);

    let port = server.manifest_url.split(':').nth(2).unwrap();
    let port = port.trim_end_matches("/latest.json");
    let settings = update_settings(app.handle().clone())
        .await
        .expect("settings");
    assert_eq!(
        settings,
        UpdateSettings {
            current_version: CURRENT.to_owned(),
            enabled: true,
            endpoint: Some(format!("127.0.0.1:{port}")),
        }
    );
    assert_eq!(
        server.requests.load(Ordering::SeqCst),
        0,
        "settings ask no server"
    );

    let status = update_check(app.handle().clone()).await.expect("a check");
    assert_eq!(
        status,
        UpdateStatus {
            settings,
            available: Some(UpdateAvailable {
                version: NEWER.to_owned(),
                date: Some("2026-11-20T10:00:00Z".to_owned()),
                notes: Some("Faster audits.".to_owned()),
            }),
        }
    );

    // One flat object on the wire, as the UI's bindings declare it.
    let wire = serde_json::to_value(&status).unwrap();
    assert_eq!(wire["currentVersion"], CURRENT);
    assert_eq!(wire["available"]["version"], NEWER);

    // Downloaded and verified, and stopped there: installing would replace
    // this test binary.
    let update = found(app.handle()).clone().expect("the update found");
    let (job, phases) = recording_job();
    let verified = fetch(&update, &job).await.expect("a verified download");
    assert_eq!(verified.bytes, package());
    assert_eq!(verified.update.version, NEWER);
    assert_eq!(
        *phases.lock().unwrap(),
        ["Downloading IdLens 0.2.0 (KiB)", "Checking the signature"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn without_an_endpoint_updates_are_off_and_nothing_is_asked() {
    let key = TestKey::new();
    let server = serve_signed(&key, NEWER, NEWER).await;
    let app = app(&key.pubkey(), &[]);

    let settings = update_settings(app.handle().clone())
        .await
        .expect("settings");
    let status = update_check(app.handle().clone()).await.expect("a check");

    let off = UpdateSettings {
        current_version: CURRENT.to_owned(),
        enabled: false,
        endpoint: None,
    };
    assert_eq!(settings, off);
    assert_eq!(
        status,
        UpdateStatus {
            settings: off,
            available: None,
        }
    );
    assert_eq!(server.requests.load(Ordering::SeqCst), 0);
    let (job, _) = recording_job();
    let error = update_install(app.handle().clone(), job).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_version_is_no_update() {
    let key = TestKey::new();
    let server = serve_signed(&key, CURRENT, CURRENT).await;
    let app = app(&key.pubkey(), &[&server.manifest_url]);

    let status = update_check(app.handle().clone()).await.expect("a check");

    assert!(status.settings.enabled);
    assert_eq!(status.available, None);
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
    assert!(found(app.handle()).is_none());
}

#[test]
fn the_committed_config_trusts_one_valid_key_and_has_updates_off() {
    let config = committed_config();
    let settings = &config["plugins"]["updater"];
    let pubkey = BASE64
        .decode(settings["pubkey"].as_str().expect("a pubkey"))
        .expect("base64");
    let pubkey = String::from_utf8(pubkey).expect("a minisign key file");
    minisign::PublicKeyBox::from_string(&pubkey)
        .and_then(|key| key.into_public_key())
        .expect("a minisign public key");
    // The release workflow adds the endpoint; a build from the repository has none.
    assert_eq!(settings["endpoints"], json!([]));
    assert_eq!(settings["requireSignedVersion"], json!(true));
    // The webview reaches updates only through IdLens's own commands.
    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/default.json")).expect("capability");
    let granted = capability["permissions"].as_array().expect("permissions");
    assert!(granted
        .iter()
        .all(|p| !p.as_str().unwrap_or("").starts_with("updater:")));
}

#[test]
fn a_download_is_counted_in_kib_and_stopped_past_the_limit() {
    let job = Job::unwatched();
    let mut meter = Meter::new(&job);
    assert!(meter.add(1536, Some(4096)));
    assert_eq!((job.progress().done, job.progress().total), (1, Some(4)));
    assert!(meter.add(2560, Some(4096)));
    assert_eq!(job.progress().done, 4);

    assert!(!Meter::new(&job).add(1, Some(MAX_DOWNLOAD_BYTES + 1)));
    let mut unsized_download = Meter::new(&job);
    assert!(unsized_download.add(MAX_DOWNLOAD_BYTES as usize, None));
    assert!(!unsized_download.add(1, None));
}

#[test]
fn only_the_host_of_an_endpoint_is_shown() {
    let url = |s: &str| Url::parse(s).unwrap();
    assert_eq!(
        host_of(&url(
            "https://updates.example.com/idlens/latest.json?token=secret"
        )),
        "updates.example.com"
    );
    assert_eq!(
        host_of(&url("https://example.com:8443/x")),
        "example.com:8443"
    );
}

#[test]
fn long_notes_are_cut() {
    assert_eq!(cut("ab", 2), "ab");
    assert_eq!(cut("abc", 2), "ab…");
    assert_eq!(cut("éé", 1), "é…");
}
