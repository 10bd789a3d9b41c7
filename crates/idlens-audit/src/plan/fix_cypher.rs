//! The fix plan's Cypher statements. Names come from the validated
//! [`Mapping`] and are backtick-quoted; every value is a parameter
//! (`UNWIND $rows AS row`). Valid on Neo4j 4.4 and 5.x: no `elementId`,
//! no `id()`, no subquery syntax newer than 4.4.

use crate::mapping::{Mapping, ALIAS_RELATIONSHIP};

/// The names a statement uses, quoted.
struct Names {
    label: String,
    id: String,
    /// The alias relationship: `(alias)-[:`HAS_ALIAS`]->(kept node)`.
    alias: String,
}

impl Names {
    fn of(mapping: &Mapping) -> Names {
        Names {
            label: mapping.label.quoted(),
            id: mapping.id.quoted(),
            alias: format!("`{ALIAS_RELATIONSHIP}`"),
        }
    }
}

/// `SET` of the mapped fields of `var` from `row`'s keys.
fn set_fields(mapping: &Mapping, var: &str) -> String {
    let mut sets = vec![format!("{var}.{} = row.email", mapping.email.quoted())];
    if let Some(name) = &mapping.name {
        sets.push(format!("{var}.{} = row.name", name.quoted()));
    }
    if let Some(verified) = &mapping.email_verified {
        sets.push(format!("{var}.{} = row.email_verified", verified.quoted()));
    }
    format!("SET {}", sets.join(", "))
}

/// Gives a linked secondary's node its primary's id, when the primary has
/// no node (checked again here, in case one appeared since the audit).
pub fn rekey(mapping: &Mapping) -> String {
    let Names { label, id, .. } = Names::of(mapping);
    format!(
        "UNWIND $rows AS row\n\
         MATCH (s:{label} {{{id}: row.id}})\n\
         OPTIONAL MATCH (p:{label} {{{id}: row.primary_id}})\n\
         WITH row, s, p WHERE p IS NULL\n\
         SET s.{id} = row.primary_id"
    )
}

/// Joins a linked secondary's node to its primary's node.
pub fn alias_to_primary(mapping: &Mapping) -> String {
    let names = Names::of(mapping);
    let Names { label, id, .. } = &names;
    format!(
        "UNWIND $rows AS row\n\
         MATCH (s:{label} {{{id}: row.id}})\n\
         {}",
        join_to_primary(&names)
    )
}

/// Joins the node(s) of an account the plan links in Auth0 to its
/// primary's node. Runs last, so duplicate nodes are already joined to the
/// kept one (only nodes that are no alias yet are matched, on both sides)
/// and a missing primary's node is already created.
pub fn alias_linked_account(mapping: &Mapping) -> String {
    let names = Names::of(mapping);
    let Names { label, id, alias } = &names;
    format!(
        "UNWIND $rows AS row\n\
         MATCH (s:{label} {{{id}: row.id}})\n\
         WHERE NOT (s)-[:{alias}]->()\n\
         {}",
        join_to_primary(&names)
    )
}

/// The end of a statement that matched `s` for `row`: joins it to the
/// node of `row.primary_id` that is no alias, once.
fn join_to_primary(names: &Names) -> String {
    let Names { label, id, alias } = names;
    format!(
        "MATCH (p:{label} {{{id}: row.primary_id}})\n\
         WHERE s <> p AND NOT (p)-[:{alias}]->()\n\
         WITH s, collect(p)[0] AS keep\n\
         MERGE (s)-[:{alias}]->(keep)"
    )
}

/// Creates (or completes) the node of a user missing from the graph.
pub fn create_missing(mapping: &Mapping) -> String {
    user_fields(mapping, "MERGE")
}

/// Sets a drifted node's fields to Auth0's.
pub fn update_drift(mapping: &Mapping) -> String {
    user_fields(mapping, "MATCH")
}

/// `clause` (`MERGE` or `MATCH`) the node of `row.id`, then sets its
/// mapped fields from the row.
fn user_fields(mapping: &Mapping, clause: &str) -> String {
    let Names { label, id, .. } = Names::of(mapping);
    format!(
        "UNWIND $rows AS row\n\
         {clause} (u:{label} {{{id}: row.id}})\n\
         {}",
        set_fields(mapping, "u")
    )
}

/// Keeps the first node of a duplicated id and joins the others to it.
/// Nodes that already are aliases are left out, so running it twice
/// changes nothing.
pub fn alias_duplicates(mapping: &Mapping) -> String {
    let Names { label, id, alias } = Names::of(mapping);
    format!(
        "UNWIND $rows AS row\n\
         MATCH (n:{label} {{{id}: row.id}})\n\
         WHERE NOT (n)-[:{alias}]->()\n\
         WITH row, collect(n) AS nodes\n\
         WHERE size(nodes) > 1\n\
         WITH nodes[0] AS keep, nodes[1..] AS others\n\
         UNWIND others AS other\n\
         MERGE (other)-[:{alias}]->(keep)"
    )
}

/// The commented-out deletion of an orphan node, for the script only. The
/// id is a JSON string literal (also a valid Cypher one), so it cannot end
/// the comment line.
pub fn orphan_delete_comment(mapping: &Mapping, orphan_id: &str) -> String {
    let Names { label, id, .. } = Names::of(mapping);
    let literal = serde_json::to_string(orphan_id).expect("strings serialize");
    format!("// MATCH (n:{label} {{{id}: {literal}}}) DETACH DELETE n;")
}

/// A parameter value as a Cypher literal for `:param` in the script. JSON
/// strings are valid Cypher strings; map keys are the plan's own
/// (`id`, `email`, …), written as backtick-quoted names.
pub fn literal(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(literal).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("`{}`: {}", k.replace('`', "``"), literal(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        other => other.to_string(),
    }
}
