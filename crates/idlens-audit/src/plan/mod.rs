//! The fix plan of a report (docs/audit.md, "The fix plan"): Auth0 linking
//! calls (`links`), the rows that fix the graph in their sections
//! (`graph_sections`) and the Cypher statements they run with
//! (`fix_cypher`), put together by `fix_plan`; and the plan as a script.

pub(crate) mod fix_cypher;
pub(crate) mod fix_plan;
pub(crate) mod graph_sections;
pub(crate) mod links;
pub(crate) mod script;
