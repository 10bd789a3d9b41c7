//! Sign-ins between their start and their end: a device code being shown or
//! a browser being waited for, each under a numeric id.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use idlens_login::{
    cancellation, BrowserLogin, CancelHandle, Cancellation, DeviceAuthorization, DeviceLogin,
    LoginClient,
};
use idlens_profile::Profile;

use crate::{lock, Session, SessionError, Sessions};

#[derive(Default)]
pub(crate) struct SignIns {
    pending: Mutex<HashMap<u32, Pending>>,
    next: AtomicU32,
}

/// A sign-in between its start and its end.
struct Pending {
    profile: Profile,
    client: Arc<LoginClient>,
    cancel: CancelHandle,
    flow: Flow,
}

enum Flow {
    Device(DeviceLogin, Cancellation),
    Browser(BrowserLogin, Cancellation, Duration),
    /// [`Sessions::finish`] took the flow and is waiting for it.
    Waiting,
}

/// A started device sign-in: what the user needs to approve it elsewhere.
#[derive(Debug, Clone)]
pub struct DeviceStarted {
    pub id: u32,
    pub authorization: DeviceAuthorization,
}

/// A started browser sign-in: the loopback listener is open.
#[derive(Debug, Clone)]
pub struct BrowserStarted {
    pub id: u32,
    pub authorize_url: String,
    pub redirect_uri: String,
}

impl SignIns {
    fn add(&self, pending: Pending) -> u32 {
        let mut all = lock(&self.pending);
        // One sign-in per profile: a new one replaces (and cancels) the old.
        all.retain(|_, p| {
            let same = p.profile.name == pending.profile.name;
            if same {
                p.cancel.cancel();
            }
            !same
        });
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        all.insert(id, pending);
        id
    }
}

/// Removes a sign-in's entry when dropped, however its wait ends.
struct Entry<'a> {
    sign_ins: &'a SignIns,
    id: u32,
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        lock(&self.sign_ins.pending).remove(&self.id);
    }
}

impl Sessions {
    /// Starts a device sign-in: returns the code to show. Finish it with
    /// [`finish`](Self::finish).
    pub async fn start_device(&self, profile: Profile) -> Result<DeviceStarted, SessionError> {
        let client = self.login_client(&profile).await?;
        let login = client.start_device_login().await?;
        let authorization = login.authorization().clone();
        let (cancel, cancelled) = cancellation();
        let id = self.sign_ins.add(Pending {
            profile,
            client,
            cancel,
            flow: Flow::Device(login, cancelled),
        });
        Ok(DeviceStarted { id, authorization })
    }

    /// Starts a browser sign-in: opens the loopback listener and builds the
    /// authorization URL (the caller opens it). The listener waits `timeout`
    /// once [`finish`](Self::finish) is called.
    pub async fn start_browser(
        &self,
        profile: Profile,
        timeout: Duration,
    ) -> Result<BrowserStarted, SessionError> {
        let client = self.login_client(&profile).await?;
        let login = client.start_browser_login().await?;
        let authorize_url = login.authorize_url().to_string();
        let redirect_uri = login.redirect_uri().to_owned();
        let (cancel, cancelled) = cancellation();
        let id = self.sign_ins.add(Pending {
            profile,
            client,
            cancel,
            flow: Flow::Browser(login, cancelled, timeout),
        });
        Ok(BrowserStarted {
            id,
            authorize_url,
            redirect_uri,
        })
    }

    /// The page a started sign-in opens in a browser: the authorization URL,
    /// or the device flow's verification page.
    pub fn sign_in_page(&self, id: u32) -> Result<String, SessionError> {
        let all = lock(&self.sign_ins.pending);
        let pending = all.get(&id).ok_or(SessionError::UnknownSignIn(id))?;
        match &pending.flow {
            Flow::Device(login, _) => {
                let auth = login.authorization();
                Ok(auth
                    .verification_uri_complete
                    .clone()
                    .unwrap_or_else(|| auth.verification_uri.clone()))
            }
            Flow::Browser(login, _, _) => Ok(login.authorize_url().to_string()),
            Flow::Waiting => Err(SessionError::PageAlreadyOpened),
        }
    }

    /// Waits for a started sign-in to finish; on success the tokens are
    /// validated, the refresh token stored, and the session returned.
    pub async fn finish(&self, id: u32) -> Result<Session, SessionError> {
        let (profile, client, flow) = {
            let mut all = lock(&self.sign_ins.pending);
            let pending = all.get_mut(&id).ok_or(SessionError::UnknownSignIn(id))?;
            let flow = std::mem::replace(&mut pending.flow, Flow::Waiting);
            if let Flow::Waiting = flow {
                return Err(SessionError::AlreadyWaiting(id));
            }
            (pending.profile.clone(), Arc::clone(&pending.client), flow)
        };
        // However this wait ends (also when the caller drops it), the entry goes.
        let _entry = Entry {
            sign_ins: &self.sign_ins,
            id,
        };
        let tokens = match flow {
            Flow::Device(login, cancelled) => client.finish_device_login(login, cancelled).await?,
            Flow::Browser(login, cancelled, timeout) => {
                let code = login
                    .wait_for_code(&client.endpoints().issuer, timeout, cancelled)
                    .await?;
                client.exchange_code(&code).await?
            }
            Flow::Waiting => unreachable!("checked above"),
        };
        let _serialised = self
            .locks
            .hold(crate::locks::refresh_token_key(profile.name.as_str()))
            .await;
        self.establish(profile, client, tokens, None).await
    }

    /// Cancels a sign-in in progress (started or waiting). Cancelling one
    /// that has already ended does nothing.
    pub fn cancel(&self, id: u32) {
        let mut all = lock(&self.sign_ins.pending);
        if let Some(pending) = all.get(&id) {
            pending.cancel.cancel();
            // A started flow nobody waits for is dropped here, which closes
            // its loopback listener; a waiting one ends with `Cancelled`.
            if !matches!(pending.flow, Flow::Waiting) {
                all.remove(&id);
            }
        }
    }
}
