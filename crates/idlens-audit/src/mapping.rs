//! How the graph stores users: the label and property names of the profile's
//! mapping, validated as identifiers so they can be written into Cypher
//! (quoted with backticks) where parameters cannot go.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest label or property name accepted.
const MAX_IDENTIFIER: usize = 64;

/// A label or property name: ASCII letters, digits and `_`, not starting with
/// a digit, at most 64 characters. Only such names are ever put into Cypher
/// text, and always through [`Identifier::quoted`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Identifier(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} {value:?} is not a valid name: {problem}. Use letters, digits and _ (not starting with a digit), as in `User` or `auth0Id`")]
pub struct IdentifierError {
    pub what: &'static str,
    pub value: String,
    pub problem: &'static str,
}

impl Identifier {
    /// Validates `value` as the name of `what` ("label", "id property", …).
    pub fn new(what: &'static str, value: &str) -> Result<Self, IdentifierError> {
        let problem = if value.is_empty() {
            Some("it is empty")
        } else if value.len() > MAX_IDENTIFIER {
            Some("it is longer than 64 characters")
        } else if value.starts_with(|c: char| c.is_ascii_digit()) {
            Some("it starts with a digit")
        } else if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            Some("it holds a character other than a letter, a digit or _")
        } else {
            None
        };
        match problem {
            None => Ok(Identifier(value.to_owned())),
            Some(problem) => Err(IdentifierError {
                what,
                value: value.chars().take(MAX_IDENTIFIER + 1).collect(),
                problem,
            }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as Cypher text: in backticks (which the validation keeps out
    /// of the name itself).
    pub fn quoted(&self) -> String {
        format!("`{}`", self.0)
    }
}

impl From<Identifier> for String {
    fn from(identifier: Identifier) -> String {
        identifier.0
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The relationship a fix plan makes from an alias node to the user node
/// it keeps, `(alias)-[:HAS_ALIAS]->(kept)` (docs/audit.md): a node with an
/// outgoing one is not a user of its own, so the live graph side leaves it
/// out. A valid identifier, written into Cypher as it is or quoted.
pub const ALIAS_RELATIONSHIP: &str = "HAS_ALIAS";

/// Where the graph keeps a user: the node label and the property names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    pub label: Identifier,
    /// The property holding the Auth0 `user_id`.
    pub id: Identifier,
    pub email: Identifier,
    pub name: Option<Identifier>,
    pub email_verified: Option<Identifier>,
}

/// A mapping as typed by a user or read from a profile, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingText {
    pub label: String,
    pub id: String,
    pub email: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email_verified: Option<String>,
}

impl Default for MappingText {
    fn default() -> Self {
        MappingText {
            label: "User".into(),
            id: "sub".into(),
            email: "email".into(),
            name: Some("name".into()),
            email_verified: Some("email_verified".into()),
        }
    }
}

impl Default for Mapping {
    fn default() -> Self {
        Mapping::parse(&MappingText::default()).expect("the default mapping is valid")
    }
}

impl Mapping {
    /// Validates every name; an empty optional name means "not mapped".
    pub fn parse(text: &MappingText) -> Result<Self, IdentifierError> {
        let optional = |what, value: &Option<String>| match value.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(value) => Identifier::new(what, value).map(Some),
        };
        Ok(Mapping {
            label: Identifier::new("label", text.label.trim())?,
            id: Identifier::new("id property", text.id.trim())?,
            email: Identifier::new("e-mail property", text.email.trim())?,
            name: optional("name property", &text.name)?,
            email_verified: optional("e-mail-verified property", &text.email_verified)?,
        })
    }

    pub fn to_text(&self) -> MappingText {
        MappingText {
            label: self.label.to_string(),
            id: self.id.to_string(),
            email: self.email.to_string(),
            name: self.name.as_ref().map(Identifier::to_string),
            email_verified: self.email_verified.as_ref().map(Identifier::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_escape_quoting_are_refused() {
        for bad in [
            "",
            "1st",
            "a`b",
            "User) DETACH DELETE (n",
            "a b",
            "é",
            "a-b",
        ] {
            assert!(Identifier::new("label", bad).is_err(), "{bad:?} accepted");
        }
        let long = "a".repeat(65);
        assert!(Identifier::new("label", &long).is_err());
    }

    #[test]
    fn common_names_are_accepted_and_quoted() {
        for good in ["User", "auth0Id", "user_id", "_x", "sub"] {
            let id = Identifier::new("id property", good).unwrap();
            assert_eq!(id.quoted(), format!("`{good}`"));
        }
    }

    #[test]
    fn the_error_names_the_field_and_what_to_do() {
        let text = MappingText {
            id: "auth0 id".into(),
            ..MappingText::default()
        };
        let err = Mapping::parse(&text).unwrap_err().to_string();
        assert!(err.contains("id property \"auth0 id\""), "{err}");
        assert!(err.contains("letters, digits and _"), "{err}");
    }

    #[test]
    fn empty_optional_names_mean_not_mapped() {
        let text = MappingText {
            name: Some(" ".into()),
            email_verified: None,
            ..MappingText::default()
        };
        let mapping = Mapping::parse(&text).unwrap();
        assert_eq!(mapping.name, None);
        assert_eq!(mapping.email_verified, None);
        assert_eq!(Mapping::default().id.as_str(), "sub");
    }
}
