//! The tenant's people: the documented sign-in users with fixed names and
//! passwords, then a crowd with the trouble the audit looks for (one person
//! on several providers, unverified e-mails, linked accounts, users who never
//! came back).

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;

use super::seed::{seed_epoch, SeedRng};
use super::{Identity, Role, SignInUser, User, DATABASE_CONNECTION};

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

pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
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
        blocked: false,
        last_ip: None,
        authentication_methods: Vec::new(),
        role_ids: d.role_ids,
        direct_permissions: Vec::new(),
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

/// How many documented sign-in users there are; they come first.
pub(crate) const DOCUMENTED_USERS: usize = 4;

const DOCUMENTED: [Documented; DOCUMENTED_USERS] = [
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

/// How many people the seeded tenant is made of (some have several users):
/// enough that the role everyone has holds more than 1,000 members, which
/// the Management API pages past only by checkpoint.
const PEOPLE: usize = 1_100;

pub(crate) fn users(rng: &mut SeedRng, roles: &[Role]) -> (Vec<User>, Vec<SignInUser>) {
    let start = Utc
        .with_ymd_and_hms(2023, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid date");
    let span = SignUps {
        start,
        minutes: (seed_epoch() - start).num_minutes() as u64,
    };
    // The documented sign-in users come first, with fixed names and passwords.
    let (mut users, sign_in): (Vec<User>, Vec<SignInUser>) = DOCUMENTED
        .iter()
        .map(|d| documented_user(rng, d, roles, &span))
        .unzip();
    let mut seen = std::collections::HashSet::new();
    for n in 0..PEOPLE {
        let person = random_person(rng, &mut seen, n);
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
        let mut group: Vec<User> = providers
            .iter()
            .map(|provider| random_user(rng, provider, &person, roles, &span))
            .collect();
        if linked {
            users.push(linked_user(group));
        } else {
            users.append(&mut group);
        }
    }
    (users, sign_in)
}

/// When the seeded users signed up: from `start`, over `minutes`.
struct SignUps {
    start: DateTime<Utc>,
    minutes: u64,
}

/// A documented sign-in user, and how the login page lists them.
fn documented_user(
    rng: &mut SeedRng,
    d: &Documented,
    roles: &[Role],
    span: &SignUps,
) -> (User, SignInUser) {
    let person = Person {
        first: d.first.to_owned(),
        last: d.last.to_owned(),
        email: d.email.to_owned(),
    };
    let created = span.start + Duration::minutes(rng.below(span.minutes / 2) as i64);
    let logins = 5 + rng.below(200) as u32;
    let user = build_user(
        rng,
        UserDraft {
            provider: "auth0",
            person: &person,
            verified: d.verified,
            created,
            logins,
            role_ids: d.roles.iter().map(|i| roles[*i].id.clone()).collect(),
        },
    );
    let sign_in = SignInUser {
        email: d.email.to_owned(),
        password: d.password.to_owned(),
        name: user.name.clone(),
        about: d.about.to_owned(),
        user_id: user.user_id.clone(),
    };
    (user, sign_in)
}

/// The `n`th random person, with an e-mail no one before them has.
fn random_person(
    rng: &mut SeedRng,
    seen: &mut std::collections::HashSet<String>,
    n: usize,
) -> Person {
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
    Person {
        first: first.to_owned(),
        last: last.to_owned(),
        email: format!("{local}@{domain}"),
    }
}

/// A random person's user at one provider.
fn random_user(
    rng: &mut SeedRng,
    provider: &str,
    person: &Person,
    roles: &[Role],
    span: &SignUps,
) -> User {
    let created = span.start + Duration::minutes(rng.below(span.minutes) as i64);
    // Database users sometimes never verify; social ones come verified.
    let verified = provider != "auth0" || !rng.chance(18);
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
    build_user(
        rng,
        UserDraft {
            provider,
            person,
            verified,
            created,
            logins,
            role_ids,
        },
    )
}

/// One person's users linked into the first: the others' identities join
/// it, each with its user's profile as `profileData`.
fn linked_user(mut group: Vec<User>) -> User {
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
    primary
}
