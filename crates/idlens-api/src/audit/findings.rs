//! The loaded audit's findings: pages for the screen, and the files a
//! filter matches.

use idlens_audit::{Finding, Report};

use super::views::{finding_view, matches};
use crate::exports::write_rows;
use crate::types::{
    AuditFindingView, ExportSaved, FindingKind, FindingsExport, FindingsPage, FindingsRequest,
};
use crate::{Api, ApiError};

/// The most findings one page holds.
const MAX_PAGE: u32 = 500;

impl Api {
    pub fn audit_findings(&self, request: FindingsRequest) -> Result<FindingsPage, ApiError> {
        let (_, report) = self.loaded_audit(request.profile.as_deref())?;
        let limit = request.limit.clamp(1, MAX_PAGE) as usize;
        let mut total = 0u32;
        let mut rows = Vec::new();
        for view in matching(&report, request.kind, request.filter.as_deref()) {
            if total as usize >= request.offset as usize && rows.len() < limit {
                rows.push(view);
            }
            total += 1;
        }
        Ok(FindingsPage {
            total,
            offset: request.offset,
            rows,
        })
    }

    /// Saves the findings a filter matches, one row per finding.
    pub fn audit_export(&self, request: FindingsExport) -> Result<ExportSaved, ApiError> {
        let (profile, report) = self.loaded_audit(request.profile.as_deref())?;
        let columns = COLUMNS.map(str::to_owned);
        let name = format!("audit findings {profile}");
        let saved = write_rows(&name, request.format.into(), &columns, |writer| {
            matching(&report, request.kind, request.filter.as_deref())
                .try_for_each(|view| writer.row(&export_row(&view)))
        })?;
        Ok(saved.into())
    }
}

/// The findings of `kind` (all kinds when `None`) that the filter matches.
fn matching<'a>(
    report: &'a Report,
    kind: Option<FindingKind>,
    filter: Option<&str>,
) -> impl Iterator<Item = AuditFindingView> + 'a {
    let needle = filter.map(str::trim).unwrap_or("").to_lowercase();
    report
        .findings
        .iter()
        .filter(move |f: &&Finding<'static>| kind.is_none_or(|k| f.kind() == k))
        .map(finding_view)
        .filter(move |view| needle.is_empty() || matches(view, &needle))
}

const COLUMNS: [&str; 8] = [
    "kind",
    "key",
    "summary",
    "auth0_user_ids",
    "auth0_emails",
    "graph_ids",
    "graph_emails",
    "fields",
];

fn export_row(view: &AuditFindingView) -> Vec<String> {
    let join = |items: Vec<String>| items.join("; ");
    let or_empty = |text: &Option<String>| text.clone().unwrap_or_default();
    vec![
        serde_json::to_value(view.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        view.key.clone(),
        view.summary.clone(),
        join(view.auth0.iter().map(|u| u.facts.user_id.clone()).collect()),
        join(
            view.auth0
                .iter()
                .map(|u| or_empty(&u.facts.email))
                .collect(),
        ),
        join(view.graph.iter().map(|n| n.id.clone()).collect()),
        join(view.graph.iter().map(|n| or_empty(&n.email)).collect()),
        join(
            view.fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} → {}",
                        f.field,
                        or_empty(&f.graph),
                        or_empty(&f.auth0)
                    )
                })
                .collect(),
        ),
    ]
}
