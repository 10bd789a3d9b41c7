//! The sync audit: Auth0's users against the graph's, the users export and
//! the fix plan. An audit run keeps its report here, per profile, and the UI
//! reads its findings a page at a time.

mod findings;
mod fix;
mod reports;
mod run;
pub use run::AuditWritten;
mod sources;
pub mod types;
mod users_export;
pub(crate) mod views;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use idlens_audit::Report;

use crate::{lock, Api, ApiError, ErrorCode};

/// The last audit of each profile.
#[derive(Default)]
pub(crate) struct Loaded {
    by_profile: Mutex<HashMap<String, Arc<Report>>>,
}

impl Loaded {
    pub(crate) fn keep(&self, profile: &str, report: Report) -> Arc<Report> {
        let report = Arc::new(report);
        lock(&self.by_profile).insert(profile.to_owned(), Arc::clone(&report));
        report
    }
}

impl Api {
    /// The profile's last audit, to write out (the CLI's `--out`).
    pub fn audit_report(&self, profile: Option<&str>) -> Result<Arc<Report>, ApiError> {
        Ok(self.loaded_audit(profile)?.1)
    }

    /// The profile's last audit.
    fn loaded_audit(&self, profile: Option<&str>) -> Result<(String, Arc<Report>), ApiError> {
        let name = self.store.load()?.resolve(profile)?.name.to_string();
        let report = lock(&self.audit.by_profile).get(&name).cloned();
        report.map(|r| (name, r)).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                "No audit has run for this profile yet: run one first (Users & sync, or `idlens audit`).",
            )
        })
    }
}
