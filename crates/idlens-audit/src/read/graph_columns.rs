//! Which column or key of a graph export holds which mapped property:
//! `sub` and `u.sub` (Neo4j Browser names a column after its expression)
//! both match the property `sub`. The id and the e-mail must be there; a
//! mapped name or e-mail-verified property that is not is left out of the
//! comparison ([`AbsentProperties`]).

use crate::mapping::{Identifier, Mapping};

/// The property a column or key names: the part after the last `.`, with
/// a byte-order mark and backticks removed.
pub(crate) fn property_of(column: &str) -> &str {
    let column = column.trim_start_matches('\u{feff}').trim();
    let last = column.rsplit('.').next().unwrap_or(column);
    last.trim_matches('`')
}

/// Mapped optional properties a graph input does not have: a CSV without
/// the column, a JSON array without the key in any element. They are not
/// compared (docs/audit.md), rather than compared as nulls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AbsentProperties {
    pub name: bool,
    pub email_verified: bool,
}

impl AbsentProperties {
    /// Every optional property `mapping` has, until the input shows it.
    pub(crate) fn all_mapped(mapping: &Mapping) -> Self {
        AbsentProperties {
            name: mapping.name.is_some(),
            email_verified: mapping.email_verified.is_some(),
        }
    }
}

/// Column positions of the mapped properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    pub id: usize,
    pub email: usize,
    /// `None`: not mapped, or no such column.
    pub name: Option<usize>,
    pub email_verified: Option<usize>,
}

impl Columns {
    /// Finds the mapped properties among `header`; `Err` lists the ones an
    /// input must have (the id first) when one is missing.
    pub fn find<'h>(
        header: impl Iterator<Item = &'h str> + Clone,
        mapping: &Mapping,
    ) -> Result<Columns, Vec<String>> {
        let position = |property: &str| header.clone().position(|c| property_of(c) == property);
        let optional =
            |property: &Option<Identifier>| property.as_ref().and_then(|p| position(p.as_str()));
        match (
            position(mapping.id.as_str()),
            position(mapping.email.as_str()),
        ) {
            (Some(id), Some(email)) => Ok(Columns {
                id,
                email,
                name: optional(&mapping.name),
                email_verified: optional(&mapping.email_verified),
            }),
            _ => Err(required(mapping)),
        }
    }

    /// The mapped optional properties without a column.
    pub fn absent(&self, mapping: &Mapping) -> AbsentProperties {
        let mapped = AbsentProperties::all_mapped(mapping);
        AbsentProperties {
            name: mapped.name && self.name.is_none(),
            email_verified: mapped.email_verified && self.email_verified.is_none(),
        }
    }
}

/// The properties every graph input must have: the id, then the e-mail.
pub(crate) fn required(mapping: &Mapping) -> Vec<String> {
    vec![mapping.id.to_string(), mapping.email.to_string()]
}

/// An `email_verified` cell: empty is null, `true`/`false` in any case.
pub(crate) fn parse_bool(cell: &str) -> Result<Option<bool>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        Ok(None)
    } else if cell.eq_ignore_ascii_case("true") {
        Ok(Some(true))
    } else if cell.eq_ignore_ascii_case("false") {
        Ok(Some(false))
    } else {
        Err(format!(
            "its e-mail-verified value {cell:?} is not true or false"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_column_names_match_properties() {
        assert_eq!(property_of("u.sub"), "sub");
        assert_eq!(property_of("\u{feff}sub"), "sub");
        assert_eq!(property_of("n.`email`"), "email");
        assert_eq!(property_of("email"), "email");
    }
}
