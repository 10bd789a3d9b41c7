//! A user's MFA: their authentication methods (confirmed and partial),
//! removing them (all, or one), and forgetting the browsers that skip MFA.

use idlens_job::Job;
use serde_json::json;

use crate::models::AuthenticationMethod;
use crate::{ManagementClient, ManagementError, TokenSource};

impl<T: TokenSource> ManagementClient<T> {
    /// Every authentication method of the user, confirmed or not (`GET
    /// users/{id}/authentication-methods`, scope
    /// `read:authentication_methods`), through the paging guard.
    pub async fn authentication_methods(
        &self,
        user_id: &str,
        job: &Job,
    ) -> Result<Vec<AuthenticationMethod>, ManagementError> {
        self.all_pages(
            &["users", user_id, "authentication-methods"],
            "authenticators",
            job,
        )
        .await
    }

    /// Removes every authentication method: the user enrolls again at their
    /// next MFA sign-in (`DELETE users/{id}/authentication-methods`, scope
    /// `delete:authentication_methods`).
    pub async fn delete_authentication_methods(
        &self,
        user_id: &str,
        job: &Job,
    ) -> Result<(), ManagementError> {
        self.delete(&["users", user_id, "authentication-methods"], &[], job)
            .await
    }

    /// Removes one authentication method by its ID.
    pub async fn delete_authentication_method(
        &self,
        user_id: &str,
        method_id: &str,
        job: &Job,
    ) -> Result<(), ManagementError> {
        let path = ["users", user_id, "authentication-methods", method_id];
        self.delete(&path, &[], job).await
    }

    /// Every browser the user told to skip MFA asks again (`POST
    /// users/{id}/multifactor/actions/invalidate-remember-browser`, scope
    /// `update:users`).
    pub async fn invalidate_remember_browser(
        &self,
        user_id: &str,
        job: &Job,
    ) -> Result<(), ManagementError> {
        let path = [
            "users",
            user_id,
            "multifactor",
            "actions",
            "invalidate-remember-browser",
        ];
        self.post_only(&path, &json!({}), job).await
    }
}
