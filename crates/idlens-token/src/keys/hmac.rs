//! HMAC secrets (HS256/384/512): used only when the user gives one
//! explicitly, never taken from a JWKS (`oct` keys are refused there).

use idlens_secret::Secret;
use jsonwebtoken::{Algorithm, DecodingKey};

use super::{KeyType, Material, VerifyingKey};
use crate::KeyError;

/// The key for a secret the user gave. It has no thumbprint: a hash of the
/// secret would help an offline guess of it.
pub(super) fn key(secret: Secret) -> Result<VerifyingKey, KeyError> {
    if secret.is_empty() {
        return Err(KeyError::Invalid {
            source_name: "the HMAC secret".to_owned(),
            problem: "it is empty".to_owned(),
        });
    }
    Ok(VerifyingKey::new(
        None,
        None,
        KeyType::Hmac,
        None,
        Material::Hmac(secret),
        None,
    ))
}

/// Verifies an HS* signature (through jsonwebtoken, which compares in
/// constant time).
pub(super) fn verify(secret: &Secret, alg: Algorithm, message: &[u8], signature_b64: &str) -> bool {
    let key = DecodingKey::from_secret(secret.expose().as_bytes());
    jsonwebtoken::crypto::verify(signature_b64, message, &key, alg).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use crate::KeySet;
    use idlens_secret::Secret;

    #[test]
    fn an_hmac_secret_never_shows_in_debug_output() {
        let keys = KeySet::from_hmac_secret(Secret::new("hunter2-hunter2")).unwrap();
        let printed = format!("{keys:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(keys.has_hmac_secret());
        assert_eq!(keys.keys()[0].thumbprint(), None);
    }
}
