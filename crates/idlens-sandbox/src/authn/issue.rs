//! Minting a user's tokens for a grant: the access token (a JWT for an API,
//! Auth0's opaque one without), the ID token and the refresh token, and the
//! records `/userinfo`, the Management API and refresh read them back by.

use base64::Engine;
use serde_json::{json, Value};

use super::{OAuthError, OAuthResult};
use crate::keys::{random_token, s256};
use crate::tenant::{ResourceServer, Tenant, User};
use crate::{AccessRecord, Grant, RefreshRecord, RefreshState, State};

/// Refresh tokens' absolute lifetime, Auth0's default for rotating ones.
const REFRESH_LIFETIME: i64 = 30 * 86_400;

/// Scopes of the Management API a user's own token may carry: Auth0 grants
/// user tokens for it only current-user scopes, never `read:roles` and the like.
const CURRENT_USER_SCOPES: [&str; 2] = ["read:current_user", "update:current_user_metadata"];

/// Mints the tokens for a grant: an access token (a JWT for an API, opaque
/// without an audience), an ID token with `openid`, a refresh token with
/// `offline_access` (in `family` when this is a rotation).
pub(super) fn issue(state: &State, grant: &Grant, family: Option<&str>) -> OAuthResult<Value> {
    issue_for(state, grant, family, None)
}

/// [`issue`], with the access token for `audience` instead of the grant's
/// (a refresh that names another API: Auth0's multi-resource refresh
/// tokens). The refresh token stays one for the grant's own API.
pub(super) fn issue_for(
    state: &State,
    grant: &Grant,
    family: Option<&str>,
    audience: Option<&str>,
) -> OAuthResult<Value> {
    let tenant = state.tenant();
    let audience = audience.or(grant.audience.as_deref());
    let user = tenant
        .user(&grant.user_id)
        .ok_or_else(|| OAuthError::invalid_grant("The user no longer exists."))?;
    if user.blocked {
        // An administrator's block stops refreshes too, as in Auth0.
        return Err(OAuthError::invalid_grant("user is blocked"));
    }
    let client = tenant
        .client(&grant.client_id)
        .ok_or_else(|| OAuthError::invalid_grant("The client no longer exists."))?;
    let now = state.now_secs();
    let lifetime = state.config.token_lifetime.as_secs() as i64;
    let openid = grant.scope.iter().any(|s| s == "openid");
    let api = audience.and_then(|a| tenant.resource_server(a));
    let (scope, permissions) = granted(&tenant, user, grant, api);

    let access_token = match audience {
        Some(audience) => {
            let aud = if openid {
                json!([audience, format!("{}userinfo", state.issuer)])
            } else {
                json!(audience)
            };
            let mut claims = json!({
                "iss": state.issuer,
                "sub": user.user_id,
                "aud": aud,
                "iat": now,
                "exp": now + lifetime,
                "scope": scope.join(" "),
                "azp": client.client_id,
            });
            if api.is_some_and(|api| api.adds_permissions()) {
                claims["permissions"] = json!(permissions);
            }
            state.keys().sign(&claims).map_err(OAuthError::server)?
        }
        None => opaque_access_token(state)?,
    };
    if api.is_some_and(|api| api.is_system) {
        remember_management_token(state, &access_token, &scope, now + lifetime)?;
    }
    let userinfo = audience.is_none() || openid;
    remember_access_token(state, grant, &access_token, userinfo, now + lifetime)?;

    let mut answer = json!({
        "access_token": access_token,
        "scope": scope.join(" "),
        "expires_in": lifetime,
        "token_type": "Bearer",
    });
    if openid {
        answer["id_token"] = json!(id_token(state, grant, user, &client.client_id, now)?);
    }
    let offline = grant.scope.iter().any(|s| s == "offline_access");
    if offline && client.allows_grant("refresh_token") {
        answer["refresh_token"] = json!(new_refresh_token(state, grant, family, now)?);
    }
    Ok(answer)
}

/// The scopes an access token for `api` carries, and the user's permissions
/// on it: OIDC scopes as asked; API scopes only where RBAC grants them (for
/// the Management API, only current-user ones, as in Auth0).
fn granted(
    tenant: &Tenant,
    user: &User,
    grant: &Grant,
    api: Option<&ResourceServer>,
) -> (Vec<String>, Vec<String>) {
    let permissions = match api {
        Some(api) if api.is_system => CURRENT_USER_SCOPES.map(str::to_owned).to_vec(),
        Some(api) => tenant.permissions(user, &api.identifier),
        None => Vec::new(),
    };
    let is_api_scope = |s: &str| api.is_some_and(|api| api.scopes.iter().any(|x| x.value == s));
    let mut scope: Vec<String> = grant
        .scope
        .iter()
        .filter(|s| !is_api_scope(s) || permissions.contains(s))
        .cloned()
        .collect();
    if api.is_some_and(|api| api.is_system) {
        scope.extend(CURRENT_USER_SCOPES.iter().map(|s| (*s).to_owned()));
        scope.dedup();
    }
    (scope, permissions)
}

/// Records an issued access token, for `/userinfo` (when it works there).
fn remember_access_token(
    state: &State,
    grant: &Grant,
    access_token: &str,
    userinfo: bool,
    expires_at: i64,
) -> OAuthResult<()> {
    let now = state.now_secs();
    state
        .flows()
        .access
        .insert(
            s256(access_token),
            AccessRecord {
                grant: grant.clone(),
                expires_at,
                userinfo,
            },
            expires_at,
            now,
        )
        .map_err(|full| OAuthError::too_many("unexpired access tokens", full))
}

/// The ID token of a grant: the user's profile claims the scopes ask for.
fn id_token(
    state: &State,
    grant: &Grant,
    user: &User,
    client_id: &str,
    now: i64,
) -> OAuthResult<String> {
    let mut claims = profile_claims(user, &grant.scope);
    claims.insert("iss".into(), json!(state.issuer));
    claims.insert("aud".into(), json!(client_id));
    claims.insert("azp".into(), json!(client_id));
    claims.insert("iat".into(), json!(now));
    claims.insert("exp".into(), json!(now + 36_000));
    claims.insert("sid".into(), json!(grant.sid));
    claims.insert("auth_time".into(), json!(grant.auth_time));
    if let Some(nonce) = &grant.nonce {
        claims.insert("nonce".into(), json!(nonce));
    }
    state
        .keys()
        .sign(&Value::Object(claims))
        .map_err(OAuthError::server)
}

/// A new refresh token for the grant, in `family` (a rotation) or a new one.
fn new_refresh_token(
    state: &State,
    grant: &Grant,
    family: Option<&str>,
    now: i64,
) -> OAuthResult<String> {
    let token = format!("v1.{}", random_token(48).map_err(OAuthError::server)?);
    let family = match family {
        Some(f) => f.to_owned(),
        None => random_token(16).map_err(OAuthError::server)?,
    };
    state
        .flows()
        .refresh
        .insert(
            token.clone(),
            RefreshRecord {
                family,
                grant: grant.clone(),
                state: RefreshState::Active,
                expires_at: now + REFRESH_LIFETIME,
            },
            now + REFRESH_LIFETIME,
            now,
        )
        .map_err(|full| OAuthError::too_many("refresh tokens", full))?;
    Ok(token)
}

/// Lets the Management API accept `token` with `scopes` until `expires_at`.
pub(super) fn remember_management_token(
    state: &State,
    token: &str,
    scopes: &[String],
    expires_at: i64,
) -> OAuthResult<()> {
    let issued = crate::mgmt::IssuedToken {
        scopes: scopes.to_vec(),
        expires_at,
    };
    state
        .flows()
        .management
        .insert(s256(token), issued, expires_at, state.now_secs())
        .map_err(|full| OAuthError::too_many("unexpired Management API tokens", full))
}

/// Auth0's opaque access token: a JWE it encrypts to itself (`alg: dir`,
/// `enc: A256GCM`, its issuer in the header), unreadable to anyone else.
fn opaque_access_token(state: &State) -> OAuthResult<String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = json!({"alg": "dir", "enc": "A256GCM", "iss": state.issuer});
    let part = |n| random_token(n).map_err(OAuthError::server);
    Ok(format!(
        "{}..{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        part(12)?,
        part(96)?,
        part(16)?
    ))
}

/// The user's claims for an ID token or `/userinfo`, by the scopes granted.
pub(super) fn profile_claims(user: &User, scope: &[String]) -> serde_json::Map<String, Value> {
    let has = |s: &str| scope.iter().any(|x| x == s);
    let mut claims = serde_json::Map::new();
    claims.insert("sub".into(), json!(user.user_id));
    if has("profile") {
        claims.insert("given_name".into(), json!(user.given_name));
        claims.insert("family_name".into(), json!(user.family_name));
        claims.insert("nickname".into(), json!(user.nickname));
        claims.insert("name".into(), json!(user.name));
        claims.insert("picture".into(), json!(user.picture));
        claims.insert("updated_at".into(), json!(user.updated_at));
    }
    if has("email") {
        claims.insert("email".into(), json!(user.email));
        claims.insert("email_verified".into(), json!(user.email_verified));
    }
    claims
}
