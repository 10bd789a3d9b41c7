//! Brute-force protection: the blocks it set (`user-blocks`, by identifier
//! or by user) and its settings. Removing these blocks never clears an
//! administrator's block (`blocked: true` on the user).

use idlens_job::Job;
use serde::Deserialize;

use crate::models::{BruteForceProtection, UserBlock};
use crate::{ManagementClient, ManagementError, TokenSource};

/// `{blocked_for: [...]}`, Auth0's answer for blocks.
#[derive(Deserialize)]
struct BlockedFor {
    blocked_for: Vec<UserBlock>,
}

impl<T: TokenSource> ManagementClient<T> {
    /// The blocks on `identifier` (a username, e-mail or phone), from every
    /// IP (`GET user-blocks?identifier=`, scope `read:users`).
    pub async fn blocks_of_identifier(
        &self,
        identifier: &str,
        job: &Job,
    ) -> Result<Vec<UserBlock>, ManagementError> {
        let query = [("identifier", identifier.to_owned())];
        let answer: BlockedFor = self.get(&["user-blocks"], &query, job).await?;
        Ok(answer.blocked_for)
    }

    /// Removes every block on `identifier`, from any IP (`DELETE
    /// user-blocks?identifier=`, scope `update:users`).
    pub async fn unblock_identifier(
        &self,
        identifier: &str,
        job: &Job,
    ) -> Result<(), ManagementError> {
        let query = [("identifier", identifier.to_owned())];
        self.delete(&["user-blocks"], &query, job).await
    }

    /// The blocks on a user's identifiers (`GET user-blocks/{id}`, scope
    /// `read:users`).
    pub async fn blocks_of_user(
        &self,
        user_id: &str,
        job: &Job,
    ) -> Result<Vec<UserBlock>, ManagementError> {
        let answer: BlockedFor = self.get(&["user-blocks", user_id], &[], job).await?;
        Ok(answer.blocked_for)
    }

    /// Removes every block on a user's identifiers (`DELETE
    /// user-blocks/{id}`, scope `update:users`).
    pub async fn unblock_user(&self, user_id: &str, job: &Job) -> Result<(), ManagementError> {
        self.delete(&["user-blocks", user_id], &[], job).await
    }

    /// The tenant's brute-force protection settings (scope
    /// `read:attack_protection`).
    pub async fn brute_force_protection(
        &self,
        job: &Job,
    ) -> Result<BruteForceProtection, ManagementError> {
        self.get(&["attack-protection", "brute-force-protection"], &[], job)
            .await
    }
}
