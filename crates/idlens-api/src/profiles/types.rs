//! Boundary types of profiles: the settings as entered and as shown, which
//! secrets are stored, and the app's own facts.

use idlens_profile::{
    GraphMapping, KeychainStatus, ManagementAccess, Neo4jSettings, Neo4jTransportWarning, Profile,
    ProviderSetting, SecretKind,
};
use idlens_secret::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the app shows in its status bar and About box.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The profile file, shown so admins know what to back up.
    pub config_path: String,
    pub keychain: KeychainView,
    /// The loopback port a new profile gets unless one is entered.
    pub default_callback_port: u16,
    /// Scopes every sign-in requests; a profile's scopes are added to these.
    pub base_scopes: Vec<String>,
}

/// Where secrets are kept on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum KeychainView {
    Os,
    /// No OS keychain: secrets last until IdLens exits. `reason` says why.
    MemoryOnly {
        reason: String,
    },
}

impl From<KeychainStatus> for KeychainView {
    fn from(status: KeychainStatus) -> Self {
        match status {
            KeychainStatus::Os => KeychainView::Os,
            KeychainStatus::MemoryOnly { reason } => KeychainView::MemoryOnly { reason },
        }
    }
}

/// Every profile and which one is in use.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileList {
    pub profiles: Vec<ProfileView>,
    pub current: Option<String>,
    pub config_path: String,
    pub keychain: KeychainView,
}

/// One profile as the UI sees it: settings plus which secrets are stored
/// (presence only, never the values).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub name: String,
    pub issuer: String,
    pub provider: ProviderView,
    pub client_id: String,
    pub audience: Option<String>,
    pub callback_port: u16,
    /// The redirect URI to register in the Auth0 application.
    pub callback_url: String,
    /// Where the issuer's keys are found (`jwks_uri` in this document).
    pub discovery_url: String,
    /// The tenant's Management API audience (`https://{domain}/api/v2/`).
    pub management_audience: String,
    pub scopes: Vec<String>,
    pub management: ManagementInput,
    pub neo4j: Option<Neo4jInput>,
    /// What the Neo4j URI leaves unprotected in transit; `None` when it is
    /// safe or there is no graph.
    pub neo4j_transport_warning: Option<Neo4jTransportWarningView>,
    /// How long a users export job may take at Auth0 (`4h`, `90m`).
    pub export_job_deadline: String,
    /// Days of logs the tenant keeps; `None` when not said.
    pub log_retention_days: Option<u16>,
    pub stored_secrets: Vec<SecretKindView>,
}

impl ProfileView {
    pub fn new(profile: &Profile, stored_secrets: Vec<SecretKindView>) -> Self {
        Self {
            name: profile.name.to_string(),
            issuer: profile.issuer.to_string(),
            provider: profile.provider.into(),
            client_id: profile.client_id.clone(),
            audience: profile.audience.clone(),
            callback_port: profile.callback_port,
            callback_url: profile.callback_url(),
            discovery_url: profile.issuer.discovery_url(),
            management_audience: profile.issuer.management_audience(),
            scopes: profile.scopes.clone(),
            management: (&profile.management).into(),
            neo4j: profile.neo4j.as_ref().map(Into::into),
            neo4j_transport_warning: Neo4jTransportWarningView::of(profile.neo4j.as_ref()),
            export_job_deadline: profile.export_job_deadline.to_string(),
            log_retention_days: profile.log_retention_days,
            stored_secrets,
        }
    }
}

/// Which dialect of OAuth the identity provider speaks: Auth0 names the API
/// with `audience`, standard OpenID providers with an RFC 8707 `resource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProviderView {
    /// Auth0 for `*.auth0.com` issuers, standard OpenID otherwise.
    Auto,
    /// Auth0, also on a custom domain.
    Auth0,
    Oidc,
}

impl From<ProviderSetting> for ProviderView {
    fn from(p: ProviderSetting) -> Self {
        match p {
            ProviderSetting::Auto => Self::Auto,
            ProviderSetting::Auth0 => Self::Auth0,
            ProviderSetting::Oidc => Self::Oidc,
        }
    }
}

impl From<ProviderView> for ProviderSetting {
    fn from(p: ProviderView) -> Self {
        match p {
            ProviderView::Auto => Self::Auto,
            ProviderView::Auth0 => Self::Auth0,
            ProviderView::Oidc => Self::Oidc,
        }
    }
}

/// A profile as entered in Settings or on the command line.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    pub name: String,
    /// Tenant domain (`acme.eu.auth0.com`) or issuer URL.
    pub issuer: String,
    /// Default: `auto` (Auth0 for `*.auth0.com`, standard OpenID otherwise);
    /// kept as it is when updating.
    #[serde(default)]
    #[ts(optional)]
    pub provider: Option<ProviderView>,
    pub client_id: String,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub callback_port: Option<u16>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub management: Option<ManagementInput>,
    #[serde(default)]
    pub neo4j: Option<Neo4jInput>,
    /// How long a users export job may take at Auth0 before IdLens stops
    /// waiting: `30s`, `90m`, `4h`, `1h30m`, from 1s to 24h. Left out: kept
    /// as it is when updating; empty: the default, 4h.
    #[serde(default)]
    #[ts(optional)]
    pub export_job_deadline: Option<String>,
    /// Days of logs the tenant's plan keeps (1–365; Free 1, Essentials 5,
    /// Professional 10, Enterprise 30). Left out: kept as it is when
    /// updating; `0`: not said.
    #[serde(default)]
    #[ts(optional)]
    pub log_retention_days: Option<u16>,
}

/// How IdLens reaches the Management API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ManagementInput {
    Disabled,
    SignedInUser,
    #[serde(rename_all = "camelCase")]
    ClientCredentials {
        client_id: String,
    },
}

impl From<&ManagementAccess> for ManagementInput {
    fn from(m: &ManagementAccess) -> Self {
        match m {
            ManagementAccess::Disabled => Self::Disabled,
            ManagementAccess::SignedInUser => Self::SignedInUser,
            ManagementAccess::ClientCredentials { client_id } => Self::ClientCredentials {
                client_id: client_id.clone(),
            },
        }
    }
}

impl From<ManagementInput> for ManagementAccess {
    fn from(m: ManagementInput) -> Self {
        match m {
            ManagementInput::Disabled => Self::Disabled,
            ManagementInput::SignedInUser => Self::SignedInUser,
            ManagementInput::ClientCredentials { client_id } => Self::ClientCredentials {
                client_id: client_id.trim().to_owned(),
            },
        }
    }
}

/// Neo4j connection settings (the password is stored separately, in the keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Neo4jInput {
    pub uri: String,
    pub user: String,
    #[serde(default)]
    pub database: Option<String>,
    /// Default: label `User`, id `sub`, e-mail `email`, name `name`,
    /// e-mail-verified `email_verified`.
    #[serde(default)]
    #[ts(optional)]
    pub mapping: Option<GraphMappingInput>,
}

/// How the graph stores users: the label and property names (letters,
/// digits and `_`). An empty name or e-mail-verified property means the
/// graph keeps none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphMappingInput {
    pub label: String,
    pub id_property: String,
    pub email_property: String,
    pub name_property: String,
    pub email_verified_property: String,
}

impl Default for GraphMappingInput {
    fn default() -> Self {
        (&GraphMapping::default()).into()
    }
}

impl From<&GraphMapping> for GraphMappingInput {
    fn from(m: &GraphMapping) -> Self {
        Self {
            label: m.label.clone(),
            id_property: m.id_property.clone(),
            email_property: m.email_property.clone(),
            name_property: m.name_property.clone(),
            email_verified_property: m.email_verified_property.clone(),
        }
    }
}

impl From<GraphMappingInput> for GraphMapping {
    fn from(m: GraphMappingInput) -> Self {
        Self {
            label: m.label.trim().to_owned(),
            id_property: m.id_property.trim().to_owned(),
            email_property: m.email_property.trim().to_owned(),
            name_property: m.name_property.trim().to_owned(),
            email_verified_property: m.email_verified_property.trim().to_owned(),
        }
    }
}

impl From<&Neo4jSettings> for Neo4jInput {
    fn from(n: &Neo4jSettings) -> Self {
        Self {
            uri: n.uri.clone(),
            user: n.user.clone(),
            database: n.database.clone(),
            mapping: Some((&n.mapping).into()),
        }
    }
}

impl From<Neo4jInput> for Neo4jSettings {
    fn from(n: Neo4jInput) -> Self {
        Self {
            uri: n.uri.trim().to_owned(),
            user: n.user.trim().to_owned(),
            database: n.database.filter(|d| !d.trim().is_empty()),
            mapping: n.mapping.map(Into::into).unwrap_or_default(),
        }
    }
}

/// A Neo4j URI that leaves the password and the graph's data unprotected
/// on the network. IdLens still connects; screens and the CLI show `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Neo4jTransportWarningView {
    pub kind: Neo4jTransportKind,
    /// What travels unprotected and which scheme to use instead.
    pub message: String,
}

impl Neo4jTransportWarningView {
    /// The warning for a profile's graph settings, if any.
    pub fn of(settings: Option<&Neo4jSettings>) -> Option<Self> {
        let warning = settings?.transport_warning()?;
        Some(Self {
            kind: match warning {
                Neo4jTransportWarning::Plaintext => Neo4jTransportKind::Plaintext,
                Neo4jTransportWarning::CertificateNotVerified => {
                    Neo4jTransportKind::CertificateNotVerified
                }
            },
            message: warning.to_string(),
        })
    }
}

/// Why a Neo4j connection is unprotected (to a host other than this machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Neo4jTransportKind {
    /// `neo4j://` or `bolt://`: not encrypted.
    Plaintext,
    /// `neo4j+ssc://` or `bolt+ssc://`: encrypted, any certificate accepted.
    CertificateNotVerified,
}

/// Which secret of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SecretKindView {
    RefreshToken,
    ManagementClientSecret,
    Neo4jPassword,
}

impl From<SecretKindView> for SecretKind {
    fn from(k: SecretKindView) -> Self {
        match k {
            SecretKindView::RefreshToken => SecretKind::RefreshToken,
            SecretKindView::ManagementClientSecret => SecretKind::ManagementClientSecret,
            SecretKindView::Neo4jPassword => SecretKind::Neo4jPassword,
        }
    }
}

impl From<SecretKind> for SecretKindView {
    fn from(k: SecretKind) -> Self {
        match k {
            SecretKind::RefreshToken => SecretKindView::RefreshToken,
            SecretKind::ManagementClientSecret => SecretKindView::ManagementClientSecret,
            SecretKind::Neo4jPassword => SecretKindView::Neo4jPassword,
        }
    }
}

/// A secret typed into Settings, on its way to the keychain. Deserialize only.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecretInput {
    pub profile: String,
    pub kind: SecretKindView,
    #[ts(type = "string")]
    pub value: Secret,
}

/// Where a secret ended up.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecretStored {
    pub kind: SecretKindView,
    pub keychain: KeychainView,
}
