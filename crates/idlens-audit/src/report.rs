//! The report file (docs/audit.md, "The report"): written as a stream,
//! one finding at a time, and read back whole for comparisons and fix
//! plans.

use std::io::Write;
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

use crate::error::AuditError;
use crate::findings::finished::Findings;
use crate::findings::kinds::{DriftField, Finding, Summary};
use crate::mapping::Mapping;
use crate::read::graph_stats::GraphStats;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth0SourceKind {
    File,
    Export,
    Api,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphSourceKind {
    File,
    Neo4j,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Auth0Source {
    pub kind: Auth0SourceKind,
    pub name: String,
    pub users: u64,
    pub bad_lines: u64,
    pub repeated_ids: u64,
    /// The source could not confirm `users` is every user (the Management
    /// API's search answered without a total). In the report only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    pub count_unconfirmed: bool,
}

impl Auth0Source {
    /// The Auth0 side of a finished audit: what reading it counted, under
    /// the caller's kind and name (`count_unconfirmed` false).
    pub fn of(findings: &Findings, kind: Auth0SourceKind, name: String) -> Self {
        let stats = findings.auth0_stats();
        Auth0Source {
            kind,
            name,
            users: stats.users,
            bad_lines: stats.bad_lines,
            repeated_ids: stats.repeated_ids,
            count_unconfirmed: false,
        }
    }
}

fn is_false(value: &bool) -> bool {
    !value
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphSource {
    pub kind: GraphSourceKind,
    pub name: String,
    pub rows: u64,
    pub bad_lines: u64,
    pub mapping: ReportMapping,
    /// The optional fields the drift rule left out: not mapped, or not in
    /// the graph file (no such column, or no element with the key).
    #[serde(default)]
    pub not_compared: Vec<DriftField>,
}

impl GraphSource {
    /// The graph side of a finished audit: what reading it counted
    /// (`stats`), the mapping it was read with, and the fields the drift
    /// rule left out, under the caller's kind and name.
    pub fn of(
        findings: &Findings,
        kind: GraphSourceKind,
        name: String,
        stats: &GraphStats,
        mapping: &Mapping,
    ) -> Self {
        GraphSource {
            kind,
            name,
            rows: stats.rows,
            bad_lines: stats.bad_lines,
            mapping: mapping.into(),
            not_compared: findings.not_compared(),
        }
    }
}

/// The mapping as the report shows it (unmapped properties are null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMapping {
    pub label: String,
    pub id: String,
    pub email: String,
    pub name: Option<String>,
    pub email_verified: Option<String>,
}

impl From<&Mapping> for ReportMapping {
    fn from(mapping: &Mapping) -> Self {
        ReportMapping {
            label: mapping.label.to_string(),
            id: mapping.id.to_string(),
            email: mapping.email.to_string(),
            name: mapping.name.as_ref().map(|n| n.to_string()),
            email_verified: mapping.email_verified.as_ref().map(|n| n.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    pub auth0: Auth0Source,
    pub graph: GraphSource,
}

/// The report format's version, written first in every report. 2: e-mails
/// compared with ASCII letters lower-cased only (before, with Unicode's
/// lower case; a report without `version` is version 1).
pub const REPORT_VERSION: u32 = 2;

/// A report read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    #[serde(default = "first_version")]
    pub version: u32,
    pub summary: Summary,
    pub findings: Vec<Finding<'static>>,
    pub sources: Sources,
    pub created_at: String,
}

fn first_version() -> u32 {
    1
}

impl Report {
    /// Reads a report file's text.
    pub fn from_json(text: &str) -> Result<Report, serde_json::Error> {
        known_version(serde_json::from_str(text)?)
    }

    /// Reads a report from a reader (buffer it: serde reads byte by byte).
    pub fn read(reader: impl std::io::Read) -> Result<Report, serde_json::Error> {
        known_version(serde_json::from_reader(reader)?)
    }
}

/// A report of a later format may follow rules this version does not know:
/// comparing with it would count their changes as findings.
fn known_version(report: Report) -> Result<Report, serde_json::Error> {
    if report.version > REPORT_VERSION {
        return Err(serde::de::Error::custom(format!(
            "it was made by a later IdLens (report version {}; this one reads up to {REPORT_VERSION}): update IdLens",
            report.version
        )));
    }
    Ok(report)
}

/// Writes the report: `version`, `summary`, `findings` (one a line),
/// `sources` and `created_at` (the caller's clock). Returns the summary.
pub fn write_report(
    mut out: impl Write,
    findings: &Findings,
    sources: &Sources,
    created_at: &str,
) -> Result<Summary, AuditError> {
    let summary = findings.summary();
    let head = format!(
        "{{\"version\":{REPORT_VERSION},\"summary\":{},\"findings\":[",
        json(&summary)
    );
    out.write_all(head.as_bytes()).map_err(AuditError::Write)?;
    write_findings(&mut out, findings).map_err(AuditError::Write)?;
    let tail = format!(
        "\n],\"sources\":{},\"created_at\":{}}}\n",
        json(sources),
        json(created_at)
    );
    out.write_all(tail.as_bytes()).map_err(AuditError::Write)?;
    out.flush().map_err(AuditError::Write)?;
    Ok(summary)
}

/// Findings per chunk serialised by one thread.
const CHUNK: usize = 2048;
const WORKERS: usize = 2;

/// Writes the findings, one a line, separated by commas. Two threads
/// serialise alternate chunks; this one writes them in order, so memory
/// holds a few chunks whatever the number of findings.
fn write_findings(out: &mut impl Write, findings: &Findings) -> std::io::Result<()> {
    let chunks = findings.len().div_ceil(CHUNK);
    std::thread::scope(|scope| {
        let receivers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(2);
                scope.spawn(move || {
                    for chunk in (worker..chunks).step_by(WORKERS) {
                        if tx.send(serialise_chunk(findings, chunk)).is_err() {
                            return;
                        }
                    }
                });
                rx
            })
            .collect();
        // An error returns early; dropping the receivers stops the threads.
        for chunk in 0..chunks {
            let bytes = receivers[chunk % WORKERS]
                .recv()
                .expect("a serialising thread ended early");
            out.write_all(&bytes)?;
        }
        Ok(())
    })
}

fn serialise_chunk(findings: &Findings, chunk: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(CHUNK * 512);
    let end = findings.len().min((chunk + 1) * CHUNK);
    for n in chunk * CHUNK..end {
        bytes.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut bytes, &findings.get(n)).expect("findings serialise to memory");
    }
    bytes
}

/// The report's small parts as JSON (they cannot fail to serialise).
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("report parts serialize")
}
