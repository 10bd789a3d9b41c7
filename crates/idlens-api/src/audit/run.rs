//! Running an audit: both sides into the engine, then the report kept for
//! the screen ([`Api::audit_run`]) or written out as it is made
//! ([`Api::audit_write`], the CLI's path for files of any size).

use std::io::Write;
use std::path::PathBuf;

use idlens_audit::{
    read_graph_csv, read_graph_json, Audit, Auth0Source, Findings, GraphSource, GraphStats,
    Mapping, ReadOptions, Report, Sources, Summary, REPORT_VERSION,
};
use idlens_job::Job;
use idlens_profile::{Profile, StoreError};

use super::sources::{audit_mapping, graph_kind, is_json, open_file, read_users, required};
use super::views;
use crate::types::{AuditAuth0Source, AuditGraphSource, AuditOverview, AuditRequest};
use crate::{Api, ApiError};

/// What [`Api::audit_write`] wrote: the counts, and what was compared
/// (`sources.auth0.count_unconfirmed` for a search without a total,
/// `sources.graph.not_compared` for fields left out).
#[derive(Debug, Clone)]
pub struct AuditWritten {
    pub summary: Summary,
    pub sources: Sources,
}

impl AuditWritten {
    /// The fields the drift rule left out (`name`, `email_verified`): not
    /// mapped, or not in the graph file.
    pub fn not_compared(&self) -> Vec<String> {
        views::field_names(&self.sources.graph.not_compared)
    }
}

/// A finished comparison, before it becomes a report.
struct Compared {
    findings: Findings,
    sources: Sources,
    created_at: String,
}

impl Api {
    /// Audits and keeps the report for paging, saving, comparing and fixing.
    pub async fn audit_run(
        &self,
        request: AuditRequest,
        job: Job,
    ) -> Result<AuditOverview, ApiError> {
        let profile = self.load_profile(request.profile.clone()).await?;
        let compared = self.compare_sides(Some(&profile), &request, &job).await?;
        let report = Report {
            version: REPORT_VERSION,
            summary: compared.findings.summary(),
            findings: compared.findings.to_vec(),
            sources: compared.sources,
            created_at: compared.created_at,
        };
        let report = self.audit.keep(profile.name.as_str(), report);
        Ok(views::overview(profile.name.as_str(), &report))
    }

    /// Audits and writes the report to `out` as it goes (nothing kept);
    /// gives `out` back to be committed or flushed.
    pub async fn audit_write<W: Write + Send + 'static>(
        &self,
        request: AuditRequest,
        out: W,
        job: Job,
    ) -> Result<(AuditWritten, W), ApiError> {
        let profile = self.audit_profile(&request).await?;
        let compared = self.compare_sides(profile.as_ref(), &request, &job).await?;
        job.phase("Writing the report", None);
        self.off_executor(move |_, _| {
            let mut out = out;
            let summary = idlens_audit::write_report(
                &mut out,
                &compared.findings,
                &compared.sources,
                &compared.created_at,
            )?;
            let sources = compared.sources;
            Ok((AuditWritten { summary, sources }, out))
        })
        .await
    }

    /// The profile in use (or named); none is needed to audit two files,
    /// which then use the default mapping.
    async fn audit_profile(&self, request: &AuditRequest) -> Result<Option<Profile>, ApiError> {
        let files_only = matches!(request.auth0, AuditAuth0Source::File { .. })
            && matches!(request.graph, AuditGraphSource::File { .. });
        let name = request.profile.clone();
        self.off_executor(
            move |store, _| match store.load()?.resolve(name.as_deref()) {
                Ok(profile) => Ok(Some(profile.clone())),
                Err(StoreError::NoneInUse) if files_only => Ok(None),
                Err(e) => Err(e.into()),
            },
        )
        .await
    }

    async fn compare_sides(
        &self,
        profile: Option<&Profile>,
        request: &AuditRequest,
        job: &Job,
    ) -> Result<Compared, ApiError> {
        let mapping = audit_mapping(profile, &request.graph, request.mapping.as_ref())?;
        let deadline = request.job_deadline.as_deref();
        let auth0 = self
            .auth0_input(profile, &request.auth0, deadline, job)
            .await?;
        let options = read_options(&auth0.name, request.skip_bad_lines);
        job.phase("Reading Auth0's users", None);
        let reading = job.clone();
        let (kind, name, count_unconfirmed) = (auth0.kind, auth0.name, auth0.count_unconfirmed);
        let bytes = auth0.bytes;
        // The bytes (and a downloaded export's folder) go once read.
        let index = self
            .off_executor(move |_, _| read_users(bytes.open()?, &options, &reading))
            .await?;
        let engine = Audit::new(index, &mapping);
        let (mut engine, graph) = self
            .push_graph(profile, engine, request, &mapping, job)
            .await?;
        engine.leave_out(graph.1.absent);
        let findings = engine.finish();
        let (graph_name, graph_stats) = graph;
        let sources = Sources {
            auth0: Auth0Source {
                count_unconfirmed,
                ..Auth0Source::of(&findings, kind, name)
            },
            graph: GraphSource::of(
                &findings,
                graph_kind(&request.graph),
                graph_name,
                &graph_stats,
                &mapping,
            ),
        };
        Ok(Compared {
            findings,
            sources,
            created_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        })
    }

    /// Feeds the graph side into the engine: a file (off the executor) or
    /// the live graph, streamed.
    async fn push_graph(
        &self,
        profile: Option<&Profile>,
        mut engine: Audit,
        request: &AuditRequest,
        mapping: &Mapping,
        job: &Job,
    ) -> Result<(Audit, (String, GraphStats)), ApiError> {
        let skip_bad_lines = request.skip_bad_lines;
        match &request.graph {
            AuditGraphSource::File { path } => {
                let path = PathBuf::from(path);
                let mapping = mapping.clone();
                job.phase("Comparing with the graph's users", None);
                self.off_executor(move |_, _| {
                    let options = read_options(&path.display().to_string(), skip_bad_lines);
                    let input = std::io::BufReader::new(open_file(&path)?);
                    let stats = if is_json(&path)? {
                        read_graph_json(input, &mapping, &options, |row| engine.push(row))?
                    } else {
                        read_graph_csv(input, &mapping, &options, |row| engine.push(row))?
                    };
                    Ok((engine, (path.display().to_string(), stats)))
                })
                .await
            }
            AuditGraphSource::Neo4j => {
                let profile = required(profile)?;
                let graph = self.graph(profile).await?;
                let summary = self
                    .graph_call(
                        profile,
                        graph.stream_users(job, |row| engine.push_row(&row)),
                    )
                    .await?;
                let uri = profile
                    .neo4j
                    .as_ref()
                    .map(|n| n.uri.clone())
                    .unwrap_or_default();
                let stats = GraphStats {
                    rows: summary.rows,
                    ..GraphStats::default()
                };
                Ok((engine, (uri, stats)))
            }
        }
    }
}

fn read_options(name: &str, skip_bad_lines: bool) -> ReadOptions {
    ReadOptions {
        skip_bad_lines,
        ..ReadOptions::new(name)
    }
}
