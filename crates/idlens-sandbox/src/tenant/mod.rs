//! The sandbox tenant's data: users (in Auth0's Management API shape), roles,
//! APIs and the registered applications. Generated deterministically from a
//! seed, so tests can rely on it; the Authentication and Management APIs both
//! serve this model.

pub mod mfa;
mod people;
pub mod rbac;
mod seed;

use idlens_secret::Secret;
use serde::Serialize;
use serde_json::Value;

pub(crate) use seed::SeedRng;

/// The client ID of the Native application IdLens signs in with.
pub const DESKTOP_CLIENT_ID: &str = "idlens-desktop";
/// The client ID of the machine-to-machine application.
pub const M2M_CLIENT_ID: &str = "idlens-m2m";
/// The identifier (audience) of the sandbox's own API.
pub const API_AUDIENCE: &str = "https://api.idlens.test/";
/// The callback IdLens registers by default for browser sign-in.
pub const DEFAULT_CALLBACK: &str = "http://127.0.0.1:53134/callback";
/// The database connection's name, as in a new Auth0 tenant.
pub const DATABASE_CONNECTION: &str = "Username-Password-Authentication";

/// The client ID of a machine-to-machine application granted `read:users`
/// only: what IdLens shows when a scope is missing.
pub const LIMITED_M2M_CLIENT_ID: &str = "idlens-m2m-limited";

/// One identity of a user: the primary one first, linked secondary ones after it.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    pub provider: String,
    /// A string for most providers; a number for GitHub, as Auth0 returns it.
    pub user_id: Value,
    pub connection: String,
    #[serde(rename = "isSocial")]
    pub is_social: bool,
    /// The linked account's profile (secondary identities only).
    #[serde(rename = "profileData", skip_serializing_if = "Option::is_none")]
    pub profile_data: Option<Value>,
}

/// A user as Auth0's Management API returns it.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub user_id: String,
    pub email: String,
    pub email_verified: bool,
    pub name: String,
    pub given_name: String,
    pub family_name: String,
    pub nickname: String,
    pub picture: String,
    pub created_at: String,
    pub updated_at: String,
    pub last_login: String,
    pub logins_count: u32,
    pub identities: Vec<Identity>,
    pub app_metadata: Value,
    pub user_metadata: Value,
    /// Blocked by an administrator (`PATCH users/{id}` `{blocked: true}`):
    /// sign-in fails with `f` "user is blocked" until it is unset; it never
    /// expires, and removing brute-force blocks does not clear it. Auth0
    /// returns the field only once it has been set.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub blocked: bool,
    /// The IP of the last sign-in at the sandbox (Auth0 shows it once
    /// the user has signed in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_ip: Option<String>,
    /// MFA enrollments, confirmed and partial (`GET
    /// users/{id}/authentication-methods`).
    #[serde(skip)]
    pub authentication_methods: Vec<mfa::AuthenticationMethod>,
    /// IDs of the roles assigned to the user (served by the Management API's roles endpoints).
    #[serde(skip)]
    pub role_ids: Vec<String>,
    /// Permissions assigned to the user directly, not through a role.
    #[serde(skip)]
    pub direct_permissions: Vec<Permission>,
}

impl User {
    /// The connection of the primary identity.
    pub fn connection(&self) -> &str {
        &self.identities[0].connection
    }
}

/// A permission: a scope of one API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Permission {
    /// The API's identifier (audience).
    pub api: String,
    pub name: String,
}

/// A role with permissions on the tenant's APIs.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(skip)]
    pub permissions: Vec<Permission>,
}

/// A scope of an API (`{value, description}`, as in `GET resource-servers`).
#[derive(Debug, Clone, Serialize)]
pub struct ApiScope {
    pub value: String,
    pub description: String,
}

/// An API (resource server) tokens can be requested for.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceServer {
    pub id: String,
    pub name: String,
    pub identifier: String,
    pub scopes: Vec<ApiScope>,
    pub signing_alg: String,
    pub enforce_policies: bool,
    pub token_dialect: String,
    /// Auth0's own APIs (the Management API).
    pub is_system: bool,
}

impl ResourceServer {
    /// RBAC with "Add Permissions in the Access Token".
    pub fn adds_permissions(&self) -> bool {
        self.enforce_policies && self.token_dialect == "access_token_authz"
    }
}

/// A connection (identity provider) users sign in through, as
/// `GET /api/v2/connections` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Connection {
    /// `con_` and 16 letters or digits, as Auth0's.
    pub id: String,
    pub name: String,
    /// `auth0` for a database connection, else the provider (`google-oauth2`, `github`).
    pub strategy: String,
    pub is_social: bool,
}

/// The fixed IDs of the seeded tenant's connections.
const CONNECTION_IDS: &[(&str, &str)] = &[
    (DATABASE_CONNECTION, "con_Us3rPassw0rdSnbx"),
    ("google-oauth2", "con_G00gleOauth2Sndb"),
    ("github", "con_G1thubSandbox001"),
];

/// What kind of application a client is, as Auth0 names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppType {
    Native,
    NonInteractive,
}

/// A registered application.
#[derive(Debug, Clone)]
pub struct Client {
    pub client_id: String,
    pub name: String,
    pub app_type: AppType,
    /// `None` for public clients.
    pub client_secret: Option<Secret>,
    pub callbacks: Vec<String>,
    pub grant_types: Vec<String>,
    /// Management API scopes granted to a machine-to-machine client.
    pub management_scopes: Vec<String>,
    /// Scopes of the sandbox API granted to a machine-to-machine client.
    pub api_scopes: Vec<String>,
}

impl Client {
    pub fn allows_grant(&self, grant: &str) -> bool {
        self.grant_types.iter().any(|g| g == grant)
    }
}

/// A documented sign-in user, whose password the login page shows.
#[derive(Debug, Clone, Serialize)]
pub struct SignInUser {
    pub email: String,
    /// Shown on the login page: this is a sandbox.
    pub password: String,
    pub name: String,
    /// What this user is for, in one sentence.
    pub about: String,
    #[serde(skip)]
    pub user_id: String,
}

/// Everything the tenant holds.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub users: Vec<User>,
    pub roles: Vec<Role>,
    /// The APIs; the first is the IdLens API, the last the Management API.
    pub apis: Vec<ResourceServer>,
    pub clients: Vec<Client>,
    pub sign_in_users: Vec<SignInUser>,
    /// Passwords set through a password-change ticket, by user ID, for
    /// users the login page does not document (a documented user's
    /// new password replaces the one the page shows).
    pub passwords: std::collections::HashMap<String, String>,
}

impl Tenant {
    /// Builds the tenant from `seed`. `extra_callbacks` are registered for
    /// `idlens-desktop` beside [`DEFAULT_CALLBACK`].
    pub fn seeded(seed: u64, issuer: &str, extra_callbacks: &[String]) -> Self {
        let mut rng = SeedRng::new(seed);
        let roles = rbac::roles();
        let mut callbacks = vec![DEFAULT_CALLBACK.to_owned()];
        callbacks.extend(extra_callbacks.iter().cloned());
        let m2m_secret = format!("sandbox-m2m-secret-{:016x}{:016x}", rng.next(), rng.next());
        let clients = vec![
            Client {
                client_id: DESKTOP_CLIENT_ID.to_owned(),
                name: "IdLens Desktop".to_owned(),
                app_type: AppType::Native,
                client_secret: None,
                callbacks,
                grant_types: vec![
                    "authorization_code".to_owned(),
                    "refresh_token".to_owned(),
                    "urn:ietf:params:oauth:grant-type:device_code".to_owned(),
                ],
                management_scopes: Vec::new(),
                api_scopes: Vec::new(),
            },
            Client {
                client_id: M2M_CLIENT_ID.to_owned(),
                name: "IdLens Sync (M2M)".to_owned(),
                app_type: AppType::NonInteractive,
                client_secret: Some(Secret::new(m2m_secret)),
                callbacks: Vec::new(),
                grant_types: vec!["client_credentials".to_owned()],
                management_scopes: [
                    "read:users",
                    "update:users",
                    "read:roles",
                    "read:connections",
                    "read:resource_servers",
                    "create:users_exports",
                    "read:users_exports",
                    "read:logs",
                    "read:logs_users",
                    "read:attack_protection",
                    "update:attack_protection",
                    "read:authentication_methods",
                    "delete:authentication_methods",
                    "create:user_tickets",
                    "read:sessions",
                    "delete:sessions",
                    "read:refresh_tokens",
                    "delete:refresh_tokens",
                ]
                .map(str::to_owned)
                .to_vec(),
                api_scopes: vec!["read:users".to_owned(), "read:graph".to_owned()],
            },
            Client {
                client_id: LIMITED_M2M_CLIENT_ID.to_owned(),
                name: "IdLens Reports (M2M, users only)".to_owned(),
                app_type: AppType::NonInteractive,
                client_secret: Some(Secret::new(format!(
                    "sandbox-m2m-limited-secret-{:016x}",
                    rng.next()
                ))),
                callbacks: Vec::new(),
                grant_types: vec!["client_credentials".to_owned()],
                management_scopes: vec!["read:users".to_owned()],
                api_scopes: Vec::new(),
            },
        ];
        let (mut users, sign_in_users) = people::users(&mut rng, &roles);
        rbac::assign(seed, &mut users, &roles);
        mfa::seed(&mut users, &sign_in_users);
        Self {
            users,
            roles,
            apis: rbac::apis(issuer),
            clients,
            sign_in_users,
            passwords: std::collections::HashMap::new(),
        }
    }

    /// The IdLens API, which sign-in asks tokens for.
    pub fn api(&self) -> &ResourceServer {
        &self.apis[0]
    }

    /// The API with this identifier (audience).
    pub fn resource_server(&self, identifier: &str) -> Option<&ResourceServer> {
        self.apis.iter().find(|a| a.identifier == identifier)
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn client(&self, client_id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.client_id == client_id)
    }

    pub fn user(&self, user_id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.user_id == user_id)
    }

    /// The connections the tenant's users sign in with (every identity's,
    /// linked ones included), by name; the database connection first.
    pub fn connections(&self) -> Vec<Connection> {
        let mut names: Vec<(&str, bool)> = Vec::new();
        for identity in self.users.iter().flat_map(|u| &u.identities) {
            if !names.iter().any(|(n, _)| *n == identity.connection) {
                names.push((&identity.connection, identity.is_social));
            }
        }
        names.sort_by_key(|(n, _)| (*n != DATABASE_CONNECTION, n.to_string()));
        names
            .into_iter()
            .map(|(name, is_social)| Connection {
                id: CONNECTION_IDS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, id)| (*id).to_owned())
                    .unwrap_or_else(|| connection_id_of(name)),
                name: name.to_owned(),
                strategy: if name == DATABASE_CONNECTION {
                    "auth0".to_owned()
                } else {
                    name.to_owned()
                },
                is_social,
            })
            .collect()
    }

    /// The connection with this ID.
    pub fn connection_by_id(&self, id: &str) -> Option<Connection> {
        self.connections().into_iter().find(|c| c.id == id)
    }

    /// The database user with this e-mail and password: a documented
    /// sign-in user's password, or one set through a password-change ticket.
    pub fn sign_in(&self, email: &str, password: &str) -> Option<&User> {
        let email = email.trim();
        let user = self.users.iter().find(|u| {
            u.connection() == DATABASE_CONNECTION && u.email.eq_ignore_ascii_case(email)
        })?;
        let expected = self.passwords.get(&user.user_id).or_else(|| {
            self.sign_in_users
                .iter()
                .find(|s| s.user_id == user.user_id)
                .map(|s| &s.password)
        })?;
        (expected == password).then_some(user)
    }

    /// Sets a database user's password (a password-change ticket): a
    /// documented user's page entry shows the new one.
    pub fn set_password(&mut self, user_id: &str, password: &str) {
        match self.sign_in_users.iter_mut().find(|s| s.user_id == user_id) {
            Some(documented) => documented.password = password.to_owned(),
            None => {
                self.passwords
                    .insert(user_id.to_owned(), password.to_owned());
            }
        }
    }

    pub fn user_mut(&mut self, user_id: &str) -> Option<&mut User> {
        self.users.iter_mut().find(|u| u.user_id == user_id)
    }

    /// The permissions `user` has on the API `audience`, through roles or
    /// directly, sorted; scopes the API no longer defines are not granted.
    pub fn permissions(&self, user: &User, audience: &str) -> Vec<String> {
        let defined = |name: &str| {
            self.resource_server(audience)
                .is_some_and(|api| api.scopes.iter().any(|s| s.value == name))
        };
        let mut out: Vec<String> = self
            .roles
            .iter()
            .filter(|r| user.role_ids.contains(&r.id))
            .flat_map(|r| r.permissions.iter())
            .chain(&user.direct_permissions)
            .filter(|p| p.api == audience && defined(&p.name))
            .map(|p| p.name.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// `secs` (UNIX seconds) as Auth0 writes times: `2026-11-01T00:00:00.000Z`.
pub(crate) fn timestamp_secs(secs: i64) -> String {
    use chrono::TimeZone;
    chrono::Utc
        .timestamp_opt(secs, 0)
        .single()
        .map(people::timestamp)
        .unwrap_or_default()
}

/// A stable `con_…` ID for a connection the fixed table does not name.
fn connection_id_of(name: &str) -> String {
    // FNV-1a, twice, as 16 hex digits: stable across runs and platforms.
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for b in name.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("con_{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUER: &str = "http://127.0.0.1:4000/";

    #[test]
    fn same_seed_same_tenant_and_the_trouble_is_there() {
        let a = Tenant::seeded(7, ISSUER, &[]);
        let b = Tenant::seeded(7, ISSUER, &[]);
        let ids = |t: &Tenant| {
            t.users
                .iter()
                .map(|u| u.user_id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b));
        assert_ne!(ids(&a), ids(&Tenant::seeded(8, ISSUER, &[])));
        assert!(a.users.len() >= 1_200, "{} users", a.users.len());
        let unique: std::collections::HashSet<_> = ids(&a).into_iter().collect();
        assert_eq!(unique.len(), a.users.len(), "user IDs are unique");
        for provider in ["auth0|", "google-oauth2|", "github|"] {
            assert!(a.users.iter().any(|u| u.user_id.starts_with(provider)));
        }
        assert!(a.users.iter().any(|u| !u.email_verified));
        assert!(a.users.iter().any(|u| u.identities.len() > 1));
        assert!(a.users.iter().any(|u| u.logins_count == 1));
        let mut emails = std::collections::HashMap::<&str, usize>::new();
        for u in &a.users {
            *emails.entry(&u.email).or_default() += 1;
        }
        assert!(
            emails.values().any(|n| *n >= 3),
            "one e-mail on three providers"
        );
        let github = a
            .users
            .iter()
            .find(|u| u.user_id.starts_with("github|"))
            .unwrap();
        assert!(github.identities[0].user_id.is_number());
    }

    #[test]
    fn users_serialize_in_auth0s_shape() {
        let t = Tenant::seeded(7, ISSUER, &[]);
        let github = t
            .users
            .iter()
            .find(|u| u.user_id.starts_with("github|"))
            .unwrap();
        let json = serde_json::to_value(github).unwrap();
        let identity = &json["identities"][0];
        assert_eq!(identity["provider"], "github");
        assert_eq!(identity["connection"], "github");
        assert_eq!(identity["isSocial"], true);
        assert!(identity["user_id"].is_u64(), "GitHub IDs are numbers");
        assert_eq!(
            json["user_id"],
            format!("github|{}", identity["user_id"].as_u64().unwrap())
        );
        assert!(
            json.get("role_ids").is_none(),
            "roles are not part of a user"
        );
        assert!(json["created_at"].as_str().unwrap().ends_with('Z'));

        let linked = t.users.iter().find(|u| u.identities.len() > 1).unwrap();
        let json = serde_json::to_value(linked).unwrap();
        assert!(json["identities"][1]["profileData"]["email"].is_string());
        // A linked secondary account is not also a user of its own.
        let secondary = &linked.identities[1];
        let secondary_id = match &secondary.user_id {
            Value::String(s) => format!("{}|{s}", secondary.provider),
            other => format!("{}|{other}", secondary.provider),
        };
        assert!(t.user(&secondary_id).is_none());

        let admin = t.sign_in("ADA.admin@idlens.test", "sandbox-admin").unwrap();
        assert_eq!(admin.connection(), DATABASE_CONNECTION);
        assert!(t.sign_in("ada.admin@idlens.test", "wrong").is_none());
        assert_eq!(
            t.permissions(admin, API_AUDIENCE).len(),
            t.api().scopes.len()
        );
    }
}

#[cfg(test)]
mod rbac_tests {
    use super::*;

    #[test]
    fn the_rbac_model_has_every_finding_and_a_role_of_over_1000_members() {
        let t = Tenant::seeded(1, "http://127.0.0.1:4000/", &[]);
        let members = |id: &str| {
            t.users
                .iter()
                .filter(|u| u.role_ids.iter().any(|r| r == id))
                .count()
        };
        assert!(
            members(rbac::EVERYONE_ROLE_ID) > 1_000,
            "{}",
            members(rbac::EVERYONE_ROLE_ID)
        );
        let unused = t.roles.iter().find(|r| r.name == "Unused Role").unwrap();
        assert_eq!(members(&unused.id), 0);
        assert!(t.roles.iter().any(|r| r.permissions.is_empty()));
        assert!(t.users.iter().any(|u| !u.direct_permissions.is_empty()));
        // A role grants a scope its API no longer defines.
        let reports = t.resource_server(rbac::REPORTS_AUDIENCE).unwrap();
        assert!(t
            .roles
            .iter()
            .flat_map(|r| &r.permissions)
            .any(|p| p.api == reports.identifier
                && !reports.scopes.iter().any(|s| s.value == p.name)));
        // No role grants any of the Billing API's scopes.
        assert!(!t
            .roles
            .iter()
            .flat_map(|r| &r.permissions)
            .any(|p| p.api == rbac::BILLING_AUDIENCE));
        // The documented users have exactly the roles their page names.
        let nora = t
            .sign_in("nora.newhire@idlens.test", "sandbox-norole")
            .unwrap();
        assert!(nora.role_ids.is_empty() && nora.direct_permissions.is_empty());
    }
}
