//! Runs the audit on files, for measuring:
//!
//! `audit_files USERS.json[.gz] GRAPH.csv|GRAPH.json [REPORT]`
//!
//! Prints the summary and the time of each phase to stderr.

// A developer's tool for measuring: it reads and writes its own files.
#![allow(clippy::disallowed_methods)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

use idlens_audit::{
    read_graph_csv, read_graph_json, write_report, Audit, Auth0Index, Auth0Source, Auth0SourceKind,
    GraphSource, GraphSourceKind, Mapping, ReadOptions, Sources,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (users, graph) = (&args[1], &args[2]);
    let out: Box<dyn Write> = match args.get(3) {
        Some(path) => Box::new(BufWriter::with_capacity(1 << 20, File::create(path)?)),
        None => Box::new(std::io::sink()),
    };
    let mapping = Mapping::default();
    let start = Instant::now();
    let index = Auth0Index::read(File::open(users)?, &ReadOptions::new(users.as_str()))?;
    let read_auth0 = start.elapsed();
    let index_bytes = index.heap_bytes();
    let mut audit = Audit::new(index, &mapping);
    let options = ReadOptions::new(graph.as_str());
    let stats = if graph.ends_with(".json") {
        read_graph_json(File::open(graph)?, &mapping, &options, |row| {
            audit.push(row)
        })?
    } else {
        read_graph_csv(File::open(graph)?, &mapping, &options, |row| {
            audit.push(row)
        })?
    };
    let read_graph = start.elapsed();
    let engine_bytes = audit.heap_bytes();
    audit.leave_out(stats.absent);
    let findings = audit.finish();
    let sorted = start.elapsed();
    let a = findings.auth0_stats();
    let sources = Sources {
        auth0: Auth0Source {
            kind: Auth0SourceKind::File,
            name: users.clone(),
            users: a.users,
            bad_lines: a.bad_lines,
            repeated_ids: a.repeated_ids,
            count_unconfirmed: false,
        },
        graph: GraphSource {
            kind: GraphSourceKind::File,
            name: graph.clone(),
            rows: stats.rows,
            bad_lines: stats.bad_lines,
            mapping: (&mapping).into(),
            not_compared: findings.not_compared(),
        },
    };
    let summary = write_report(out, &findings, &sources, "2026-11-26T21:30:00Z")?;
    let done = start.elapsed();
    eprintln!("users {} rows {} summary {summary:?}", a.users, stats.rows);
    eprintln!(
        "auth0 {:?}  graph {:?}  finish {:?}  report {:?}  total {:?}",
        read_auth0,
        read_graph - read_auth0,
        sorted - read_graph,
        done - sorted,
        done
    );
    eprintln!(
        "heap: index {} MB, engine {} MB",
        index_bytes >> 20,
        engine_bytes >> 20
    );
    Ok(())
}
