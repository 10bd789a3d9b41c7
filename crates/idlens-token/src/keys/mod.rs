//! Trusted verification keys: a JWKS, PEM public keys, or an HMAC secret the
//! user gave explicitly.
//!
//! Keys are parsed and validated once, when the set is built, into aws-lc
//! public keys ready to verify: jsonwebtoken's own `crypto::verify` re-parses
//! the key on every call, which costs about a quarter of an RS256 verify.
//! jsonwebtoken still does the key import (PEM/DER), the JWK model and the
//! RFC 7638 thumbprints; HMAC goes through `jsonwebtoken::crypto::verify`.
//!
//! [`set`] holds the [`KeySet`]; [`verifying_key`] one key and its type;
//! [`jwk`] and [`pem`] read the two text forms, handing each key to its type:
//! [`rsa`], [`ec`], [`ed25519`]; [`hmac`] is the explicit secret.
//!
//! Invariants:
//! - A key set never holds a private key: private PEM blocks and JWKs with a
//!   private member (`d`, `p`, …) are refused.
//! - `oct` (symmetric) JWKs are refused: an HMAC secret is used only when the
//!   user gives one explicitly ([`KeySet::from_hmac_secret`]).
//! - Keys named by a token's header (`jwk`, `jku`, `x5u`, `x5c`) never reach
//!   this module.

mod ec;
mod ed25519;
mod hmac;
mod jwk;
mod pem;
mod rsa;
mod set;
mod verifying_key;

pub use set::{KeySet, MAX_KEY_TEXT};
use verifying_key::Material;
pub use verifying_key::{KeyType, VerifyingKey};
