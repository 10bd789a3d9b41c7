//! The fix plan of the loaded audit: previewed first, applied only when
//! the user confirmed it — Auth0 account links, then the Cypher, one write
//! transaction per batch.

use std::collections::BTreeMap;

use idlens_audit::{FixOptions, FixPlan, Mapping, Report};
use idlens_graph::{BatchOutcome, CypherBatch};
use idlens_job::Job;
use idlens_profile::Profile;

use crate::graph::mapping_of;
use crate::types::{
    FixApplied, FixApplyRequest, FixPlanRequest, FixPlanView, LinkCallView, PlanSectionView,
    PrimaryOverride,
};
use crate::{Api, ApiError, ErrorCode};

impl Api {
    pub fn audit_fix_plan(&self, request: FixPlanRequest) -> Result<FixPlanView, ApiError> {
        let profile = self
            .store
            .load()?
            .resolve(request.profile.as_deref())?
            .clone();
        let (_, report) = self.loaded_audit(Some(profile.name.as_str()))?;
        let mapping = plan_mapping(&profile)?;
        let plan = plan(&report, &mapping, &request.overrides, request.link_accounts)?;
        Ok(plan_view(&plan, &mapping))
    }

    pub async fn audit_fix_apply(
        &self,
        request: FixApplyRequest,
        job: Job,
    ) -> Result<FixApplied, ApiError> {
        if !request.confirmed {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "Nothing was applied: look at the fix plan first and confirm it (in the CLI, --apply).",
            ));
        }
        let profile = self.load_profile(request.profile.clone()).await?;
        let (_, report) = self.loaded_audit(Some(profile.name.as_str()))?;
        let mapping = plan_mapping(&profile)?;
        // The graph part is the preview's for the same choice: written for
        // the state after the links when they are made.
        let plan = plan(&report, &mapping, &request.overrides, request.link_accounts)?;
        let mut applied = FixApplied {
            linked: 0,
            graph_rows: 0,
            batches: 0,
            log: Vec::new(),
        };
        if request.link_accounts {
            self.apply_links(&profile, &plan, &job, &mut applied)
                .await?;
        }
        if request.apply_graph {
            self.apply_cypher(&profile, &plan, &job, &mut applied)
                .await?;
        }
        Ok(applied)
    }

    async fn apply_links(
        &self,
        profile: &Profile,
        plan: &FixPlan,
        job: &Job,
        applied: &mut FixApplied,
    ) -> Result<(), ApiError> {
        let client = self.management(profile)?;
        job.phase(
            "Linking duplicate accounts in Auth0",
            Some(plan.links.len() as u64),
        );
        for link in &plan.links {
            let secondary = format!("{}|{}", link.provider, link.user_id);
            client
                .link_identity(&link.primary_id, &link.provider, &link.user_id, job)
                .await
                .map_err(|e| {
                    let e = ApiError::from(e);
                    ApiError::new(
                        e.code,
                        format!(
                            "Linking {secondary} into {} failed after {} links: {}",
                            link.primary_id, applied.linked, e.message
                        ),
                    )
                })?;
            applied.linked += 1;
            applied.log.push(format!(
                "linked {secondary} into {} ({})",
                link.primary_id, link.email
            ));
            job.advance(1);
        }
        Ok(())
    }

    async fn apply_cypher(
        &self,
        profile: &Profile,
        plan: &FixPlan,
        job: &Job,
        applied: &mut FixApplied,
    ) -> Result<(), ApiError> {
        let graph = self.graph(profile).await?;
        let batches: Vec<CypherBatch> = plan
            .batches
            .iter()
            .map(|b| CypherBatch {
                statement: b.statement.clone(),
                rows: b.rows.clone(),
            })
            .collect();
        let log = graph.apply(&batches, job).await;
        for entry in &log.batches {
            let section = plan.batches[entry.batch].section.describe();
            match &entry.outcome {
                BatchOutcome::Committed => {
                    applied.batches += 1;
                    applied.graph_rows += entry.rows as u64;
                    applied
                        .log
                        .push(format!("committed {} rows: {section}", entry.rows));
                }
                BatchOutcome::Failed(e) => applied
                    .log
                    .push(format!("rolled back {} rows: {section}: {e}", entry.rows)),
                BatchOutcome::Skipped => applied.log.push(format!("not run: {section}")),
            }
        }
        match log.error() {
            Some(e) => Err(ApiError::from(e.clone())),
            None if !log.is_complete() => Err(ApiError::new(
                ErrorCode::Cancelled,
                format!(
                    "Stopped after {} of {} batches; the committed ones stay.",
                    log.committed(),
                    log.batches.len()
                ),
            )),
            None => Ok(()),
        }
    }
}

/// The mapping the Cypher is written for: the profile's graph.
fn plan_mapping(profile: &Profile) -> Result<Mapping, ApiError> {
    match &profile.neo4j {
        Some(settings) => mapping_of(settings),
        None => Ok(Mapping::default()),
    }
}

fn plan(
    report: &Report,
    mapping: &Mapping,
    overrides: &[PrimaryOverride],
    link_accounts: bool,
) -> Result<FixPlan, ApiError> {
    let options = FixOptions {
        primary_overrides: overrides
            .iter()
            .map(|o| (o.email.clone(), o.primary_id.clone()))
            .collect::<BTreeMap<_, _>>(),
        link_accounts,
        ..FixOptions::default()
    };
    Ok(idlens_audit::fix_plan(&report.findings, mapping, &options)?)
}

fn plan_view(plan: &FixPlan, mapping: &Mapping) -> FixPlanView {
    let mut sections: Vec<PlanSectionView> = Vec::new();
    for batch in &plan.batches {
        let title = batch.section.describe();
        match sections.iter_mut().find(|s| s.title == title) {
            Some(section) => {
                section.rows += batch.rows.len() as u32;
                section.batches += 1;
            }
            None => sections.push(PlanSectionView {
                title: title.to_owned(),
                rows: batch.rows.len() as u32,
                batches: 1,
            }),
        }
    }
    FixPlanView {
        links: plan
            .links
            .iter()
            .map(|link| LinkCallView {
                email: link.email.clone(),
                primary_id: link.primary_id.clone(),
                secondary_id: format!("{}|{}", link.provider, link.user_id),
                request: format!("POST {} {}", link.path(), link.body()),
            })
            .collect(),
        graph_sections: sections,
        cypher_script: plan.script(mapping),
    }
}
