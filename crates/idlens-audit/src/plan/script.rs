//! The fix plan as a script a person reads and runs in Neo4j Browser (with
//! the multi-statement editor) or cypher-shell: a comment per section,
//! `:param rows => [...]` then the statement for each batch, and orphans
//! as commented-out deletions.

use std::fmt::Write;

use crate::mapping::Mapping;
use crate::plan::fix_cypher::{literal, orphan_delete_comment};
use crate::plan::fix_plan::FixPlan;

impl FixPlan {
    /// The graph part of the plan as text.
    pub fn script(&self, mapping: &Mapping) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "// IdLens fix plan for the graph: label {}, id property {}.\n\
             // Review it first. Each batch sets $rows, then runs one statement.",
            mapping.label.quoted(),
            mapping.id.quoted()
        );
        let mut section = None;
        for (n, batch) in self.batches.iter().enumerate() {
            if section != Some(batch.section) {
                section = Some(batch.section);
                let _ = writeln!(out, "\n// == {} ==", batch.section.describe());
            }
            let rows = literal(&serde_json::Value::Array(batch.rows.clone()));
            let _ = writeln!(
                out,
                "// batch {} ({} rows)\n:param rows => {rows};\n{};",
                n + 1,
                batch.rows.len(),
                batch.statement
            );
        }
        if !self.orphans.is_empty() {
            let _ = writeln!(
                out,
                "\n// == Orphan nodes: no Auth0 user has these ids. Never applied; uncomment to delete =="
            );
            for id in &self.orphans {
                let _ = writeln!(out, "{}", orphan_delete_comment(mapping, id));
            }
        }
        out
    }
}
