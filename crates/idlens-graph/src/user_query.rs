//! The pieces of this crate's read queries over user nodes (checks, search,
//! node detail, the users stream), written from a [`Mapping`]: the only
//! place names enter those queries, always through
//! [`idlens_audit::Identifier::quoted`]. Valid on Neo4j 4.4 and 5.x. (The
//! fix plan's write statements are `idlens-audit`'s `plan::fix_cypher`.)

use idlens_audit::{Identifier, Mapping, ALIAS_RELATIONSHIP};

/// `u.`prop`` for the user node `u`.
pub(crate) fn property(name: &Identifier) -> String {
    format!("u.{}", name.quoted())
}

/// `(u:`Label`)`.
pub(crate) fn user_pattern(mapping: &Mapping) -> String {
    format!("(u:{})", mapping.label.quoted())
}

/// The mapped values as the columns `id`, `email`, `name`, `email_verified`
/// (null when a property is not mapped).
pub(crate) fn returned_row(mapping: &Mapping) -> String {
    let optional = |name: &Option<Identifier>| name.as_ref().map_or("null".to_owned(), property);
    format!(
        "{} AS id, {} AS email, {} AS name, {} AS email_verified",
        property(&mapping.id),
        property(&mapping.email),
        optional(&mapping.name),
        optional(&mapping.email_verified),
    )
}

/// True for user nodes that are not an alias of another user node
/// (docs/audit.md): such nodes are not streamed as users.
pub(crate) fn not_an_alias(mapping: &Mapping) -> String {
    format!(
        "NOT (u)-[:{ALIAS_RELATIONSHIP}]->(:{})",
        mapping.label.quoted()
    )
}
