//! A support desk's fixes to one account: an administrator's block
//! (`PATCH users/{id}` `{blocked}`), a password-change ticket (its link is
//! a credential: a [`Secret`], never logged or shown by `Debug`), and the
//! verification e-mail sent again (a job).

use idlens_job::Job as Progress;
use idlens_secret::Secret;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::models::{Job, User};
use crate::{ManagementClient, ManagementError, TokenSource};

/// What a password-change ticket asks besides the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketOptions {
    /// Where the page sends the user after the change.
    pub result_url: Option<String>,
    /// How long the link works, in seconds (`None`: Auth0's default, 5 days).
    pub ttl_sec: Option<u32>,
    /// The change also marks the e-mail verified (the customer proved they
    /// read it).
    pub mark_email_as_verified: bool,
}

/// `{ticket}`, Auth0's answer: read straight into a [`Secret`].
#[derive(Deserialize)]
struct TicketAnswer {
    ticket: Secret,
}

impl<T: TokenSource> ManagementClient<T> {
    /// Blocks (`true`) or unblocks (`false`) the user as an administrator
    /// (`PATCH users/{id}`, scope `update:users`): answers the user as
    /// Auth0 now holds it. Brute-force blocks are apart (`unblock_user`).
    pub async fn set_blocked(
        &self,
        user_id: &str,
        blocked: bool,
        job: &Progress,
    ) -> Result<User, ManagementError> {
        let body = json!({ "blocked": blocked });
        self.patch(&["users", user_id], &body, job).await
    }

    /// A password-change link for the user (`POST tickets/password-change`,
    /// scope `create:user_tickets`): whoever follows it sets the password,
    /// so it is a [`Secret`], to be shown to copy and never logged.
    pub async fn password_change_ticket(
        &self,
        user_id: &str,
        options: &TicketOptions,
        job: &Progress,
    ) -> Result<Secret, ManagementError> {
        let mut body = json!({ "user_id": user_id });
        if let Some(url) = &options.result_url {
            body["result_url"] = json!(url);
        }
        if let Some(ttl) = options.ttl_sec {
            body["ttl_sec"] = json!(ttl);
        }
        if options.mark_email_as_verified {
            body["mark_email_as_verified"] = Value::Bool(true);
        }
        let answer: TicketAnswer = self
            .post(&["tickets", "password-change"], &body, job)
            .await?;
        Ok(answer.ticket)
    }

    /// Sends the verification e-mail again (`POST jobs/verification-email`,
    /// scope `update:users`): the job Auth0 runs for it. Auth0 refuses a
    /// user whose e-mail is verified already (`400`).
    pub async fn send_verification_email(
        &self,
        user_id: &str,
        job: &Progress,
    ) -> Result<Job, ManagementError> {
        let body = json!({ "user_id": user_id });
        self.post(&["jobs", "verification-email"], &body, job).await
    }
}
