//! Recording an action taken at a tenant: the one entry point the fix
//! commands call after each change (successful or not).

use idlens_actions::{Action, ActionLog, Actor, Appended, Credential, NewRecord, Outcome, Target};
use idlens_profile::{ManagementAccess, Profile};

use crate::{Api, ApiError};

impl Api {
    /// Appends `action` on `target` by `profile` to the action log, with the
    /// result the tenant gave. The actor is the profile's M2M client, or the
    /// signed-in admin's `sub`. `changes` is a sentence of what changed; URL
    /// queries in it are dropped (never pass a ticket's link: record that
    /// one was made). Runs on the blocking pool.
    ///
    /// Never fails because the keychain cannot keep the log's head
    /// (`Appended::head` says so); fails when the log cannot be written,
    /// which the caller reports beside the action's own result.
    pub(crate) async fn record_action(
        &self,
        profile: &Profile,
        action: Action,
        target: Target,
        changes: String,
        result: Outcome,
    ) -> Result<Appended, ApiError> {
        let entry = NewRecord {
            actor: self.actor_of(profile),
            action,
            target,
            changes,
            result,
        };
        self.off_executor(move |store, keychain| {
            Ok(ActionLog::in_dir(store.dir()).append(keychain, entry)?)
        })
        .await
    }

    /// Who acts for `profile` at its tenant.
    pub(crate) fn actor_of(&self, profile: &Profile) -> Actor {
        let credential = match &profile.management {
            ManagementAccess::ClientCredentials { client_id } => Credential::M2mClient {
                client_id: client_id.clone(),
            },
            ManagementAccess::SignedInUser | ManagementAccess::Disabled => Credential::Admin {
                sub: self.signed_in_sub(profile),
            },
        };
        Actor {
            profile: profile.name.to_string(),
            credential,
        }
    }

    /// The signed-in admin's `sub` (ID token, else access token), or a
    /// placeholder saying there was none.
    fn signed_in_sub(&self, profile: &Profile) -> String {
        let session = self.sessions.signed_in(profile);
        let claims = session.as_ref().and_then(|s| {
            s.tokens
                .id_claims
                .as_ref()
                .or(s.tokens.access_claims.as_ref())
        });
        claims
            .and_then(|c| c.get("sub"))
            .and_then(|sub| sub.as_str())
            .map_or_else(|| "(not signed in)".to_owned(), str::to_owned)
    }
}

/// The log's `result` for an action's result: `ok`, or the error's
/// `{code, message}` as it crossed the API.
pub fn outcome_of<T>(result: &Result<T, ApiError>) -> Outcome {
    match result {
        Ok(_) => Outcome::Ok,
        Err(e) => Outcome::Error {
            code: serde_json::to_value(e.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| format!("{:?}", e.code)),
            message: e.message.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use idlens_actions::{Action, Credential, Outcome, Target};
    use idlens_profile::{Keychain, ManagementAccess, Profile, ProfileStore};

    use crate::types::ActionLogRequest;
    use crate::{Api, ApiError, ErrorCode};

    fn profile(management: ManagementAccess) -> Profile {
        Profile {
            name: idlens_profile::ProfileName::parse("acme").unwrap(),
            issuer: idlens_profile::Issuer::parse("acme.eu.auth0.com").unwrap(),
            provider: idlens_profile::ProviderSetting::Auto,
            client_id: "spa".into(),
            audience: None,
            callback_port: idlens_profile::DEFAULT_CALLBACK_PORT,
            scopes: vec![],
            management,
            neo4j: None,
            export_job_deadline: idlens_profile::JobDeadline::default(),
            log_retention_days: None,
        }
    }

    #[tokio::test]
    async fn an_action_is_recorded_with_its_actor_and_result() {
        let dir = tempfile::tempdir().unwrap();
        let api = Api::new(ProfileStore::at(dir.path()), Keychain::memory_only("test")).unwrap();
        let m2m = profile(ManagementAccess::ClientCredentials {
            client_id: "m2m-1".into(),
        });
        let target = Target {
            user_id: Some("auth0|42".into()),
            identifier: None,
        };
        let failed: Result<(), ApiError> = Err(ApiError::new(
            ErrorCode::Forbidden,
            "The M2M application lacks update:users.",
        ));
        api.record_action(
            &m2m,
            Action::Block,
            target.clone(),
            "blocked: false → true".into(),
            super::outcome_of(&failed),
        )
        .await
        .unwrap();
        let admin = profile(ManagementAccess::SignedInUser);
        let ok: Result<(), ApiError> = Ok(());
        let appended = api
            .record_action(
                &admin,
                Action::Unblock,
                target,
                "blocked: true → false".into(),
                super::outcome_of(&ok),
            )
            .await
            .unwrap();
        assert_eq!(appended.record.seq, 2);
        assert_eq!(
            appended.record.actor.credential,
            Credential::Admin {
                sub: "(not signed in)".into()
            }
        );
        let page = api
            .action_log_list(ActionLogRequest {
                offset: 0,
                limit: 10,
            })
            .unwrap();
        let first = page.entries[1].record.as_ref().unwrap();
        assert_eq!(
            first.actor.credential,
            Credential::M2mClient {
                client_id: "m2m-1".into()
            }
        );
        assert_eq!(
            first.result,
            Outcome::Error {
                code: "forbidden".into(),
                message: "The M2M application lacks update:users.".into()
            }
        );
        assert!(api.action_log_verify().unwrap().intact);
    }
}
