//! Sign-in sessions: each sign-in at the login page opens one (its ID is
//! the `sid` of the tokens it leads to) and records the user's last login,
//! IP and login count. `GET/DELETE users/{id}/sessions` read and end them.

use serde_json::{json, Value};

use crate::logs::Origin;
use crate::tenant::timestamp_secs;
use crate::State;

/// A session ends after this long without use (Auth0's default
/// inactivity timeout, 3 days)…
const IDLE_LIFETIME: i64 = 3 * 86_400;
/// …and this long after it began whatever happens (30 days).
const ABSOLUTE_LIFETIME: i64 = 30 * 86_400;

#[derive(Debug, Clone)]
pub(crate) struct SessionRecord {
    pub id: String,
    pub user_id: String,
    pub client_id: String,
    pub created_at: i64,
    pub ip: String,
    pub user_agent: Option<String>,
}

impl SessionRecord {
    /// Auth0's session shape (`GET users/{id}/sessions`).
    pub(crate) fn json(&self) -> Value {
        let device = json!({
            "initial_ip": self.ip,
            "last_ip": self.ip,
            "initial_user_agent": self.user_agent,
            "last_user_agent": self.user_agent,
        });
        json!({
            "id": self.id,
            "user_id": self.user_id,
            "created_at": timestamp_secs(self.created_at),
            "updated_at": timestamp_secs(self.created_at),
            "authenticated_at": timestamp_secs(self.created_at),
            "last_interacted_at": timestamp_secs(self.created_at),
            "idle_expires_at": timestamp_secs(self.created_at + IDLE_LIFETIME),
            "expires_at": timestamp_secs(self.created_at + ABSOLUTE_LIFETIME),
            "device": device,
            "clients": [{ "client_id": self.client_id }],
            "authentication": { "methods": [{ "name": "pwd", "timestamp": timestamp_secs(self.created_at) }] },
        })
    }
}

/// A successful sign-in of `user_id` (the login page or `/activate`): its
/// `last_login`, `last_ip` and `logins_count` move on. Takes the tenant:
/// the caller holds no lock.
pub(crate) fn record_login(state: &State, user_id: &str, origin: &Origin) {
    let now = state.now_secs();
    if let Some(user) = state.tenant_mut().user_mut(user_id) {
        user.last_login = timestamp_secs(now);
        user.last_ip = Some(origin.ip.clone());
        user.logins_count = user.logins_count.saturating_add(1);
    }
}

/// A successful sign-in of `user_id` at the login page: the session `sid`
/// opens, and the user's `last_login`, `last_ip` and `logins_count` move
/// on. Takes the tenant, then the flows (lock order): the caller holds
/// neither.
pub(crate) fn record_sign_in(
    state: &State,
    user_id: &str,
    client_id: &str,
    sid: &str,
    origin: &Origin,
) {
    record_login(state, user_id, origin);
    let now = state.now_secs();
    let record = SessionRecord {
        id: sid.to_owned(),
        user_id: user_id.to_owned(),
        client_id: client_id.to_owned(),
        created_at: now,
        ip: origin.ip.clone(),
        user_agent: origin.user_agent.clone(),
    };
    // A full table (a flood of sign-ins) keeps no more sessions; the
    // sign-in itself still works, as the session list is only a view.
    let _full = state
        .flows()
        .sessions
        .insert(sid.to_owned(), record, now + IDLE_LIFETIME, now);
}
