//! The fix plan of a report (docs/audit.md, "The fix plan"): Auth0 linking
//! calls, the Cypher batches that fix the graph, and the plan as a script.

pub(crate) mod fix_cypher;
pub(crate) mod fix_plan;
pub(crate) mod script;
