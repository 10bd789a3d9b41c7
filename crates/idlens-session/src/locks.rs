//! One async lock per key, made on first use: a profile's refresh token, or
//! a (profile, API) pair's client credentials.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

#[derive(Default)]
pub(crate) struct Locks {
    by_key: Mutex<HashMap<String, Arc<AsyncMutex<()>>>>,
}

impl Locks {
    /// Waits for `key`'s lock; other keys are not held up.
    pub(crate) async fn hold(&self, key: String) -> OwnedMutexGuard<()> {
        let entry = {
            let mut by_key = crate::lock(&self.by_key);
            Arc::clone(by_key.entry(key).or_default())
        };
        entry.lock_owned().await
    }
}

/// The key of everything that uses `profile`'s refresh token.
pub(crate) fn refresh_token_key(profile: &str) -> String {
    format!("refresh-token/{profile}")
}

/// The key of `profile`'s client-credentials token for `audience`.
pub(crate) fn client_credentials_key(profile: &str, audience: &str) -> String {
    format!("client-credentials/{profile}/{audience}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn different_keys_do_not_wait_for_each_other() {
        let locks = Locks::default();
        let _a = locks.hold(refresh_token_key("a")).await;
        // Would hang if the lock were one for the process.
        let _b = locks.hold(refresh_token_key("b")).await;
        let same = locks.by_key.lock().unwrap()[&refresh_token_key("a")].clone();
        assert!(same.try_lock().is_err());
    }
}
