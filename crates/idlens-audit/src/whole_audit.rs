//! The whole audit in one call, so the CLI and the app stay thin: read the
//! Auth0 side, stream the graph side, write the report.

use std::io::{Read, Write};

use crate::error::AuditError;
use crate::findings::in_progress::Audit;
use crate::findings::kinds::Summary;
use crate::index::auth0_users::Auth0Index;
use crate::mapping::Mapping;
use crate::read::graph_csv::read_graph_csv;
use crate::read::graph_json::read_graph_json;
use crate::read::graph_row::GraphRow;
use crate::read::graph_stats::GraphStats;
use crate::read::options::{ReadOptions, DEFAULT_MAX_RECORD};
use crate::report::sources::{Auth0Source, Auth0SourceKind, GraphSource, GraphSourceKind, Sources};
use crate::report::writer::write_report;

/// The graph side of an audit.
pub enum GraphInput<'a> {
    /// A CSV export with a header row.
    Csv(Box<dyn Read + Send + 'a>),
    /// A JSON array export.
    Json(Box<dyn Read + 'a>),
    /// Rows already read (the live Neo4j connection).
    Rows(Box<dyn Iterator<Item = GraphRow> + 'a>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditOptions {
    pub mapping: Mapping,
    /// Count bad lines and rows and go on, instead of stopping.
    pub skip_bad_lines: bool,
    /// Longest record accepted, in bytes (see [`ReadOptions::max_record`]).
    pub max_record: usize,
    pub auth0_kind: Auth0SourceKind,
    /// The Auth0 input's name for messages and the report.
    pub auth0_name: String,
    pub graph_kind: GraphSourceKind,
    pub graph_name: String,
    /// The report's `created_at` (this crate reads no clock).
    pub created_at: String,
}

impl AuditOptions {
    pub fn new(
        auth0_name: impl Into<String>,
        graph_name: impl Into<String>,
        created_at: impl Into<String>,
    ) -> Self {
        AuditOptions {
            mapping: Mapping::default(),
            skip_bad_lines: false,
            max_record: DEFAULT_MAX_RECORD,
            auth0_kind: Auth0SourceKind::File,
            auth0_name: auth0_name.into(),
            graph_kind: GraphSourceKind::File,
            graph_name: graph_name.into(),
            created_at: created_at.into(),
        }
    }

    fn read_options(&self, name: &str) -> ReadOptions {
        ReadOptions {
            skip_bad_lines: self.skip_bad_lines,
            max_record: self.max_record,
            ..ReadOptions::new(name)
        }
    }
}

/// Audits `auth0` (NDJSON, gzipped or not) against `graph` and writes the
/// report to `out`. Returns the summary.
pub fn audit(
    auth0: impl Read + Send,
    graph: GraphInput<'_>,
    options: &AuditOptions,
    out: impl Write,
) -> Result<Summary, AuditError> {
    let index = Auth0Index::read(auth0, &options.read_options(&options.auth0_name))?;
    let mut engine = Audit::new(index, &options.mapping);
    let graph_stats = push_graph(&mut engine, graph, options)?;
    engine.leave_out(graph_stats.absent);
    let findings = engine.finish();
    let sources = Sources {
        auth0: Auth0Source::of(&findings, options.auth0_kind, options.auth0_name.clone()),
        graph: GraphSource::of(
            &findings,
            options.graph_kind,
            options.graph_name.clone(),
            &graph_stats,
            &options.mapping,
        ),
    };
    write_report(out, &findings, &sources, &options.created_at)
}

fn push_graph(
    engine: &mut Audit,
    graph: GraphInput<'_>,
    options: &AuditOptions,
) -> Result<GraphStats, AuditError> {
    let read = options.read_options(&options.graph_name);
    let mapping = &options.mapping;
    match graph {
        GraphInput::Csv(input) => read_graph_csv(input, mapping, &read, |row| engine.push(row)),
        GraphInput::Json(input) => read_graph_json(input, mapping, &read, |row| engine.push(row)),
        GraphInput::Rows(rows) => {
            for row in rows {
                engine.push_row(&row);
            }
            Ok(GraphStats {
                rows: engine.rows_seen(),
                ..GraphStats::default()
            })
        }
    }
}
