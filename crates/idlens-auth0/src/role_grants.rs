//! Giving a user a role and taking it away (`POST`/`DELETE
//! users/{id}/roles`, scope `update:users` — Auth0 also accepts
//! `create:role_members`/`delete:role_members`).

use idlens_job::Job;
use serde_json::json;

use crate::{ManagementClient, ManagementError, TokenSource};

impl<T: TokenSource> ManagementClient<T> {
    /// Assigns the role `role_id` to the user; assigning a role the user
    /// has already changes nothing.
    pub async fn assign_role(
        &self,
        user_id: &str,
        role_id: &str,
        job: &Job,
    ) -> Result<(), ManagementError> {
        let body = json!({ "roles": [role_id] });
        self.post_only(&["users", user_id, "roles"], &body, job)
            .await
    }

    /// Removes the role `role_id` from the user.
    pub async fn remove_role(
        &self,
        user_id: &str,
        role_id: &str,
        job: &Job,
    ) -> Result<(), ManagementError> {
        let body = json!({ "roles": [role_id] });
        self.send_only(
            reqwest::Method::DELETE,
            &["users", user_id, "roles"],
            &body,
            job,
        )
        .await
    }
}
