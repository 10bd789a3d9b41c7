//! One line of an Auth0 users export, borrowed from the line's buffer:
//! strings without escapes are not copied and unknown fields are skipped
//! without being built.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::Deserialize;

/// The fields the audit reads; a missing or null one is `None`. Strings
/// borrow from the line (`'de: 'a`), see [`Text`].
#[derive(Debug, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
pub(crate) struct Auth0Line<'a> {
    pub user_id: Option<Text<'a>>,
    pub email: Option<Text<'a>>,
    pub email_verified: Option<bool>,
    pub name: Option<Text<'a>>,
    pub identities: Option<Vec<IdentityLine<'a>>>,
    pub created_at: Option<Text<'a>>,
    pub last_login: Option<Text<'a>>,
    pub logins_count: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(bound(deserialize = "'de: 'a"))]
pub(crate) struct IdentityLine<'a> {
    pub provider: Option<Text<'a>>,
    pub user_id: Option<IdentityId<'a>>,
    pub connection: Option<Text<'a>>,
    #[serde(rename = "isSocial")]
    pub is_social: Option<bool>,
}

/// A string field borrowed from the line when it has no escapes.
/// (`Option<Cow<str>>` would always copy: serde borrows only a bare
/// `Cow` field.)
#[derive(Debug)]
pub(crate) struct Text<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor { integers: false })
    }
}

/// An identity's `user_id`: a string, or a number for some providers
/// (GitHub), kept as its decimal text.
#[derive(Debug)]
pub(crate) struct IdentityId<'a>(pub Text<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for IdentityId<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_any(TextVisitor { integers: true })?;
        Ok(IdentityId(text))
    }
}

/// Reads a [`Text`]: a string, borrowed when it has no escapes, or where
/// `integers` allows it an integer as its decimal text.
struct TextVisitor {
    integers: bool,
}

impl TextVisitor {
    fn integer<'de, E: de::Error>(
        self,
        n: impl fmt::Display,
        seen: Unexpected<'_>,
    ) -> Result<Text<'de>, E> {
        if self.integers {
            Ok(Text(Cow::Owned(n.to_string())))
        } else {
            Err(E::invalid_type(seen, &self))
        }
    }
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.integers {
            "a string or an integer"
        } else {
            "a string"
        })
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_owned())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.integer(v, Unexpected::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.integer(v, Unexpected::Signed(v))
    }
}

impl<'a> Auth0Line<'a> {
    /// Parses one non-blank line; the error is the phrase for a bad line.
    pub fn parse(line: &'a [u8]) -> Result<Self, String> {
        // serde would also accept a JSON array as a struct: refuse it here.
        let first = line.iter().find(|b| !b.is_ascii_whitespace());
        if first != Some(&b'{') {
            return Err("it is not a JSON object".to_owned());
        }
        let parsed: Auth0Line<'a> =
            serde_json::from_slice(line).map_err(|e| format!("it is not valid JSON ({e})"))?;
        match parsed.user_id.as_deref() {
            Some(id) if !id.is_empty() => Ok(parsed),
            Some(_) => Err("its user_id is empty".to_owned()),
            None => Err("it has no string user_id".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_ids_may_be_numbers_and_strings_borrow() {
        let line = br#"{"user_id":"auth0|1","identities":[{"provider":"auth0","user_id":"1"},{"provider":"github","user_id":123}],"extra":{"a":[1,2]}}"#;
        let parsed = Auth0Line::parse(line).unwrap();
        assert!(matches!(
            parsed.user_id,
            Some(Text(Cow::Borrowed("auth0|1")))
        ));
        let ids: Vec<String> = parsed
            .identities
            .unwrap()
            .iter()
            .map(|i| i.user_id.as_ref().unwrap().0.to_string())
            .collect();
        assert_eq!(ids, ["1", "123"]);
    }

    #[test]
    fn arrays_and_missing_ids_are_refused() {
        assert_eq!(
            Auth0Line::parse(br#"["auth0|1"]"#).unwrap_err(),
            "it is not a JSON object"
        );
        assert_eq!(
            Auth0Line::parse(br#"{"user_id": 5}"#).unwrap_err(),
            "it is not valid JSON (invalid type: integer `5`, expected a string at line 1 column 13)"
        );
        assert_eq!(
            Auth0Line::parse(br#"{"user_id":"a","identities":[{"user_id":true}]}"#).unwrap_err(),
            "it is not valid JSON (invalid type: boolean `true`, expected a string or an integer at line 1 column 44)"
        );
        assert_eq!(
            Auth0Line::parse(br#"{"email":"a@x"}"#).unwrap_err(),
            "it has no string user_id"
        );
    }
}
