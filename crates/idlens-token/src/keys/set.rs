//! [`KeySet`]: the trusted keys a token is verified against, with where they
//! came from, built from a JWKS, PEM text, a key file or an HMAC secret.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use idlens_secret::Secret;

use super::jwk::parse_jwks;
use super::pem::parse_pem;
use super::VerifyingKey;
use crate::report::{KeyFreshness, KeysStatus};
use crate::KeyError;

/// Largest key file or pasted key text IdLens reads.
pub const MAX_KEY_TEXT: usize = 1024 * 1024;

/// Keys trusted to verify tokens, with where they came from.
///
/// Cheap to clone (the keys are shared). Safe to use from many threads.
#[derive(Clone)]
pub struct KeySet {
    keys: Arc<[VerifyingKey]>,
    status: KeysStatus,
    /// The issuer these keys were discovered from, when they were.
    issuer: Option<String>,
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field("keys", &self.keys)
            .field("status", &self.status)
            .finish()
    }
}

impl KeySet {
    /// Parses a JWKS (`{"keys": [...]}`) or a single JWK. `source` names where
    /// it came from in messages and in the report ("JWKS file keys.json").
    pub fn from_jwks_json(text: &str, source: &str) -> Result<Self, KeyError> {
        let keys = parse_jwks(text, source)?;
        Ok(Self::local(keys, source))
    }

    /// Parses one or more PEM public keys or certificates.
    pub fn from_pem(text: &str, source: &str) -> Result<Self, KeyError> {
        let keys = parse_pem(text, source)?;
        Ok(Self::local(keys, source))
    }

    /// A JWKS or PEM, whichever `text` is.
    pub fn from_text(text: &str, source: &str) -> Result<Self, KeyError> {
        check_size(text, source)?;
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') {
            Self::from_jwks_json(text, source)
        } else if trimmed.starts_with("-----BEGIN") {
            Self::from_pem(text, source)
        } else {
            Err(KeyError::Invalid {
                source_name: source.to_owned(),
                problem: "it is neither a JWKS (JSON starting with `{`) nor a PEM public key \
                          (starting with `-----BEGIN PUBLIC KEY-----`)"
                    .to_owned(),
            })
        }
    }

    /// Reads a JWKS or PEM file of at most [`MAX_KEY_TEXT`] bytes. The limit
    /// holds while reading, so a device or FIFO (`/dev/zero`) is cut off there.
    pub fn from_file(path: &Path) -> Result<Self, KeyError> {
        let source = format!("key file {}", path.display());
        let text = idlens_bounded::read_file(path, MAX_KEY_TEXT).map_err(|e| match e {
            idlens_bounded::ReadError::Io(source) => KeyError::Io {
                path: path.display().to_string(),
                source,
            },
            other => KeyError::Invalid {
                source_name: source.clone(),
                problem: other.to_string(),
            },
        })?;
        Self::from_text(&text, &source)
    }

    /// An HMAC secret for HS256/384/512 tokens. Only ever built from a secret
    /// the user gave on purpose; never from a public key or a JWKS.
    pub fn from_hmac_secret(secret: Secret) -> Result<Self, KeyError> {
        let key = super::hmac::key(secret)?;
        Ok(Self::local(vec![key], "the HMAC secret you gave"))
    }

    fn local(keys: Vec<VerifyingKey>, source: &str) -> Self {
        Self {
            status: KeysStatus {
                source: source.to_owned(),
                key_count: keys.len(),
                freshness: KeyFreshness::Local,
                note: None,
            },
            keys: keys.into(),
            issuer: None,
        }
    }

    pub(crate) fn fetched(
        keys: Arc<[VerifyingKey]>,
        status: KeysStatus,
        issuer: Option<String>,
    ) -> Self {
        Self {
            keys,
            status,
            issuer,
        }
    }

    pub(crate) fn shared_keys(&self) -> &Arc<[VerifyingKey]> {
        &self.keys
    }

    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }

    pub fn status(&self) -> &KeysStatus {
        &self.status
    }

    /// The issuer whose discovery document led to these keys, if any. The
    /// issuer check expects it when no issuer is given explicitly.
    pub fn discovered_issuer(&self) -> Option<&str> {
        self.issuer.as_deref()
    }

    pub fn has_kid(&self, kid: &str) -> bool {
        self.keys.iter().any(|k| k.kid() == Some(kid))
    }

    /// True when the set holds an HMAC secret (so HS* tokens may be checked).
    pub fn has_hmac_secret(&self) -> bool {
        self.keys
            .iter()
            .any(|k| k.key_type() == super::KeyType::Hmac)
    }
}

/// Refuses key text over [`MAX_KEY_TEXT`] before anything parses it.
pub(super) fn check_size(text: &str, source: &str) -> Result<(), KeyError> {
    if text.len() > MAX_KEY_TEXT {
        return Err(KeyError::Invalid {
            source_name: source.to_owned(),
            problem: format!(
                "it is {} bytes, more than the {MAX_KEY_TEXT} bytes a key set may have",
                text.len()
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn key_files_are_read_with_a_bound_whatever_size_they_report() {
        // /dev/zero reports 0 bytes and never ends.
        let err = KeySet::from_file(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("larger than 1 MiB"), "{err}");
    }

    #[test]
    fn refuses_private_and_symmetric_keys() {
        let private = r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}]}"#;
        let err = KeySet::from_jwks_json(private, "test")
            .unwrap_err()
            .to_string();
        assert!(err.contains("private key"), "{err}");
        let oct = r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#;
        let err = KeySet::from_jwks_json(oct, "test").unwrap_err().to_string();
        assert!(err.contains("symmetric"), "{err}");
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        let err = KeySet::from_pem(pem, "test").unwrap_err().to_string();
        assert!(err.contains("private key"), "{err}");
    }

    #[test]
    fn garbage_key_text_gets_a_clear_error() {
        let err = KeySet::from_text("hello", "pasted keys")
            .unwrap_err()
            .to_string();
        assert!(err.contains("neither a JWKS"), "{err}");
        let err = KeySet::from_text("{\"a\":1}", "pasted keys")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no `keys` array"), "{err}");
        let err = KeySet::from_text("{nope", "pasted keys")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not JSON"), "{err}");
    }
}
