//! `idlens login`, `idlens whoami`, `idlens logout`: the session commands.
//!
//! A CLI process keeps nothing between runs but the keychain's refresh token,
//! so `whoami` renews the session with it (storing the rotated one) and shows
//! the claims of freshly validated tokens.

use std::process::ExitCode;
use std::time::SystemTime;

use idlens_api::types::{
    BrowserLoginStarted, BrowserOpened, DeviceLoginStarted, LoginRequest, RefreshTokenPlace,
    SecretKindView, SessionView,
};
use idlens_api::{Api, ApiError, ErrorCode};
use serde_json::json;

use crate::args::{LoginArgs, LogoutArgs, WhoamiArgs};
use crate::output::{self, say};
use crate::terminal::Untrusted;
use crate::{block_on, EXIT_FINDING};

pub fn login(api: &Api, args: LoginArgs) -> Result<ExitCode, ApiError> {
    let as_json = args.output.json;
    let request = LoginRequest {
        profile: args.selector.profile.clone(),
        timeout_secs: args.timeout,
        no_browser: args.no_browser,
    };
    let outcome = block_on(async {
        let login_id = if args.browser {
            let started = api.login_browser_start(request).await?;
            show_browser_sign_in(&started, as_json);
            started.login_id
        } else {
            let started = api.login_device_start(request).await?;
            show_device_sign_in(&started, as_json);
            started.login_id
        };
        tokio::select! {
            result = api.login_wait(login_id) => result,
            _ = tokio::signal::ctrl_c() => {
                api.login_cancel(login_id).and(Err(ApiError::new(
                    ErrorCode::Cancelled,
                    "The sign-in was cancelled.",
                )))
            }
        }
    })?;
    match outcome {
        Ok(view) => {
            if as_json {
                output::json_line(&view);
            } else {
                print_session(&view, "Signed in");
            }
            print_notice(&view);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => finding_or_error(e, as_json),
    }
}

/// Tells the user where the browser sign-in happens (one JSON line with
/// `--json`) while IdLens waits for the redirect.
fn show_browser_sign_in(started: &BrowserLoginStarted, as_json: bool) {
    if as_json {
        output::json_line(&json!({
            "authorize_url": started.authorize_url,
            "redirect_uri": started.redirect_uri,
            "expires_in": started.timeout_secs,
        }));
        return;
    }
    say!(
        "Signing in to profile {:?} in the browser.",
        started.profile
    );
    match &started.browser {
        BrowserOpened::Opened => {
            say!("Your browser should open; if it does not, open this address:")
        }
        BrowserOpened::NotRequested => say!("Open this address in a browser on this computer:"),
        BrowserOpened::Failed { reason } => say!("{}", Untrusted(reason)),
    }
    say!("  {}", Untrusted(&started.authorize_url));
    say!(
        "IdLens listens for the redirect at {} (the application must list this exact Allowed Callback URL).",
        started.redirect_uri
    );
    output::note(&format!(
        "Waiting up to {} for the browser… (Ctrl+C cancels)",
        span(started.timeout_secs)
    ));
}

/// Shows the device flow's code and where to enter it (one JSON line first
/// with `--json`, so a script can show the code while the poll runs).
fn show_device_sign_in(started: &DeviceLoginStarted, as_json: bool) {
    if as_json {
        output::json_line(&json!({
            "user_code": started.user_code,
            "verification_uri": started.verification_uri,
            "verification_uri_complete": started.verification_uri_complete,
            "expires_in": started.expires_in,
        }));
        return;
    }
    say!("To sign in to profile {:?}:", started.profile);
    say!("  1. open   {}", Untrusted(&started.verification_uri));
    say!("  2. enter  {}", Untrusted(&started.user_code));
    if let Some(complete) = &started.verification_uri_complete {
        say!(
            "or open {} (the code is filled in), or scan:",
            Untrusted(complete)
        );
        if let Some(art) = idlens_api::qr::terminal(complete) {
            output::line(art.trim_end());
        }
    }
    output::note(&format!(
        "The code expires in {}. Waiting for approval… (Ctrl+C cancels)",
        span(started.expires_in)
    ));
}

pub fn whoami(api: &Api, args: WhoamiArgs) -> Result<ExitCode, ApiError> {
    let as_json = args.output.json;
    match block_on(api.session_current(args.selector.profile.clone()))? {
        Ok(view) => {
            if as_json {
                output::json(&view);
            } else {
                print_session(&view, "Signed in");
            }
            print_notice(&view);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => finding_or_error(e, as_json),
    }
}

pub fn logout(api: &Api, args: LogoutArgs) -> Result<ExitCode, ApiError> {
    let as_json = args.output.json;
    let profile = api.profile(args.selector.profile.as_deref())?;
    let was_signed_in = profile
        .stored_secrets
        .contains(&SecretKindView::RefreshToken);
    let view = block_on(api.session_sign_out(Some(profile.name.clone())))??;
    if as_json {
        output::json(&json!({
            "profile": view.profile,
            "was_signed_in": was_signed_in,
            "notice": view.notice,
        }));
    } else if !was_signed_in {
        say!(
            "Not signed in to profile {:?}; nothing to sign out of.",
            view.profile
        );
    } else if view.notice.is_none() {
        say!(
            "Signed out of profile {:?}: the refresh token was revoked and deleted from the keychain.",
            view.profile
        );
    } else {
        say!("Signed out of profile {:?}.", view.profile);
    }
    print_notice(&view);
    Ok(ExitCode::SUCCESS)
}

/// Not signed in, denied, expired, cancelled: exit 1. Everything else: exit 2.
fn finding_or_error(e: ApiError, as_json: bool) -> Result<ExitCode, ApiError> {
    if matches!(e.code, ErrorCode::SignInRequired | ErrorCode::Cancelled) {
        if as_json {
            output::json_line(&json!({ "error": e }));
        }
        output::note(&e.message);
        return Ok(ExitCode::from(EXIT_FINDING));
    }
    Err(e)
}

fn print_notice(view: &SessionView) {
    if let Some(notice) = &view.notice {
        output::note(&format!("note: {notice}"));
    }
}

fn print_session(view: &SessionView, verb: &str) {
    let Some(user) = &view.user else {
        say!("Not signed in to profile {:?}.", view.profile);
        return;
    };
    let mut who = Untrusted(user.name.as_deref().unwrap_or(&user.sub)).to_string();
    if let Some(email) = &user.email {
        let verified = match user.email_verified {
            Some(false) => ", unverified",
            _ => "",
        };
        who.push_str(&format!(" <{}{verified}>", Untrusted(email)));
    }
    say!("{verb} to profile {:?} as {who}", view.profile);
    say!("User ID:       {}", Untrusted(&user.sub));
    if let Some(connection) = &user.connection {
        say!("Connection:    {}", Untrusted(connection));
    }
    say!("Issuer:        {}", Untrusted(&view.issuer));
    if let Some(access) = &view.access {
        let api_name = access.audience.as_deref().unwrap_or("(no API configured)");
        let api_name = Untrusted(api_name);
        match access
            .expires_at
            .and_then(|at| idlens_token::explain_time("exp", at, SystemTime::now()))
        {
            Some(t) => say!("Access token:  for {api_name}, {} ({})", t.relative, t.utc),
            None => say!("Access token:  for {api_name}"),
        }
        if !access.scopes.is_empty() {
            say!("Scopes:        {}", Untrusted(&access.scopes.join(" ")));
        }
        if !access.permissions.is_empty() {
            say!(
                "Permissions:   {}",
                Untrusted(&access.permissions.join(" "))
            );
        }
    }
    say!(
        "Refresh token: {}",
        match view.refresh_token {
            RefreshTokenPlace::Keychain => "in the OS keychain",
            RefreshTokenPlace::Memory => "in memory only (no OS keychain)",
            RefreshTokenPlace::None => "none (sign in again when the access token expires)",
        }
    );
}

/// "15 min", "5 min 30 s".
fn span(secs: u64) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}
