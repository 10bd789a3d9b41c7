//! The seeded tenant's recent logs: background sign-ins, and a few users
//! whose events tell a support story ("why can't this customer sign in?").
//! Chosen and dated deterministically from the seed, relative to the
//! sandbox clock's "now" when it starts.

use serde::Serialize;
use serde_json::json;

use super::{EventBuilder, LogEvent};
use crate::brute_force::{Block, BLOCK_LIFETIME};
use crate::tenant::{SeedRng, Tenant, User, DATABASE_CONNECTION, DESKTOP_CLIENT_ID};

/// A seeded user whose logs tell a support story.
#[derive(Debug, Clone, Serialize)]
pub struct SupportStory {
    /// `locked_out`, `mistyped_email`, `social_on_database`, `mfa_failures`,
    /// `admin_blocked`, `unverified_email`, `refresh_reuse`,
    /// `breached_password` or `no_events`.
    pub story: &'static str,
    pub user_id: String,
    pub email: String,
    pub about: &'static str,
}

/// What the seed adds to the tenant's logs and blocks.
pub(crate) struct Seeded {
    /// Events with when they happened, oldest first.
    pub events: Vec<(i64, LogEvent)>,
    pub blocks: Vec<Block>,
    pub stories: Vec<SupportStory>,
}

/// Background successful sign-ins over the last days by default (enough
/// that search stops at its 1,000-result cap).
pub(crate) const BACKGROUND_SIGN_INS: usize = 1_200;

/// The seed's background sign-ins: how many, and over how many seconds
/// before "now" they are spread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Background {
    pub count: usize,
    pub window_secs: i64,
}

impl Background {
    /// The default: [`BACKGROUND_SIGN_INS`] over 29 days, whatever the plan
    /// keeps (so a short plan shows only the most recent).
    pub(crate) const DEFAULT: Self = Self {
        count: BACKGROUND_SIGN_INS,
        window_secs: 29 * 24 * HOUR,
    };

    /// `count` sign-ins within a plan that keeps `retention_days` of logs
    /// (an hour short of its edge, at most 29 days): all of them shown.
    pub(crate) fn within(count: usize, retention_days: i64) -> Self {
        Self {
            count,
            window_secs: (retention_days * 24 * HOUR - HOUR).clamp(HOUR, 29 * 24 * HOUR),
        }
    }
}

const HOUR: i64 = 3_600;
/// The attacker's or customer's IP of a story (documentation addresses).
const STORY_IP: &str = "203.0.113.7";
const BROWSER: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/// Builds the seeded logs and marks the admin-blocked story user blocked.
pub(crate) fn seed(seed: u64, tenant: &mut Tenant, now: i64, background: Background) -> Seeded {
    let mut rng = SeedRng::new(seed ^ 0x0510_71e5);
    let mut out = Seeded {
        events: sign_ins(&mut rng, tenant, now, background, None),
        blocks: Vec::new(),
        stories: Vec::new(),
    };
    let database = candidates(tenant, |u| {
        u.user_id.starts_with("auth0|") && u.identities.len() == 1 && u.email_verified
    });
    let pick = |rng: &mut SeedRng, from: &[usize], used: &mut Vec<usize>| {
        let free: Vec<usize> = from.iter().copied().filter(|i| !used.contains(i)).collect();
        let i = free[rng.below(free.len() as u64) as usize];
        used.push(i);
        i
    };
    let mut used = Vec::new();
    let locked = pick(&mut rng, &database, &mut used);
    locked_out(&mut out, tenant, &tenant.users[locked].clone(), now);
    let typo = pick(&mut rng, &database, &mut used);
    mistyped_email(&mut out, tenant, &tenant.users[typo].clone(), now);
    let google_only = social_only(tenant);
    let social = pick(&mut rng, &google_only, &mut used);
    social_on_database(&mut out, tenant, &tenant.users[social].clone(), now);
    let mfa = pick(&mut rng, &database, &mut used);
    enroll_story_mfa(&mut tenant.users[mfa]);
    mfa_failures(&mut out, tenant, &tenant.users[mfa].clone(), now);
    let admin = pick(&mut rng, &database, &mut used);
    tenant.users[admin].blocked = true;
    admin_blocked(&mut out, tenant, &tenant.users[admin].clone(), now);
    let unverified = candidates(tenant, |u| {
        u.user_id.starts_with("auth0|") && !u.email_verified
    });
    let unverified = pick(&mut rng, &unverified, &mut used);
    unverified_email(&mut out, tenant, &tenant.users[unverified].clone(), now);
    let reuse = pick(&mut rng, &database, &mut used);
    refresh_reuse(&mut out, tenant, &tenant.users[reuse].clone(), now);
    let leak = pick(&mut rng, &database, &mut used);
    breached_password(&mut out, tenant, &tenant.users[leak].clone(), now);
    let quiet = pick(&mut rng, &database, &mut used);
    let quiet = tenant.users[quiet].clone();
    let before = out.events.len();
    out.events
        .retain(|(_, e)| e.user_id.as_deref() != Some(&quiet.user_id));
    // The quiet user's sign-ins, made again by others: `count` exactly.
    let redone = Background {
        count: before - out.events.len(),
        ..background
    };
    let others = sign_ins(&mut rng, tenant, now, redone, Some(&quiet.user_id));
    out.events.extend(others);
    out.stories.push(story("no_events", &quiet, "No sign-in attempt in the retention window: the application may point at another tenant or client ID."));
    out.events.sort_by_key(|(at, _)| *at);
    out
}

/// Indexes of the users `keep` accepts (the documented sign-in users excluded).
fn candidates(tenant: &Tenant, keep: impl Fn(&User) -> bool) -> Vec<usize> {
    let documented: Vec<&str> = tenant
        .sign_in_users
        .iter()
        .map(|s| s.user_id.as_str())
        .collect();
    (0..tenant.users.len())
        .filter(|i| {
            !documented.contains(&tenant.users[*i].user_id.as_str()) && keep(&tenant.users[*i])
        })
        .collect()
}

/// Google users with no database user of the same e-mail.
fn social_only(tenant: &Tenant) -> Vec<usize> {
    candidates(tenant, |u| {
        u.user_id.starts_with("google-oauth2|")
            && u.identities.len() == 1
            && !tenant
                .users
                .iter()
                .any(|o| o.email == u.email && o.connection() == DATABASE_CONNECTION)
    })
}

fn story(story: &'static str, user: &User, about: &'static str) -> SupportStory {
    SupportStory {
        story,
        user_id: user.user_id.clone(),
        email: user.email.clone(),
        about,
    }
}

/// An event of the desktop application from `ip` with a browser's agent.
fn at_app(tenant: &Tenant, kind: &'static str, description: &str, ip: &str) -> LogEvent {
    let mut event = LogEvent::new(kind, description).client_id(tenant, DESKTOP_CLIENT_ID);
    event.ip = Some(ip.to_owned());
    event.user_agent = Some(BROWSER.to_owned());
    event
}

/// `background.count` successful sign-ins of random users (not `except`)
/// from random IPs, within `background.window_secs` before `now`. One
/// event per user is built once and copied.
fn sign_ins(
    rng: &mut SeedRng,
    tenant: &Tenant,
    now: i64,
    background: Background,
    except: Option<&str>,
) -> Vec<(i64, LogEvent)> {
    let built: Vec<LogEvent> = tenant
        .users
        .iter()
        .map(|user| at_app(tenant, "s", "Success Login", "").user(tenant, user))
        .collect();
    let mut events = Vec::with_capacity(background.count);
    while events.len() < background.count {
        let i = rng.below(tenant.users.len() as u64) as usize;
        let at = now - 60 - rng.below(background.window_secs as u64) as i64;
        let ip = format!("198.51.100.{}", 1 + rng.below(254));
        if except == Some(tenant.users[i].user_id.as_str()) {
            continue;
        }
        let mut event = built[i].clone();
        event.ip = Some(ip);
        events.push((at, event));
    }
    events
}

fn locked_out(out: &mut Seeded, tenant: &Tenant, user: &User, now: i64) {
    let start = now - 2 * HOUR;
    for i in 0..10 {
        let event = at_app(tenant, "fp", "Wrong email or password.", STORY_IP).user(tenant, user);
        out.events.push((start + i * 40, event));
    }
    let event = at_app(
        tenant,
        "limit_wc",
        "Blocked Account: too many failed login attempts for this user from this IP.",
        STORY_IP,
    )
    .user(tenant, user)
    .details(json!({ "attempts": 10, "mode": "count_per_identifier_and_ip" }));
    out.events.push((start + 9 * 40, event));
    out.blocks.push(Block {
        identifier: user.email.to_lowercase(),
        ip: Some(STORY_IP.to_owned()),
        connection: DATABASE_CONNECTION.to_owned(),
        user_id: user.user_id.clone(),
        until: start + 9 * 40 + BLOCK_LIFETIME,
    });
    out.stories.push(story("locked_out", user, "Ten wrong passwords from 203.0.113.7 two hours ago: that IP is blocked for this account (limit_wc)."));
}

fn mistyped_email(out: &mut Seeded, tenant: &Tenant, user: &User, now: i64) {
    let typo = user.email.replacen('@', "@@", 1).replacen("@@", "@m", 1);
    for i in 0..3 {
        let event = at_app(tenant, "fu", "Wrong email or password.", STORY_IP)
            .user_name(&typo)
            .connection(tenant, DATABASE_CONNECTION);
        out.events.push((now - 5 * HOUR + i * 30, event));
    }
    out.stories.push(story(
        "mistyped_email",
        user,
        "Three attempts with a mistyped e-mail (fu, no user_id): the account itself saw nothing.",
    ));
}

fn social_on_database(out: &mut Seeded, tenant: &Tenant, user: &User, now: i64) {
    for i in 0..2 {
        let event = at_app(tenant, "fu", "Wrong email or password.", STORY_IP)
            .user_name(&user.email)
            .connection(tenant, DATABASE_CONNECTION);
        out.events.push((now - 26 * HOUR + i * 45, event));
    }
    out.stories.push(story("social_on_database", user, "Signs up with Google but typed a password into the database connection (fu): no such database user."));
}

/// The MFA story's user: a confirmed authenticator app (whose codes are
/// rejected) and a phone to fall back to.
fn enroll_story_mfa(user: &mut User) {
    use crate::tenant::mfa::AuthenticationMethod;
    let created = user.created_at.clone();
    user.authentication_methods = vec![
        AuthenticationMethod::totp(user, true, &created),
        AuthenticationMethod::phone(user, "+15555550142", &created),
    ];
}

fn mfa_failures(out: &mut Seeded, tenant: &Tenant, user: &User, now: i64) {
    let start = now - 3 * HOUR;
    let begin = at_app(
        tenant,
        "gd_start_auth",
        "Second factor authentication event started for MFA",
        STORY_IP,
    )
    .user(tenant, user);
    out.events.push((start, begin));
    for i in 1..=5 {
        let event = at_app(tenant, "gd_auth_failed", "Wrong OTP code", STORY_IP).user(tenant, user);
        out.events.push((start + i * 20, event));
    }
    out.stories.push(story("mfa_failures", user, "Password right, then the one-time code rejected five times (gd_auth_failed): a phone clock or a wrong authenticator entry."));
}

fn admin_blocked(out: &mut Seeded, tenant: &Tenant, user: &User, now: i64) {
    for i in 0..2 {
        let event = at_app(tenant, "f", "user is blocked", STORY_IP).user(tenant, user);
        out.events.push((now - 6 * HOUR + i * 120, event));
    }
    out.stories.push(story("admin_blocked", user, "Blocked by an administrator (blocked: true): every sign-in fails with \"user is blocked\"; it never expires."));
}

fn unverified_email(out: &mut Seeded, tenant: &Tenant, user: &User, now: i64) {
    let event = at_app(
        tenant,
        "f",
        "Please verify your email before logging in.",
        STORY_IP,
    )
    .user(tenant, user);
    out.events.push((now - 4 * HOUR, event));
    out.stories.push(story("unverified_email", user, "The application requires a verified e-mail and this one is not (f, \"Please verify your email\")."));
}

fn refresh_reuse(out: &mut Seeded, tenant: &Tenant, user: &User, now: i64) {
    let start = now - 8 * HOUR;
    let ok = at_app(
        tenant,
        "sertft",
        "Successful exchange of Refresh Token for Access Token",
        STORY_IP,
    )
    .user(tenant, user);
    out.events.push((start, ok));
    let reused = at_app(
        tenant,
        "ferrt",
        "Unsuccessful Refresh Token exchange, reused refresh token detected",
        "192.0.2.44",
    )
    .user(tenant, user);
    out.events.push((start + 600, reused));
    out.stories.push(story("refresh_reuse", user, "A rotated refresh token was used again from another IP (ferrt): rotation revoked the whole family; the app signs in again."));
}

fn breached_password(out: &mut Seeded, tenant: &Tenant, user: &User, now: i64) {
    let event = at_app(
        tenant,
        "pwd_leak",
        "Blocked login: this combination of credentials was detected in a public data breach.",
        STORY_IP,
    )
    .user(tenant, user);
    out.events.push((now - 20 * HOUR, event));
    out.stories.push(story(
        "breached_password",
        user,
        "The password is in a public breach (pwd_leak): the customer must reset it.",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_tells_the_same_stories_and_the_quiet_user_has_none() {
        let issuer = "http://127.0.0.1:4000/";
        let now = 1_800_000_000;
        let mut a = Tenant::seeded(7, issuer, &[]);
        let mut b = Tenant::seeded(7, issuer, &[]);
        let (sa, sb) = (
            seed(7, &mut a, now, Background::DEFAULT),
            seed(7, &mut b, now, Background::DEFAULT),
        );
        let ids = |s: &Seeded| {
            s.stories
                .iter()
                .map(|s| s.user_id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&sa), ids(&sb));
        assert_eq!(sa.stories.len(), 9);
        let unique: std::collections::HashSet<_> = ids(&sa).into_iter().collect();
        assert_eq!(unique.len(), 9, "one user per story");
        let quiet = sa.stories.iter().find(|s| s.story == "no_events").unwrap();
        assert!(!sa
            .events
            .iter()
            .any(|(_, e)| e.user_id.as_deref() == Some(&quiet.user_id)));
        let blocked = sa
            .stories
            .iter()
            .find(|s| s.story == "admin_blocked")
            .unwrap();
        assert!(a.user(&blocked.user_id).unwrap().blocked);
        assert!(
            sa.events.windows(2).all(|w| w[0].0 <= w[1].0),
            "oldest first"
        );
        assert!(sa
            .events
            .iter()
            .all(|(at, _)| *at < now && *at > now - 30 * 86_400));
        assert_eq!(sa.blocks.len(), 1);
    }

    #[test]
    fn background_sign_ins_are_exactly_as_many_as_asked_within_the_plans_window() {
        let issuer = "http://127.0.0.1:4000/";
        let now = 1_800_000_000;
        let mut a = Tenant::seeded(7, issuer, &[]);
        let mut b = Tenant::seeded(7, issuer, &[]);
        let asked = Background::within(5_000, 1);
        let (sa, sb) = (seed(7, &mut a, now, asked), seed(7, &mut b, now, asked));
        let sign_ins = |s: &Seeded| {
            s.events
                .iter()
                .filter(|(_, e)| e.kind.as_deref() == Some("s"))
                .map(|(at, e)| (*at, e.user_id.clone(), e.ip.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(sign_ins(&sa).len(), 5_000);
        assert_eq!(
            sign_ins(&sa),
            sign_ins(&sb),
            "the same seed, the same events"
        );
        assert!(
            sign_ins(&sa)
                .iter()
                .all(|(at, _, _)| *at < now && *at > now - 86_400),
            "every sign-in within the Free plan's day"
        );
        let quiet = sa.stories.iter().find(|s| s.story == "no_events").unwrap();
        assert!(!sa
            .events
            .iter()
            .any(|(_, e)| e.user_id.as_deref() == Some(&quiet.user_id)));
    }
}
