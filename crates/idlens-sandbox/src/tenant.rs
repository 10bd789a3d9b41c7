//! The sandbox tenant's data: users (in Auth0's Management API shape), roles,
//! the API and the registered applications. Generated deterministically from
//! a seed, so tests can rely on it; the Management API reuses this model.

use chrono::{DateTime, Duration, TimeZone, Utc};
use idlens_secret::Secret;
use serde::Serialize;
use serde_json::Value;

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

/// The moment the seeded data is "now": timestamps never depend on the real clock.
fn seed_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .expect("a valid date")
}

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
    /// IDs of the roles assigned to the user (served by the Management API's roles endpoints).
    #[serde(skip)]
    pub role_ids: Vec<String>,
}

impl User {
    /// The connection of the primary identity.
    pub fn connection(&self) -> &str {
        &self.identities[0].connection
    }
}

/// A role with permissions on the sandbox API.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(skip)]
    pub permissions: Vec<String>,
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
}

impl ResourceServer {
    /// RBAC with "Add Permissions in the Access Token".
    pub fn adds_permissions(&self) -> bool {
        self.enforce_policies && self.token_dialect == "access_token_authz"
    }
}

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
    pub api: ResourceServer,
    pub clients: Vec<Client>,
    pub sign_in_users: Vec<SignInUser>,
}

impl Tenant {
    /// Builds the tenant from `seed`. `extra_callbacks` are registered for
    /// `idlens-desktop` beside [`DEFAULT_CALLBACK`].
    pub fn seeded(seed: u64, extra_callbacks: &[String]) -> Self {
        let mut rng = SeedRng::new(seed);
        let roles = roles();
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
                    "read:resource_servers",
                    "create:users_exports",
                    "read:users_exports",
                ]
                .map(str::to_owned)
                .to_vec(),
                api_scopes: vec!["read:users".to_owned(), "read:graph".to_owned()],
            },
        ];
        let (users, sign_in_users) = users(&mut rng, &roles);
        Self {
            users,
            roles,
            api: api(),
            clients,
            sign_in_users,
        }
    }

    pub fn client(&self, client_id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.client_id == client_id)
    }

    pub fn user(&self, user_id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.user_id == user_id)
    }

    /// The database user with this e-mail and password, if they are a documented sign-in user.
    pub fn sign_in(&self, email: &str, password: &str) -> Option<&User> {
        let email = email.trim();
        self.sign_in_users
            .iter()
            .find(|s| s.email.eq_ignore_ascii_case(email) && s.password == password)
            .and_then(|s| self.user(&s.user_id))
    }

    /// The permissions `user` has on the sandbox API through their roles, sorted.
    pub fn permissions(&self, user: &User) -> Vec<String> {
        let mut out: Vec<String> = self
            .roles
            .iter()
            .filter(|r| user.role_ids.contains(&r.id))
            .flat_map(|r| r.permissions.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn api() -> ResourceServer {
    let scopes = [
        ("read:users", "Read users and their identities"),
        ("read:roles", "Read roles and their permissions"),
        ("read:graph", "Read the user graph"),
        ("write:graph", "Change the user graph"),
        ("read:tokens", "Decode and verify tokens for support cases"),
        ("run:audit", "Run the Auth0 and graph sync audit"),
    ]
    .map(|(value, description)| ApiScope {
        value: value.to_owned(),
        description: description.to_owned(),
    })
    .to_vec();
    ResourceServer {
        id: "6553f0a1c2d4e5f6a7b8c9d0".to_owned(),
        name: "IdLens API".to_owned(),
        identifier: API_AUDIENCE.to_owned(),
        scopes,
        signing_alg: "RS256".to_owned(),
        enforce_policies: true,
        token_dialect: "access_token_authz".to_owned(),
    }
}

fn roles() -> Vec<Role> {
    let role = |id: &str, name: &str, description: &str, permissions: &[&str]| Role {
        id: id.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        permissions: permissions.iter().map(|p| (*p).to_owned()).collect(),
    };
    vec![
        role(
            "rol_Adm1nSandbox0001",
            "Admin",
            "Full access to IdLens",
            &[
                "read:users",
                "read:roles",
                "read:graph",
                "write:graph",
                "read:tokens",
                "run:audit",
            ],
        ),
        role(
            "rol_Supp0rtSandbox02",
            "Support",
            "Support desk: users and tokens",
            &["read:users", "read:tokens"],
        ),
        role(
            "rol_Aud1torSandbox03",
            "Auditor",
            "Read-only audits",
            &["read:users", "read:roles", "read:graph", "run:audit"],
        ),
    ]
}

/// splitmix64: small, fast and stable across platforms and releases, which a
/// seeded tenant needs more than statistical quality.
struct SeedRng(u64);

impl SeedRng {
    fn new(seed: u64) -> Self {
        Self(seed ^ 0x1d1e_25a7_d0c5_eed5)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn hex(&mut self, len: usize) -> String {
        let mut out = String::new();
        while out.len() < len {
            out.push_str(&format!("{:016x}", self.next()));
        }
        out.truncate(len);
        out
    }

    fn digits(&mut self, len: usize) -> String {
        let mut out = String::from(char::from(b'1' + self.below(9) as u8));
        while out.len() < len {
            out.push(char::from(b'0' + self.below(10) as u8));
        }
        out
    }
}

const FIRST: &[&str] = &[
    "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Mia", "Lucas",
    "Isla", "Mateo", "Freya", "Arjun", "Priya", "Chen", "Mei", "Hiroshi", "Yuki", "Fatima", "Omar",
    "Lena", "Jonas", "Ines", "Tomás", "Zanele", "Kwame", "Sofia", "Mikael", "Aisha", "Diego",
    "Noor", "Anders", "Chloé", "Rafael", "Hana", "Ivan", "Leila", "Marta", "Sven",
];
const LAST: &[&str] = &[
    "Smith",
    "García",
    "Müller",
    "Rossi",
    "Nakamura",
    "Okafor",
    "Patel",
    "Kim",
    "Nguyen",
    "Johansson",
    "Dubois",
    "Kowalski",
    "Silva",
    "O'Brien",
    "Haddad",
    "Novak",
    "Santos",
    "Larsen",
    "Fischer",
    "Moreau",
    "Ivanova",
    "Tanaka",
    "Mensah",
    "Costa",
    "Bauer",
    "Lindqvist",
    "Chen",
    "Ali",
    "Romero",
    "Walsh",
];
const WORK_DOMAINS: &[&str] = &["acme.test", "globex.test", "initech.test", "umbrella.test"];
const PERSONAL_DOMAINS: &[&str] = &["mail.test", "inbox.test", "post.test"];

fn ascii_slug(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'â' => Some('a'),
            'é' | 'è' => Some('e'),
            'í' => Some('i'),
            'ó' | 'ö' => Some('o'),
            'ú' | 'ü' => Some('u'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// One person before they become one or more Auth0 users.
struct Person {
    first: String,
    last: String,
    email: String,
}

struct UserDraft<'a> {
    provider: &'a str,
    person: &'a Person,
    verified: bool,
    created: DateTime<Utc>,
    logins: u32,
    role_ids: Vec<String>,
}

fn build_user(rng: &mut SeedRng, d: UserDraft<'_>) -> User {
    let (id, identity_id, connection, social): (String, Value, &str, bool) = match d.provider {
        "google-oauth2" => {
            let id = rng.digits(21);
            (id.clone(), Value::String(id), "google-oauth2", true)
        }
        "github" => {
            let n = 1_000_000 + rng.below(90_000_000);
            (n.to_string(), Value::from(n), "github", true)
        }
        _ => {
            let id = rng.hex(24);
            (id.clone(), Value::String(id), DATABASE_CONNECTION, false)
        }
    };
    let last_login = if d.logins <= 1 {
        d.created
    } else {
        let span = (seed_epoch() - d.created).num_minutes().max(1) as u64;
        d.created + Duration::minutes(rng.below(span) as i64)
    };
    let name = format!("{} {}", d.person.first, d.person.last);
    let nickname = d.person.email.split('@').next().unwrap_or("").to_owned();
    let picture = match d.provider {
        "google-oauth2" => format!("https://lh3.googleusercontent.test/a/{}", rng.hex(20)),
        "github" => format!("https://avatars.githubusercontent.test/u/{id}?v=4"),
        _ => format!(
            "https://s.gravatar.test/avatar/{}?s=480&r=pg&d=identicon",
            rng.hex(32)
        ),
    };
    User {
        user_id: format!("{}|{}", d.provider, id),
        email: d.person.email.clone(),
        email_verified: d.verified,
        name,
        given_name: d.person.first.clone(),
        family_name: d.person.last.clone(),
        nickname,
        picture,
        created_at: timestamp(d.created),
        updated_at: timestamp(last_login),
        last_login: timestamp(last_login),
        logins_count: d.logins,
        identities: vec![Identity {
            provider: d.provider.to_owned(),
            user_id: identity_id,
            connection: connection.to_owned(),
            is_social: social,
            profile_data: None,
        }],
        app_metadata: serde_json::json!({}),
        user_metadata: serde_json::json!({}),
        role_ids: d.role_ids,
    }
}

/// A documented sign-in user before it becomes a [`User`].
struct Documented {
    first: &'static str,
    last: &'static str,
    email: &'static str,
    password: &'static str,
    about: &'static str,
    verified: bool,
    /// Indexes into [`roles`].
    roles: &'static [usize],
}

const DOCUMENTED: [Documented; 4] = [
    Documented {
        first: "Ada",
        last: "Admin",
        email: "ada.admin@idlens.test",
        password: "sandbox-admin",
        about: "Admin role: every permission on the IdLens API.",
        verified: true,
        roles: &[0],
    },
    Documented {
        first: "Sam",
        last: "Support",
        email: "sam.support@idlens.test",
        password: "sandbox-support",
        about: "Support role: read:users and read:tokens.",
        verified: true,
        roles: &[1],
    },
    Documented {
        first: "Nora",
        last: "Newhire",
        email: "nora.newhire@idlens.test",
        password: "sandbox-norole",
        about: "No roles, so no permissions on the IdLens API.",
        verified: true,
        roles: &[],
    },
    Documented {
        first: "Uma",
        last: "Unverified",
        email: "uma.unverified@idlens.test",
        password: "sandbox-unverified",
        about: "Auditor role; her e-mail address is not verified.",
        verified: false,
        roles: &[2],
    },
];

/// How many people the seeded tenant is made of (some have several users).
const PEOPLE: usize = 260;

fn users(rng: &mut SeedRng, roles: &[Role]) -> (Vec<User>, Vec<SignInUser>) {
    let mut users = Vec::new();
    let mut sign_in = Vec::new();
    let start = Utc
        .with_ymd_and_hms(2023, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid date");
    let span_minutes = (seed_epoch() - start).num_minutes() as u64;

    // The documented sign-in users come first, with fixed names and passwords.
    for d in DOCUMENTED {
        let (first, last, email, password, about, verified, role_idx) = (
            d.first, d.last, d.email, d.password, d.about, d.verified, d.roles,
        );
        let person = Person {
            first: first.to_owned(),
            last: last.to_owned(),
            email: email.to_owned(),
        };
        let created = start + Duration::minutes(rng.below(span_minutes / 2) as i64);
        let logins = 5 + rng.below(200) as u32;
        let user = build_user(
            rng,
            UserDraft {
                provider: "auth0",
                person: &person,
                verified,
                created,
                logins,
                role_ids: role_idx.iter().map(|i| roles[*i].id.clone()).collect(),
            },
        );
        sign_in.push(SignInUser {
            email: email.to_owned(),
            password: password.to_owned(),
            name: user.name.clone(),
            about: about.to_owned(),
            user_id: user.user_id.clone(),
        });
        users.push(user);
    }

    let mut seen = std::collections::HashSet::new();
    for n in 0..PEOPLE {
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let mut local = format!("{}.{}", ascii_slug(first), ascii_slug(last));
        if !seen.insert(local.clone()) {
            local = format!("{local}{n}");
        }
        let domain = if rng.chance(60) {
            rng.pick(WORK_DOMAINS)
        } else {
            rng.pick(PERSONAL_DOMAINS)
        };
        let person = Person {
            first: first.to_owned(),
            last: last.to_owned(),
            email: format!("{local}@{domain}"),
        };
        let roll = rng.below(100);
        // Which providers this person signed up with. Several = duplicate users
        // with the same e-mail, the trouble the audit looks for.
        let providers: &[&str] = match roll {
            0..=49 => &["auth0"],
            50..=71 => &["google-oauth2"],
            72..=83 => &["github"],
            84..=93 => &["auth0", "google-oauth2"],
            94..=96 => &["auth0", "github"],
            _ => &["auth0", "google-oauth2", "github"],
        };
        // Some people with several accounts have linked them: the secondary
        // identities live inside the primary user, which is then one user.
        let linked = providers.len() > 1 && rng.chance(35);
        let mut group: Vec<User> = Vec::new();
        for provider in providers {
            let created = start + Duration::minutes(rng.below(span_minutes) as i64);
            // Database users sometimes never verify; social ones come verified.
            let verified = *provider != "auth0" || !rng.chance(18);
            // About one in six never logged in again after signing up.
            let logins = if rng.chance(16) {
                1
            } else {
                2 + rng.below(120) as u32
            };
            let role_ids = if rng.chance(12) {
                vec![roles[1 + rng.below(2) as usize].id.clone()]
            } else {
                Vec::new()
            };
            group.push(build_user(
                rng,
                UserDraft {
                    provider,
                    person: &person,
                    verified,
                    created,
                    logins,
                    role_ids,
                },
            ));
        }
        if linked {
            let mut primary = group.remove(0);
            for secondary in group.drain(..) {
                let mut identity = secondary.identities[0].clone();
                identity.profile_data = Some(serde_json::json!({
                    "email": secondary.email,
                    "email_verified": secondary.email_verified,
                    "name": secondary.name,
                    "picture": secondary.picture,
                }));
                primary.identities.push(identity);
            }
            users.push(primary);
        } else {
            users.append(&mut group);
        }
    }
    (users, sign_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_tenant_and_the_trouble_is_there() {
        let a = Tenant::seeded(7, &[]);
        let b = Tenant::seeded(7, &[]);
        let ids = |t: &Tenant| {
            t.users
                .iter()
                .map(|u| u.user_id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b));
        assert_ne!(ids(&a), ids(&Tenant::seeded(8, &[])));
        assert!(a.users.len() >= 250, "{} users", a.users.len());
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
        let t = Tenant::seeded(7, &[]);
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
        assert_eq!(t.permissions(admin).len(), t.api.scopes.len());
    }
}
