//! Tauri's build step, with the command table from `idlens-api` as the app's
//! permission manifest: a command missing from the table cannot be invoked.

fn main() {
    let commands: Vec<&'static str> = idlens_api::typescript::commands()
        .into_iter()
        .map(|c| c.name)
        .collect();
    let manifest = tauri_build::AppManifest::new().commands(Box::leak(commands.into_boxed_slice()));
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(manifest),
    )
    .expect("tauri build step failed");
}
