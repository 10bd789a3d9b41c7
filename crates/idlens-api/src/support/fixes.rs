//! The Support desk's guarded fixes: each one is confirmed, made at the
//! tenant, recorded in the action log (whatever the tenant answered), and
//! followed by a read of the state it changed, so the person sees the
//! result and not only that the request went out.

use idlens_auth0::{ManagementError, TicketOptions};
use idlens_job::Job;
use idlens_secret::Secret;

use super::fix_types::{FixDescription, SupportFix, SupportFixDone, SupportFixRequest};
use super::types::RevealedTicket;
use crate::actions::outcome_of;
use crate::rbac::tokens::Management;
use crate::{Api, ApiError, ErrorCode};

/// What a fix brought back besides its effect.
#[derive(Default)]
struct Performed {
    /// A password-change ticket's link.
    ticket: Option<Secret>,
    /// What the tenant said it did, when its state cannot be read again.
    said: Option<String>,
}

impl Api {
    /// What a fix will change and for whom (nothing is changed).
    pub fn support_fix_describe(&self, fix: SupportFix) -> Result<FixDescription, ApiError> {
        Ok(fix.describe())
    }

    /// Makes a confirmed fix, records it, and reads the state it changed.
    pub async fn support_fix_apply(
        &self,
        request: SupportFixRequest,
    ) -> Result<SupportFixDone, ApiError> {
        let fix = request.fix;
        if !request.confirmed {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!(
                    "Nothing was changed: “{}” needs a confirmation.",
                    fix.describe().title
                ),
            ));
        }
        let profile = self.load_profile(request.profile).await?;
        let client = self.management(&profile)?;
        let job = Job::unwatched();
        let performed = perform(&client, &fix, &job).await.map_err(ApiError::from);
        let changes = fix.describe().changes;
        let appended = self
            .record_action(
                &profile,
                fix.action(),
                fix.target(),
                changes,
                outcome_of(&performed),
            )
            .await
            .map_err(|e| unrecorded(&performed, e))?;
        let performed = performed?;
        let after = match performed.said {
            Some(said) => said,
            None => read_again(&client, &fix, &job).await?,
        };
        Ok(SupportFixDone {
            after,
            record: appended.record,
            head_not_kept: match appended.head {
                idlens_actions::HeadKept::Keychain => None,
                idlens_actions::HeadKept::NotKept { reason } => Some(reason),
            },
            ticket: performed.ticket.map(|link| RevealedTicket {
                url: link.expose().to_owned(),
            }),
        })
    }
}

/// The action log could not be written: say whether the change was made.
fn unrecorded(performed: &Result<Performed, ApiError>, log: ApiError) -> ApiError {
    let made = if performed.is_ok() {
        "The change was made at the tenant"
    } else {
        "The change failed at the tenant"
    };
    ApiError::new(
        log.code,
        format!(
            "{made}, but the action log could not be written: {}",
            log.message
        ),
    )
}

/// Makes the change at the tenant.
async fn perform(
    client: &Management,
    fix: &SupportFix,
    job: &Job,
) -> Result<Performed, ManagementError> {
    use SupportFix as F;
    match fix {
        F::RemoveBlocks { identifier } => client.unblock_identifier(identifier, job).await?,
        F::Block { user_id } => drop(client.set_blocked(user_id, true, job).await?),
        F::Unblock { user_id } => drop(client.set_blocked(user_id, false, job).await?),
        F::SendVerificationEmail { user_id } => {
            let sent = client.send_verification_email(user_id, job).await?;
            return Ok(Performed {
                said: Some(format!(
                    "Auth0 took the request: its job {} is {}. The customer gets the e-mail from Auth0.",
                    sent.id, sent.status
                )),
                ..Performed::default()
            });
        }
        F::PasswordTicket { user_id } => {
            let link = client
                .password_change_ticket(user_id, &TicketOptions::default(), job)
                .await?;
            return Ok(Performed {
                ticket: Some(link),
                said: Some("The link works once. Give it to the customer only.".to_owned()),
            });
        }
        F::ResetMfa { user_id } => client.delete_authentication_methods(user_id, job).await?,
        F::DeleteMfaMethod { user_id, method_id } => {
            client
                .delete_authentication_method(user_id, method_id, job)
                .await?;
        }
        F::ForgetBrowsers { user_id } => {
            client.invalidate_remember_browser(user_id, job).await?;
            return Ok(Performed {
                said: Some(format!(
                    "Every browser {user_id} chose to remember asks for MFA again."
                )),
                ..Performed::default()
            });
        }
        F::RevokeSessions { user_id } => client.delete_sessions(user_id, job).await?,
        F::RevokeRefreshTokens { user_id } => client.delete_refresh_tokens(user_id, job).await?,
        F::AssignRole { user_id, role } => {
            let id = role_id(client, role, job).await?;
            client.assign_role(user_id, &id, job).await?;
        }
        F::RemoveRole { user_id, role } => {
            let id = role_id(client, role, job).await?;
            client.remove_role(user_id, &id, job).await?;
        }
    }
    Ok(Performed::default())
}

/// The ID of the role named `role` (by ID, or by name ignoring case).
async fn role_id(client: &Management, role: &str, job: &Job) -> Result<String, ManagementError> {
    let roles = client.roles(job).await?;
    roles
        .iter()
        .find(|r| r.id == role)
        .or_else(|| roles.iter().find(|r| r.name.eq_ignore_ascii_case(role)))
        .map(|r| r.id.clone())
        .ok_or_else(|| ManagementError::Api {
            endpoint: "GET /api/v2/roles".to_owned(),
            status: 404,
            error_code: Some("inexistent_role".to_owned()),
            message: format!("The tenant has no role {role:?}: `idlens roles list` shows them."),
        })
}

/// The state the fix changed, as the tenant answers it now.
async fn read_again(client: &Management, fix: &SupportFix, job: &Job) -> Result<String, ApiError> {
    use SupportFix as F;
    Ok(match fix {
        F::RemoveBlocks { identifier } => {
            let left = client.blocks_of_identifier(identifier, job).await?;
            match left.len() {
                0 => format!("No brute-force block is left on {identifier}."),
                n => format!("{n} brute-force blocks are still on {identifier}: try again, or check the tenant's settings."),
            }
        }
        F::Block { user_id } | F::Unblock { user_id } => {
            let user = client.user(user_id, job).await?;
            if user.blocked {
                format!("{user_id} is blocked by an administrator now.")
            } else {
                format!("{user_id} is not blocked by an administrator now.")
            }
        }
        F::ResetMfa { user_id } | F::DeleteMfaMethod { user_id, .. } => {
            let methods = client.authentication_methods(user_id, job).await?;
            format!(
                "{user_id} has {} MFA authentication methods now.",
                methods.len()
            )
        }
        F::RevokeSessions { user_id } => {
            let sessions = client.sessions(user_id, job).await?;
            format!("{user_id} has {} sessions now.", sessions.len())
        }
        F::RevokeRefreshTokens { user_id } => {
            let tokens = client.refresh_tokens(user_id, job).await?;
            format!("{user_id} has {} refresh tokens now.", tokens.len())
        }
        F::AssignRole { user_id, .. } | F::RemoveRole { user_id, .. } => {
            let roles = client.user_roles(user_id, job).await?;
            let names: Vec<&str> = roles.iter().map(|r| r.name.as_str()).collect();
            let names = if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            };
            format!("{user_id}'s roles now: {names}.")
        }
        // These say what they did when they are made (`Performed::said`):
        // the tenant has no state to read back for them.
        F::SendVerificationEmail { .. } | F::PasswordTicket { .. } | F::ForgetBrowsers { .. } => {
            String::new()
        }
    })
}
