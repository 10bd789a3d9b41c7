//! The descriptions the rules recognise in Auth0's failed-login events
//! (lower case; matched on a bounded prefix by [`super::text::says`],
//! never echoed). An `f` event's description is the only place Auth0 says
//! why a login failed for these reasons.

/// An administrator blocked the user (`blocked: true`): "user is blocked".
pub(crate) const ADMIN_BLOCK: &[&str] = &["user is blocked"];

/// Brute-force protection refused the attempt: "Your account has been
/// blocked after multiple consecutive login attempts. …", and `limit_wc`'s
/// own "too many failed login attempts".
pub(crate) const BRUTE_FORCE: &[&str] = &[
    "blocked after multiple consecutive",
    "too many failed login attempts",
];

/// The application (a Rule or Action) requires a verified e-mail: "Please
/// verify your email before logging in." and its variants.
pub(crate) const EMAIL_NOT_VERIFIED: &[&str] = &[
    "verify your email",
    "verify your e-mail",
    "email not verified",
    "e-mail not verified",
    "email is not verified",
    "email address is not verified",
    "email_not_verified",
    "unverified email",
];

/// The breached-password block in an `f` event's words.
pub(crate) const BREACHED: &[&str] =
    &["public data breach", "password_leaked", "breached password"];

/// Every phrase some rule recognises: a failure saying none of them is
/// "another reason".
pub(crate) const RECOGNISED: [&[&str]; 4] =
    [ADMIN_BLOCK, BRUTE_FORCE, EMAIL_NOT_VERIFIED, BREACHED];
