//! Which column or key of a graph export holds which mapped property:
//! `sub` and `u.sub` (Neo4j Browser names a column after its expression)
//! both match the property `sub`.

use crate::mapping::Mapping;

/// The property a column or key names: the part after the last `.`, with
/// a byte-order mark and backticks removed.
pub(crate) fn property_of(column: &str) -> &str {
    let column = column.trim_start_matches('\u{feff}').trim();
    let last = column.rsplit('.').next().unwrap_or(column);
    last.trim_matches('`')
}

/// Column positions of the mapped properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    pub id: usize,
    pub email: usize,
    pub name: Option<usize>,
    pub email_verified: Option<usize>,
}

impl Columns {
    /// Finds every mapped property among `header`; `Err` lists the
    /// properties the mapping needs (the id first).
    pub fn find<'h>(
        header: impl Iterator<Item = &'h str> + Clone,
        mapping: &Mapping,
    ) -> Result<Columns, Vec<String>> {
        let position = |property: &str| header.clone().position(|c| property_of(c) == property);
        let id = position(mapping.id.as_str());
        let email = position(mapping.email.as_str());
        let name = mapping.name.as_ref().map(|p| position(p.as_str()));
        let verified = mapping
            .email_verified
            .as_ref()
            .map(|p| position(p.as_str()));
        match (id, email, name, verified) {
            (Some(id), Some(email), None | Some(Some(_)), None | Some(Some(_))) => Ok(Columns {
                id,
                email,
                name: name.flatten(),
                email_verified: verified.flatten(),
            }),
            _ => Err(expected(mapping)),
        }
    }
}

/// The mapped properties, the id first.
pub(crate) fn expected(mapping: &Mapping) -> Vec<String> {
    [
        Some(&mapping.id),
        Some(&mapping.email),
        mapping.name.as_ref(),
        mapping.email_verified.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|p| p.to_string())
    .collect()
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
