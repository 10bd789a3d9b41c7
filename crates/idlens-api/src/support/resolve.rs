//! From what support typed to the user it means: an e-mail can belong to
//! one user per connection (support picks), a user ID to one, a username
//! to one per connection that uses usernames.

use idlens_auth0::models::User;
use idlens_job::Job;
use idlens_support::Who;

use crate::rbac::tokens::Management;
use crate::{ApiError, ErrorCode};

/// The users what support typed names.
pub(super) enum Resolved {
    /// `by_email`: the users with the same e-mail, when the lookup read them.
    One {
        user: Box<User>,
        by_email: Option<Vec<User>>,
    },
    Several(Vec<User>),
    None {
        message: String,
    },
}

pub(super) async fn resolve(
    client: &Management,
    who: &str,
    job: &Job,
) -> Result<Resolved, ApiError> {
    let who = Who::parse(who).map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
    match &who {
        Who::UserId(id) => match client.user(id, job).await {
            Ok(user) => Ok(Resolved::One {
                user: Box::new(user),
                by_email: None,
            }),
            Err(e) if e.is_not_found() => Ok(Resolved::None {
                message: format!(
                    "The tenant has no user {id:?}. Check the ID (copy it from the token's `sub` or the Users screen), or look the customer up by e-mail."
                ),
            }),
            Err(e) => Err(e.into()),
        },
        Who::Email(email) => {
            let users = client.users_by_email(email, job).await?;
            Ok(match of_list(users.clone(), || no_email(email)) {
                Resolved::One { user, .. } => Resolved::One {
                    user,
                    by_email: Some(users),
                },
                other => other,
            })
        }
        Who::Username(name) => {
            let q = format!("username:{}", quoted(name));
            let page = client.search_users(&q, 0, 50, job).await?;
            Ok(of_list(page.users, || no_username(name)))
        }
    }
}

fn of_list(mut users: Vec<User>, none: impl FnOnce() -> String) -> Resolved {
    match users.len() {
        0 => Resolved::None { message: none() },
        1 => Resolved::One {
            user: Box::new(users.remove(0)),
            by_email: None,
        },
        _ => Resolved::Several(users),
    }
}

fn no_email(email: &str) -> String {
    format!(
        "No account has the e-mail {email:?} in any connection. The customer may have signed up with another address, or with Google, GitHub or another social account whose e-mail differs: ask which they used, then look up that address or search their name in Users."
    )
}

fn no_username(name: &str) -> String {
    format!(
        "No account has the username {name:?}. Usernames exist only in database connections that require them: try the customer's e-mail address or user ID."
    )
}

/// A Lucene phrase for Auth0's user search.
fn quoted(value: &str) -> String {
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}
