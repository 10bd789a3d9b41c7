//! The part of Auth0's user search syntax (Lucene, `search_engine=v3`) the
//! sandbox understands: `field:value`, `field:"a phrase"`, `field:prefix*`,
//! bare words (name, e-mail or nickname), `AND` (or a space) and `OR`.
//! Anything else is refused with `400`, as Auth0 refuses a query it cannot
//! parse, rather than answered wrongly.

use crate::tenant::User;

/// A parsed query: any of the groups, each matching all of its terms.
pub(crate) struct Query {
    any_of: Vec<Vec<Term>>,
}

struct Term {
    field: Option<Field>,
    value: String,
    prefix: bool,
}

#[derive(Clone, Copy)]
enum Field {
    UserId,
    Email,
    Name,
    Nickname,
    GivenName,
    FamilyName,
    EmailVerified,
    Connection,
    Provider,
}

impl Field {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "user_id" => Self::UserId,
            "email" => Self::Email,
            "name" => Self::Name,
            "nickname" => Self::Nickname,
            "given_name" => Self::GivenName,
            "family_name" => Self::FamilyName,
            "email_verified" => Self::EmailVerified,
            "identities.connection" => Self::Connection,
            "identities.provider" => Self::Provider,
            _ => return None,
        })
    }
}

impl Query {
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let tokens = tokens(text)?;
        let mut any_of = vec![Vec::new()];
        for token in tokens {
            match token.as_str() {
                "OR" => any_of.push(Vec::new()),
                "AND" => {}
                _ => any_of
                    .last_mut()
                    .expect("one group at least")
                    .push(term(&token)?),
            }
        }
        if any_of.iter().any(Vec::is_empty) {
            return Err("an AND or OR has nothing on one side".to_owned());
        }
        Ok(Self { any_of })
    }

    pub(crate) fn matches(&self, user: &User) -> bool {
        self.any_of
            .iter()
            .any(|all| all.iter().all(|t| t.matches(user)))
    }
}

/// Splits on spaces outside double quotes.
fn tokens(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            '(' | ')' | '[' | ']' | '{' | '}' if !quoted => {
                return Err(format!("'{c}' (groups and ranges) is not supported here"))
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err("a quote is not closed".to_owned());
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
}

fn term(token: &str) -> Result<Term, String> {
    let (field, raw) = match token.split_once(':') {
        Some((name, value)) => {
            let field = Field::parse(name)
                .ok_or_else(|| format!("the field {name:?} cannot be searched"))?;
            (Some(field), value)
        }
        None => (None, token),
    };
    let unquoted = raw.strip_prefix('"').and_then(|v| v.strip_suffix('"'));
    let (value, prefix) = match unquoted {
        Some(phrase) => (phrase.to_owned(), false),
        None => match raw.strip_suffix('*') {
            Some(stem) => (stem.to_owned(), true),
            None => (raw.to_owned(), false),
        },
    };
    if value.is_empty() && !prefix {
        return Err(format!("{token:?} has no value"));
    }
    Ok(Term {
        field,
        value: value.to_lowercase(),
        prefix,
    })
}

impl Term {
    fn matches(&self, user: &User) -> bool {
        let text = |s: &str| {
            let s = s.to_lowercase();
            if self.prefix {
                s.starts_with(&self.value)
            } else {
                s == self.value
            }
        };
        match self.field {
            None => [&user.name, &user.email, &user.nickname]
                .iter()
                .any(|s| s.to_lowercase().starts_with(&self.value)),
            Some(Field::UserId) => text(&user.user_id),
            Some(Field::Email) => text(&user.email),
            Some(Field::Name) => text(&user.name),
            Some(Field::Nickname) => text(&user.nickname),
            Some(Field::GivenName) => text(&user.given_name),
            Some(Field::FamilyName) => text(&user.family_name),
            Some(Field::EmailVerified) => text(if user.email_verified { "true" } else { "false" }),
            Some(Field::Connection) => user.identities.iter().any(|i| text(&i.connection)),
            Some(Field::Provider) => user.identities.iter().any(|i| text(&i.provider)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant() -> crate::tenant::Tenant {
        crate::tenant::Tenant::seeded(1, "http://127.0.0.1:4000/", &[])
    }

    fn count(t: &crate::tenant::Tenant, q: &str) -> usize {
        let query = Query::parse(q).unwrap();
        t.users.iter().filter(|u| query.matches(u)).count()
    }

    #[test]
    fn fields_phrases_prefixes_and_or() {
        let t = tenant();
        assert_eq!(count(&t, r#"email:"ada.admin@idlens.test""#), 1);
        assert_eq!(count(&t, "email:ADA.ADMIN@idlens.test"), 1);
        assert_eq!(count(&t, "email:ada.*"), 1);
        let github = count(&t, "identities.connection:github");
        assert!(github > 0);
        let unverified = count(&t, "email_verified:false");
        let both = count(&t, "identities.connection:github OR email_verified:false");
        assert!(both > github && both > unverified);
        assert!(count(&t, "identities.connection:github AND email_verified:false") <= github);
        assert_eq!(count(&t, "nora"), 1);
    }

    #[test]
    fn what_it_cannot_answer_is_refused() {
        for q in [
            "app_metadata.plan:gold",
            "(a OR b)",
            "email:\"open",
            "logins_count:[1 TO 5]",
            "OR email:x",
        ] {
            assert!(Query::parse(q).is_err(), "{q}");
        }
    }
}
