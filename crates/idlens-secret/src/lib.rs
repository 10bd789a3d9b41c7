//! [`Secret`]: the one type every token, password, client secret and PKCE
//! verifier in IdLens is held in.
//!
//! Invariants:
//! - `Debug` and `Display`-like formatting print `Secret(<redacted>)`, never the value.
//! - There is no `Serialize` impl, so a secret cannot be put in a config file,
//!   a log record or an IPC response by accident. Code that must send one
//!   (a token request, the keychain) calls [`Secret::expose`] explicitly.
//! - The backing buffer is overwritten with zeros when the secret is dropped.
//! - Equality is constant-time, so comparing a `state` or token leaks no prefix.
// Test code is exempt from the workspace's function-length lint; product
// code (built without `cfg(test)`) is not.
#![cfg_attr(test, allow(clippy::too_many_lines, clippy::disallowed_methods))]

use std::fmt;

use zeroize::Zeroizing;

/// A secret string. See the crate docs for the guarantees.
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The secret's text.
    ///
    /// Security hazard: the result must go only where the secret is meant to
    /// go (an HTTP form to the IdP, the OS keychain, a user-requested reveal).
    /// Never log it, format it, or keep a copy that outlives `self`.
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl Eq for Secret {}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

/// Secrets may arrive from the UI (a password typed into Settings), so they can
/// be deserialized; they can never be serialized back.
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Zeroizing::new(String::deserialize(deserializer)?);
        Ok(Self::new(value.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("eyJhbGciOiJSUzI1NiJ9.payload.sig");
        let printed = format!("{secret:?} {:?}", Some(&secret));
        assert!(!printed.contains("eyJ"), "{printed}");
        assert_eq!(printed, "Secret(<redacted>) Some(Secret(<redacted>))");
    }

    #[test]
    fn expose_returns_the_value() {
        assert_eq!(Secret::new("hunter2").expose(), "hunter2");
    }

    #[test]
    fn equality_compares_whole_values() {
        assert_eq!(Secret::new("abc"), Secret::new("abc"));
        assert_ne!(Secret::new("abc"), Secret::new("abd"));
        assert_ne!(Secret::new("abc"), Secret::new("abcd"));
    }

    #[test]
    fn deserializes_from_a_json_string() {
        let secret: Secret = serde_json::from_str("\"pw\"").unwrap();
        assert_eq!(secret.expose(), "pw");
    }

    // Secret must not implement Serialize. Inherent consts win over the blanket
    // trait's, so `IS_SERIALIZE` is true exactly when `T: Serialize`; the
    // check runs at compile time and breaks the build if an impl is added.
    #[test]
    fn secret_is_not_serialize() {
        trait NotSerialize {
            const IS_SERIALIZE: bool = false;
        }
        impl<T> NotSerialize for T {}
        struct Probe<T>(std::marker::PhantomData<T>);
        #[allow(dead_code)]
        impl<T: serde::Serialize> Probe<T> {
            const IS_SERIALIZE: bool = true;
        }
        const { assert!(!<Probe<Secret>>::IS_SERIALIZE) };
        const { assert!(<Probe<String>>::IS_SERIALIZE) };
    }
}
