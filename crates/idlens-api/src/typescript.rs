//! Generates `ui/src/bindings.ts`: a TypeScript declaration for every boundary
//! type and a typed function for every command. The `bindings` test compares
//! the checked-in file with [`bindings`] and fails when it is stale
//! (`UPDATE_EXPECT=1 cargo test -p idlens-api --test api` refreshes it).

use idlens_token::{
    Check, CheckName, CheckStatus, ClaimCategory, ClaimExplanation, KeyFreshness, KeyUsed,
    KeysStatus, Report, Tenant, TimeExplanation, TokenKind,
};
use ts_rs::TS;

use crate::error::{ApiError, ErrorCode};
use crate::types::*;

/// One command of the desktop shell, as the UI calls it.
pub struct CommandSpec {
    /// The Tauri command name (snake_case), also the Rust function name.
    pub name: &'static str,
    pub doc: &'static str,
    /// Argument names as Rust declares them; Tauri expects them camelCased.
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

macro_rules! command_table {
    ($( $( #[doc = $doc:literal] )+ fn $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty; )*) => {
        /// Every command the desktop shell must register, in UI order.
        pub fn commands() -> Vec<CommandSpec> {
            vec![$(CommandSpec {
                name: stringify!($name),
                // Doc lines each start with a space, so they join into one sentence.
                doc: concat!($($doc),+).trim(),
                args: vec![$( (stringify!($arg), <$ty as TS>::name()) ),*],
                returns: <$ret as TS>::name(),
            }),*]
        }
    };
}

command_table! {
    /// Version, config file path and where secrets are kept.
    fn app_info() -> AppInfo;
    /// All profiles, the one in use, the config path and keychain status.
    fn profile_list() -> ProfileList;
    /// Adds a profile; fails with `alreadyExists` if the name is taken.
    fn profile_add(input: ProfileInput) -> ProfileView;
    /// Replaces an existing profile's settings; stored secrets are kept.
    fn profile_update(input: ProfileInput) -> ProfileView;
    /// Removes a profile and deletes its secrets from the keychain.
    fn profile_remove(name: String) -> ProfileList;
    /// Makes a profile the one in use.
    fn profile_use(name: String) -> ProfileList;
    /// Stores a secret of a profile in the OS keychain (memory only if there is none).
    fn profile_set_secret(input: SecretInput) -> SecretStored;
    /// Deletes one stored secret of a profile.
    fn profile_clear_secret(profile: String, kind: SecretKindView) -> ProfileView;
    /// Decodes, explains and verifies a token on this machine.
    fn token_inspect(request: InspectRequest) -> Report;
    /// The profile's session (refreshed ahead of expiry, resumed from the
    /// keychain); signed out with a notice when there is none.
    fn session_get(profile: Option<String>) -> SessionView;
    /// Renews the session with its refresh token now.
    fn session_refresh(profile: Option<String>) -> SessionView;
    /// Revokes the refresh token, deletes it from the keychain, forgets the tokens.
    fn session_sign_out(profile: Option<String>) -> SessionView;
    /// The session's access or ID token, only when the user asked to see it.
    fn session_reveal_token(profile: Option<String>, which: SessionToken) -> RevealedToken;
    /// Starts a device sign-in; returns the code to show.
    fn login_device_start(request: LoginRequest) -> DeviceLoginStarted;
    /// Starts a browser sign-in: opens the loopback listener and the system browser.
    fn login_browser_start(request: LoginRequest) -> BrowserLoginStarted;
    /// Opens a started sign-in's page (authorization or device verification) in the browser again.
    fn login_open_browser(login_id: u32) -> BrowserOpened;
    /// Waits for a started sign-in to finish; fails with `cancelled` after `login_cancel`.
    fn login_wait(login_id: u32) -> SessionView;
    /// Cancels a sign-in in progress.
    fn login_cancel(login_id: u32) -> ();
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn declarations() -> Vec<String> {
    vec![
        ErrorCode::decl(),
        ApiError::decl(),
        AppInfo::decl(),
        KeychainView::decl(),
        ProfileList::decl(),
        ProfileView::decl(),
        ProfileInput::decl(),
        ProviderView::decl(),
        ManagementInput::decl(),
        Neo4jInput::decl(),
        SecretKindView::decl(),
        SecretInput::decl(),
        SecretStored::decl(),
        InspectRequest::decl(),
        KeySourceInput::decl(),
        Report::decl(),
        TokenKind::decl(),
        Tenant::decl(),
        ClaimExplanation::decl(),
        ClaimCategory::decl(),
        TimeExplanation::decl(),
        Check::decl(),
        CheckName::decl(),
        CheckStatus::decl(),
        KeyUsed::decl(),
        KeysStatus::decl(),
        KeyFreshness::decl(),
        LoginRequest::decl(),
        DeviceLoginStarted::decl(),
        QrCodeView::decl(),
        BrowserLoginStarted::decl(),
        BrowserOpened::decl(),
        SessionView::decl(),
        SessionUser::decl(),
        AccessView::decl(),
        RefreshTokenPlace::decl(),
        SessionToken::decl(),
        RevealedToken::decl(),
    ]
}

/// The full text of `ui/src/bindings.ts`.
pub fn bindings() -> String {
    let mut out = String::from(
        "// Generated from crates/idlens-api by `UPDATE_EXPECT=1 cargo test -p idlens-api --test api`.\n\
         // Do not edit by hand: change the Rust types and regenerate.\n\n\
         import { call } from \"./ipc\";\n\n",
    );
    for decl in declarations() {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str(
        "/** Every command of the desktop shell. Rejections are always an `ApiError`. */\n",
    );
    out.push_str("export const commands = {\n");
    for cmd in commands() {
        let params: Vec<String> = cmd
            .args
            .iter()
            .map(|(name, ty)| format!("{}: {ty}", camel_case(name)))
            .collect();
        let arg_object = if cmd.args.is_empty() {
            String::new()
        } else {
            let keys: Vec<String> = cmd.args.iter().map(|(n, _)| camel_case(n)).collect();
            format!(", {{ {} }}", keys.join(", "))
        };
        let returns = if cmd.returns == "null" {
            "void".to_owned()
        } else {
            cmd.returns.clone()
        };
        out.push_str(&format!(
            "  /** {} */\n  {}: ({}): Promise<{returns}> => call<{returns}>(\"{}\"{arg_object}),\n",
            cmd.doc,
            camel_case(cmd.name),
            params.join(", "),
            cmd.name,
        ));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn camel_case_matches_tauri_argument_naming() {
        assert_eq!(super::camel_case("profile_set_secret"), "profileSetSecret");
        assert_eq!(super::camel_case("name"), "name");
    }
}
