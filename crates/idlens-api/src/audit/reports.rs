//! Audit reports as files: saving the loaded one, listing the saved ones,
//! and comparing the loaded audit with an earlier report.

use std::path::Path;

use idlens_audit::{FindingKey, FindingKind, Report};
use idlens_export::Format;

use crate::exports::{read_saved, saved_files, write_bytes};
use crate::types::{
    AuditCompareRequest, AuditComparison, AuditReportFile, ComparedFinding, ExportSaved, KindChange,
};
use crate::{Api, ApiError, ErrorCode};

/// Saved reports are named `idlens-audit-report-….json`.
const REPORT_STEM: &str = "audit-report";
/// The newest saved reports listed.
const LISTED: usize = 50;
/// The largest report file read back.
const MAX_REPORT_FILE: usize = 1 << 30;
/// The new and fixed findings listed in a comparison.
const LISTED_CHANGES: usize = 500;

impl Api {
    pub fn audit_report_save(&self, profile: Option<String>) -> Result<ExportSaved, ApiError> {
        let (name, report) = self.loaded_audit(profile.as_deref())?;
        let text = serde_json::to_vec(&*report).map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("the report did not serialize: {e}"),
            )
        })?;
        let stem = format!("{REPORT_STEM} {name}");
        Ok(write_bytes(&stem, Format::Json, &text, report.findings.len() as u64)?.into())
    }

    pub fn audit_report_files(&self) -> Result<Vec<AuditReportFile>, ApiError> {
        Ok(saved_files(REPORT_STEM)?
            .into_iter()
            .take(LISTED)
            .map(|(path, bytes)| describe(&path, bytes))
            .collect())
    }

    pub fn audit_compare(&self, request: AuditCompareRequest) -> Result<AuditComparison, ApiError> {
        let (_, report) = self.loaded_audit(request.profile.as_deref())?;
        let base = read_report(Path::new(&request.path))?;
        let comparison = idlens_audit::compare(&base, &report);
        Ok(AuditComparison {
            base_created_at: comparison.since.clone(),
            base_file: request.path,
            new_findings: comparison.new.len() as u64,
            fixed: comparison.fixed.len() as u64,
            unchanged: comparison.unchanged,
            by_kind: FindingKind::ALL
                .iter()
                .map(|&kind| KindChange {
                    kind,
                    new_findings: count_of(&comparison.new, kind),
                    fixed: count_of(&comparison.fixed, kind),
                })
                .collect(),
            new_rows: listed(&comparison.new),
            fixed_rows: listed(&comparison.fixed),
        })
    }
}

fn count_of(keys: &[FindingKey], kind: FindingKind) -> u64 {
    keys.iter().filter(|k| k.kind == kind).count() as u64
}

fn listed(keys: &[FindingKey]) -> Vec<ComparedFinding> {
    keys.iter()
        .take(LISTED_CHANGES)
        .map(|k| ComparedFinding {
            kind: k.kind,
            key: k.key.clone(),
        })
        .collect()
}

/// A saved report, or why it cannot be read.
pub(crate) fn read_report(path: &Path) -> Result<Report, ApiError> {
    let text = read_saved(path, MAX_REPORT_FILE, "report")?;
    Report::from_json(&text).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} is not an IdLens audit report ({e}). Save one from Users & sync, or with `idlens audit --out FILE`.",
                path.display()
            ),
        )
    })
}

fn describe(path: &Path, bytes: u64) -> AuditReportFile {
    let mut file = AuditReportFile {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        created_at: String::new(),
        total: 0,
        bytes,
        problem: None,
    };
    match read_report(path) {
        Ok(report) => {
            file.created_at = report.created_at;
            file.total = report.summary.total();
        }
        Err(e) => file.problem = Some(e.message),
    }
    file
}
