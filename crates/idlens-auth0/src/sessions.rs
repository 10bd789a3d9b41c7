//! A user's sessions and refresh tokens (Enterprise-plan features: on other
//! plans each call fails with [`ManagementError::NotOnPlan`], which a
//! caller shows in one line), read by checkpoint through the paging guard,
//! and revoked.

use idlens_job::Job;
use serde::de::DeserializeOwned;

use crate::models::{RefreshToken, Session};
use crate::{ManagementClient, ManagementError, TokenSource};

impl<T: TokenSource> ManagementClient<T> {
    /// Every session of the user (`GET users/{id}/sessions`, scope
    /// `read:sessions`).
    pub async fn sessions(
        &self,
        user_id: &str,
        job: &Job,
    ) -> Result<Vec<Session>, ManagementError> {
        self.checkpoints(&["users", user_id, "sessions"], "sessions", job)
            .await
    }

    /// Ends every session of the user (`DELETE users/{id}/sessions`, scope
    /// `delete:sessions`).
    pub async fn delete_sessions(&self, user_id: &str, job: &Job) -> Result<(), ManagementError> {
        self.delete(&["users", user_id, "sessions"], &[], job).await
    }

    /// Every refresh token of the user, without the tokens themselves (`GET
    /// users/{id}/refresh-tokens`, scope `read:refresh_tokens`).
    pub async fn refresh_tokens(
        &self,
        user_id: &str,
        job: &Job,
    ) -> Result<Vec<RefreshToken>, ManagementError> {
        self.checkpoints(&["users", user_id, "refresh-tokens"], "tokens", job)
            .await
    }

    /// Revokes every refresh token of the user (`DELETE
    /// users/{id}/refresh-tokens`, scope `delete:refresh_tokens`).
    pub async fn delete_refresh_tokens(
        &self,
        user_id: &str,
        job: &Job,
    ) -> Result<(), ManagementError> {
        self.delete(&["users", user_id, "refresh-tokens"], &[], job)
            .await
    }

    /// Every item of a checkpoint listing `{key: [...], next?}`.
    async fn checkpoints<I: DeserializeOwned>(
        &self,
        path: &[&str],
        key: &str,
        job: &Job,
    ) -> Result<Vec<I>, ManagementError> {
        let mut items = Vec::new();
        self.each_checkpoint_page(path, key, job, |page| items.extend(page))
            .await?;
        Ok(items)
    }
}
