//! The graph browser through the `Api`, against the sandbox tenant and a real
//! Neo4j (the test process's shared server; each test keeps to its own label):
//! the checks on connect, keyset pages and prefix search, one user's nodes
//! beside their Auth0 user, a search saved as a file, and the password errors.
//! The graph is the sandbox's drifted demo graph (`idlens_sandbox::demo_graph`).

use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration;

use idlens_api::types::{
    Auth0Side, ExportFormat, GraphExportRequest, GraphMappingInput, GraphNodeRequest,
    GraphSearchRequest, GraphUserView, Neo4jInput, ProfileInput, SecretInput, SecretKindView,
};
use idlens_api::ErrorCode;
use idlens_graph::Graph;
use idlens_sandbox::DemoNode;
use idlens_secret::Secret;
use idlens_testkit::neo4j::{graph_for, seed, write, Neo4jServer, PASSWORD};
use serde_json::{json, Map, Value};

use crate::rbac::{export_dir, m2m_tenant, recorded_job};
use crate::session::{config, profile_input, Tenant, PROFILE};

/// Upper bound on an operation that may wait for a JVM to start or for a
/// users export job (the client polls it at Auth0's pace, a few seconds).
const PATIENCE: Duration = Duration::from_secs(180);

/// The future is boxed: the `Api`'s futures are large, and a test awaiting
/// several of them would overflow the test thread's stack in debug builds.
pub(crate) async fn patiently<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(PATIENCE, Box::pin(future))
        .await
        .unwrap_or_else(|_| panic!("{what} did not finish within {PATIENCE:?}"))
}

/// The shared server, started (off the async threads) on first use.
pub(crate) async fn shared_server() -> &'static Neo4jServer {
    tokio::task::spawn_blocking(Neo4jServer::shared)
        .await
        .expect("the shared Neo4j starts")
}

/// The default property names, with `label`.
pub(crate) fn mapping_input(label: &str) -> GraphMappingInput {
    GraphMappingInput {
        label: label.into(),
        id_property: "sub".into(),
        email_property: "email".into(),
        name_property: "name".into(),
        email_verified_property: "email_verified".into(),
    }
}

/// Points profile `sb` (management kept as it is) at `uri` with `mapping`.
pub(crate) async fn use_graph(tenant: &Tenant, uri: &str, mapping: GraphMappingInput) {
    let input = ProfileInput {
        neo4j: Some(Neo4jInput {
            uri: uri.into(),
            user: "neo4j".into(),
            database: None,
            mapping: Some(mapping),
        }),
        ..profile_input(tenant.sandbox(), None)
    };
    tenant
        .api
        .profile_update(input)
        .await
        .expect("the profile takes the graph settings");
}

pub(crate) fn store_password(tenant: &Tenant, password: &str) {
    tenant
        .api
        .profile_set_secret(SecretInput {
            profile: PROFILE.into(),
            kind: SecretKindView::Neo4jPassword,
            value: Secret::new(password),
        })
        .expect("the Neo4j password is kept");
}

/// `test`'s label, and a direct connection to its nodes on `server`,
/// emptied first.
pub(crate) async fn test_label(server: &Neo4jServer, test: &str) -> (String, Graph) {
    let graph = graph_for(server, test).await;
    (graph.mapping().label.as_str().to_owned(), graph)
}

/// A demo node as the properties a Neo4j node holds (nulls left out).
pub(crate) fn node_row(node: &DemoNode) -> Value {
    let mut row = Map::new();
    row.insert("sub".into(), json!(node.sub));
    if let Some(email) = &node.email {
        row.insert("email".into(), json!(email));
    }
    if let Some(verified) = node.email_verified {
        row.insert("email_verified".into(), json!(verified));
    }
    if let Some(name) = &node.name {
        row.insert("name".into(), json!(name));
    }
    Value::Object(row)
}

/// A sandbox tenant read by the M2M client, with profile `sb` on the shared
/// server under `test`'s label, which holds the tenant's demo graph.
pub(crate) struct DemoGraph {
    pub tenant: Tenant,
    pub nodes: Vec<DemoNode>,
    pub label: String,
}

pub(crate) async fn demo_graph_tenant(test: &str) -> DemoGraph {
    let server = shared_server().await;
    let tenant = m2m_tenant(config()).await;
    let nodes = idlens_sandbox::demo_graph(&tenant.sandbox().tenant());
    let (label, graph) = test_label(server, test).await;
    seed(&graph, nodes.iter().map(node_row).collect()).await;
    use_graph(&tenant, server.uri(), mapping_input(&label)).await;
    store_password(&tenant, PASSWORD);
    DemoGraph {
        tenant,
        nodes,
        label,
    }
}

/// The ids of `nodes`, sorted, one per node (a duplicated id twice).
fn sorted_ids<'a>(nodes: impl IntoIterator<Item = &'a DemoNode>) -> Vec<String> {
    let mut ids: Vec<String> = nodes.into_iter().map(|n| n.sub.clone()).collect();
    ids.sort();
    ids
}

/// What `graph_search` should find for `query`: an id prefix (exact case) or
/// an e-mail prefix (any case).
fn matching<'a>(nodes: &'a [DemoNode], query: &str) -> Vec<&'a DemoNode> {
    let lower = query.to_lowercase();
    nodes
        .iter()
        .filter(|n| {
            n.sub.starts_with(query)
                || n.email
                    .as_deref()
                    .is_some_and(|e| e.to_lowercase().starts_with(&lower))
        })
        .collect()
}

/// A page size from 5 to 60 for which some page ends (`splits`) or no page
/// ends (`!splits`) between two nodes of one id, in `ids` (sorted).
fn page_size(ids: &[String], splits: bool) -> u32 {
    (5..=60u32)
        .find(|limit| {
            let split = ids
                .windows(2)
                .enumerate()
                .any(|(k, pair)| pair[0] == pair[1] && (k + 1) % *limit as usize == 0);
            split == splits
        })
        .expect("a page size")
}

/// Every row of a search, page by page; checks the paging on the way.
async fn all_pages(tenant: &Tenant, query: &str, limit: u32) -> (u64, Vec<GraphUserView>) {
    let mut rows: Vec<GraphUserView> = Vec::new();
    let mut after: Option<String> = None;
    let mut total = None;
    loop {
        let page = patiently(
            "graph_search",
            tenant.api.graph_search(GraphSearchRequest {
                profile: None,
                query: query.into(),
                after: after.clone(),
                limit,
            }),
        )
        .await
        .expect("a page of the graph's users");
        match &after {
            None => total = Some(page.total.expect("the first page counts the users")),
            Some(_) => assert_eq!(page.total, None, "only the first page counts"),
        }
        assert!(page.rows.len() <= limit as usize);
        if let (Some(last), Some(first)) = (rows.last(), page.rows.first()) {
            // Two nodes of one id may straddle a page boundary.
            assert!(
                first.id >= last.id,
                "a page starts after the one before: {} after {}",
                first.id,
                last.id
            );
        }
        for pair in page.rows.windows(2) {
            assert!(
                pair[0].id <= pair[1].id,
                "{} before {}",
                pair[0].id,
                pair[1].id
            );
        }
        rows.extend(page.rows);
        match page.next_after {
            Some(next) => {
                let last = rows.last().map(|r| r.id.as_str()).unwrap_or_default();
                assert!(
                    next.ends_with(&format!(":{last}")),
                    "{next} names the last row"
                );
                after = Some(next);
            }
            None => break,
        }
        assert!(rows.len() < 1_000_000, "paging does not end");
    }
    (total.expect("one page at least"), rows)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graph_status_counts_the_users_and_names_what_to_fix() {
    let mut demo = demo_graph_tenant("graph_status").await;
    let api = &demo.tenant.api;
    let status = patiently("graph_status", api.graph_status(None))
        .await
        .expect("the graph's status");
    let nodes = &demo.nodes;
    assert_eq!(status.user_nodes, nodes.len() as u64);
    assert!(!status.id_unique_constraint);
    assert_eq!(status.edition, "community");
    assert!(
        status.server_version.starts_with('5'),
        "{}",
        status.server_version
    );
    assert_eq!(status.mapping, mapping_input(&demo.label));
    // bolt:// to 127.0.0.1 never leaves this machine: nothing to warn about.
    assert_eq!(status.transport_warning, None);
    let with = |has: &dyn Fn(&DemoNode) -> bool| nodes.iter().filter(|n| has(n)).count() as u64;
    let expected = BTreeMap::from([
        ("id".to_owned(), ("sub", nodes.len() as u64)),
        ("email".to_owned(), ("email", with(&|n| n.email.is_some()))),
        ("name".to_owned(), ("name", with(&|n| n.name.is_some()))),
        (
            "emailVerified".to_owned(),
            ("email_verified", with(&|n| n.email_verified.is_some())),
        ),
    ]);
    let seen: BTreeMap<String, (&str, u64)> = status
        .properties
        .iter()
        .map(|p| (p.role.clone(), (p.property.as_str(), p.nodes_with_it)))
        .collect();
    assert_eq!(seen, expected);
    // The demo graph has nulls (email_verified) but every property is used:
    // the one warning is the missing constraint, naming the label and property.
    assert_eq!(status.warnings.len(), 1, "{:?}", status.warnings);
    let warning = &status.warnings[0];
    assert!(warning.contains("No uniqueness constraint"), "{warning}");
    assert!(
        warning.contains(&format!("{}.sub", demo.label)),
        "{warning}"
    );

    // A typo in the mapping: a warning names the property; the counts show it.
    let mut typo = mapping_input(&demo.label);
    typo.id_property = "subb".into();
    use_graph(&demo.tenant, shared_server().await.uri(), typo).await;
    let status = patiently("graph_status", api.graph_status(None))
        .await
        .expect("the graph's status");
    assert_eq!(status.user_nodes, nodes.len() as u64);
    let id = status.properties.iter().find(|p| p.role == "id").unwrap();
    assert_eq!((id.property.as_str(), id.nodes_with_it), ("subb", 0));
    assert!(
        status
            .warnings
            .iter()
            .any(|w| w.contains("property subb") && w.contains("mapped as id")),
        "{:?}",
        status.warnings
    );
    assert!(
        !status
            .warnings
            .iter()
            .any(|w| w.contains("property email ")),
        "{:?}",
        status.warnings
    );
    demo.tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_uniqueness_constraint_on_the_id_is_seen_and_silences_the_warning() {
    let server = shared_server().await;
    let mut tenant = Tenant::start(config()).await;
    let (label, graph) = test_label(server, "graph_unique").await;
    let mut nodes = idlens_sandbox::demo_graph(&tenant.sandbox().tenant());
    nodes.sort_by(|a, b| a.sub.cmp(&b.sub));
    nodes.dedup_by(|a, b| a.sub == b.sub);
    seed(&graph, nodes.iter().map(node_row).collect()).await;
    write(
        &graph,
        &format!("CREATE CONSTRAINT `{label}_sub` IF NOT EXISTS FOR (u:`{label}`) REQUIRE u.`sub` IS UNIQUE"),
        vec![],
    )
    .await;
    use_graph(&tenant, server.uri(), mapping_input(&label)).await;
    store_password(&tenant, PASSWORD);

    let status = patiently("graph_status", tenant.api.graph_status(None))
        .await
        .expect("the graph's status");
    assert_eq!(status.user_nodes, nodes.len() as u64);
    assert!(status.id_unique_constraint);
    assert_eq!(status.warnings, Vec::<String>::new());
    tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_pages_every_user_once_in_id_order_and_finds_by_id_or_email_prefix() {
    let mut demo = demo_graph_tenant("graph_search").await;
    let nodes = &demo.nodes;
    let expected = sorted_ids(nodes);
    assert!(expected.len() > 500, "{}", expected.len());

    // Small pages, none ending between the two nodes of a duplicated id
    // (that case: `a_page_boundary_between_duplicate_nodes_loses_neither`).
    let limit = page_size(&expected, false);
    let (total, rows) = all_pages(&demo.tenant, "", limit).await;
    assert_eq!(total, nodes.len() as u64);
    let visited: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    assert_eq!(visited, expected, "pages of {limit}");

    // Every row is the node's values through the mapping.
    let by_id: BTreeMap<&str, Vec<&DemoNode>> = nodes.iter().fold(BTreeMap::new(), |mut m, n| {
        m.entry(n.sub.as_str()).or_default().push(n);
        m
    });
    for row in &rows {
        assert!(
            by_id[row.id.as_str()].iter().any(|n| n.email == row.email
                && n.name == row.name
                && n.email_verified == row.email_verified),
            "{row:?}"
        );
    }

    // An id prefix (ids are case-sensitive).
    let provider = nodes
        .iter()
        .find_map(|n| n.sub.split_once('|').map(|(p, _)| format!("{p}|")))
        .unwrap();
    let social = nodes
        .iter()
        .find(|n| !n.sub.starts_with("auth0|"))
        .map(|n| n.sub[..n.sub.len() - 3].to_owned())
        .unwrap();
    for query in [provider.as_str(), social.as_str()] {
        let (total, rows) = all_pages(&demo.tenant, query, 100).await;
        let found: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        assert_eq!(found, sorted_ids(matching(nodes, query)), "{query}");
        assert_eq!(total, found.len() as u64, "{query}");
        assert!(!found.is_empty(), "{query}");
    }

    // An e-mail prefix, in either case on either side.
    let upper = nodes
        .iter()
        .filter_map(|n| n.email.as_deref())
        .find(|e| e.chars().any(|c| c.is_ascii_uppercase()))
        .expect("the demo graph has upper-cased e-mails");
    let lower = nodes
        .iter()
        .filter_map(|n| n.email.as_deref())
        .find(|e| !e.chars().any(|c| c.is_ascii_uppercase()))
        .unwrap();
    let prefix = |e: &str| e.split('@').next().unwrap().to_owned();
    for (query, holder) in [
        (prefix(upper).to_lowercase(), upper),
        (prefix(lower).to_uppercase(), lower),
    ] {
        let (total, rows) = all_pages(&demo.tenant, &query, 100).await;
        assert!(
            rows.iter().any(|r| r.email.as_deref() == Some(holder)),
            "{query} finds {holder}: {rows:?}"
        );
        let found: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        assert_eq!(found, sorted_ids(matching(nodes, &query)), "{query}");
        assert_eq!(total, found.len() as u64, "{query}");
    }
    demo.tenant.stop().await;
}

/// Keyset paging by a property that is not unique: a page that ends on the
/// first node of a duplicated id must not make the next page (`id > after`)
/// skip the second (the cursor is the id and the node's internal id;
/// `graph_export` pages the same way).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_boundary_between_duplicate_nodes_loses_neither() {
    let mut demo = demo_graph_tenant("graph_split").await;
    let expected = sorted_ids(&demo.nodes);
    let limit = page_size(&expected, true);
    let (total, rows) = all_pages(&demo.tenant, "", limit).await;
    assert_eq!(total, demo.nodes.len() as u64);
    let mut lost = expected.clone();
    for row in &rows {
        if let Some(at) = lost.iter().position(|id| *id == row.id) {
            lost.remove(at);
        }
    }
    assert_eq!(
        (rows.len(), lost),
        (expected.len(), Vec::<String>::new()),
        "pages of {limit}: visited, and the nodes never visited"
    );
    demo.tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_shows_beside_its_auth0_user_and_a_search_saves_every_row() {
    let dir = export_dir();
    let mut demo = demo_graph_tenant("graph_node").await;
    let api = std::sync::Arc::clone(&demo.tenant.api);
    let nodes = &demo.nodes;
    let ids = sorted_ids(nodes);

    // A duplicated id: both nodes, and the Auth0 user of that id.
    let duplicate = ids
        .windows(2)
        .find(|p| p[0] == p[1])
        .map(|p| p[0].clone())
        .expect("the demo graph has duplicate nodes");
    let view = patiently(
        "graph_node",
        api.graph_node(GraphNodeRequest {
            profile: None,
            id: duplicate.clone(),
        }),
    )
    .await
    .expect("the nodes of a duplicated id");
    assert_eq!(view.id, duplicate);
    assert_eq!(view.nodes.len(), 2, "{view:?}");
    let mut emails = Vec::new();
    for node in &view.nodes {
        assert_eq!(node.labels, vec![demo.label.clone()]);
        let property = |name: &str| {
            node.properties
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.value.clone())
        };
        assert_eq!(property("sub"), Some(json!(duplicate).to_string()));
        emails.push(property("email").expect("the nodes have e-mails"));
    }
    emails.sort();
    let mut expected: Vec<String> = nodes
        .iter()
        .filter(|n| n.sub == duplicate)
        .map(|n| json!(n.email).to_string())
        .collect();
    expected.sort();
    assert_eq!(emails, expected);
    match &view.auth0 {
        Auth0Side::Found { user } => assert_eq!(user.facts.user_id, duplicate),
        other => panic!("the Auth0 user of {duplicate}: {other:?}"),
    }

    // An orphan: one node, no Auth0 user.
    let orphan = format!("auth0|de1e7ed{:017x}", 0);
    assert!(ids.contains(&orphan), "{orphan} is a demo orphan");
    let view = patiently(
        "graph_node",
        api.graph_node(GraphNodeRequest {
            profile: None,
            id: orphan.clone(),
        }),
    )
    .await
    .expect("an orphan's node");
    assert_eq!(view.nodes.len(), 1);
    assert!(
        matches!(view.auth0, Auth0Side::NotFound),
        "{:?}",
        view.auth0
    );

    // Every user a search finds, in a file: here all of them, then a prefix.
    let social = nodes
        .iter()
        .find_map(|n| {
            n.sub
                .split_once('|')
                .map(|(p, _)| p)
                .filter(|p| *p != "auth0")
        })
        .map(|p| format!("{p}|"))
        .expect("the demo graph has social users");
    for query in ["", social.as_str()] {
        let (id, job, seen) = recorded_job(&api);
        let saved = patiently(
            "graph_export",
            api.graph_export(
                GraphExportRequest {
                    profile: None,
                    query: query.into(),
                    format: ExportFormat::Csv,
                },
                job,
            ),
        )
        .await
        .expect("the search is saved");
        api.job_end(id);
        let expected = sorted_ids(matching(nodes, query));
        assert!(!expected.is_empty(), "{query}");
        assert!(
            saved.path.starts_with(dir.to_str().unwrap()),
            "{}",
            saved.path
        );
        assert_eq!(saved.rows, expected.len() as u64, "{query}");
        let text = std::fs::read_to_string(&saved.path).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("id,email,email_verified,name"));
        let mut written: Vec<String> = lines
            .map(|l| l.split(',').next().unwrap().to_owned())
            .collect();
        written.sort();
        assert_eq!(written, expected, "{query}");
        let last = seen.lock().unwrap().last().cloned().expect("progress");
        assert_eq!(last.phase, "Reading the graph's users");
        assert_eq!((last.done, last.total), (saved.rows, Some(saved.rows)));
    }
    demo.tenant.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_or_wrong_neo4j_password_says_what_to_do() {
    let server = shared_server().await;
    let mut tenant = Tenant::start(config()).await;
    let (label, _) = test_label(server, "graph_password").await;
    use_graph(&tenant, server.uri(), mapping_input(&label)).await;

    let missing = patiently("graph_status", tenant.api.graph_status(None))
        .await
        .expect_err("no password is stored");
    assert_eq!(missing.code, ErrorCode::InvalidInput, "{missing:?}");
    assert_eq!(missing.field.as_deref(), Some("neo4jPassword"));
    assert!(
        missing
            .message
            .contains("idlens profile set-secret sb neo4j-password"),
        "{}",
        missing.message
    );

    let wrong = "not-the-password-4711";
    store_password(&tenant, wrong);
    let refused = patiently("graph_status", tenant.api.graph_status(None))
        .await
        .expect_err("a wrong password is refused");
    assert_eq!(refused.code, ErrorCode::InvalidInput, "{refused:?}");
    assert_eq!(refused.field.as_deref(), Some("neo4jPassword"));
    assert!(refused.message.contains("password"), "{}", refused.message);
    assert!(!refused.message.contains(wrong), "{}", refused.message);

    // The right one works at once: the refused connection was not kept.
    store_password(&tenant, PASSWORD);
    let status = patiently("graph_status", tenant.api.graph_status(None))
        .await
        .expect("connected with the right password");
    assert_eq!(status.user_nodes, 0);
    assert!(
        status.warnings.iter().any(|w| w.contains(&label)),
        "{:?}",
        status.warnings
    );
    tenant.stop().await;
}
