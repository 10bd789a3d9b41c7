use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use idlens_job::Job;
use serde_json::json;

use crate::support::{graph_for, seed, user, write};

const USERS: usize = 100_000;

#[tokio::test(flavor = "multi_thread")]
async fn keyset_pages_and_the_stream_visit_100k_nodes_exactly_once() {
    let graph = graph_for("paging_100k").await;
    let started = Instant::now();
    seed(&graph, (0..USERS).map(user).collect()).await;
    eprintln!("seeded {USERS} nodes in {:?}", started.elapsed());

    // Keyset pages: every id once, in order.
    let started = Instant::now();
    let (mut seen, mut after, mut last) = (HashSet::new(), None::<String>, String::new());
    loop {
        let page = graph.search("", after.as_deref(), 5_000).await.unwrap();
        for row in &page.rows {
            assert!(row.id > last, "{} after {last}", row.id);
            last = row.id.clone();
            assert!(seen.insert(row.id.clone()), "{} twice", row.id);
        }
        match page.next_after {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), USERS);
    eprintln!("paged {USERS} nodes by 5,000 in {:?}", started.elapsed());

    // An alias of another user node is not streamed as a user.
    let label = graph.mapping().label.quoted();
    let alias = format!("MATCH (a:{label} {{sub: 'auth0|000001'}}), (b:{label} {{sub: 'auth0|000002'}}) CREATE (a)-[:HAS_ALIAS]->(b)");
    write(&graph, &alias, vec![]).await;
    seed(&graph, vec![json!({"email": "no-id@x.test"})]).await;

    let progress = Arc::new(Mutex::new(Vec::new()));
    let sink = progress.clone();
    let (job, _cancel) = Job::new(move |p| sink.lock().unwrap().push(p.clone()));
    let started = Instant::now();
    let mut streamed = HashSet::new();
    let summary = graph
        .stream_users(&job, |row| {
            assert!(streamed.insert(row.id.clone()), "{} twice", row.id)
        })
        .await
        .unwrap();
    eprintln!("streamed {} users in {:?}", summary.rows, started.elapsed());
    assert_eq!((summary.rows, summary.without_id), (USERS as u64 - 1, 1));
    assert!(!streamed.contains("auth0|000001"));
    let last = progress.lock().unwrap().last().cloned().unwrap();
    assert_eq!((last.done, last.total), (USERS as u64, Some(USERS as u64)));
}
