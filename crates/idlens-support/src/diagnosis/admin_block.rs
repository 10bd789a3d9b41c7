//! An administrator's block (`blocked: true`): read from the account's
//! state, never assumed from events (an unblocked user's old "user is
//! blocked" failures are not a cause). It never expires.

use super::story::{cite, code, Period, Story};
use super::text::{event_when, says, times};
use super::{phrases, Cause, CauseKind, Citation};

pub(super) fn admin_blocked(story: &Story<'_>, period: Period) -> Option<Cause> {
    let account = story.evidence.account?;
    if period == Period::Resolved || !account.blocked {
        return None;
    }
    let refused: Vec<_> = story
        .all()
        .iter()
        .copied()
        .filter(|e| code(e) == "f" && says(e, phrases::ADMIN_BLOCK))
        .collect();
    let mut headline = "blocked by an administrator (`blocked: true`)".to_owned();
    if let Some(last) = refused.first() {
        headline.push_str(&format!(
            ": sign-in refused {} as \"user is blocked\" (`f`, last {})",
            times(refused.len()),
            event_when(last)
        ));
    }
    headline.push_str("; an admin block never expires");
    let mut citations = vec![Citation::state("account.blocked")];
    citations.extend(cite(refused));
    Some(Cause::new(
        CauseKind::AdminBlocked,
        true,
        headline,
        citations,
        "Find out who blocked the account and why (the Management API events, `sapi`); if it is a mistake, unblock the user (`idlens users unblock USER`). Removing brute-force blocks does not clear it.",
    ))
}
