//! Architecture invariants (ARCHITECTURE.md, "Invariants"):
//! - Only the root package (the desktop shell) knows Tauri. No crate under
//!   `crates/` may depend on `tauri` or a `tauri-*` crate, directly, through
//!   another workspace crate, or through any third-party crate, so the core
//!   builds and tests without a display.
//! - Dependencies between IdLens crates point down the layers: the adapters
//!   (`cli`, the shell) over `api`, over the feature crates, over the shared
//!   guards and models (`profile`, `http`), over the foundations (`secret`,
//!   `bounded`). Feature crates never depend on `api` or `cli`.
//! - The pure-logic crates (`rbac`, `audit`, `support`) do no I/O: they depend on no
//!   network, runtime, database or keychain crate.
//! - The test kit (`idlens-testkit`) is only ever a dev-dependency: no
//!   package of the workspace, the shell included, links it into what it
//!   builds for users (a normal or build dependency).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const WORKSPACE: &str = env!("CARGO_MANIFEST_DIR");

/// The layer of each IdLens crate: a crate may use crates of lower layers
/// (and feature crates may use each other). Every crate under `crates/` must
/// be listed, so a new crate has to be placed.
const LAYERS: &[(&str, u8)] = &[
    ("idlens-secret", 0),
    ("idlens-bounded", 0),
    ("idlens-job", 0),
    ("idlens-export", 0),
    ("idlens-http", 1),
    ("idlens-profile", 1),
    ("idlens-token", FEATURE),
    ("idlens-login", FEATURE),
    ("idlens-session", FEATURE),
    ("idlens-auth0", FEATURE),
    ("idlens-rbac", FEATURE),
    ("idlens-graph", FEATURE),
    ("idlens-audit", FEATURE),
    ("idlens-support", FEATURE),
    ("idlens-actions", FEATURE),
    ("idlens-sandbox", FEATURE),
    ("idlens-api", 3),
    ("idlens-cli", 4),
    // Above everything it drives; never below anything (see
    // `the_testkit_is_only_a_dev_dependency`).
    (TESTKIT, 5),
];
const FEATURE: u8 = 2;
const TESTKIT: &str = "idlens-testkit";

/// Crates that must stay pure logic, and what would give them I/O.
const PURE: &[&str] = &["idlens-rbac", "idlens-audit", "idlens-support"];
const IO_CRATES: &[&str] = &[
    "tokio",
    "reqwest",
    "hyper",
    "neo4rs",
    "keyring",
    "idlens-http",
    "idlens-profile",
    "idlens-login",
    "idlens-api",
];

/// `cargo metadata --no-deps`: the workspace's packages.
fn workspace_packages() -> Vec<Value> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--manifest-path",
        ])
        .arg(Path::new(WORKSPACE).join("Cargo.toml"))
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("cargo metadata JSON");
    metadata["packages"].as_array().expect("packages").clone()
}

/// Each package's normal (not dev or build) dependencies, by name.
fn normal_dependencies(package: &Value) -> Vec<String> {
    package["dependencies"]
        .as_array()
        .expect("dependencies")
        .iter()
        .filter(|d| d["kind"].is_null())
        .map(|d| d["name"].as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn idlens_crates_depend_only_down_the_layers() {
    let layer = |name: &str| LAYERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l);
    let mut offenders = Vec::new();
    for package in workspace_packages() {
        let name = package["name"].as_str().expect("name");
        if name == "idlens" {
            continue; // the shell: the top adapter
        }
        let Some(own) = layer(name) else {
            offenders.push(format!(
                "{name} is not placed in a layer (tests/cli/layering.rs)"
            ));
            continue;
        };
        for dep in normal_dependencies(&package) {
            let Some(theirs) = layer(&dep) else { continue };
            let allowed = theirs < own || (own == FEATURE && theirs == FEATURE);
            if !allowed {
                offenders.push(format!(
                    "{name} (layer {own}) depends on {dep} (layer {theirs})"
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "dependencies against the layering:\n{}",
        offenders.join("\n")
    );
}

/// The packages of the workspace that depend on `name` other than as a
/// dev-dependency, with the kind (`normal` or `build`).
fn non_dev_dependents(packages: &[Value], name: &str) -> Vec<String> {
    let mut dependents = Vec::new();
    for package in packages {
        for dep in package["dependencies"].as_array().expect("dependencies") {
            let kind = dep["kind"].as_str().unwrap_or("normal");
            if dep["name"] == name && kind != "dev" {
                let dependent = package["name"].as_str().expect("name");
                dependents.push(format!("{dependent} ({kind})"));
            }
        }
    }
    dependents
}

#[test]
fn the_testkit_is_only_a_dev_dependency() {
    let packages = workspace_packages();
    let dev_users = packages
        .iter()
        .filter(|p| {
            p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .any(|d| d["name"] == TESTKIT && d["kind"] == "dev")
        })
        .count();
    // Guards the check against passing vacuously (a renamed kit, a format change).
    assert!(
        dev_users > 0,
        "no package has {TESTKIT} as a dev-dependency"
    );
    let offenders = non_dev_dependents(&packages, TESTKIT);
    assert!(
        offenders.is_empty(),
        "{TESTKIT} holds test drivers and must stay a dev-dependency ([dev-dependencies]), but is a dependency of:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn pure_logic_crates_do_no_io() {
    let graph = LockGraph::load();
    // Guards the check against passing vacuously: sign-in does do I/O.
    assert!(graph.path_to("idlens-login", |n| n == "tokio").is_some());
    for name in PURE {
        for io in IO_CRATES {
            assert!(
                graph.path_to(name, |n| n == *io).is_none(),
                "{name} must stay pure logic, but reaches {io}"
            );
        }
    }
}

/// Workspace members whose manifest is under `crates/`, by package name.
fn core_crates() -> BTreeSet<String> {
    let crates_dir = PathBuf::from(WORKSPACE).join("crates");
    workspace_packages()
        .iter()
        .filter(|p| {
            Path::new(p["manifest_path"].as_str().expect("manifest_path")).starts_with(&crates_dir)
        })
        .map(|p| p["name"].as_str().expect("name").to_owned())
        .collect()
}

/// The resolved dependency graph from `Cargo.lock`: every package (all
/// platforms, and dev-dependencies of workspace members) and what it uses.
struct LockGraph {
    /// `(name, version)` → the packages it depends on.
    edges: BTreeMap<(String, String), Vec<(String, String)>>,
}

impl LockGraph {
    fn load() -> Self {
        let text = std::fs::read_to_string(Path::new(WORKSPACE).join("Cargo.lock"))
            .expect("Cargo.lock is committed");
        let lock: toml::Value = text.parse().expect("Cargo.lock is TOML");
        let packages = lock["package"].as_array().expect("[[package]] entries");
        let key = |p: &toml::Value| {
            (
                p["name"].as_str().expect("name").to_owned(),
                p["version"].as_str().expect("version").to_owned(),
            )
        };
        let mut versions: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in packages {
            let (name, version) = key(p);
            versions.entry(name).or_default().push(version);
        }
        // A dependency is written "name" when one version is locked, else "name version [(source)]".
        let resolve = |dep: &str| {
            let mut parts = dep.split(' ');
            let name = parts.next().expect("a name").to_owned();
            let version = match parts.next() {
                Some(v) => v.to_owned(),
                None => versions[&name][0].clone(),
            };
            (name, version)
        };
        let edges = packages
            .iter()
            .map(|p| {
                let deps = p
                    .get("dependencies")
                    .and_then(toml::Value::as_array)
                    .map(|deps| {
                        deps.iter()
                            .map(|d| resolve(d.as_str().expect("dependency string")))
                            .collect()
                    })
                    .unwrap_or_default();
                (key(p), deps)
            })
            .collect();
        Self { edges }
    }

    /// A chain of package names from `name` to a Tauri crate, if there is one.
    fn path_to_tauri(&self, name: &str) -> Option<Vec<String>> {
        self.path_to(name, is_tauri)
    }

    /// A chain of package names from `name` to a package `wanted` accepts.
    fn path_to(&self, name: &str, wanted: impl Fn(&str) -> bool) -> Option<Vec<String>> {
        let start = self
            .edges
            .keys()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} is not in Cargo.lock"))
            .clone();
        let mut parent: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        let mut seen = BTreeSet::from([start.clone()]);
        while let Some(node) = queue.pop_front() {
            if node != start && wanted(&node.0) {
                let mut chain = vec![node.0.clone()];
                let mut at = node;
                while let Some(p) = parent.get(&at) {
                    chain.push(p.0.clone());
                    at = p.clone();
                }
                chain.reverse();
                return Some(chain);
            }
            for next in self.edges.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    parent.insert(next.clone(), node.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        None
    }
}

fn is_tauri(name: &str) -> bool {
    name == "tauri" || name.starts_with("tauri-")
}

#[test]
fn no_crate_under_crates_depends_on_tauri() {
    let core = core_crates();
    for expected in [
        "idlens-api",
        "idlens-cli",
        "idlens-profile",
        "idlens-secret",
    ] {
        assert!(core.contains(expected), "{expected} missing from {core:?}");
    }
    let graph = LockGraph::load();
    let offenders: Vec<String> = core
        .iter()
        .filter_map(|name| graph.path_to_tauri(name))
        .map(|chain| chain.join(" -> "))
        .collect();
    assert!(
        offenders.is_empty(),
        "crates under crates/ must stay Tauri-free; move Tauri code to src-tauri/:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_check_finds_the_shells_own_tauri_dependency() {
    // Guards the test above against passing vacuously (e.g. a lock format change).
    let chain = LockGraph::load()
        .path_to_tauri("idlens")
        .expect("the desktop shell depends on tauri");
    assert_eq!(chain.first().map(String::as_str), Some("idlens"));
    assert!(is_tauri(chain.last().expect("a chain")));
}
