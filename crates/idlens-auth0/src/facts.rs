//! The client's models as `idlens_support`'s facts about one customer (the
//! support card's one declaration): an account, its brute-force blocks and
//! its MFA methods. A date Auth0 sends that is not RFC 3339 becomes `None`,
//! never an error that hides the rest of the card.

use chrono::{DateTime, Utc};
use idlens_support::{AccountFacts, BlockFacts, IdentityFacts, MfaMethodFacts};

use crate::models::{AuthenticationMethod, Identity, User, UserBlock};

fn date(text: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text?)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

impl From<&User> for AccountFacts {
    fn from(user: &User) -> Self {
        AccountFacts {
            user_id: user.user_id.clone(),
            email: user.email.clone(),
            email_verified: user.email_verified,
            username: user.username.clone(),
            phone_number: user.phone_number.clone(),
            identities: user.identities.iter().map(IdentityFacts::from).collect(),
            blocked: user.blocked,
            last_login: date(user.last_login.as_deref()),
            last_ip: user.last_ip.clone(),
            logins_count: user.logins_count,
        }
    }
}

impl From<&Identity> for IdentityFacts {
    fn from(identity: &Identity) -> Self {
        IdentityFacts {
            provider: identity.provider.clone(),
            connection: identity.connection.clone(),
            is_social: identity.is_social,
        }
    }
}

impl From<&UserBlock> for BlockFacts {
    fn from(block: &UserBlock) -> Self {
        BlockFacts {
            identifier: block.identifier.clone(),
            ip: block.ip.clone(),
            connection: block.connection.clone(),
        }
    }
}

impl From<&AuthenticationMethod> for MfaMethodFacts {
    fn from(method: &AuthenticationMethod) -> Self {
        MfaMethodFacts {
            id: method.id.clone(),
            kind: method.kind.clone(),
            confirmed: method.confirmed,
            name: method.name.clone(),
            created_at: date(method.created_at.as_deref()),
            last_auth_at: date(method.last_auth_at.as_deref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_method_becomes_facts_and_a_bad_date_is_none() {
        let method: AuthenticationMethod = serde_json::from_value(serde_json::json!({
            "id": "totp|dev_1", "type": "totp", "confirmed": true,
            "created_at": "2026-11-01T10:00:00.000Z", "last_auth_at": "yesterday"
        }))
        .unwrap();
        let facts = MfaMethodFacts::from(&method);
        assert_eq!((facts.kind.as_str(), facts.confirmed), ("totp", true));
        assert_eq!(
            facts.created_at.map(|d| d.to_rfc3339()),
            Some("2026-11-01T10:00:00+00:00".to_owned())
        );
        assert_eq!(facts.last_auth_at, None);
    }

    #[test]
    fn an_account_carries_its_admin_block_and_last_sign_in() {
        let user: User = serde_json::from_value(serde_json::json!({
            "user_id": "auth0|a", "email": "a@x.test", "blocked": true,
            "last_ip": "203.0.113.7", "last_login": "2026-12-01T08:00:00.000Z",
            "identities": [{"provider": "auth0", "user_id": "a", "connection": "db", "isSocial": false}]
        }))
        .unwrap();
        let facts = AccountFacts::from(&user);
        assert!(facts.blocked);
        assert_eq!(facts.last_ip.as_deref(), Some("203.0.113.7"));
        assert!(facts.last_login.is_some());
        assert_eq!(facts.identities[0].connection, "db");
    }
}
