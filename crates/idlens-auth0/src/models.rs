//! The Management API's objects as this client hands them out: read from
//! Auth0's wire shapes, with its documented quirks absorbed (identity
//! `user_id` as a number or a string, `sources` missing on permissions,
//! optional fields absent).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A user.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct User {
    pub user_id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub email_verified: Option<bool>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub nickname: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub last_login: Option<String>,
    #[serde(default)]
    pub logins_count: Option<u64>,
    /// The primary identity first; linked secondary ones after it.
    #[serde(default)]
    pub identities: Vec<Identity>,
    #[serde(default)]
    pub app_metadata: Option<Value>,
    #[serde(default)]
    pub user_metadata: Option<Value>,
    /// Blocked by an administrator (`PATCH users/{id}` `{blocked: true}`):
    /// every sign-in fails until it is lifted; it never expires. Auth0
    /// sends the field only once it has been set.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blocked: bool,
    /// The IP of the user's last sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

/// One identity of a user.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Identity {
    pub provider: String,
    /// Without the `provider|` prefix. Auth0 sends GitHub's as a number.
    #[serde(deserialize_with = "string_or_number")]
    pub user_id: String,
    #[serde(default)]
    pub connection: String,
    #[serde(rename = "isSocial", default)]
    pub is_social: bool,
}

impl Identity {
    /// `provider|user_id`: the user ID this identity has (or had, before it
    /// was linked into another user).
    pub fn full_id(&self) -> String {
        format!("{}|{}", self.provider, self.user_id)
    }
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "an identity's user_id is {other}, not a string or number"
        ))),
    }
}

/// A role.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A permission (a scope of an API), as a role or user holds it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub struct Permission {
    #[serde(rename = "permission_name")]
    pub name: String,
    /// The API's identifier (audience).
    #[serde(rename = "resource_server_identifier")]
    pub api: String,
    #[serde(rename = "resource_server_name", default)]
    pub api_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A user's permission and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct UserPermission {
    #[serde(flatten)]
    pub permission: Permission,
    /// `None` when Auth0 did not say (it may leave `sources` out).
    #[serde(default, deserialize_with = "sources")]
    pub sources: Option<Vec<PermissionSource>>,
}

/// Why a user has a permission.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum PermissionSource {
    Direct,
    Role { id: String, name: String },
}

#[derive(Deserialize)]
struct WireSource {
    #[serde(default)]
    source_id: String,
    #[serde(default)]
    source_name: String,
    source_type: String,
}

fn sources<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<PermissionSource>>, D::Error> {
    let wire: Option<Vec<WireSource>> = Option::deserialize(d)?;
    wire.map(|list| {
        list.into_iter()
            .map(|s| match s.source_type.as_str() {
                "DIRECT" => Ok(PermissionSource::Direct),
                "ROLE" => Ok(PermissionSource::Role {
                    id: s.source_id,
                    name: s.source_name,
                }),
                other => Err(serde::de::Error::custom(format!(
                    "a permission source of type {other:?}"
                ))),
            })
            .collect()
    })
    .transpose()
}

/// A member of a role, as the members listing gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct RoleMember {
    pub user_id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// An API (resource server) and its scopes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ResourceServer {
    pub id: String,
    pub name: String,
    pub identifier: String,
    #[serde(default)]
    pub scopes: Vec<Scope>,
    /// Auth0's own APIs (the Management API).
    #[serde(default)]
    pub is_system: bool,
}

/// A scope an API defines.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Scope {
    pub value: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A field of a users export: a user field or path (`email`,
/// `identities[0].connection`, `app_metadata.plan`), named `export_as` in
/// the file when given.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ExportField {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_as: Option<String>,
}

impl ExportField {
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            export_as: None,
        }
    }

    pub fn renamed(name: &str, export_as: &str) -> Self {
        Self {
            name: name.to_owned(),
            export_as: Some(export_as.to_owned()),
        }
    }
}

/// What a users export holds. It is always `format: "json"` (gzipped NDJSON).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsersExportRequest {
    /// Only the users of this connection (see
    /// `ManagementClient::connection_id_by_name`); `None`: every user.
    pub connection_id: Option<String>,
    /// Empty: Auth0's default fields.
    pub fields: Vec<ExportField>,
}

/// Where a job is, as Auth0 says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    Pending,
    Processing,
    Completed,
    Failed,
    /// A status this client does not know (treated as still running).
    #[serde(other)]
    Other,
}

/// A users-export job (`POST jobs/users-exports`, `GET jobs/{id}`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ExportJob {
    pub id: String,
    pub status: JobStatus,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub connection_id: Option<String>,
    /// The connection's name.
    #[serde(default)]
    pub connection: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub fields: Option<Vec<ExportField>>,
    /// The file, once completed: a short-lived link (about a minute).
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub percentage_done: Option<u32>,
    #[serde(default)]
    pub time_left_seconds: Option<u64>,
    #[serde(default)]
    pub status_details: Option<String>,
    #[serde(default)]
    pub summary: Option<Value>,
}

/// A brute-force block (`user-blocks`): an identifier (username, e-mail or
/// phone) blocked from an IP, or from every IP when `ip` is absent. An
/// administrator's block (`blocked: true` on the user) is not one of these.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct UserBlock {
    pub identifier: String,
    #[serde(default)]
    pub ip: Option<String>,
    #[serde(default)]
    pub connection: Option<String>,
}

/// The tenant's brute-force protection settings
/// (`attack-protection/brute-force-protection`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct BruteForceProtection {
    pub enabled: bool,
    /// `block` and/or `user_notification`: without `block` nothing is blocked.
    #[serde(default)]
    pub shields: Vec<String>,
    /// `count_per_identifier_and_ip` or `count_per_identifier`.
    #[serde(default)]
    pub mode: Option<String>,
    /// Failed attempts before a block (Auth0's default is 10).
    #[serde(default)]
    pub max_attempts: Option<u32>,
    /// IPs never counted or blocked.
    #[serde(default)]
    pub allowlist: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_ids_may_be_numbers_and_sources_may_be_missing() {
        let user: User = serde_json::from_str(
            r#"{"user_id":"github|42","identities":[{"provider":"github","user_id":42,"connection":"github","isSocial":true}]}"#,
        )
        .unwrap();
        assert_eq!(user.identities[0].full_id(), "github|42");
        assert_eq!(user.email, None);
        let permission: UserPermission = serde_json::from_str(
            r#"{"permission_name":"read:x","resource_server_identifier":"https://a/"}"#,
        )
        .unwrap();
        assert_eq!(permission.sources, None);
        let permission: UserPermission = serde_json::from_str(
            r#"{"permission_name":"read:x","resource_server_identifier":"https://a/","sources":[{"source_id":"","source_name":"","source_type":"DIRECT"},{"source_id":"rol_1","source_name":"Admin","source_type":"ROLE"}]}"#,
        )
        .unwrap();
        assert_eq!(
            permission.sources.unwrap(),
            vec![
                PermissionSource::Direct,
                PermissionSource::Role {
                    id: "rol_1".into(),
                    name: "Admin".into()
                }
            ]
        );
    }

    #[test]
    fn an_identity_id_of_another_type_is_an_error() {
        let err =
            serde_json::from_str::<Identity>(r#"{"provider":"x","user_id":true}"#).unwrap_err();
        assert!(err.to_string().contains("not a string or number"), "{err}");
    }
}

/// One of a user's MFA enrollments (`GET users/{id}/authentication-methods`),
/// confirmed or partial: the fields support reads (the rest of Auth0's
/// shape is ignored).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AuthenticationMethod {
    pub id: String,
    /// `totp`, `phone`, `email`, `push-notification`, `webauthn-roaming`,
    /// `webauthn-platform`, `recovery-code`, `guardian`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// `false` for an enrollment left unfinished (it cannot be used).
    #[serde(default)]
    pub confirmed: bool,
    /// A name the user gave it, or a masked phone number.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub phone_number: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub last_auth_at: Option<String>,
}

/// The IP and browser of a session's device.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct SessionDevice {
    #[serde(default)]
    pub initial_ip: Option<String>,
    #[serde(default)]
    pub last_ip: Option<String>,
    #[serde(default)]
    pub last_user_agent: Option<String>,
}

/// An application a session signed in to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct SessionClient {
    pub client_id: String,
}

/// One of a user's sessions (`GET users/{id}/sessions`, Enterprise plan).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Session {
    pub id: String,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub authenticated_at: Option<String>,
    #[serde(default)]
    pub last_interacted_at: Option<String>,
    #[serde(default)]
    pub expires_at: Option<String>,
    #[serde(default)]
    pub idle_expires_at: Option<String>,
    #[serde(default)]
    pub device: SessionDevice,
    #[serde(default)]
    pub clients: Vec<SessionClient>,
}

/// An API a refresh token gives tokens for, with its scopes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct RefreshTokenResourceServer {
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub scopes: Option<String>,
}

/// One of a user's refresh tokens (`GET users/{id}/refresh-tokens`,
/// Enterprise plan): its ID and what it is for, never the token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct RefreshToken {
    pub id: String,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub session_id: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub expires_at: Option<String>,
    #[serde(default)]
    pub last_exchanged_at: Option<String>,
    #[serde(default)]
    pub rotating: Option<bool>,
    #[serde(default)]
    pub resource_servers: Vec<RefreshTokenResourceServer>,
}

/// A job Auth0 runs for a request (`POST jobs/verification-email`): its
/// ID and status (`pending`, then `completed`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Job {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
    #[serde(default)]
    pub created_at: Option<String>,
}
