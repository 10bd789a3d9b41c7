//! Users' MFA enrollments (Auth0's authentication methods), confirmed and
//! partial, seeded deterministically: every 40th database user has a
//! confirmed authenticator app, every 97th an enrollment left unfinished.
//! The `mfa_failures` support story's user gets an authenticator app and a
//! phone (see `logs::stories`).

use serde::Serialize;

use super::{SignInUser, User, DATABASE_CONNECTION};

/// One authentication method as `GET users/{id}/authentication-methods`
/// lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthenticationMethod {
    /// `{type}|dev_{16 characters}`, as Auth0's.
    pub id: String,
    /// `totp`, `phone`, `email`, `push-notification`, `webauthn-roaming`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// `false` while the enrollment is unfinished (it cannot be used).
    pub confirmed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `sms` or `voice`, for a phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_authentication_method: Option<String>,
    pub created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrolled_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_auth_at: Option<String>,
}

impl AuthenticationMethod {
    /// An authenticator app (TOTP), created at `created_at`.
    pub fn totp(user: &User, confirmed: bool, created_at: &str) -> Self {
        Self {
            id: method_id("totp", &user.user_id, 0),
            kind: "totp".to_owned(),
            confirmed,
            name: None,
            phone_number: None,
            preferred_authentication_method: None,
            created_at: created_at.to_owned(),
            enrolled_at: confirmed.then(|| created_at.to_owned()),
            last_auth_at: confirmed.then(|| user.last_login.clone()),
        }
    }

    /// A confirmed phone for SMS codes, created at `created_at`.
    pub fn phone(user: &User, number: &str, created_at: &str) -> Self {
        Self {
            id: method_id("phone", &user.user_id, 1),
            kind: "phone".to_owned(),
            confirmed: true,
            name: Some(mask(number)),
            phone_number: Some(number.to_owned()),
            preferred_authentication_method: Some("sms".to_owned()),
            created_at: created_at.to_owned(),
            enrolled_at: Some(created_at.to_owned()),
            last_auth_at: None,
        }
    }

    /// `GET users/{id}/enrollments`'s shape of a confirmed method (Guardian's
    /// legacy view: `authenticator`, `sms`).
    pub fn as_enrollment(&self) -> serde_json::Value {
        let auth_method = match self.kind.as_str() {
            "phone" => "sms",
            "push-notification" => "guardian",
            "totp" => "authenticator",
            other => other,
        };
        let mut enrollment = serde_json::json!({
            "id": self.id,
            "status": if self.confirmed { "confirmed" } else { "pending" },
            "type": self.kind,
            "auth_method": auth_method,
            "enrolled_at": self.enrolled_at.as_deref().unwrap_or(&self.created_at),
        });
        if let Some(name) = &self.name {
            enrollment["name"] = serde_json::json!(name);
        }
        if let Some(number) = &self.phone_number {
            enrollment["phone_number"] = serde_json::json!(number);
        }
        if let Some(last) = &self.last_auth_at {
            enrollment["last_auth"] = serde_json::json!(last);
        }
        enrollment
    }
}

/// `XXXXXXXX1234` for `+15555551234`: Auth0 names a phone by its last digits.
fn mask(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let shown: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("XXXXXXXX{shown}")
}

/// A stable method ID from the user and the method's place (FNV-1a).
fn method_id(kind: &str, user_id: &str, n: u8) -> String {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for b in user_id.bytes().chain([n]) {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{kind}|dev_{hash:016x}")
}

/// Gives some database users (not the documented sign-in users) MFA
/// enrollments: a confirmed authenticator app, or an unfinished one.
pub(crate) fn seed(users: &mut [User], documented: &[SignInUser]) {
    let mut database = 0usize;
    for user in users.iter_mut() {
        if user.connection() != DATABASE_CONNECTION
            || documented.iter().any(|d| d.user_id == user.user_id)
        {
            continue;
        }
        database += 1;
        let created = user.created_at.clone();
        if database.is_multiple_of(40) {
            user.authentication_methods = vec![AuthenticationMethod::totp(user, true, &created)];
        } else if database.is_multiple_of(97) {
            user.authentication_methods = vec![AuthenticationMethod::totp(user, false, &created)];
        }
    }
}
