//! The tenant's RS256 signing keys and their rotation.
//!
//! Invariant: a key is published in the JWKS before it signs anything, and
//! the previous key stays published after a rotation, so tokens signed before
//! it still verify (as in Auth0, until the previous key is revoked).

use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{KeyPair, RsaKeyPair, RSA_PKCS1_SHA256};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use crate::SandboxError;

pub(crate) struct SigningKey {
    kid: String,
    pair: RsaKeyPair,
}

impl SigningKey {
    /// Slow (an RSA key): call it outside any lock.
    pub(crate) fn generate() -> Result<Self, SandboxError> {
        let pair = RsaKeyPair::generate(KeySize::Rsa2048)
            .map_err(|_| SandboxError::Crypto("could not generate an RSA key"))?;
        Ok(Self {
            kid: random_token(16)?,
            pair,
        })
    }

    fn jwk(&self) -> Value {
        let public = self.pair.public_key();
        json!({
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": self.kid,
            "n": URL_SAFE_NO_PAD.encode(public.modulus().big_endian_without_leading_zero()),
            "e": URL_SAFE_NO_PAD.encode(public.exponent().big_endian_without_leading_zero()),
        })
    }
}

/// The current signing key, the next one (published, not yet signing) and
/// the previous one (published, no longer signing).
pub(crate) struct KeyRing {
    current: SigningKey,
    next: Option<SigningKey>,
    previous: Option<SigningKey>,
}

impl KeyRing {
    pub(crate) fn new() -> Result<Self, SandboxError> {
        Ok(Self {
            current: SigningKey::generate()?,
            next: None,
            previous: None,
        })
    }

    /// The staged key's `kid`, if one is published but not signing yet.
    pub(crate) fn next_kid(&self) -> Option<String> {
        self.next.as_ref().map(|k| k.kid.clone())
    }

    /// Publishes `key` as the next one, without signing with it yet; a key
    /// staged earlier stays staged. Returns the staged `kid`.
    pub(crate) fn stage(&mut self, key: SigningKey) -> String {
        self.next.get_or_insert(key).kid.clone()
    }

    /// The staged key starts signing; the current one becomes the previous
    /// one, still published. Returns the `kid` that signs now.
    pub(crate) fn promote_next(&mut self) -> String {
        if let Some(next) = self.next.take() {
            let old = std::mem::replace(&mut self.current, next);
            self.previous = Some(old);
        }
        self.current.kid.clone()
    }

    /// Stops publishing the previous key: tokens it signed no longer verify.
    pub(crate) fn revoke_previous(&mut self) {
        self.previous = None;
    }

    pub(crate) fn current_kid(&self) -> &str {
        &self.current.kid
    }

    pub(crate) fn jwks(&self) -> Value {
        let keys: Vec<Value> = [
            Some(&self.current),
            self.next.as_ref(),
            self.previous.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(SigningKey::jwk)
        .collect();
        json!({ "keys": keys })
    }

    /// Signs `claims` as a compact RS256 JWS with the current key.
    pub(crate) fn sign(&self, claims: &Value) -> Result<String, SandboxError> {
        let header = json!({"alg": "RS256", "typ": "JWT", "kid": self.current.kid});
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0; self.current.pair.public_modulus_len()];
        self.current
            .pair
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                input.as_bytes(),
                &mut signature,
            )
            .map_err(|_| SandboxError::Crypto("could not sign a token"))?;
        Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
    }
}

/// `bytes` random bytes, base64url-encoded.
pub(crate) fn random_token(bytes: usize) -> Result<String, SandboxError> {
    let mut buf = vec![0; bytes];
    SystemRandom::new()
        .fill(&mut buf)
        .map_err(|_| SandboxError::Crypto("no randomness available"))?;
    Ok(URL_SAFE_NO_PAD.encode(buf))
}

/// A user code like `ABCD-EFGH`, from letters that cannot be confused with each other.
pub(crate) fn user_code() -> Result<String, SandboxError> {
    const LETTERS: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
    let mut buf = [0u8; 8];
    SystemRandom::new()
        .fill(&mut buf)
        .map_err(|_| SandboxError::Crypto("no randomness available"))?;
    let letters: String = buf
        .iter()
        .map(|b| char::from(LETTERS[usize::from(*b) % LETTERS.len()]))
        .collect();
    Ok(format!("{}-{}", &letters[..4], &letters[4..]))
}

/// The PKCE S256 challenge of `verifier`.
pub(crate) fn s256(verifier: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
    URL_SAFE_NO_PAD.encode(digest.as_ref())
}
