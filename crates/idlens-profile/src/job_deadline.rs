//! How long IdLens waits for Auth0 to finish a users export job: a
//! profile's `export_job_deadline` (`"4h"`), or `--job-deadline` for one run.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::ProfileError;

/// A users export job's deadline: from 1 second to 24 hours, 4 hours unless
/// set (exports of millions of users take hours). Written as IdLens reads
/// durations: `30s`, `90m`, `4h`, `1h30m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JobDeadline(Duration);

impl JobDeadline {
    pub const DEFAULT: JobDeadline = JobDeadline(Duration::from_secs(4 * 3600));
    const MIN: Duration = Duration::from_secs(1);
    const MAX: Duration = Duration::from_secs(24 * 3600);

    pub fn parse(text: &str) -> Result<Self, ProfileError> {
        let duration = idlens_job::parse_duration(text)
            .map_err(|e| ProfileError::BadJobDeadline(e.to_string()))?;
        if !(Self::MIN..=Self::MAX).contains(&duration) {
            let shown: String = text.trim().chars().take(40).collect();
            return Err(ProfileError::BadJobDeadline(format!(
                "{shown:?} must be from 1s to 24h"
            )));
        }
        Ok(Self(duration))
    }

    pub fn duration(self) -> Duration {
        self.0
    }

    pub(crate) fn is_default(&self) -> bool {
        *self == Self::DEFAULT
    }
}

impl Default for JobDeadline {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for JobDeadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&idlens_job::format_duration(self.0))
    }
}

impl TryFrom<String> for JobDeadline {
    type Error = ProfileError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<JobDeadline> for String {
    fn from(deadline: JobDeadline) -> Self {
        deadline.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_read_and_show_as_typed() {
        assert_eq!(JobDeadline::parse("90m").unwrap().to_string(), "1h30m");
        assert_eq!(
            JobDeadline::parse(" 4h ").unwrap().duration(),
            Duration::from_secs(14_400)
        );
        assert_eq!(JobDeadline::default().to_string(), "4h");
        assert_eq!(JobDeadline::parse("1s").unwrap().to_string(), "1s");
        assert_eq!(JobDeadline::parse("24h").unwrap().to_string(), "24h");
    }

    #[test]
    fn out_of_range_or_garbage_is_refused_saying_what_fits() {
        for (text, problem) in [
            ("0s", "must be from 1s to 24h"),
            ("25h", "must be from 1s to 24h"),
            ("forever", "is not a duration"),
            ("4 hours", "is not a duration"),
        ] {
            let err = JobDeadline::parse(text).unwrap_err().to_string();
            assert!(err.contains(problem), "{text}: {err}");
            assert!(
                err.starts_with(&format!("users export deadline \"{text}\"")),
                "{err}"
            );
        }
    }
}
