//! A real Neo4j Community 5.26 for tests: the launcher in
//! `tests/neo4j`, built and started through `scripts/neo4j.sh`, on a free
//! port with authentication on and a known password.
//!
//! Community edition has one user database (`neo4j`), so tests sharing a
//! server keep apart by label (see [`Neo4jServer::mapping_for`] and
//! [`graph_for`]); [`write`] and [`seed`] put a test's nodes there.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{mpsc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use idlens_audit::{Mapping, MappingText};
use idlens_secret::Secret;

use idlens_graph::{ConnectionSettings, CypherBatch, Graph};
use idlens_job::Job;
use serde_json::{json, Value};

/// The password every test server's `neo4j` user gets.
pub const PASSWORD: &str = "idlens-test-password";
/// How long a server may take to build and start before the test fails.
pub const START_TIMEOUT: Duration = Duration::from_secs(300);

/// A running Neo4j. Dropping it kills the JVM and removes its files; a
/// server nobody drops (the [`Neo4jServer::shared`] one) stops by itself
/// when the test process exits and its stdin closes.
pub struct Neo4jServer {
    child: Mutex<Child>,
    /// Held open: the launcher stops when it closes.
    _stdin: Option<ChildStdin>,
    uri: String,
    data: PathBuf,
    pub started_in: Duration,
}

impl Neo4jServer {
    /// One server for the whole test binary, started on first use.
    pub fn shared() -> &'static Neo4jServer {
        static SHARED: OnceLock<Neo4jServer> = OnceLock::new();
        SHARED.get_or_init(Neo4jServer::start)
    }

    /// A server of its own (for tests that kill it). Panics with the
    /// launcher's log when it does not start within [`START_TIMEOUT`].
    pub fn start() -> Neo4jServer {
        build_launcher();
        let began = Instant::now();
        let data = fresh_dir();
        let log = data.join("launcher.log");
        let mut child = Command::new(script())
            .args(["start", "--port", "0", "--password", PASSWORD, "--data"])
            .arg(&data)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("create the launcher's log"))
            .spawn()
            .expect("run scripts/neo4j.sh start (needs bash, java 17)");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (ready, line) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(uri) = line.strip_prefix("NEO4J READY ") {
                    let _ = ready.send(uri.trim().to_owned());
                }
            }
        });
        let uri = match line.recv_timeout(START_TIMEOUT) {
            Ok(uri) => uri,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let log = std::fs::read_to_string(&log).unwrap_or_default();
                panic!(
                    "Neo4j did not print its READY line within {START_TIMEOUT:?}; launcher log:\n{log}"
                );
            }
        };
        Neo4jServer {
            _stdin: child.stdin.take(),
            child: Mutex::new(child),
            uri,
            data,
            started_in: began.elapsed(),
        }
    }

    /// `bolt://127.0.0.1:PORT`.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    pub fn user(&self) -> &str {
        "neo4j"
    }

    pub fn password(&self) -> Secret {
        Secret::new(PASSWORD)
    }

    /// Settings for the default database.
    pub fn settings(&self) -> ConnectionSettings {
        ConnectionSettings {
            uri: self.uri.clone(),
            user: self.user().to_owned(),
            password: self.password(),
            database: None,
        }
    }

    /// The default mapping with the label `User_<test>`, so tests on one
    /// server see only their own nodes.
    pub fn mapping_for(test: &str) -> Mapping {
        Mapping::parse(&MappingText {
            label: format!("User_{test}"),
            ..MappingText::default()
        })
        .expect("a test name makes a valid label")
    }

    /// Kills the JVM at once (SIGKILL), as a crash would.
    pub fn kill(&self) {
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for Neo4jServer {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

fn script() -> PathBuf {
    crate::repository().join("scripts/neo4j.sh")
}

/// `scripts/neo4j.sh build`, once per process (the script locks against
/// other processes and returns at once when up to date).
fn build_launcher() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let output = Command::new(script())
            .arg("build")
            .output()
            .expect("run scripts/neo4j.sh build (needs bash, java 17, mvn)");
        assert!(
            output.status.success(),
            "scripts/neo4j.sh build failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    });
}

fn fresh_dir() -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("idlens-neo4j-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the server's directory");
    dir
}

/// A connection to `server` for `test`'s own label ([`Neo4jServer::mapping_for`]),
/// its nodes deleted first.
pub async fn graph_for(server: &Neo4jServer, test: &str) -> Graph {
    let mapping = Neo4jServer::mapping_for(test);
    let statement = format!("MATCH (u:{}) DETACH DELETE u", mapping.label.quoted());
    let graph = Graph::connect(server.settings(), mapping)
        .await
        .expect("connect to the test server");
    write(&graph, &statement, vec![json!({})]).await;
    graph
}

/// Runs `statement` with `$rows` in one committed transaction, or panics.
pub async fn write(graph: &Graph, statement: &str, rows: Vec<Value>) {
    let batch = CypherBatch {
        statement: statement.to_owned(),
        rows,
    };
    let log = graph.apply(&[batch], &Job::unwatched()).await;
    assert!(log.is_complete(), "{statement}: {:?}", log.error());
}

/// Creates one node per row (a map of properties; nulls are not set) with
/// the label of `graph`'s mapping, in batches of 10,000.
pub async fn seed(graph: &Graph, rows: Vec<Value>) {
    let label = graph.mapping().label.quoted();
    let statement = format!("UNWIND $rows AS row CREATE (u:{label}) SET u = row");
    let batches: Vec<CypherBatch> = rows
        .chunks(10_000)
        .map(|chunk| CypherBatch {
            statement: statement.clone(),
            rows: chunk.to_vec(),
        })
        .collect();
    let log = graph.apply(&batches, &Job::unwatched()).await;
    assert!(log.is_complete(), "seeding {label}: {:?}", log.error());
}
