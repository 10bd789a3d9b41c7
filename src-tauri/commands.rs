//! Tauri commands: one line each, over `idlens_api::Api`.
//!
//! The list in [`shell_commands!`] must match `idlens_api::typescript::commands()`
//! (the generated TypeScript calls those names); a test checks it, and build.rs
//! refuses to grant a command that is not in the table.

use std::sync::Arc;

use idlens_api::types::{
    AppInfo, BrowserLoginStarted, BrowserOpened, DeviceLoginStarted, InspectRequest, LoginRequest,
    ProfileInput, ProfileList, ProfileView, RevealedToken, SecretInput, SecretKindView,
    SecretStored, SessionToken, SessionView,
};
use idlens_api::{Api, ApiError, Report};
use tauri::State;

type ApiState<'a> = State<'a, Arc<Api>>;

/// Runs a blocking `Api` call (file and keychain I/O) off the async runtime.
async fn blocking<T: Send + 'static>(
    api: &ApiState<'_>,
    call: impl FnOnce(&Api) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let api = Arc::clone(api);
    tauri::async_runtime::spawn_blocking(move || call(&api))
        .await
        .unwrap_or_else(|e| {
            Err(ApiError::new(
                idlens_api::ErrorCode::Internal,
                format!("an IdLens task failed: {e}"),
            ))
        })
}

#[tauri::command]
async fn app_info(api: ApiState<'_>) -> Result<AppInfo, ApiError> {
    blocking(&api, |api| Ok(api.app_info())).await
}

#[tauri::command]
async fn profile_list(api: ApiState<'_>) -> Result<ProfileList, ApiError> {
    blocking(&api, Api::profile_list).await
}

#[tauri::command]
async fn profile_add(api: ApiState<'_>, input: ProfileInput) -> Result<ProfileView, ApiError> {
    blocking(&api, move |api| api.profile_add(input)).await
}

#[tauri::command]
async fn profile_update(api: ApiState<'_>, input: ProfileInput) -> Result<ProfileView, ApiError> {
    api.profile_update(input).await
}

#[tauri::command]
async fn profile_remove(api: ApiState<'_>, name: String) -> Result<ProfileList, ApiError> {
    api.profile_remove(&name).await
}

#[tauri::command]
async fn profile_use(api: ApiState<'_>, name: String) -> Result<ProfileList, ApiError> {
    blocking(&api, move |api| api.profile_use(&name)).await
}

#[tauri::command]
async fn profile_set_secret(
    api: ApiState<'_>,
    input: SecretInput,
) -> Result<SecretStored, ApiError> {
    blocking(&api, move |api| api.profile_set_secret(input)).await
}

#[tauri::command]
async fn profile_clear_secret(
    api: ApiState<'_>,
    profile: String,
    kind: SecretKindView,
) -> Result<ProfileView, ApiError> {
    blocking(&api, move |api| api.profile_clear_secret(&profile, kind)).await
}

#[tauri::command]
async fn token_inspect(api: ApiState<'_>, request: InspectRequest) -> Result<Report, ApiError> {
    api.token_inspect(request).await
}

#[tauri::command]
async fn session_get(api: ApiState<'_>, profile: Option<String>) -> Result<SessionView, ApiError> {
    api.session_get(profile.as_deref()).await
}

#[tauri::command]
async fn session_refresh(
    api: ApiState<'_>,
    profile: Option<String>,
) -> Result<SessionView, ApiError> {
    api.session_refresh(profile.as_deref()).await
}

#[tauri::command]
async fn session_sign_out(
    api: ApiState<'_>,
    profile: Option<String>,
) -> Result<SessionView, ApiError> {
    api.session_sign_out(profile.as_deref()).await
}

#[tauri::command]
async fn session_reveal_token(
    api: ApiState<'_>,
    profile: Option<String>,
    which: SessionToken,
) -> Result<RevealedToken, ApiError> {
    blocking(&api, move |api| {
        api.session_reveal_token(profile.as_deref(), which)
    })
    .await
}

#[tauri::command]
async fn login_device_start(
    api: ApiState<'_>,
    request: LoginRequest,
) -> Result<DeviceLoginStarted, ApiError> {
    api.login_device_start(request).await
}

#[tauri::command]
async fn login_browser_start(
    api: ApiState<'_>,
    request: LoginRequest,
) -> Result<BrowserLoginStarted, ApiError> {
    api.login_browser_start(request).await
}

#[tauri::command]
async fn login_open_browser(api: ApiState<'_>, login_id: u32) -> Result<BrowserOpened, ApiError> {
    blocking(&api, move |api| api.login_open_browser(login_id)).await
}

#[tauri::command]
async fn login_wait(api: ApiState<'_>, login_id: u32) -> Result<SessionView, ApiError> {
    api.login_wait(login_id).await
}

#[tauri::command]
async fn login_cancel(api: ApiState<'_>, login_id: u32) -> Result<(), ApiError> {
    api.login_cancel(login_id);
    Ok(())
}

macro_rules! shell_commands {
    ($($name:ident),* $(,)?) => {
        /// The names registered with Tauri, in registration order.
        #[cfg(test)]
        pub(crate) const REGISTERED: &[&str] = &[$(stringify!($name)),*];

        pub(crate) fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

shell_commands![
    app_info,
    profile_list,
    profile_add,
    profile_update,
    profile_remove,
    profile_use,
    profile_set_secret,
    profile_clear_secret,
    token_inspect,
    session_get,
    session_refresh,
    session_sign_out,
    session_reveal_token,
    login_device_start,
    login_browser_start,
    login_open_browser,
    login_wait,
    login_cancel,
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_command_in_the_table_is_registered_and_nothing_else() {
        let table: Vec<&str> = idlens_api::typescript::commands()
            .iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(super::REGISTERED, table.as_slice());
    }

    #[test]
    fn capability_grants_exactly_the_registered_commands() {
        let text = include_str!("capabilities/default.json");
        let capability: serde_json::Value = serde_json::from_str(text).unwrap();
        let granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        let expected: Vec<String> = super::REGISTERED
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        assert_eq!(granted, expected);
    }
}
