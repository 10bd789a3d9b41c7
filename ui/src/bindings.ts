// Generated from crates/idlens-api by `UPDATE_EXPECT=1 cargo test -p idlens-api --test api`.
// Do not edit by hand: change the Rust types and regenerate.

import { call } from "./ipc";

export type ErrorCode = "invalidInput" | "notFound" | "alreadyExists" | "keychain" | "config" | "io" | "network" | "signInRequired" | "cancelled" | "internal";

export type ApiError = { code: ErrorCode, message: string, 
/**
 * For `invalidInput` and `alreadyExists`: the input field at fault, named
 * as in the request type (`issuer`, `clientId`, …), so forms can mark it.
 */
field?: string, };

export type AppInfo = { version: string, 
/**
 * The profile file, shown so admins know what to back up.
 */
configPath: string, keychain: KeychainView, 
/**
 * The loopback port a new profile gets unless one is entered.
 */
defaultCallbackPort: number, 
/**
 * Scopes every sign-in requests; a profile's scopes are added to these.
 */
baseScopes: Array<string>, };

export type KeychainView = { "kind": "os" } | { "kind": "memoryOnly", reason: string, };

export type ProfileList = { profiles: Array<ProfileView>, current: string | null, configPath: string, keychain: KeychainView, };

export type ProfileView = { name: string, issuer: string, provider: ProviderView, clientId: string, audience: string | null, callbackPort: number, 
/**
 * The redirect URI to register in the Auth0 application.
 */
callbackUrl: string, 
/**
 * Where the issuer's keys are found (`jwks_uri` in this document).
 */
discoveryUrl: string, 
/**
 * The tenant's Management API audience (`https://{domain}/api/v2/`).
 */
managementAudience: string, scopes: Array<string>, management: ManagementInput, neo4j: Neo4jInput | null, storedSecrets: Array<SecretKindView>, };

export type ProfileInput = { name: string, 
/**
 * Tenant domain (`acme.eu.auth0.com`) or issuer URL.
 */
issuer: string, 
/**
 * Default: `auto` (Auth0 for `*.auth0.com`, standard OpenID otherwise);
 * kept as it is when updating.
 */
provider?: ProviderView, clientId: string, audience: string | null, callbackPort: number | null, scopes: Array<string>, management: ManagementInput | null, neo4j: Neo4jInput | null, };

export type ProviderView = "auto" | "auth0" | "oidc";

export type ManagementInput = { "kind": "disabled" } | { "kind": "signedInUser" } | { "kind": "clientCredentials", clientId: string, };

export type Neo4jInput = { uri: string, user: string, database: string | null, };

export type SecretKindView = "refreshToken" | "managementClientSecret" | "neo4jPassword";

export type SecretInput = { profile: string, kind: SecretKindView, value: string, };

export type SecretStored = { kind: SecretKindView, keychain: KeychainView, };

export type InspectRequest = { 
/**
 * The pasted input. It stays on this machine: only key fetches go out,
 * and they carry no token.
 */
token: string, keys: KeySourceInput, 
/**
 * The `iss` to expect, exactly. Default: the issuer the keys came from.
 */
issuer: string | null, 
/**
 * `aud` must hold one of these. Default with profile keys: the profile's
 * audience and client ID.
 */
audiences: Array<string>, 
/**
 * Clock skew tolerated for `exp`, `nbf`, `iat` (default 60 s, at most a day).
 */
leewaySecs: number | null, 
/**
 * For ID tokens: the `nonce` the sign-in sent.
 */
nonce: string | null, 
/**
 * For ID tokens: the client ID expected in `azp`.
 */
authorizedParty: string | null, 
/**
 * Inputs longer than this many bytes are refused unread (default 16 KiB,
 * at most 1 MiB).
 */
maxLen?: number, };

export type InspectSettings = { keys: KeySourceInput, 
/**
 * The `iss` to expect, exactly. Default: the issuer the keys came from.
 */
issuer: string | null, 
/**
 * `aud` must hold one of these. Default with profile keys: the profile's
 * audience and client ID.
 */
audiences: Array<string>, 
/**
 * Clock skew tolerated for `exp`, `nbf`, `iat` (default 60 s, at most a day).
 */
leewaySecs: number | null, 
/**
 * For ID tokens: the `nonce` the sign-in sent.
 */
nonce: string | null, 
/**
 * For ID tokens: the client ID expected in `azp`.
 */
authorizedParty: string | null, 
/**
 * Inputs longer than this many bytes are refused unread (default 16 KiB,
 * at most 1 MiB).
 */
maxLen?: number, };

export type KeySourceInput = { "kind": "none" } | { "kind": "profile", name: string | null, } | { "kind": "issuer", url: string, } | { "kind": "jwksUrl", url: string, } | { "kind": "text", text: string, } | { "kind": "file", path: string, } | { "kind": "hmacSecret", secret: string, };

export type Report = { 
/**
 * True only when the signature verified with a trusted key and no check failed.
 */
valid: boolean, 
/**
 * True unless the signature was verified: `header`, `claims` and
 * `explanations` are then only what the token says about itself.
 */
unverified: boolean, kind: TokenKind, 
/**
 * One line for a status bar or a CLI: the kind, the verdict and the first failure.
 */
summary: string, 
/**
 * What this kind of token is for, and what to do when it is the wrong kind.
 */
about: string, 
/**
 * The tenant that issued it, read from `iss` (unverified unless `valid`).
 */
tenant: Tenant | null, header: Record<string, unknown> | null, claims: Record<string, unknown> | null, 
/**
 * One entry per claim, in the order of `claims`.
 */
explanations: Array<ClaimExplanation>, 
/**
 * Every check, in the order they apply.
 */
checks: Array<Check>, 
/**
 * The key whose signature verified.
 */
key: KeyUsed | null, 
/**
 * Where the keys came from and how fresh they are.
 */
keys: KeysStatus | null, };

export type TokenKind = "accessToken" | "idToken" | "machineToMachine" | "managementApi" | "jwt" | "opaqueAccessToken" | "refreshToken" | "opaque" | "encrypted" | "malformed" | "tooLarge";

export type Tenant = { issuer: string, 
/**
 * The issuer's host, e.g. `dev-abc.us.auth0.com` or a custom domain.
 */
domain: string, 
/**
 * The tenant name for `*.auth0.com` domains (`dev-abc`).
 */
name: string | null, 
/**
 * The region label for `*.auth0.com` domains (`us`, `eu`, …).
 */
region: string | null, 
/**
 * True when the domain is not an `auth0.com` one (a custom domain or another IdP).
 */
customDomain: boolean, };

export type ClaimExplanation = { name: string, value: unknown, meaning: string, category: ClaimCategory, 
/**
 * Personal data that the redact toggle masks (email, name, sub, custom claims).
 */
personal: boolean, 
/**
 * Set for time claims (`exp`, `nbf`, `iat`, `auth_time`, `updated_at`).
 */
time: TimeExplanation | null, };

export type ClaimCategory = "registered" | "oidc" | "auth0" | "custom";

export type TimeExplanation = { unix: number, 
/**
 * `2025-01-02 03:04:05 UTC`.
 */
utc: string, 
/**
 * RFC 3339 in UTC, `2025-01-02T03:04:05Z`.
 */
rfc3339: string, 
/**
 * RFC 3339 in this machine's time zone.
 */
local: string, 
/**
 * Relative to the inspection time: "expires in 4 min", "expired 3 h ago".
 */
relative: string, };

export type Check = { name: CheckName, status: CheckStatus, 
/**
 * One line: what was found.
 */
reason: string, 
/**
 * On failure: what to do about it.
 */
hint?: string, };

export type CheckName = "size" | "format" | "algorithm" | "critical" | "headerKeys" | "key" | "signature" | "issuer" | "audience" | "expiry" | "notBefore" | "issuedAt" | "authorizedParty" | "nonce";

export type CheckStatus = "passed" | "failed" | "skipped";

export type KeyUsed = { kid: string | null, alg: string, 
/**
 * RFC 7638 SHA-256 thumbprint, base64url; absent for HMAC secrets.
 */
thumbprint: string | null, };

export type KeysStatus = { 
/**
 * "JWKS https://…/.well-known/jwks.json (discovered from https://…/)", "PEM file keys.pem", …
 */
source: string, keyCount: number, freshness: KeyFreshness, 
/**
 * E.g. why an unknown `kid` did not trigger a refetch.
 */
note: string | null, };

export type KeyFreshness = { "state": "local" } | { "state": "fetched" } | { "state": "cached", ageSeconds: number, } | { "state": "stale", ageSeconds: number, error: string, };

export type LoginRequest = { 
/**
 * Default: the profile in use.
 */
profile: string | null, 
/**
 * Browser flow: how long to wait for the browser's redirect (default 300 s).
 */
timeoutSecs: number | null, 
/**
 * Browser flow: do not open the system browser (the caller shows the URL).
 */
noBrowser: boolean, };

export type DeviceLoginStarted = { 
/**
 * Pass to `login_wait` and `login_cancel`.
 */
loginId: number, profile: string, userCode: string, verificationUri: string, verificationUriComplete: string | null, 
/**
 * Seconds the code stays valid.
 */
expiresIn: number, 
/**
 * Seconds between polls.
 */
interval: number, 
/**
 * A QR code of `verification_uri_complete` (or `verification_uri`).
 */
qr: QrCodeView | null, };

export type QrCodeView = { size: number, path: string, };

export type BrowserLoginStarted = { 
/**
 * Pass to `login_wait` and `login_cancel`.
 */
loginId: number, profile: string, 
/**
 * The authorization URL (no secrets: the PKCE verifier stays in the core).
 */
authorizeUrl: string, 
/**
 * Where the browser comes back; the application must allow exactly this callback URL.
 */
redirectUri: string, 
/**
 * Whether the system browser was opened, and if not, why.
 */
browser: BrowserOpened, 
/**
 * Seconds IdLens waits for the browser.
 */
timeoutSecs: number, };

export type BrowserOpened = { "kind": "opened" } | { "kind": "notRequested" } | { "kind": "failed", reason: string, };

export type SessionView = { profile: string, issuer: string, tenant: Tenant | null, 
/**
 * The validated user, when signed in.
 */
user: SessionUser | null, 
/**
 * Every claim of the validated ID token, explained.
 */
idClaims: Array<ClaimExplanation>, 
/**
 * The access token, when signed in.
 */
access: AccessView | null, 
/**
 * Where the refresh token is kept, if there is one.
 */
refreshToken: RefreshTokenPlace, 
/**
 * Something the user should know: a failed refresh, a revocation that
 * did not reach the identity provider, secrets kept in memory only.
 */
notice: string | null, };

export type SessionUser = { sub: string, name: string | null, email: string | null, emailVerified: boolean | null, 
/**
 * The identity provider from `sub`'s prefix: `auth0`, `google-oauth2`, `github`, …
 */
connection: string | null, };

export type AccessView = { 
/**
 * The API it was validated for (the profile's audience); `None` when the
 * profile names no API and the token was not validated as a JWT.
 */
audience: string | null, 
/**
 * Seconds since the epoch.
 */
expiresAt: number | null, scopes: Array<string>, 
/**
 * Auth0 RBAC `permissions`, when the API adds them.
 */
permissions: Array<string>, };

export type RefreshTokenPlace = "none" | "keychain" | "memory";

export type SessionToken = "access" | "id";

export type RevealedToken = { token: string, };

/** Every command of the desktop shell. Rejections are always an `ApiError`. */
export const commands = {
  /** Version, config file path and where secrets are kept. */
  appInfo: (): Promise<AppInfo> => call<AppInfo>("app_info"),
  /** All profiles, the one in use, the config path and keychain status. */
  profileList: (): Promise<ProfileList> => call<ProfileList>("profile_list"),
  /** Adds a profile; fails with `alreadyExists` if the name is taken. */
  profileAdd: (input: ProfileInput): Promise<ProfileView> => call<ProfileView>("profile_add", { input }),
  /** Replaces an existing profile's settings; stored secrets are kept. */
  profileUpdate: (input: ProfileInput): Promise<ProfileView> => call<ProfileView>("profile_update", { input }),
  /** Removes a profile and deletes its secrets from the keychain. */
  profileRemove: (name: string): Promise<ProfileList> => call<ProfileList>("profile_remove", { name }),
  /** Makes a profile the one in use. */
  profileUse: (name: string): Promise<ProfileList> => call<ProfileList>("profile_use", { name }),
  /** Stores a secret of a profile in the OS keychain (memory only if there is none). */
  profileSetSecret: (input: SecretInput): Promise<SecretStored> => call<SecretStored>("profile_set_secret", { input }),
  /** Deletes one stored secret of a profile. */
  profileClearSecret: (profile: string, kind: SecretKindView): Promise<ProfileView> => call<ProfileView>("profile_clear_secret", { profile, kind }),
  /** Decodes, explains and verifies a token on this machine. */
  tokenInspect: (request: InspectRequest): Promise<Report> => call<Report>("token_inspect", { request }),
  /** The profile's session (refreshed ahead of expiry, resumed from the keychain); signed out with a notice when there is none. */
  sessionGet: (profile: string | null): Promise<SessionView> => call<SessionView>("session_get", { profile }),
  /** Renews the session with its refresh token now. */
  sessionRefresh: (profile: string | null): Promise<SessionView> => call<SessionView>("session_refresh", { profile }),
  /** Revokes the refresh token, deletes it from the keychain, forgets the tokens. */
  sessionSignOut: (profile: string | null): Promise<SessionView> => call<SessionView>("session_sign_out", { profile }),
  /** The session's access or ID token, only when the user asked to see it. */
  sessionRevealToken: (profile: string | null, which: SessionToken): Promise<RevealedToken> => call<RevealedToken>("session_reveal_token", { profile, which }),
  /** Starts a device sign-in; returns the code to show. */
  loginDeviceStart: (request: LoginRequest): Promise<DeviceLoginStarted> => call<DeviceLoginStarted>("login_device_start", { request }),
  /** Starts a browser sign-in: opens the loopback listener and the system browser. */
  loginBrowserStart: (request: LoginRequest): Promise<BrowserLoginStarted> => call<BrowserLoginStarted>("login_browser_start", { request }),
  /** Opens a started sign-in's page (authorization or device verification) in the browser again. */
  loginOpenBrowser: (loginId: number): Promise<BrowserOpened> => call<BrowserOpened>("login_open_browser", { loginId }),
  /** Waits for a started sign-in to finish; fails with `cancelled` after `login_cancel`. */
  loginWait: (loginId: number): Promise<SessionView> => call<SessionView>("login_wait", { loginId }),
  /** Cancels a sign-in in progress. */
  loginCancel: (loginId: number): Promise<void> => call<void>("login_cancel", { loginId }),
};
