//! The Support desk's guarded fixes from the command line (`idlens users
//! block|unblock|unblock-ip|verify-email|password-ticket|reset-mfa|
//! revoke-sessions`, `idlens roles assign|remove`): the change described,
//! confirmed (`--yes`, or `yes` typed at a terminal), made, and the
//! tenant's state after it printed. The core records each one.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use idlens_api::types::{FixDescription, SupportFix, SupportFixDone, SupportFixRequest};
use idlens_api::{Api, ApiError, ErrorCode};

use crate::args::{FixArgs, UserFixCommand};
use crate::output::{self, say};
use crate::terminal::Untrusted;
use crate::{block_on, EXIT_FINDING};

pub fn users(api: &Api, command: UserFixCommand) -> Result<ExitCode, ApiError> {
    use SupportFix as F;
    use UserFixCommand as C;
    match command {
        C::Block { user_id, fix } => apply(api, F::Block { user_id }, fix),
        C::Unblock { user_id, fix } => apply(api, F::Unblock { user_id }, fix),
        C::UnblockIp { identifier, fix } => apply(api, F::RemoveBlocks { identifier }, fix),
        C::VerifyEmail { user_id, fix } => apply(api, F::SendVerificationEmail { user_id }, fix),
        C::PasswordTicket { user_id, fix } => apply(api, F::PasswordTicket { user_id }, fix),
        C::ResetMfa {
            user_id,
            browsers_only: true,
            fix,
        } => apply(api, F::ForgetBrowsers { user_id }, fix),
        C::ResetMfa { user_id, fix, .. } => apply(api, F::ResetMfa { user_id }, fix),
        C::RevokeSessions {
            user_id,
            refresh_tokens,
            fix,
        } => {
            let sessions = F::RevokeSessions {
                user_id: user_id.clone(),
            };
            let code = apply_with(api, sessions, &fix)?;
            if !refresh_tokens || code != ExitCode::SUCCESS {
                return Ok(code);
            }
            apply_with(api, F::RevokeRefreshTokens { user_id }, &fix)
        }
    }
}

pub fn apply(api: &Api, fix: SupportFix, args: FixArgs) -> Result<ExitCode, ApiError> {
    apply_with(api, fix, &args)
}

fn apply_with(api: &Api, fix: SupportFix, args: &FixArgs) -> Result<ExitCode, ApiError> {
    let description = api.support_fix_describe(fix.clone())?;
    if !confirmed(&description, args.yes)? {
        output::note("Nothing was changed.");
        return Ok(ExitCode::from(EXIT_FINDING));
    }
    let request = SupportFixRequest {
        profile: args.selector.profile.clone(),
        fix,
        confirmed: true,
    };
    let done = block_on(api.support_fix_apply(request))??;
    if args.output.json {
        output::json(&done);
    } else {
        print_done(&description, &done);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_done(description: &FixDescription, done: &SupportFixDone) {
    say!("{}: done.", Untrusted(&description.title));
    if let Some(ticket) = &done.ticket {
        say!("Link: {}", Untrusted(&ticket.url));
    }
    if !done.after.is_empty() {
        say!("{}", Untrusted(&done.after));
    }
    say!("Recorded in the action log (record {}).", done.record.seq);
    if let Some(reason) = &done.head_not_kept {
        output::note(&format!(
            "warning: the action log's head is not in the OS keychain ({reason}): a cut-short log would go unnoticed."
        ));
    }
}

/// `--yes`, or `yes` typed at a terminal after the change is shown; with
/// neither a terminal nor `--yes`, refused (nothing is changed silently).
fn confirmed(description: &FixDescription, yes: bool) -> Result<bool, ApiError> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} changes the tenant and needs a confirmation: {} Add --yes to make it (there is no terminal to ask on). Nothing was changed.",
                description.title, description.changes
            ),
        ));
    }
    output::note(&format!(
        "{}\n{}\n{} (scope {})",
        description.title, description.changes, description.note, description.scope
    ));
    eprint!("Type yes to make this change: ");
    let _flushed = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("Could not read the answer: {e}")))?;
    Ok(answer.trim().eq_ignore_ascii_case("yes"))
}
