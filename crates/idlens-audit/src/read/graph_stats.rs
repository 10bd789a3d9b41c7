//! What reading the graph side counted, for the report's sources.

use crate::error::AuditError;
use crate::read::graph_columns::AbsentProperties;
use crate::read::options::ReadOptions;

/// What reading the graph side counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GraphStats {
    pub rows: u64,
    pub bad_lines: u64,
    /// Mapped optional properties the input does not have: hand them to
    /// [`crate::Audit::leave_out`].
    pub absent: AbsentProperties,
}

impl GraphStats {
    /// A row that is not a user node: counted with `skip_bad_lines`, else
    /// the error that stops the reading. `what` names the row ("line" of a
    /// CSV, "element" of a JSON array) and `row` is its number.
    pub(crate) fn bad_row(
        &mut self,
        options: &ReadOptions,
        what: &'static str,
        row: u64,
        problem: String,
    ) -> Result<(), AuditError> {
        if options.skip_bad_lines {
            self.bad_lines += 1;
            return Ok(());
        }
        Err(AuditError::BadRow {
            source_name: options.source_name.clone(),
            what,
            row,
            problem,
        })
    }
}
