//! The report as a whole, read back for comparisons and fix plans; its
//! format's version.

use serde::{Deserialize, Serialize};

use crate::findings::kinds::{Finding, Summary};
use crate::report::sources::Sources;

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
