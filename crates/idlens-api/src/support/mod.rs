//! The Support desk: "why can't this customer sign in?". One lookup reads
//! everything about a customer side by side — account, brute-force blocks
//! on each identifier, the tenant's brute-force settings, roles and
//! permissions, and their story in the logs — as one job; the pure rules
//! (`idlens-support`) explain it.
//!
//! The reads that do not depend on each other go out together, within the
//! client's pacing; the IP searches follow the events that name the IPs.
//! Nothing is read twice.

mod facts;
pub mod fix_types;
mod fix_words;
mod fixes;
mod resolve;
mod timeline;
pub mod types;

use chrono::{SecondsFormat, Utc};
use futures::future::try_join_all;
use idlens_auth0::models::User;
use idlens_job::Job;
use idlens_support::{
    diagnose, AccountFacts, Availability, BlockFacts, BruteForceFacts, Evidence, IdentityFacts,
    MfaMethodFacts,
};

use crate::rbac::tokens::Management;
use idlens_rbac::{ApiDef, UserAccess};
use idlens_token::Report;

use crate::types::{AccountView, SupportCard, SupportLookup, SupportLookupRequest, TokenOnCard};
use crate::{Api, ApiError};
use resolve::Resolved;

impl Api {
    /// Looks a customer up and reads their support card.
    pub async fn support_lookup(
        &self,
        request: SupportLookupRequest,
        job: Job,
    ) -> Result<SupportLookup, ApiError> {
        let profile = self.load_profile(request.profile).await?;
        let client = self.management(&profile)?;
        job.phase("Looking the customer up", None);
        let report = match &request.token {
            Some(token) => Some(self.inspect_for_tenant(&profile, token).await?),
            None => None,
        };
        let looked_up = match (&report, request.who.trim()) {
            (Some(report), "") => crate::rbac::token_check::user_of(report)?,
            (_, who) => who.to_owned(),
        };
        match resolve::resolve(&client, &looked_up, &job).await? {
            Resolved::None { message } => {
                no_match(
                    &client,
                    looked_up,
                    message,
                    profile.log_retention_days,
                    &job,
                )
                .await
            }
            Resolved::Several(users) => Ok(SupportLookup::Choose {
                looked_up,
                candidates: users.iter().map(crate::rbac::views::user_summary).collect(),
            }),
            Resolved::One { user, by_email } => {
                let looked = Looked {
                    looked_up: &looked_up,
                    user: &user,
                    by_email,
                    report,
                    retention_days: profile.log_retention_days,
                };
                let card = card(&client, looked, &job).await?;
                Ok(SupportLookup::Card {
                    card: Box::new(card),
                })
            }
        }
    }
}

/// No user has what support typed: the attempts Auth0 logged under it
/// (`fu`, a mistyped e-mail) and what they say.
async fn no_match(
    client: &Management,
    looked_up: String,
    message: String,
    retention_days: Option<u16>,
    job: &Job,
) -> Result<SupportLookup, ApiError> {
    job.phase("Reading the attempts under this name", None);
    let lists = timeline::by_name(client, &looked_up, job).await?;
    let (merged, _) = timeline::merged(lists, retention_days);
    let not_read = not_read();
    let diagnosis = diagnose(&Evidence {
        looked_up: &looked_up,
        account: None,
        same_email_elsewhere: &[],
        blocks: &not_read.blocks,
        brute_force: &not_read.brute_force,
        mfa: &not_read.mfa,
        timeline: &merged,
        now: Utc::now(),
    });
    Ok(SupportLookup::NoMatch {
        looked_up,
        message,
        attempts: merged.events,
        diagnosis,
    })
}

/// What a lookup with no account does not read.
struct NotRead {
    blocks: Availability<Vec<BlockFacts>>,
    brute_force: Availability<BruteForceFacts>,
    mfa: Availability<Vec<MfaMethodFacts>>,
}

fn not_read() -> NotRead {
    let message = || "not read for this lookup".to_owned();
    NotRead {
        blocks: Availability::NotOnPlan { message: message() },
        brute_force: Availability::NotOnPlan { message: message() },
        mfa: Availability::NotOnPlan { message: message() },
    }
}

/// The user a lookup found, and what it read on the way.
struct Looked<'a> {
    looked_up: &'a str,
    user: &'a User,
    /// The users-by-email answer, when the lookup read it.
    by_email: Option<Vec<User>>,
    /// The pasted token's verdict, when a token was pasted.
    report: Option<Report>,
    /// Days of logs the tenant keeps, when the profile says.
    retention_days: Option<u16>,
}

/// Everything about one user, read side by side, and what it says.
async fn card(client: &Management, looked: Looked<'_>, job: &Job) -> Result<SupportCard, ApiError> {
    let Looked {
        looked_up,
        user,
        by_email,
        report,
        retention_days,
    } = looked;
    job.phase("Reading the account, blocks, access and logs", None);
    let read_at = Utc::now();
    let id = user.user_id.as_str();
    let (blocks, brute_force, access, elsewhere, lists, mfa, sessions, refresh_tokens) = futures::join!(
        blocks(client, user, job),
        client.brute_force_protection(job),
        crate::rbac::users::access_of(client, id, job),
        same_email_elsewhere(client, user, by_email, job),
        timeline::by_user(client, user, job),
        client.authentication_methods(id, job),
        client.sessions(id, job),
        client.refresh_tokens(id, job),
    );
    let mfa = facts::available(mfa)?.map(|m| m.iter().map(MfaMethodFacts::from).collect());
    job.phase("Reading the events of the customer's IPs", None);
    let (lists, ips) = timeline::by_ip(client, user, lists?, job).await?;
    let (merged, more) = timeline::merged(lists, retention_days);
    let account = AccountView {
        facts: AccountFacts::from(user),
        name: user.name.clone(),
        created_at: user.created_at.clone(),
        app_metadata_keys: metadata_keys(user),
        same_email_elsewhere: elsewhere?,
    };
    let blocks = facts::available(blocks)?;
    let brute_force = facts::available(brute_force)?.map(|b| facts::brute_force(&b));
    let diagnosis = diagnose(&Evidence {
        looked_up,
        account: Some(&account.facts),
        same_email_elsewhere: &account.same_email_elsewhere,
        blocks: &blocks,
        brute_force: &brute_force,
        mfa: &mfa,
        timeline: &merged,
        now: read_at,
    });
    let access = facts::available(access)?;
    Ok(SupportCard {
        token: report.map(|report| token_on_card(report, user, &access)),
        access: access.map(|(access, apis)| crate::rbac::users::user_rbac(user, &access, apis)),
        account,
        blocks,
        brute_force,
        mfa,
        sessions: facts::available(sessions)?.map(|s| s.iter().map(facts::session).collect()),
        refresh_tokens: facts::available(refresh_tokens)?
            .map(|t| t.iter().map(facts::refresh_token).collect()),
        diagnosis,
        timeline: timeline::view(merged, more, ips, retention_days),
        read_at: read_at.to_rfc3339_opts(SecondsFormat::Secs, true),
    })
}

/// A pasted token beside the account: its verdict, and its permissions
/// against the user's now when it is an access token for an API.
fn token_on_card(
    report: Report,
    user: &User,
    access: &Availability<(UserAccess, Vec<ApiDef>)>,
) -> TokenOnCard {
    let (check, check_note) = match access {
        Availability::Available {
            value: (access, apis),
        } => match crate::rbac::token_check::check_view(&report, user, access, apis.clone()) {
            Ok(view) => (Some(view), None),
            Err(e) => (None, Some(e.message)),
        },
        _ => (
            None,
            Some(
                "The user's roles could not be read, so the token's permissions are not compared."
                    .to_owned(),
            ),
        ),
    };
    TokenOnCard {
        report,
        check,
        check_note,
    }
}

/// The brute-force blocks on each of the user's identifiers and by user
/// ID, each block once.
async fn blocks(
    client: &Management,
    user: &User,
    job: &Job,
) -> Result<Vec<BlockFacts>, idlens_auth0::ManagementError> {
    let identifiers = facts::identifiers(user);
    let by_identifier = try_join_all(
        identifiers
            .iter()
            .map(|id| client.blocks_of_identifier(id, job)),
    );
    let (by_identifier, by_user) =
        futures::try_join!(by_identifier, client.blocks_of_user(&user.user_id, job))?;
    let mut out: Vec<BlockFacts> = Vec::new();
    for block in by_identifier.iter().flatten().chain(&by_user) {
        let block = BlockFacts::from(block);
        if !out.contains(&block) {
            out.push(block);
        }
    }
    Ok(out)
}

/// The identities of other users with this user's e-mail (one per
/// connection): the customer may be trying the wrong one.
async fn same_email_elsewhere(
    client: &Management,
    user: &User,
    by_email: Option<Vec<User>>,
    job: &Job,
) -> Result<Vec<IdentityFacts>, ApiError> {
    let users = match (by_email, &user.email) {
        (Some(users), _) => users,
        (None, Some(email)) => client.users_by_email(email, job).await?,
        (None, None) => return Ok(Vec::new()),
    };
    Ok(users
        .iter()
        .filter(|other| other.user_id != user.user_id)
        .flat_map(|other| other.identities.iter().map(IdentityFacts::from))
        .collect())
}

fn metadata_keys(user: &User) -> Vec<String> {
    match &user.app_metadata {
        Some(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}
