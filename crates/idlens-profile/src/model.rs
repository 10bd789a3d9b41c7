use std::fmt;

use serde::{Deserialize, Serialize};

use crate::JobDeadline;

/// Loopback port IdLens listens on for the PKCE redirect unless the profile
/// says otherwise. Auth0 matches loopback callback URLs port and all, so the
/// admin registers `http://127.0.0.1:{port}/callback` once.
pub const DEFAULT_CALLBACK_PORT: u16 = 53134;

/// Scopes every sign-in requests; a profile's own scopes are added to these.
pub const BASE_SCOPES: [&str; 4] = ["openid", "profile", "email", "offline_access"];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProfileError {
    #[error("log retention of {0} days is not possible: give the days of logs the tenant's plan keeps, 1 to {MAX_LOG_RETENTION_DAYS} (Free 1, Essentials 5, Professional 10, Enterprise 30)")]
    BadLogRetention(u16),
    #[error("profile name {0:?} is not allowed: use 1-64 letters, digits, '-', '_' or '.'")]
    BadName(String),
    #[error("issuer {0:?} is not a URL: give the tenant domain (tenant.eu.auth0.com) or https://tenant.eu.auth0.com/")]
    IssuerNotUrl(String),
    #[error(
        "issuer {0:?} must use https:// (plain http:// is allowed only for 127.0.0.1 or localhost)"
    )]
    IssuerNotHttps(String),
    #[error("issuer {0:?} must not carry a query or fragment")]
    IssuerHasQuery(String),
    /// The URL is not repeated in the message: it holds a password.
    #[error("the {0} must not contain a user name or password (`user:password@`): IdLens keeps secrets only in the OS keychain, so remove them from the address")]
    CredentialsInUrl(UrlField),
    #[error("{field} {value:?} {problem}")]
    BadText {
        field: TextField,
        value: String,
        problem: &'static str,
    },
    #[error("client ID must not be empty: copy it from the application's settings in your Auth0 dashboard")]
    EmptyClientId,
    #[error("callback port must be between 1024 and 65535, got {0}")]
    BadCallbackPort(u16),
    #[error("Neo4j URI {0:?} must start with neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s:// or bolt+ssc://")]
    BadNeo4jUri(String),
    #[error("scope {0:?} must not contain spaces: pass each scope separately")]
    BadScope(String),
    /// What is wrong, starting with the value as typed.
    #[error("users export deadline {0}")]
    BadJobDeadline(String),
}

/// A profile setting that is a URL, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlField {
    Issuer,
    Neo4jUri,
}

impl fmt::Display for UrlField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlField::Issuer => "issuer URL",
            UrlField::Neo4jUri => "Neo4j URI",
        })
    }
}

/// A profile setting that is free text, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    ClientId,
    Audience,
    ManagementClientId,
    Neo4jUser,
    Neo4jDatabase,
}

impl fmt::Display for TextField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextField::ClientId => "client ID",
            TextField::Audience => "audience",
            TextField::ManagementClientId => "Management API client ID",
            TextField::Neo4jUser => "Neo4j user",
            TextField::Neo4jDatabase => "Neo4j database",
        })
    }
}

/// The longest identifier (client ID, user, database) a profile holds.
const MAX_IDENTIFIER: usize = 256;
/// The longest audience (an API identifier, usually a URL).
const MAX_AUDIENCE: usize = 2048;

/// Checks an identifier: 1 to 256 characters, no spaces or control
/// characters (a client ID with a line break would break every table and
/// every request it is sent in).
fn check_identifier(field: TextField, value: &str) -> Result<(), ProfileError> {
    let problem = if value.is_empty() || value.chars().count() > MAX_IDENTIFIER {
        Some("must be 1 to 256 characters long")
    } else if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("must not contain spaces, line breaks or other control characters")
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(ProfileError::BadText {
            field,
            value: value.chars().take(MAX_IDENTIFIER).collect(),
            problem,
        }),
    }
}

fn has_credentials(url: &url::Url) -> bool {
    !url.username().is_empty() || url.password().is_some()
}

/// A profile's name: the key under which it and its keychain entries are stored.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProfileName(String);

impl ProfileName {
    pub fn parse(name: &str) -> Result<Self, ProfileError> {
        let ok = !name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !name.starts_with('.');
        if ok {
            Ok(Self(name.to_owned()))
        } else {
            Err(ProfileError::BadName(name.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProfileName {
    type Error = ProfileError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ProfileName> for String {
    fn from(value: ProfileName) -> Self {
        value.0
    }
}

impl fmt::Display for ProfileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ProfileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// The tenant's issuer URL, exactly as tokens carry it in `iss`.
///
/// A bare domain becomes `https://{domain}/` (Auth0's issuers end in a slash).
/// Only `https://` is accepted, except plain `http://` on loopback hosts, which
/// the sandbox tenant and the tests use.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Issuer(String);

impl Issuer {
    pub fn parse(input: &str) -> Result<Self, ProfileError> {
        let trimmed = input.trim();
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_owned()
        } else {
            format!("https://{trimmed}/")
        };
        let url = url::Url::parse(&with_scheme)
            .map_err(|_| ProfileError::IssuerNotUrl(input.to_owned()))?;
        // Before anything that would repeat the URL in a message.
        if has_credentials(&url) {
            return Err(ProfileError::CredentialsInUrl(UrlField::Issuer));
        }
        let host = url
            .host_str()
            .ok_or_else(|| ProfileError::IssuerNotUrl(input.to_owned()))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback_host(host) => {}
            _ => return Err(ProfileError::IssuerNotHttps(input.to_owned())),
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(ProfileError::IssuerHasQuery(input.to_owned()));
        }
        Ok(Self(with_scheme))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The OIDC discovery document: `{issuer}/.well-known/openid-configuration`.
    pub fn discovery_url(&self) -> String {
        format!(
            "{}/.well-known/openid-configuration",
            self.0.trim_end_matches('/')
        )
    }

    /// The audience of the tenant's Auth0 Management API: `https://{domain}/api/v2/`.
    pub fn management_audience(&self) -> String {
        format!("{}/api/v2/", self.0.trim_end_matches('/'))
    }

    /// True for issuers on 127.0.0.0/8, `[::1]` or `localhost`.
    pub fn is_loopback(&self) -> bool {
        url::Url::parse(&self.0)
            .ok()
            .and_then(|u| u.host_str().map(is_loopback_host))
            .unwrap_or(false)
    }
}

pub(crate) fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<std::net::IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(false)
}

impl TryFrom<String> for Issuer {
    type Error = ProfileError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Issuer> for String {
    fn from(value: Issuer) -> Self {
        value.0
    }
}

impl fmt::Debug for Issuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Issuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How IdLens reaches the tenant's Management API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ManagementAccess {
    /// Roles, permissions and users stay unavailable for this profile.
    #[default]
    Disabled,
    /// Use the signed-in admin's own token, requested for the Management API audience.
    SignedInUser,
    /// A machine-to-machine application; its client secret is in the keychain.
    ClientCredentials { client_id: String },
}

/// Where the tenant's user graph lives. The password is in the keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neo4jSettings {
    pub uri: String,
    pub user: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// How the graph stores users. Checked as Cypher identifiers where it is
    /// used (`idlens_audit::Mapping`), so a bad name is reported on connect.
    #[serde(default, skip_serializing_if = "GraphMapping::is_default")]
    pub mapping: GraphMapping,
}

/// The label and property names of the graph's user nodes, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphMapping {
    pub label: String,
    /// The property holding the Auth0 `user_id`.
    pub id_property: String,
    pub email_property: String,
    /// Empty: the graph keeps no name.
    pub name_property: String,
    /// Empty: the graph keeps no e-mail-verified flag.
    pub email_verified_property: String,
}

impl GraphMapping {
    fn is_default(&self) -> bool {
        *self == GraphMapping::default()
    }
}

impl Default for GraphMapping {
    fn default() -> Self {
        GraphMapping {
            label: "User".into(),
            id_property: "sub".into(),
            email_property: "email".into(),
            name_property: "name".into(),
            email_verified_property: "email_verified".into(),
        }
    }
}

impl Neo4jSettings {
    pub fn validate(&self) -> Result<(), ProfileError> {
        const SCHEMES: [&str; 6] = [
            "neo4j://",
            "neo4j+s://",
            "neo4j+ssc://",
            "bolt://",
            "bolt+s://",
            "bolt+ssc://",
        ];
        if url::Url::parse(&self.uri).is_ok_and(|u| has_credentials(&u)) {
            return Err(ProfileError::CredentialsInUrl(UrlField::Neo4jUri));
        }
        if !(SCHEMES.iter().any(|s| self.uri.starts_with(s)) && self.uri.len() > 8)
            || self
                .uri
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(ProfileError::BadNeo4jUri(self.uri.clone()));
        }
        check_identifier(TextField::Neo4jUser, &self.user)?;
        if let Some(database) = &self.database {
            check_identifier(TextField::Neo4jDatabase, database)?;
        }
        Ok(())
    }
}

/// Which dialect of OAuth a profile's identity provider speaks about APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProviderSetting {
    /// Auth0 for `*.auth0.com` issuers, a standard OpenID provider otherwise.
    #[default]
    Auto,
    /// Auth0 (also on a custom domain): the API is named with `audience`.
    Auth0,
    /// A standard OpenID provider: the API is an RFC 8707 `resource`.
    Oidc,
}

impl ProviderSetting {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Auth0 => "auth0",
            Self::Oidc => "oidc",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Auto, Self::Auth0, Self::Oidc]
            .into_iter()
            .find(|p| p.as_str() == s)
    }

    fn is_auto(&self) -> bool {
        *self == Self::Auto
    }
}

/// The longest log retention a profile may name, in days.
pub const MAX_LOG_RETENTION_DAYS: u16 = 365;

/// One tenant profile, as stored in the config file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: ProfileName,
    pub issuer: Issuer,
    /// Auth0 or another OpenID provider; `auto` decides by the issuer's domain.
    #[serde(default, skip_serializing_if = "ProviderSetting::is_auto")]
    pub provider: ProviderSetting,
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(default = "default_callback_port")]
    pub callback_port: u16,
    /// Scopes requested in addition to `openid profile email offline_access`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// How long a users export job may take at Auth0 before IdLens stops
    /// waiting (`export_job_deadline = "4h"`, the default, left out).
    #[serde(default, skip_serializing_if = "JobDeadline::is_default")]
    pub export_job_deadline: JobDeadline,
    /// How many days of logs the tenant keeps (its plan's: Free 1,
    /// Essentials 5, Professional 10, Enterprise 30), so the Support desk can
    /// say when the oldest event is at the edge; unset: not claimed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_retention_days: Option<u16>,
    #[serde(default)]
    pub management: ManagementAccess,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neo4j: Option<Neo4jSettings>,
}

fn default_callback_port() -> u16 {
    DEFAULT_CALLBACK_PORT
}

impl Profile {
    /// Checks every field; the store refuses to save a profile that fails.
    pub fn validate(&self) -> Result<(), ProfileError> {
        if self.client_id.trim().is_empty() {
            return Err(ProfileError::EmptyClientId);
        }
        if let Some(days) = self.log_retention_days {
            if !(1..=MAX_LOG_RETENTION_DAYS).contains(&days) {
                return Err(ProfileError::BadLogRetention(days));
            }
        }
        check_identifier(TextField::ClientId, &self.client_id)?;
        if let Some(audience) = &self.audience {
            if audience.is_empty()
                || audience.chars().count() > MAX_AUDIENCE
                || audience.chars().any(char::is_control)
            {
                return Err(ProfileError::BadText {
                    field: TextField::Audience,
                    value: audience.chars().take(MAX_IDENTIFIER).collect(),
                    problem: "must be 1 to 2048 characters with no line breaks or other control characters",
                });
            }
        }
        if let ManagementAccess::ClientCredentials { client_id } = &self.management {
            check_identifier(TextField::ManagementClientId, client_id)?;
        }
        if self.callback_port < 1024 {
            return Err(ProfileError::BadCallbackPort(self.callback_port));
        }
        if let Some(scope) = self
            .scopes
            .iter()
            .find(|s| s.is_empty() || s.contains(|c: char| c.is_whitespace() || c.is_control()))
        {
            return Err(ProfileError::BadScope(scope.clone()));
        }
        if let Some(neo4j) = &self.neo4j {
            neo4j.validate()?;
        }
        Ok(())
    }

    /// The redirect URI to register in the Auth0 application's "Allowed Callback URLs".
    pub fn callback_url(&self) -> String {
        format!("http://127.0.0.1:{}/callback", self.callback_port)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_domain_becomes_https_issuer_with_trailing_slash() {
        let issuer = Issuer::parse("acme.eu.auth0.com").unwrap();
        assert_eq!(issuer.as_str(), "https://acme.eu.auth0.com/");
        assert!(!issuer.is_loopback());
    }

    #[test]
    fn derived_tenant_urls() {
        for input in ["acme.auth0.com", "https://acme.auth0.com"] {
            let issuer = Issuer::parse(input).unwrap();
            assert_eq!(
                issuer.discovery_url(),
                "https://acme.auth0.com/.well-known/openid-configuration"
            );
            assert_eq!(
                issuer.management_audience(),
                "https://acme.auth0.com/api/v2/"
            );
        }
    }

    #[test]
    fn https_issuer_kept_exactly() {
        for input in ["https://login.acme.com/", "https://acme.auth0.com"] {
            assert_eq!(Issuer::parse(input).unwrap().as_str(), input);
        }
    }

    #[test]
    fn http_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:4000/",
            "http://localhost:4000",
            "http://[::1]:4000/",
            "http://127.0.0.9/",
        ] {
            let issuer = Issuer::parse(ok).unwrap();
            assert!(issuer.is_loopback(), "{ok}");
        }
        for bad in [
            "http://acme.auth0.com/",
            "http://10.0.0.1/",
            "ftp://127.0.0.1/",
            "http://localhost.evil.com/",
        ] {
            assert_eq!(
                Issuer::parse(bad),
                Err(ProfileError::IssuerNotHttps(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn credentials_in_urls_are_refused_and_never_repeated() {
        for input in [
            "https://admin:hunter2@acme.auth0.com/",
            "https://admin@acme.auth0.com/",
            "http://u:hunter2@127.0.0.1:4000/",
        ] {
            let err = Issuer::parse(input).unwrap_err();
            assert_eq!(err, ProfileError::CredentialsInUrl(UrlField::Issuer));
            assert!(!err.to_string().contains("hunter2"), "{err}");
        }
        let settings = Neo4jSettings {
            uri: "neo4j+s://neo4j:hunter2@graph.example:7687".into(),
            user: "neo4j".into(),
            database: None,
            mapping: GraphMapping::default(),
        };
        let err = settings.validate().unwrap_err();
        assert_eq!(err, ProfileError::CredentialsInUrl(UrlField::Neo4jUri));
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn identifiers_have_no_line_breaks_or_controls() {
        for bad in ["abc\ndef", "abc\u{1b}[2J", "a b", "\t", &"x".repeat(257)] {
            assert!(
                matches!(
                    check_identifier(TextField::ClientId, bad),
                    Err(ProfileError::BadText { .. })
                ),
                "{bad:?}"
            );
        }
        check_identifier(TextField::ClientId, "idlens-desktop").unwrap();
        check_identifier(TextField::ClientId, "0oa1b2c3@clients.example").unwrap();
    }

    #[test]
    fn issuer_rejects_garbage_and_queries() {
        assert!(matches!(
            Issuer::parse("https://"),
            Err(ProfileError::IssuerNotUrl(_))
        ));
        assert!(matches!(
            Issuer::parse("https://a.com/?x=1"),
            Err(ProfileError::IssuerHasQuery(_))
        ));
    }

    #[test]
    fn profile_names() {
        for ok in ["prod", "acme-eu.staging", "t_1"] {
            ProfileName::parse(ok).unwrap();
        }
        for bad in ["", ".hidden", "a/b", "has space", &"x".repeat(65)] {
            assert!(ProfileName::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn validation_catches_each_field() {
        let base = Profile {
            name: ProfileName::parse("p").unwrap(),
            issuer: Issuer::parse("acme.auth0.com").unwrap(),
            provider: ProviderSetting::Auto,
            client_id: "abc".into(),
            audience: None,
            callback_port: DEFAULT_CALLBACK_PORT,
            scopes: vec!["read:users".into()],
            management: ManagementAccess::Disabled,
            neo4j: None,
            export_job_deadline: JobDeadline::default(),
            log_retention_days: Some(30),
        };
        base.validate().unwrap();
        let mut p = base.clone();
        p.log_retention_days = Some(0);
        assert_eq!(p.validate(), Err(ProfileError::BadLogRetention(0)));
        assert_eq!(base.callback_url(), "http://127.0.0.1:53134/callback");

        let mut p = base.clone();
        p.client_id = " ".into();
        assert_eq!(p.validate(), Err(ProfileError::EmptyClientId));

        let mut p = base.clone();
        p.callback_port = 80;
        assert_eq!(p.validate(), Err(ProfileError::BadCallbackPort(80)));

        let mut p = base.clone();
        p.scopes = vec!["read:users write:users".into()];
        assert!(matches!(p.validate(), Err(ProfileError::BadScope(_))));

        let mut p = base.clone();
        p.client_id = "abc\nVALID".into();
        assert!(matches!(
            p.validate(),
            Err(ProfileError::BadText {
                field: TextField::ClientId,
                ..
            })
        ));

        let mut p = base.clone();
        p.management = ManagementAccess::ClientCredentials {
            client_id: "m2m\r".into(),
        };
        assert!(matches!(
            p.validate(),
            Err(ProfileError::BadText {
                field: TextField::ManagementClientId,
                ..
            })
        ));

        let mut p = base.clone();
        p.audience = Some("https://api\u{1b}[2J".into());
        assert!(matches!(
            p.validate(),
            Err(ProfileError::BadText {
                field: TextField::Audience,
                ..
            })
        ));

        let mut p = base;
        p.neo4j = Some(Neo4jSettings {
            uri: "http://graph:7474".into(),
            user: "neo4j".into(),
            database: None,
            mapping: GraphMapping::default(),
        });
        assert!(matches!(p.validate(), Err(ProfileError::BadNeo4jUri(_))));
    }
}
