//! A password sign-in at the login page (or `/activate`): checked against
//! brute-force protection and admin blocks, and logged as Auth0 logs it —
//! `s` success, `fp` wrong password, `fu` unknown user, `f` blocked by an
//! administrator, `limit_wc` when brute-force protection sets a block.

use crate::brute_force::Counted;
use crate::logs::{EventBuilder, LogEvent, Origin};
use crate::tenant::{Tenant, User, DATABASE_CONNECTION};
use crate::State;

/// Auth0's login-page message for an account blocked by brute-force protection.
pub(crate) const BLOCKED_MESSAGE: &str = "Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it.";

/// Why a sign-in was refused, with what the login page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    WrongCredentials,
    /// Brute-force protection blocks this identifier (from this IP).
    TooManyAttempts,
    /// An administrator blocked the user.
    UserBlocked,
}

impl Refused {
    pub(crate) fn message(self) -> &'static str {
        match self {
            Self::WrongCredentials => "Wrong email or password.",
            Self::TooManyAttempts => BLOCKED_MESSAGE,
            Self::UserBlocked => "user is blocked",
        }
    }
}

/// Signs in with an e-mail and password for `client_id`, logging the
/// outcome. Takes the tenant the caller holds (lock order).
pub(crate) fn sign_in(
    state: &State,
    tenant: &Tenant,
    client_id: &str,
    (email, password): (&str, &str),
    origin: &Origin,
) -> Result<User, Refused> {
    let event = |kind, text: &str| {
        LogEvent::new(kind, text)
            .client_id(tenant, client_id)
            .origin(origin)
    };
    let now = state.now_secs();
    let email = email.trim();
    let Some(user) = database_user(tenant, email) else {
        let unknown = event("fu", Refused::WrongCredentials.message())
            .user_name(email)
            .connection(tenant, DATABASE_CONNECTION);
        state.log(unknown);
        return Err(Refused::WrongCredentials);
    };
    if state.brute_force().is_blocked(email, &origin.ip, now) {
        state.log(event("f", BLOCKED_MESSAGE).user(tenant, user));
        return Err(Refused::TooManyAttempts);
    }
    if tenant.sign_in(email, password).is_none() {
        state.log(event("fp", Refused::WrongCredentials.message()).user(tenant, user));
        let counted = state.brute_force().count_failure(
            email,
            &origin.ip,
            DATABASE_CONNECTION,
            &user.user_id,
            now,
        );
        return match counted {
            Counted::Below => Err(Refused::WrongCredentials),
            Counted::Blocked(block) => {
                let mode = if block.ip.is_some() {
                    "count_per_identifier_and_ip"
                } else {
                    "count_per_identifier"
                };
                let limit = event(
                    "limit_wc",
                    "Blocked Account: too many failed login attempts for this user.",
                )
                .user(tenant, user)
                .details(serde_json::json!({ "mode": mode, "ip": block.ip }));
                state.log(limit);
                Err(Refused::TooManyAttempts)
            }
        };
    }
    if user.blocked {
        state.log(event("f", "user is blocked").user(tenant, user));
        return Err(Refused::UserBlocked);
    }
    state.brute_force().reset(email, &origin.ip);
    state.log(event("s", "Success Login").user(tenant, user));
    Ok(user.clone())
}

/// The database-connection user with this e-mail.
fn database_user<'t>(tenant: &'t Tenant, email: &str) -> Option<&'t User> {
    tenant
        .users
        .iter()
        .find(|u| u.connection() == DATABASE_CONNECTION && u.email.eq_ignore_ascii_case(email))
}
