// Generated from crates/idlens-api by `UPDATE_EXPECT=1 cargo test -p idlens-api --test api`.
// Do not edit by hand: change the Rust types and regenerate.

import { call, job } from "./ipc";

export type ApiError = { code: ErrorCode, message: string, 
/**
 * For `invalidInput` and `alreadyExists`: the input field at fault, named
 * as in the request type (`issuer`, `clientId`, …), so forms can mark it.
 */
field?: string, };

export type ErrorCode = "invalidInput" | "notFound" | "alreadyExists" | "keychain" | "config" | "io" | "network" | "signInRequired" | "forbidden" | "cancelled" | "updateRefused" | "internal";

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
managementAudience: string, scopes: Array<string>, management: ManagementInput, neo4j: Neo4jInput | null, 
/**
 * What the Neo4j URI leaves unprotected in transit; `None` when it is
 * safe or there is no graph.
 */
neo4jTransportWarning: Neo4jTransportWarningView | null, 
/**
 * How long a users export job may take at Auth0 (`4h`, `90m`).
 */
exportJobDeadline: string, 
/**
 * Days of logs the tenant keeps; `None` when not said.
 */
logRetentionDays: number | null, storedSecrets: Array<SecretKindView>, };

export type ManagementInput = { "kind": "disabled" } | { "kind": "signedInUser" } | { "kind": "clientCredentials", clientId: string, };

export type Neo4jInput = { uri: string, user: string, database: string | null, 
/**
 * Default: label `User`, id `sub`, e-mail `email`, name `name`,
 * e-mail-verified `email_verified`.
 */
mapping?: GraphMappingInput, };

export type GraphMappingInput = { label: string, idProperty: string, emailProperty: string, nameProperty: string, emailVerifiedProperty: string, };

export type Neo4jTransportWarningView = { kind: Neo4jTransportKind, 
/**
 * What travels unprotected and which scheme to use instead.
 */
message: string, };

export type Neo4jTransportKind = "plaintext" | "certificateNotVerified";

export type ProviderView = "auto" | "auth0" | "oidc";

export type SecretKindView = "refreshToken" | "managementClientSecret" | "neo4jPassword";

export type ProfileInput = { name: string, 
/**
 * Tenant domain (`acme.eu.auth0.com`) or issuer URL.
 */
issuer: string, 
/**
 * Default: `auto` (Auth0 for `*.auth0.com`, standard OpenID otherwise);
 * kept as it is when updating.
 */
provider?: ProviderView, clientId: string, audience: string | null, callbackPort: number | null, scopes: Array<string>, management: ManagementInput | null, neo4j: Neo4jInput | null, 
/**
 * How long a users export job may take at Auth0 before IdLens stops
 * waiting: `30s`, `90m`, `4h`, `1h30m`, from 1s to 24h. Left out: kept
 * as it is when updating; empty: the default, 4h.
 */
exportJobDeadline?: string, 
/**
 * Days of logs the tenant's plan keeps (1–365; Free 1, Essentials 5,
 * Professional 10, Enterprise 30). Left out: kept as it is when
 * updating; `0`: not said.
 */
logRetentionDays?: number, };

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

export type TokenKind = "accessToken" | "idToken" | "machineToMachine" | "managementApi" | "jwt" | "opaqueAccessToken" | "refreshToken" | "opaque" | "encrypted" | "malformed" | "tooLarge";

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

export type SessionUser = { sub: string, name: string | null, email: string | null, emailVerified: boolean | null, 
/**
 * The identity provider from `sub`'s prefix: `auth0`, `google-oauth2`, `github`, …
 */
connection: string | null, };

export type SessionToken = "access" | "id";

export type RevealedToken = { token: string, };

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

export type JobId = number;

export type SnapshotRequest = { 
/**
 * Default: the profile in use.
 */
profile: string | null, 
/**
 * Also check every user's permissions for direct grants: one request
 * per user (at most the first 1,000 a search returns).
 */
includeUsers: boolean, };

export type JobEvent<T> = { "kind": "progress", progress: JobProgress, } | { "kind": "batch", batch: LogBatch, } | { "kind": "done", result: T, } | { "kind": "failed", error: ApiError, };

export type JobProgress = { 
/**
 * What it is doing: "Fetching the members of role Everyone".
 */
phase: string, done: number, 
/**
 * Items in this phase, when known.
 */
total: number | null, 
/**
 * While it waits for the Management API's rate limit: until when (UNIX seconds).
 */
waitingUntil: number | null, 
/**
 * While it waits: why the wait is not what the tenant's headers asked
 * for (they look wrong), as a sentence to show beside it.
 */
waitNote: string | null, };

export type LogBatch = { events: Array<LogEventView>, 
/**
 * A tail has read everything there is (no events in this batch): it
 * is live now, waiting for new ones. Sent when it first catches up
 * and again after each run of new events.
 */
caughtUp: boolean, };

export type LogEventView = { logId: string | null, date: string | null, 
/**
 * The type code as the event gave it (`fp`, or an unknown one, raw).
 */
code: string, 
/**
 * Auth0's name for the event, or "Unknown event type \"…\"".
 */
event: string, 
/**
 * What the code means; `None` for a code not in `LOG_CODES`.
 */
explanation: LogCodeInfo | null, description: string | null, userId: string | null, userName: string | null, ip: string | null, clientId: string | null, clientName: string | null, connection: string | null, userAgent: string | null, 
/**
 * Auth0's free-form details (at most 16 KiB of JSON, else a marker
 * `{"omitted": true, "bytes": n}`).
 */
details: unknown, 
/**
 * The fields cut at their limit (`description`, …).
 */
truncated: Array<string>, };

export type LogCodeInfo = { 
/**
 * The code as it appears in an event's `type` (`fp`, `limit_wc`).
 */
code: string, 
/**
 * Auth0's name for the event.
 */
event: string, category: LogCategory, outcome: LogOutcome, 
/**
 * What happened, in a support agent's words.
 */
whatHappened: string, 
/**
 * The likely cause.
 */
likelyCause: string, 
/**
 * What support can do next.
 */
nextStep: string, };

export type LogCategory = "login" | "logout" | "signup" | "silentAuth" | "tokenExchange" | "mfa" | "passwordless" | "deviceFlow" | "limitsAndBlocks" | "breachedPassword" | "accountChange" | "managementApi" | "connector" | "extensibility" | "system";

export type LogOutcome = "failure" | "success" | "notice";

export type RbacOverview = { profile: string, tenant: string, takenAt: string, apis: Array<ApiView>, roles: Array<RoleSummary>, findings: Array<FindingView>, 
/**
 * Users whose permissions were checked for direct grants (none unless asked).
 */
usersChecked: number, 
/**
 * Management API requests the load made, and how many were answered 429.
 */
requests: number, rateLimited: number, };

export type ApiView = { identifier: string, name: string, 
/**
 * Auth0's own API (the Management API): roles cannot grant its scopes.
 */
system: boolean, scopes: Array<ScopeView>, };

export type ScopeView = { value: string, description: string, 
/**
 * Roles that grant it, by name.
 */
grantedBy: Array<string>, };

export type FindingView = { 
/**
 * `role_without_members`, `role_without_permissions`,
 * `direct_permission`, `undefined_permission`, `ungranted_scopes`.
 */
kind: string, 
/**
 * A sentence for the kind.
 */
title: string, subject: string, items: Array<string>, };

export type RoleSummary = { id: string, name: string, description: string, permissions: Array<PermissionView>, memberCount: number, };

export type PermissionView = { 
/**
 * The API's identifier.
 */
api: string, apiName: string, name: string, 
/**
 * False when the API no longer defines the scope.
 */
defined: boolean, };

export type MembersRequest = { profile: string | null, roleId: string, 
/**
 * Case-insensitive part of the user ID, e-mail or name.
 */
filter: string | null, offset: number, limit: number, };

export type MemberPage = { roleId: string, 
/**
 * Members matching the filter, all of them.
 */
total: number, offset: number, members: Array<MemberView>, };

export type MemberView = { userId: string, email: string | null, name: string | null, };

export type UserSearchRequest = { profile: string | null, query: string, page: number, };

export type UsersPage = { users: Array<UserSummary>, 
/**
 * Users matching, all of them; null when Auth0's answer gave no total.
 */
total: number | null, page: number, perPage: number, 
/**
 * More match than a search can page through (1,000): use an export.
 */
capped: boolean, };

export type UserSummary = { 
/**
 * Other identities linked into this user (`provider|id`).
 */
linked: Array<string>, userId: string, email: string | null, emailVerified: boolean | null, name: string | null, 
/**
 * The primary identity's connection.
 */
connection: string | null, lastLogin: string | null, loginsCount: number | null, };

export type UserRequest = { profile: string | null, userId: string, };

export type UserRbac = { user: UserSummary, roles: Array<RoleRef>, permissions: Array<EffectiveView>, };

export type EffectiveView = { permission: PermissionView, sources: Array<SourceView>, };

export type SourceView = { "kind": "direct" } | { "kind": "role", id: string, name: string, };

export type RoleRef = { id: string, name: string, };

export type ExplainRequest = { profile: string | null, userId: string, permission: string, 
/**
 * The API's identifier; default: every API that defines the permission.
 */
api: string | null, };

export type ExplainView = { user: UserSummary, permission: string, 
/**
 * One answer per API concerned.
 */
answers: Array<ExplainAnswer>, 
/**
 * The user has the permission (on some API, where it is defined).
 */
granted: boolean, };

export type ExplainAnswer = { api: string, apiName: string | null, granted: boolean, 
/**
 * Every path by which the user has it (empty when not granted).
 */
paths: Array<SourceView>, 
/**
 * Why (not): a sentence.
 */
reason: string, 
/**
 * When not granted because the user lacks a role: the roles that grant it.
 */
rolesThatGrant: Array<RoleRef>, };

export type TokenCheckRequest = { profile: string | null, token: TokenToCheck, };

export type TokenToCheck = { "kind": "pasted", token: string, } | { "kind": "session" };

export type TokenCheckView = { 
/**
 * The token's API (`aud`), and its user (`sub`).
 */
api: string, subject: string, user: UserSummary | null, 
/**
 * The signature verified against the tenant's keys.
 */
verified: boolean, 
/**
 * One line: matches, stale, or missing permissions.
 */
verdict: string, 
/**
 * `permissions` or `scope`.
 */
fromClaim: string, matching: Array<string>, 
/**
 * Granted since the token was issued.
 */
missing: Array<string>, 
/**
 * Revoked since the token was issued; the token still carries them.
 */
extra: Array<string>, expiresIn: number | null, stale: boolean, matches: boolean, };

export type DiffRequest = { a: SnapshotSource, b: SnapshotSource, };

export type SnapshotSource = { "kind": "file", path: string, } | { "kind": "profile", name: string, };

export type DiffView = { 
/**
 * What was compared: file names or profile names, with their tenants.
 */
a: string, b: string, identical: boolean, 
/**
 * How members were matched: `user_id` (one tenant) or `email` (two).
 */
membersMatchedBy: MemberKey, apisAdded: Array<string>, apisRemoved: Array<string>, apisChanged: Array<ApiChange>, rolesAdded: Array<string>, rolesRemoved: Array<string>, rolesChanged: Array<RoleChange>, };

export type ApiChange = { 
/**
 * The API's identifier.
 */
api: string, scopesAdded: Array<string>, scopesRemoved: Array<string>, 
/**
 * The name before, when it changed.
 */
renamedFrom: string | null, };

export type MemberKey = "user_id" | "email";

export type RoleChange = { role: string, 
/**
 * `name (api)`.
 */
permissionsAdded: Array<string>, permissionsRemoved: Array<string>, membersAdded: Array<string>, membersRemoved: Array<string>, descriptionChanged: boolean, };

export type MembersExport = { profile: string | null, roleId: string, filter: string | null, format: ExportFormat, };

export type ExportFormat = "csv" | "json";

export type ExportSaved = { path: string, fileName: string, rows: number, bytes: number, };

export type SnapshotFile = { path: string, fileName: string, 
/**
 * From the document; empty when it could not be read (see `problem`).
 */
tenant: string, takenAt: string, bytes: number, 
/**
 * Why it cannot be compared (not a snapshot, unreadable).
 */
problem: string | null, };

export type TableExport = { 
/**
 * What the table is ("roles", "members of Everyone"): part of the file name.
 */
name: string, format: ExportFormat, columns: Array<string>, rows: Array<Array<string>>, };

export type GraphStatus = { profile: string, uri: string, 
/**
 * The database asked for; `None` is the server's default.
 */
database: string | null, serverVersion: string, 
/**
 * `community` or `enterprise`.
 */
edition: string, 
/**
 * Nodes with the mapped label.
 */
userNodes: number, 
/**
 * Whether a uniqueness constraint guards the id property (without one,
 * several nodes can hold the same user ID).
 */
idUniqueConstraint: boolean, mapping: GraphMappingInput, 
/**
 * How many user nodes have each mapped property.
 */
properties: Array<PropertyCheckView>, 
/**
 * Sentences to show: a missing constraint, a mapped property no node has.
 */
warnings: Array<string>, 
/**
 * What the connection leaves unprotected on the network (not a problem
 * of the graph: `idlens graph check` still exits 0 for it alone).
 */
transportWarning: Neo4jTransportWarningView | null, };

export type PropertyCheckView = { 
/**
 * `id`, `email`, `name` or `emailVerified`.
 */
role: string, property: string, nodesWithIt: number, };

export type GraphSearchRequest = { profile: string | null, 
/**
 * Prefix of the user ID or of the e-mail; empty for every user.
 */
query: string, 
/**
 * The last ID of the page before (keyset paging); `None` for the first page.
 */
after: string | null, limit: number, };

export type GraphPage = { rows: Array<GraphUserView>, 
/**
 * Pass as `after` for the next page; `None` on the last page.
 */
nextAfter: string | null, 
/**
 * How many users match, counted on the first page only.
 */
total: number | null, };

export type GraphUserView = { id: string, email: string | null, emailVerified: boolean | null, name: string | null, };

export type GraphNodeRequest = { profile: string | null, id: string, };

export type GraphNodeView = { id: string, nodes: Array<NodeView>, auth0: Auth0Side, };

export type Auth0Side = { "kind": "notConfigured", reason: string, } | { "kind": "notFound" } | { "kind": "found", user: UserSummary, } | { "kind": "failed", message: string, };

export type NodeView = { labels: Array<string>, 
/**
 * Every property, the value as JSON text.
 */
properties: Array<PropertyView>, relationships: Array<RelationshipView>, };

export type PropertyView = { name: string, value: string, };

export type RelationshipView = { relType: string, 
/**
 * `outgoing` or `incoming`.
 */
direction: string, count: number, };

export type GraphExportRequest = { profile: string | null, query: string, format: ExportFormat, };

export type UsersExportRequest = { profile: string | null, 
/**
 * Only this connection's users (its name).
 */
connection: string | null, 
/**
 * How long the job may take at Auth0 (`90m`, `4h`); left out, the
 * profile's setting.
 */
jobDeadline?: string, };

export type UsersExported = { path: string, fileName: string, users: number, bytes: number, };

export type AuditRequest = { profile: string | null, auth0: AuditAuth0Source, graph: AuditGraphSource, 
/**
 * Count malformed lines of the files instead of stopping at the first.
 */
skipBadLines: boolean, 
/**
 * A graph file's column names, over the profile's mapping.
 */
mapping?: AuditMappingOverride, 
/**
 * With a users export (`auth0: export`): how long its job may take at
 * Auth0 (`90m`, `4h`); left out, the profile's setting.
 */
jobDeadline?: string, };

export type AuditAuth0Source = { "kind": "api" } | { "kind": "export" } | { "kind": "file", path: string, };

export type AuditGraphSource = { "kind": "neo4j" } | { "kind": "file", path: string, };

export type AuditMappingOverride = { label?: string, idProperty?: string, emailProperty?: string, nameProperty?: string, emailVerifiedProperty?: string, };

export type AuditOverview = { profile: string, createdAt: string, 
/**
 * Every kind, in the report's order.
 */
summary: Array<KindCount>, total: number, auth0: AuditSourceView, graph: AuditSourceView, };

export type AuditSourceView = { 
/**
 * `api`, `export`, `file` or `neo4j`.
 */
kind: string, 
/**
 * The file, the export job or the server.
 */
name: string, 
/**
 * Users (Auth0) or rows (graph) read.
 */
records: number, 
/**
 * Malformed lines counted (with `skipBadLines`).
 */
badLines: number, 
/**
 * Graph side: the fields not compared (`name`, `email_verified`), as
 * the mapping has none or the file has no such column; empty for Auth0.
 */
notCompared: Array<string>, 
/**
 * `records` may not be every user: the Management API's search gave
 * no total to check it against.
 */
countUnconfirmed: boolean, };

export type KindCount = { kind: FindingKind, count: number, };

export type FindingKind = "missing_in_graph" | "orphan_in_graph" | "linked_secondary_in_graph" | "field_drift" | "duplicate_node" | "duplicate_account";

export type FindingsRequest = { profile: string | null, 
/**
 * `None`: every kind.
 */
kind: FindingKind | null, 
/**
 * Case-insensitive part of an ID, e-mail or name on either side.
 */
filter: string | null, offset: number, limit: number, };

export type FindingsPage = { 
/**
 * Findings matching the request, all of them.
 */
total: number, offset: number, rows: Array<AuditFindingView>, };

export type AuditFindingView = { kind: FindingKind, 
/**
 * The user ID, or the e-mail for `duplicate_account`.
 */
key: string, 
/**
 * One line saying what is wrong.
 */
summary: string, auth0: Array<Auth0UserView>, graph: Array<GraphUserView>, 
/**
 * `field_drift`: the fields that differ.
 */
fields: Array<FieldDriftView>, 
/**
 * `missing_in_graph`: the likely cause, as a sentence.
 */
cause: string | null, 
/**
 * `linked_secondary_in_graph`: the user it is linked into;
 * `duplicate_account`: the suggested primary.
 */
primaryId: string | null, 
/**
 * `duplicate_account`: why that primary (`verified`, `most_logins`, `oldest`, `user_id`).
 */
primaryRule: string | null, 
/**
 * `duplicate_account`: `high` when every e-mail is verified, else `low`.
 */
confidence: string | null, };

export type Auth0UserView = { createdAt: string | null, userId: string, email: string | null, emailVerified: boolean | null, name: string | null, 
/**
 * The primary identity's connection.
 */
connection: string | null, lastLogin: string | null, loginsCount: number | null, };

export type FieldDriftView = { 
/**
 * `email`, `email_verified` or `name`.
 */
field: string, auth0: string | null, graph: string | null, };

export type FindingsExport = { profile: string | null, kind: FindingKind | null, filter: string | null, format: ExportFormat, };

export type AuditReportFile = { path: string, fileName: string, 
/**
 * From the report; empty when it could not be read (see `problem`).
 */
createdAt: string, total: number, bytes: number, problem: string | null, };

export type AuditCompareRequest = { profile: string | null, 
/**
 * A saved report: the earlier audit.
 */
path: string, };

export type AuditComparison = { baseCreatedAt: string, baseFile: string, newFindings: number, fixed: number, unchanged: number, byKind: Array<KindChange>, 
/**
 * The first findings that are new (at most 500).
 */
newRows: Array<ComparedFinding>, 
/**
 * The first findings that are gone (at most 500).
 */
fixedRows: Array<ComparedFinding>, };

export type ComparedFinding = { kind: FindingKind, key: string, };

export type KindChange = { kind: FindingKind, newFindings: number, fixed: number, };

export type FixPlanRequest = { profile: string | null, overrides: Array<PrimaryOverride>, 
/**
 * The plan for an apply that links the duplicate accounts in Auth0
 * (`FixApplyRequest::link_accounts`): the graph part is written for
 * the state after the links.
 */
linkAccounts: boolean, };

export type PrimaryOverride = { 
/**
 * The finding's normalised e-mail.
 */
email: string, primaryId: string, };

export type FixPlanView = { 
/**
 * Auth0 account-linking calls, one per secondary account.
 */
links: Array<LinkCallView>, 
/**
 * Graph changes per section (`merge missing users`, …) with row counts.
 */
graphSections: Array<PlanSectionView>, 
/**
 * The Cypher script to read or run in Neo4j Browser (orphans only as
 * commented-out deletes).
 */
cypherScript: string, };

export type LinkCallView = { email: string, primaryId: string, secondaryId: string, 
/**
 * `POST /api/v2/users/{primary}/identities` with this body.
 */
request: string, };

export type PlanSectionView = { title: string, rows: number, batches: number, };

export type FixApplyRequest = { profile: string | null, overrides: Array<PrimaryOverride>, 
/**
 * Link duplicate accounts in Auth0.
 */
linkAccounts: boolean, 
/**
 * Run the Cypher on the graph.
 */
applyGraph: boolean, 
/**
 * The user confirmed the preview; nothing is applied without it.
 */
confirmed: boolean, };

export type FixApplied = { linked: number, graphRows: number, batches: number, log: Array<string>, };

export type SupportLookupRequest = { profile: string | null, 
/**
 * Empty when a token names the customer.
 */
who: string, 
/**
 * A token the customer sent (it stays on this machine): its `sub` is
 * looked up when `who` is empty, and its verdict is shown on the card.
 */
token: string | null, };

export type SupportLookup = { "kind": "card", card: SupportCard, } | { "kind": "choose", lookedUp: string, candidates: Array<UserSummary>, } | { "kind": "noMatch", lookedUp: string, message: string, 
/**
 * What Auth0 logged under what was typed (`fu`: a mistyped
 * e-mail, or one in another connection), newest first.
 */
attempts: Array<LogEvent>, diagnosis: Diagnosis, };

export type Diagnosis = { 
/**
 * At most `MAX_CAUSES` (5), current causes before resolved ones.
 */
causes: Array<Cause>, 
/**
 * Some current cause blocks sign-in (the CLI exits 1).
 */
blocksSignIn: boolean, 
/**
 * Causes found beyond `MAX_CAUSES` (5) and not listed (said, so
 * a cut list is never shown as complete).
 */
omitted: number, };

export type Cause = { kind: CauseKind, 
/**
 * The tenant refuses the customer's next attempt even with the right
 * credentials typed in the right place, until someone acts (support,
 * the customer through a reset, or time for a block that expires).
 */
blocksSignIn: boolean, 
/**
 * Solved since: the customer signed in after every event behind it,
 * or the account changed (the e-mail was verified). It explains a
 * past problem, not today's; it never blocks sign-in.
 */
resolved: boolean, 
/**
 * One sentence with the counts, IPs, dates (UTC) and codes behind it.
 * Never holds text copied from an event's description.
 */
headline: string, 
/**
 * The events and state the headline rests on, newest first (at most
 * `MAX_CITATIONS` (20) events).
 */
citations: Array<Citation>, 
/**
 * What support can do next.
 */
nextStep: string, };

export type CauseKind = "admin_blocked" | "brute_force_blocked" | "breached_password" | "email_not_verified" | "ip_throttled" | "no_account" | "other_identity_only" | "mistyped_identifier" | "mfa_failures" | "wrong_password" | "refresh_token_reused" | "token_exchange_failed" | "other_login_failure" | "mfa_enrollment_incomplete" | "no_attempts";

export type Citation = { "source": "event", logId: string | null, code: string, date: string | null, } | { "source": "state", fact: string, };

export type LogEvent = { log_id?: string | null, 
/**
 * ISO 8601, as Auth0 sends it (`2026-12-01T10:00:00.000Z`).
 */
date?: string | null, 
/**
 * The event type code (see [`crate::lookup`]).
 */
type?: string | null, description?: string | null, client_id?: string | null, client_name?: string | null, connection?: string | null, connection_id?: string | null, strategy?: string | null, strategy_type?: string | null, ip?: string | null, hostname?: string | null, user_agent?: string | null, user_id?: string | null, user_name?: string | null, organization_id?: string | null, audience?: string | null, scope?: unknown, isMobile?: boolean | null, location_info?: unknown, details?: unknown, };

export type SupportCard = { account: AccountView, 
/**
 * Brute-force blocks on each of the user's identifiers.
 */
blocks: Availability<Array<BlockFacts>>, bruteForce: Availability<BruteForceFacts>, 
/**
 * MFA authentication methods, confirmed and partial.
 */
mfa: Availability<Array<MfaMethodFacts>>, 
/**
 * Where the plan has them (Enterprise): the user's sessions and
 * refresh tokens.
 */
sessions: Availability<Array<UserSessionView>>, refreshTokens: Availability<Array<RefreshTokenView>>, 
/**
 * Roles and effective permissions with their sources.
 */
access: Availability<UserRbac>, 
/**
 * The token support pasted, when they did: the inspector's verdict and
 * its permissions against what the user is granted now.
 */
token: TokenOnCard | null, 
/**
 * The likely reasons the customer cannot sign in, most likely first.
 */
diagnosis: Diagnosis, timeline: TimelineView, 
/**
 * When the card was read (RFC 3339, UTC).
 */
readAt: string, };

export type AccountView = { name: string | null, createdAt: string | null, 
/**
 * The keys of `app_metadata`; the values only on request.
 */
appMetadataKeys: Array<string>, 
/**
 * Other users with the same e-mail, in other connections.
 */
sameEmailElsewhere: Array<IdentityFacts>, userId: string, email: string | null, 
/**
 * `None` when Auth0 did not say.
 */
emailVerified: boolean | null, username: string | null, phoneNumber: string | null, 
/**
 * The first identity is the primary one.
 */
identities: Array<IdentityFacts>, 
/**
 * Blocked by an administrator (`blocked: true`): never expires.
 */
blocked: boolean, lastLogin: string | null, lastIp: string | null, loginsCount: number | null, };

export type IdentityFacts = { 
/**
 * `auth0`, `google-oauth2`, `waad`, `samlp`, …
 */
provider: string, 
/**
 * The connection's name (`Username-Password-Authentication`).
 */
connection: string, isSocial: boolean, };

export type Availability<T> = { "state": "available", value: T, } | { "state": "notOnPlan", message: string, } | { "state": "missingScope", scope: string, };

export type BlockFacts = { identifier: string, ip: string | null, connection: string | null, };

export type BruteForceFacts = { enabled: boolean, mode: BruteForceMode, maxAttempts: number, };

export type BruteForceMode = "count_per_identifier_and_ip" | "count_per_identifier";

export type MfaMethodFacts = { id: string, 
/**
 * Auth0's `type`: `totp`, `phone`, `email`, `push`, `webauthn-roaming`,
 * `webauthn-platform`, `recovery-code`, `guardian`, …
 */
kind: string, 
/**
 * Enrollment finished; a partial one cannot be used to sign in.
 */
confirmed: boolean, 
/**
 * A name the user gave it, or a masked phone number or e-mail.
 */
name: string | null, createdAt: string | null, lastAuthAt: string | null, };

export type RefreshTokenView = { id: string, clientId: string | null, createdAt: string | null, lastExchangedAt: string | null, expiresAt: string | null, rotating: boolean, audiences: Array<string>, };

export type TimelineView = { 
/**
 * Newest first, each once.
 */
events: Array<LogEvent>, 
/**
 * Auth0 had more events than were read: older ones are not shown.
 */
moreAvailable: boolean, 
/**
 * The oldest event is at the edge of what the plan keeps.
 */
atRetentionEdge: boolean, 
/**
 * How many days of logs the tenant's plan keeps; `None` when the
 * profile does not name the plan.
 */
retentionDays: number | null, 
/**
 * The IPs whose events without a user were added.
 */
searchedIps: Array<string>, };

export type TokenOnCard = { 
/**
 * The inspector's verdict, verified against the tenant's keys.
 */
report: Report, 
/**
 * Fresh or stale against the user's roles now; `None` when the token
 * names no API (an ID token), with the reason in `check_note`.
 */
check: TokenCheckView | null, checkNote: string | null, };

export type UserSessionView = { id: string, createdAt: string | null, lastInteractedAt: string | null, expiresAt: string | null, lastIp: string | null, userAgent: string | null, clients: Array<string>, };

export type SupportFix = { "kind": "removeBlocks", identifier: string, } | { "kind": "block", userId: string, } | { "kind": "unblock", userId: string, } | { "kind": "sendVerificationEmail", userId: string, } | { "kind": "passwordTicket", userId: string, } | { "kind": "resetMfa", userId: string, } | { "kind": "deleteMfaMethod", userId: string, methodId: string, } | { "kind": "forgetBrowsers", userId: string, } | { "kind": "revokeSessions", userId: string, } | { "kind": "revokeRefreshTokens", userId: string, } | { "kind": "assignRole", userId: string, role: string, } | { "kind": "removeRole", userId: string, role: string, };

export type FixDescription = { 
/**
 * A short title for the button and dialog: "Remove the brute-force blocks".
 */
title: string, 
/**
 * Exactly what changes, naming the user or identifier.
 */
changes: string, 
/**
 * What it does not change, or what follows for the customer.
 */
note: string, 
/**
 * The Management API scope the machine-to-machine application needs.
 */
scope: string, };

export type SupportFixRequest = { profile: string | null, fix: SupportFix, 
/**
 * Sent only by the confirmation (the dialog's button, the CLI's
 * `--yes` or prompt): without it nothing is changed.
 */
confirmed: boolean, };

export type SupportFixDone = { 
/**
 * The state as the tenant answers it now ("No block is left on …").
 */
after: string, 
/**
 * The action log's record of it.
 */
record: ActionRecord, 
/**
 * The action log's head could not be kept in the OS keychain: why
 * (a cut-short log would then go unnoticed).
 */
headNotKept: string | null, 
/**
 * A password-change ticket's link, to copy (only for that fix).
 */
ticket: RevealedTicket | null, };

export type ActionRecord = { 
/**
 * 1 for the first record, then one more for each.
 */
seq: number, 
/**
 * When it was recorded: RFC 3339, UTC, milliseconds (`2026-12-08T02:41:07.123Z`).
 */
at: string, actor: ActionActor, action: ActionKind, target: ActionTarget, 
/**
 * What changed, in a sentence (URL queries and fragments redacted).
 */
changes: string, result: ActionOutcome, 
/**
 * The previous record's `hash` ([`GENESIS`] for the first).
 */
prev: string, 
/**
 * SHA-256 (hex) of the canonical form (see the module docs).
 */
hash: string, };

export type ActionActor = { profile: string, } & ({ "kind": "m2mClient", clientId: string, } | { "kind": "admin", sub: string, });

export type ActionKind = "removeBruteForceBlocks" | "block" | "unblock" | "sendVerificationEmail" | "createPasswordChangeTicket" | "resetMfa" | "deleteAuthenticationMethod" | "forgetRememberedBrowsers" | "revokeSessions" | "revokeRefreshTokens" | "assignRole" | "removeRole";

export type ActionOutcome = { "outcome": "ok" } | { "outcome": "error", code: string, message: string, };

export type ActionTarget = { userId?: string, identifier?: string, };

export type RevealedTicket = { url: string, };

export type ActionLogRequest = { 
/**
 * Records to skip from the newest.
 */
offset: number, 
/**
 * At most this many (capped at 500).
 */
limit: number, };

export type ActionLogPage = { 
/**
 * The log file, so admins know what to back up.
 */
path: string, 
/**
 * Lines in the log.
 */
total: number, entries: Array<ActionLogEntry>, };

export type ActionLogEntry = { line: number, record?: ActionRecord, 
/**
 * The action in words ("unblocked the user"), beside `record`.
 */
what?: string, 
/**
 * Why the line is not a record (verify the log for more).
 */
unreadable?: string, };

export type ActionLogVerified = { path: string, 
/**
 * No problem found (the head may not have been checked: see `verification.head`).
 */
intact: boolean, 
/**
 * The verdict for a person: the problem and its line, or the count and
 * how the head was checked.
 */
message: string, verification: ActionLogVerification, };

export type ActionLogVerification = { 
/**
 * Records read and found whole, up to the first problem.
 */
records: number, problem: ActionLogProblem | null, head: ActionLogHeadCheck, };

export type ActionLogHeadCheck = { "state": "matched" } | { "state": "mismatched" } | { "state": "notCompared" } | { "state": "memoryOnly", reason: string, } | { "state": "unavailable", reason: string, };

export type ActionLogProblem = { "kind": "unreadable", line: number, reason: string, } | { "kind": "edited", line: number, } | { "kind": "outOfSequence", line: number, expectedSeq: number, foundSeq: number, } | { "kind": "unchained", line: number, } | { "kind": "truncated", records: number, headCount: number, } | { "kind": "rewritten", line: number, } | { "kind": "beyondHead", line: number, headCount: number, } | { "kind": "headMissing", records: number, };

export type LogsSearchRequest = { profile: string | null, 
/**
 * Lucene, as Auth0's log search reads it (`type:fp AND ip:203.0.113.7`);
 * empty: every event.
 */
query: string, 
/**
 * Past Auth0's 1,000 results: the whole log by checkpoint, oldest
 * first, the query applied here.
 */
all: boolean, 
/**
 * Only events of this category.
 */
category: LogCategory | null, 
/**
 * With `all`: start after this `log_id` (a summary's `checkpoint`)
 * instead of at the oldest event kept.
 */
from: string | null, 
/**
 * Stop after this many matching events.
 */
limit: number | null, };

export type LogsSummary = { mode: LogsMode, 
/**
 * Events handed on (matching the query and category).
 */
events: number, 
/**
 * Events read from Auth0, before any filter applied here.
 */
read: number, 
/**
 * Pages asked of Auth0.
 */
pages: number, 
/**
 * Search: events matching, as Auth0 counted them (all of them, also
 * past the 1,000 it pages through).
 */
total: number | null, 
/**
 * Search: more events match than Auth0's search pages through (1,000):
 * older ones were not read. Use `all`, or a narrower date range.
 */
capReached: boolean, 
/**
 * The request's `limit` stopped it: more may match.
 */
limitReached: boolean, 
/**
 * The category could not go into Auth0's query (too long) and was
 * applied here to what the search returned.
 */
categoryFilteredLocally: boolean, 
/**
 * The oldest event handed on (its date), to judge against the plan's
 * log retention: anything older may already be deleted.
 */
oldest: string | null, 
/**
 * All and tail: where to resume (`from`) to read only what came after.
 */
checkpoint: string | null, };

export type LogsMode = "search" | "all" | "tail";

export type LogsTailRequest = { profile: string | null, 
/**
 * Lucene, applied here to each new event (the checkpoint ignores `q`).
 */
filter: string | null, category: LogCategory | null, 
/**
 * How long to wait, once caught up, before asking again (default
 * [`DEFAULT_POLL_MS`](crate::logs::DEFAULT_POLL_MS)).
 */
pollIntervalMs: number | null, };

export type UpdateSettings = { 
/**
 * The version running now.
 */
currentVersion: string, 
/**
 * False when the build has no update endpoint: updates are off.
 */
enabled: boolean, 
/**
 * The update server's host (never its path or query, which may carry a
 * token); null when updates are off.
 */
endpoint: string | null, };

export type UpdateStatus = { 
/**
 * A newer version the server offers; null when this one is the latest
 * (or updates are off).
 */
available: UpdateAvailable | null, 
/**
 * The version running now.
 */
currentVersion: string, 
/**
 * False when the build has no update endpoint: updates are off.
 */
enabled: boolean, 
/**
 * The update server's host (never its path or query, which may carry a
 * token); null when updates are off.
 */
endpoint: string | null, };

export type UpdateAvailable = { version: string, 
/**
 * When it was published (RFC 3339), if the server says.
 */
date: string | null, 
/**
 * Release notes as plain text, if the server has any.
 */
notes: string | null, };

export type UpdateInstalled = { version: string, 
/**
 * The running app is still the old version until IdLens is restarted
 * (Linux and macOS). On Windows the installer closes IdLens and starts
 * the new one, so this answer never arrives there.
 */
restartNeeded: boolean, };

/** Every `FindingKind`, in the core's order. */
export const FINDING_KINDS = ["missing_in_graph", "orphan_in_graph", "linked_secondary_in_graph", "field_drift", "duplicate_node", "duplicate_account"] as const satisfies readonly FindingKind[];

/** Every `ErrorCode`, in the core's order. */
export const ERROR_CODES = ["invalidInput", "notFound", "alreadyExists", "keychain", "config", "io", "network", "signInRequired", "forbidden", "cancelled", "updateRefused", "internal"] as const satisfies readonly ErrorCode[];

/** Every `LogCategory`, in the core's order. */
export const LOG_CATEGORIES = ["login", "logout", "signup", "silentAuth", "tokenExchange", "mfa", "passwordless", "deviceFlow", "limitsAndBlocks", "breachedPassword", "accountChange", "managementApi", "connector", "extensibility", "system"] as const satisfies readonly LogCategory[];

/** Every `LogOutcome`, in the core's order. */
export const LOG_OUTCOMES = ["failure", "success", "notice"] as const satisfies readonly LogOutcome[];

/** Every `LogCodeInfo`, in the core's order. */
export const LOG_CODES: readonly LogCodeInfo[] = [
  {"category":"system","code":"acls_summary","event":"Network ACLs Summary","likelyCause":"The tenant has network ACL rules configured.","nextStep":"Check whether a rule blocks the customer's IP address or country before looking further.","outcome":"notice","whatHappened":"A summary of requests matched by the tenant's network access rules over a period."},
  {"category":"extensibility","code":"actions_execution_failed","event":"Actions Execution Failed","likelyCause":"A bug or an unavailable service in the Action's code.","nextStep":"Read the error in the details and pass it to whoever owns the Action; the user cannot fix this.","outcome":"failure","whatHappened":"One of the tenant's Actions threw an error or timed out during a flow."},
  {"category":"extensibility","code":"acul_sdk_notice","event":"ACUL SDK Notice","likelyCause":"The tenant's advanced login page customisation.","nextStep":"If the user saw a broken screen, pass the details to whoever maintains the login pages.","outcome":"notice","whatHappened":"The customised Universal Login screens reported a notice."},
  {"category":"system","code":"admin_update_launch","event":"Auth0 Update Launched","likelyCause":"Scheduled maintenance by Auth0.","nextStep":"Nothing for the user; look for problems around the update's time.","outcome":"notice","whatHappened":"Auth0 started an update of a Private Cloud environment."},
  {"category":"limitsAndBlocks","code":"api_limit","event":"Rate Limit on the Authentication or Management APIs","likelyCause":"An app or script calling Auth0 too often, or a traffic spike.","nextStep":"Find the client in the event and have its owner slow it down or cache tokens, then retry.","outcome":"failure","whatHappened":"Requests were refused because an Auth0 API's rate limit was reached."},
  {"category":"limitsAndBlocks","code":"api_limit_warning","event":"Rate Limit Warning on the Authentication or Management APIs","likelyCause":"Heavy traffic from an app or script.","nextStep":"Warn the app's owner before requests start failing.","outcome":"notice","whatHappened":"An Auth0 API is close to its rate limit."},
  {"category":"system","code":"appi","event":"API Peak Performance Initiated","likelyCause":"The tenant's API Peak Performance add-on was activated.","nextStep":"Nothing for the user; it explains higher limits for up to 48 hours.","outcome":"notice","whatHappened":"Auth0 raised the tenant's Authentication API limits for a peak period."},
  {"category":"system","code":"appliance_configuration_api_read","event":"Configuration Read","likelyCause":"An administrator or Auth0 inspected the configuration.","nextStep":"Nothing for the user.","outcome":"notice","whatHappened":"The Private Cloud environment's configuration was read."},
  {"category":"system","code":"appliance_configuration_api_status","event":"Configuration Status Checked","likelyCause":"An administrator or Auth0 checked the environment.","nextStep":"Nothing for the user.","outcome":"notice","whatHappened":"The Private Cloud environment's configuration status was checked."},
  {"category":"system","code":"appliance_configuration_api_write","event":"Configuration Updated","likelyCause":"An administrator or Auth0 changed the environment.","nextStep":"If behaviour changed at that time, ask who made the change.","outcome":"notice","whatHappened":"The Private Cloud environment's configuration was changed."},
  {"category":"tokenExchange","code":"ciba_exchange_failed","event":"Failed CIBA Exchange","likelyCause":"The user has not approved yet, refused, or the request expired.","nextStep":"Ask whether the user saw and approved the request on their device, then start a new one.","outcome":"failure","whatHappened":"An app could not exchange a backchannel (CIBA) request for tokens."},
  {"category":"tokenExchange","code":"ciba_exchange_succeeded","event":"Successful CIBA Exchange","likelyCause":"The user approved the request.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"An app received tokens for an approved backchannel (CIBA) request."},
  {"category":"tokenExchange","code":"ciba_start_failed","event":"Failed CIBA Start","likelyCause":"Bad request parameters, an unknown user, or a client not set up for CIBA.","nextStep":"Check the application's CIBA settings and the user hint in the details.","outcome":"failure","whatHappened":"A backchannel (CIBA) authentication request could not be started."},
  {"category":"tokenExchange","code":"ciba_start_succeeded","event":"Successful CIBA Start","likelyCause":"An app asked the user to approve on another device.","nextStep":"If the user saw nothing, check how their device receives notifications.","outcome":"success","whatHappened":"A backchannel (CIBA) authentication request was sent to the user."},
  {"category":"passwordless","code":"cls","event":"Code/Link Sent","likelyCause":"The user asked to sign in without a password.","nextStep":"If it never arrived, check the address and the e-mail or SMS provider.","outcome":"success","whatHappened":"A passwordless code or magic link was sent."},
  {"category":"connector","code":"coff","event":"Connector Offline","likelyCause":"The connector's host is down or lost its route to Auth0.","nextStep":"Ask the customer's IT to restart or check the connector; directory users cannot sign in until it is back.","outcome":"failure","whatHappened":"The AD/LDAP connector went offline."},
  {"category":"connector","code":"con","event":"Connector Online","likelyCause":"The connector started or recovered.","nextStep":"Nothing to fix; directory logins should work again.","outcome":"success","whatHappened":"The AD/LDAP connector connected and is working."},
  {"category":"accountChange","code":"connected_accounts_connection_failed","event":"Failed Connected Account Connection","likelyCause":"The provider refused or the user cancelled consent.","nextStep":"Ask the user to try again and read the error in the details.","outcome":"failure","whatHappened":"The user could not connect a third-party account."},
  {"category":"accountChange","code":"connected_accounts_connection_succeeded","event":"Successful Connected Account Connection","likelyCause":"The user completed the provider's consent.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user connected a third-party account."},
  {"category":"accountChange","code":"connected_accounts_delete_failed","event":"Failed Connected Account Delete","likelyCause":"A system error, or the account no longer exists.","nextStep":"Retry; if it persists, remove it through the Management API.","outcome":"failure","whatHappened":"A connected third-party account could not be removed."},
  {"category":"accountChange","code":"connected_accounts_delete_succeeded","event":"Successful Connected Account Delete","likelyCause":"The user or an app removed it.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A connected third-party account was removed."},
  {"category":"passwordless","code":"cs","event":"Code Sent","likelyCause":"The user asked for a one-time code.","nextStep":"If it never arrived, check the address or number and the provider's delivery.","outcome":"success","whatHappened":"A passwordless one-time code was sent."},
  {"category":"system","code":"custom_domain_verification_failed","event":"Custom Domain Verification Failed","likelyCause":"Its DNS record is missing or changed.","nextStep":"Ask the tenant's admin to check the custom domain's DNS; logins on that domain may fail.","outcome":"failure","whatHappened":"Auth0 could not verify the tenant's custom domain."},
  {"category":"system","code":"depnote","event":"Deprecation Notice","likelyCause":"An app or setting relies on deprecated behaviour.","nextStep":"Pass the details to the tenant's admin to plan a migration.","outcome":"notice","whatHappened":"The tenant used a feature Auth0 is retiring."},
  {"category":"connector","code":"directory_sync_completed","event":"Directory Sync Completed","likelyCause":"A scheduled or manual sync ran.","nextStep":"Nothing to fix; new or changed users should now appear.","outcome":"success","whatHappened":"An inbound directory sync finished."},
  {"category":"connector","code":"directory_sync_failed","event":"Directory Sync Failed","likelyCause":"The directory could not be reached or refused the credentials.","nextStep":"Ask the tenant's admin to check the directory connection; recent changes will not appear.","outcome":"failure","whatHappened":"An inbound directory sync failed."},
  {"category":"connector","code":"directory_sync_started","event":"Directory Sync Started","likelyCause":"A scheduled or manual sync.","nextStep":"Wait for it to finish before judging missing users.","outcome":"notice","whatHappened":"An inbound directory sync started."},
  {"category":"accountChange","code":"du","event":"Deleted User","likelyCause":"An admin, an app or a script removed the account.","nextStep":"If unexpected, find who deleted it in the Management API events; the person must sign up again.","outcome":"success","whatHappened":"A user was deleted."},
  {"category":"login","code":"f","event":"Failed Login","likelyCause":"Often the user is blocked by an admin, an Action denied access, or the connection failed; the description says which.","nextStep":"Read the description; if it says the user is blocked, check the account's blocked flag.","outcome":"failure","whatHappened":"A login failed for a reason other than a wrong password or an unknown user."},
  {"category":"tokenExchange","code":"failed_on_behalf_of_token_exchange","event":"Failed On-Behalf-Of Token Exchange","likelyCause":"The subject token was invalid or the client is not allowed.","nextStep":"Pass the error to the API's owner; the user may need to sign in again.","outcome":"failure","whatHappened":"An API could not exchange a user's token for one to call another API."},
  {"category":"managementApi","code":"fapi","event":"Failed API Operation","likelyCause":"Invalid input, missing scopes or a conflict.","nextStep":"Read the request and the error in the details, then retry with corrected input.","outcome":"failure","whatHappened":"A Management API change failed."},
  {"category":"connector","code":"fc","event":"Failed by Connector","likelyCause":"A wrong directory password, a locked or disabled directory account, or a connector that cannot reach the directory.","nextStep":"Ask the user to check their network password; if many users fail, check the connector.","outcome":"failure","whatHappened":"The AD/LDAP connector refused the login."},
  {"category":"accountChange","code":"fce","event":"Failed Change Email","likelyCause":"The address is invalid or used by another account.","nextStep":"Look for another account with that address before retrying.","outcome":"failure","whatHappened":"Changing the user's e-mail address failed."},
  {"category":"login","code":"fco","event":"Failed by CORS","likelyCause":"The app runs on an origin missing from its Allowed Origins.","nextStep":"Ask the app's owner to add the origin to the application's settings.","outcome":"failure","whatHappened":"A login was refused because the page's origin is not allowed for the app."},
  {"category":"login","code":"fcoa","event":"Failed Cross-Origin Authentication","likelyCause":"Wrong credentials, blocked third-party cookies, or a misconfigured app.","nextStep":"Read the description for a credential error; otherwise suggest the hosted login page.","outcome":"failure","whatHappened":"An embedded (cross-origin) login failed."},
  {"category":"accountChange","code":"fcp","event":"Failed Change Password","likelyCause":"The new password breaks the password policy, or the link expired.","nextStep":"Send a new password-change ticket.","outcome":"failure","whatHappened":"Changing the user's password failed."},
  {"category":"extensibility","code":"fcph","event":"Failed Post Change Password Hook","likelyCause":"An error in the hook's code.","nextStep":"The password did change; pass the error to the hook's owner.","outcome":"failure","whatHappened":"The tenant's post-change-password hook failed."},
  {"category":"accountChange","code":"fcpn","event":"Failed Change Phone Number","likelyCause":"An invalid number or a provider error.","nextStep":"Check the number's format and retry.","outcome":"failure","whatHappened":"Changing the user's phone number failed."},
  {"category":"accountChange","code":"fcpr","event":"Failed Change Password Request","likelyCause":"An unknown e-mail, a connection without password reset, or an e-mail error.","nextStep":"Check that the user exists on a database connection, then send a password-change ticket.","outcome":"failure","whatHappened":"A password-reset request failed."},
  {"category":"connector","code":"fcpro","event":"Failed Connector Provisioning","likelyCause":"A wrong ticket URL or network trouble during setup.","nextStep":"Ask the customer's IT to run the connector setup again.","outcome":"failure","whatHappened":"An AD/LDAP connector could not be provisioned."},
  {"category":"accountChange","code":"fcu","event":"Failed Change Username","likelyCause":"The username is taken or invalid.","nextStep":"Choose another username, or look for a duplicate account.","outcome":"failure","whatHappened":"Changing the username failed."},
  {"category":"tokenExchange","code":"fd","event":"Failed Delegation","likelyCause":"Delegation is deprecated, or the token was invalid.","nextStep":"Pass it to the app's owner to move off delegation.","outcome":"failure","whatHappened":"A legacy delegation token request failed."},
  {"category":"deviceFlow","code":"fdeac","event":"Failed Device Activation","likelyCause":"A wrong or expired user code.","nextStep":"Ask the user to start again on the device and type the new code.","outcome":"failure","whatHappened":"The user could not activate a device with its code."},
  {"category":"deviceFlow","code":"fdeaz","event":"Failed Device Authorization Request","likelyCause":"The application is not set up for the device flow, or sent bad parameters.","nextStep":"Check that the application allows the Device Code grant.","outcome":"failure","whatHappened":"A device could not start the device authorization flow."},
  {"category":"deviceFlow","code":"fdecc","event":"User Canceled Device Confirmation","likelyCause":"The user cancelled, possibly because they did not start the request.","nextStep":"Nothing to fix unless the user did not expect the prompt.","outcome":"failure","whatHappened":"The user declined to confirm the device."},
  {"category":"tokenExchange","code":"fdeleacft","event":"Failed Delegated Authorization Code Exchange","likelyCause":"An invalid or expired code, or a client mismatch.","nextStep":"Ask the user to sign in again and pass the error to the app's owner.","outcome":"failure","whatHappened":"An app could not exchange a delegated authorization code for tokens."},
  {"category":"silentAuth","code":"fdelsa","event":"Failed Delegated Silent Authentication","likelyCause":"No valid session for the delegated login.","nextStep":"The user must sign in interactively.","outcome":"failure","whatHappened":"A delegated silent authentication failed."},
  {"category":"accountChange","code":"fdu","event":"Failed User Deletion","likelyCause":"The user does not exist, or a system error.","nextStep":"Check that the user still exists and retry.","outcome":"failure","whatHappened":"Deleting a user failed."},
  {"category":"tokenExchange","code":"feacft","event":"Failed Exchange of Authorization Code for Access Token","likelyCause":"The code expired or was used twice, or the redirect URI or client secret is wrong.","nextStep":"Ask the user to sign in again; if it repeats, pass the details to the app's owner.","outcome":"failure","whatHappened":"An app could not exchange an authorization code for tokens."},
  {"category":"tokenExchange","code":"feccft","event":"Failed Exchange of Client Credentials for Access Token","likelyCause":"A wrong client secret, or the client is not authorised for the API.","nextStep":"Check the client's grant for the API and its secret.","outcome":"failure","whatHappened":"A machine-to-machine client could not get a token."},
  {"category":"tokenExchange","code":"fecte","event":"Failed Custom Token Exchange","likelyCause":"The subject token was rejected by the tenant's Action.","nextStep":"Pass the details to the app's owner.","outcome":"failure","whatHappened":"A custom token exchange failed."},
  {"category":"deviceFlow","code":"fede","event":"Failed Exchange of Device Code for Access Token","likelyCause":"The user has not confirmed yet, or the code expired.","nextStep":"Ask the user to finish on their other device, or start again.","outcome":"failure","whatHappened":"A device could not exchange its device code for tokens."},
  {"category":"logout","code":"federated_logout_failed","event":"Failed Federated Logout","likelyCause":"The provider's logout endpoint refused or is unreachable.","nextStep":"The user may still be signed in at the provider; ask them to sign out there.","outcome":"failure","whatHappened":"Logging out of the identity provider failed."},
  {"category":"login","code":"fens","event":"Failed Native Social Login","likelyCause":"The provider's token was invalid, or the connection is misconfigured.","nextStep":"Ask the user to retry; check the social connection's settings.","outcome":"failure","whatHappened":"A native app's social login exchange failed."},
  {"category":"mfa","code":"feoobft","event":"Failed Exchange of Password and OOB Challenge for Access Token","likelyCause":"The push or SMS challenge was not approved, or expired.","nextStep":"Ask the user to approve the challenge promptly, and check their MFA methods.","outcome":"failure","whatHappened":"A password login with an out-of-band MFA challenge failed."},
  {"category":"mfa","code":"feotpft","event":"Failed Exchange of Password and OTP Challenge for Access Token","likelyCause":"A wrong or expired code, often a phone clock out of sync.","nextStep":"Ask the user to check their authenticator's time; reset MFA if the device is lost.","outcome":"failure","whatHappened":"A password login with a one-time MFA code failed."},
  {"category":"tokenExchange","code":"fepft","event":"Failed Exchange of Password for Access Token","likelyCause":"A wrong password, an unknown user, or the grant is not enabled.","nextStep":"Read the description and treat it like a failed login.","outcome":"failure","whatHappened":"An app's password grant failed."},
  {"category":"passwordless","code":"fepotpft","event":"Failed Exchange of Passwordless OTP for Access Token","likelyCause":"A wrong or expired code.","nextStep":"Ask the user to request a new code.","outcome":"failure","whatHappened":"A passwordless one-time code could not be exchanged for tokens."},
  {"category":"mfa","code":"fercft","event":"Failed Exchange of Password and MFA Recovery Code for Access Token","likelyCause":"The recovery code is wrong or already used.","nextStep":"Verify the user's identity, then reset their MFA.","outcome":"failure","whatHappened":"A password login with an MFA recovery code failed."},
  {"category":"tokenExchange","code":"ferrt","event":"Failed Exchange of Rotating Refresh Token","likelyCause":"Reuse was detected and Auth0 revoked the token family: a stolen token or an app bug.","nextStep":"Ask the user to sign in again; if it repeats, tell the app's owner about the reuse.","outcome":"failure","whatHappened":"A rotating refresh token was used again and refused."},
  {"category":"tokenExchange","code":"fertft","event":"Failed Exchange of Refresh Token for Access Token","likelyCause":"The refresh token expired or was revoked.","nextStep":"Ask the user to sign in again.","outcome":"failure","whatHappened":"An app could not refresh the user's tokens."},
  {"category":"tokenExchange","code":"feta","event":"Failed Token Vault Exchange","likelyCause":"The user's connected account needs reconnecting, or its token expired.","nextStep":"Ask the user to connect the third-party account again.","outcome":"failure","whatHappened":"Token Vault could not issue a token for a third-party API."},
  {"category":"accountChange","code":"fi","event":"Failed Invite Accept","likelyCause":"An e-mail different from the invitation's, an expired invitation, or a provisioning error.","nextStep":"Check the invitation's e-mail address and send a new invitation if needed.","outcome":"failure","whatHappened":"The user could not accept an organization invitation."},
  {"category":"logout","code":"flo","event":"Failed Logout","likelyCause":"An invalid return URL or client.","nextStep":"Check the application's Allowed Logout URLs.","outcome":"failure","whatHappened":"A logout request failed."},
  {"category":"extensibility","code":"flows_execution_completed","event":"Flows Execution Completed","likelyCause":"A form submission started it.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"One of the tenant's Forms flows ran to the end."},
  {"category":"extensibility","code":"flows_execution_failed","event":"Flows Execution Failed","likelyCause":"An error in a flow step or an external call.","nextStep":"Pass the error to the flow's owner.","outcome":"failure","whatHappened":"One of the tenant's Forms flows failed."},
  {"category":"system","code":"fn","event":"Failed Sending Notification","likelyCause":"The e-mail provider refused or is misconfigured.","nextStep":"Check the tenant's e-mail provider, then send the e-mail again.","outcome":"failure","whatHappened":"An e-mail notification could not be sent."},
  {"category":"extensibility","code":"forms_submission_failed","event":"Forms Submission Failed","likelyCause":"Validation or a flow error.","nextStep":"Ask the user what they entered and pass the error to the form's owner.","outcome":"failure","whatHappened":"A form in the login flow was submitted with an error."},
  {"category":"extensibility","code":"forms_submission_succeeded","event":"Forms Submission Succeeded","likelyCause":"The user filled in a form.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A form in the login flow was submitted."},
  {"category":"login","code":"fp","event":"Failed Login (Incorrect Password)","likelyCause":"A forgotten or mistyped password.","nextStep":"Send a password-change ticket; repeated failures lead to a brute-force block.","outcome":"failure","whatHappened":"The user entered a wrong password."},
  {"category":"login","code":"fpar","event":"Failed Pushed Authorization Request","likelyCause":"Bad parameters or failed client authentication.","nextStep":"Pass the error to the app's owner.","outcome":"failure","whatHappened":"An app's pushed authorization request was refused."},
  {"category":"extensibility","code":"fpurh","event":"Failed Post User Registration Hook","likelyCause":"An error in the hook's code.","nextStep":"The account was created; pass the error to the hook's owner.","outcome":"failure","whatHappened":"The tenant's post-registration hook failed."},
  {"category":"signup","code":"fs","event":"Failed Signup","likelyCause":"The user already exists, the password is too weak, or signups are disabled.","nextStep":"Read the description and look for an existing account with the e-mail.","outcome":"failure","whatHappened":"A signup failed."},
  {"category":"silentAuth","code":"fsa","event":"Failed Silent Auth","likelyCause":"No session at Auth0, consent or MFA needed, or blocked third-party cookies.","nextStep":"Usually harmless: the app should show the login page. Repeated loops point to cookies or the custom domain.","outcome":"failure","whatHappened":"An app's silent session check failed."},
  {"category":"managementApi","code":"fscim","event":"Failed SCIM Operation","likelyCause":"Invalid attributes or a conflicting user.","nextStep":"Pass the details to whoever runs the directory's provisioning.","outcome":"failure","whatHappened":"A SCIM provisioning request from the customer's directory failed."},
  {"category":"login","code":"fu","event":"Failed Login (Invalid Email/Username)","likelyCause":"A typo, another connection such as a social login, or a deleted account.","nextStep":"Search for the user by e-mail across connections; they may use a social login.","outcome":"failure","whatHappened":"Nobody with that e-mail or username exists on the connection."},
  {"category":"accountChange","code":"fui","event":"Failed Users Import","likelyCause":"A malformed file or duplicate users.","nextStep":"Read the import job's errors and fix the file.","outcome":"failure","whatHappened":"A bulk user import failed."},
  {"category":"accountChange","code":"fv","event":"Failed Verification Email","likelyCause":"An e-mail provider error, or a link that expired or was already used.","nextStep":"Send a new verification e-mail.","outcome":"failure","whatHappened":"A verification e-mail failed: it could not be sent, or its link could not be used."},
  {"category":"accountChange","code":"fvr","event":"Failed Verification Email Request","likelyCause":"An unknown user or an e-mail provider error.","nextStep":"Check the user and the e-mail provider, then send it again.","outcome":"failure","whatHappened":"A request to send a verification e-mail failed."},
  {"category":"mfa","code":"gd_auth_email_verification","event":"MFA Email Verification","likelyCause":"E-mail factor verification.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user verified an e-mail address for MFA."},
  {"category":"mfa","code":"gd_auth_failed","event":"MFA Auth Failed","likelyCause":"A wrong code from SMS, voice, e-mail or an authenticator app, or a system error.","nextStep":"Ask the user to retry with a fresh code; reset MFA if they lost the device.","outcome":"failure","whatHappened":"A second-factor check failed."},
  {"category":"mfa","code":"gd_auth_rejected","event":"MFA Auth Rejected","likelyCause":"The user did not recognise the login, or tapped the wrong button.","nextStep":"Confirm with the user; if they did not start it, someone else may know their password.","outcome":"failure","whatHappened":"The user rejected an MFA push notification."},
  {"category":"mfa","code":"gd_auth_succeed","event":"MFA Auth Success","likelyCause":"The user completed MFA.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The second factor was accepted."},
  {"category":"mfa","code":"gd_enrollment_complete","event":"MFA Enrollment Complete","likelyCause":"A first enrolment or a new device.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user enrolled an MFA factor."},
  {"category":"mfa","code":"gd_otp_rate_limit_exceed","event":"Too Many MFA Failures","likelyCause":"Repeated wrong codes, often a phone clock out of sync or an old device.","nextStep":"Let the limit pass, or reset the user's MFA after checking their identity.","outcome":"failure","whatHappened":"Too many wrong MFA codes were entered in a row."},
  {"category":"mfa","code":"gd_recovery_failed","event":"MFA Recovery Failed","likelyCause":"A mistyped or old recovery code.","nextStep":"Verify the user's identity, then reset their MFA.","outcome":"failure","whatHappened":"A wrong MFA recovery code was entered."},
  {"category":"mfa","code":"gd_recovery_rate_limit_exceed","event":"Too Many MFA Recovery Failures","likelyCause":"Repeated wrong recovery codes.","nextStep":"Verify the user's identity, then reset their MFA.","outcome":"failure","whatHappened":"Too many wrong recovery codes were entered."},
  {"category":"mfa","code":"gd_recovery_succeed","event":"MFA Recovery Success","likelyCause":"The user lost access to their factor.","nextStep":"Suggest enrolling a new factor; that recovery code is now used.","outcome":"success","whatHappened":"The user signed in with a recovery code."},
  {"category":"mfa","code":"gd_send_email","event":"MFA Email Sent","likelyCause":"The user chose e-mail as a factor.","nextStep":"If it never arrived, check the address and the e-mail provider.","outcome":"success","whatHappened":"An MFA code was sent by e-mail."},
  {"category":"mfa","code":"gd_send_email_verification","event":"MFA Email Verification Sent","likelyCause":"E-mail factor enrolment.","nextStep":"If it never arrived, check the e-mail provider.","outcome":"success","whatHappened":"An e-mail to verify an MFA address was sent."},
  {"category":"mfa","code":"gd_send_pn","event":"Push Notification Sent","likelyCause":"The user uses push as a factor.","nextStep":"If nothing arrived, check the phone's notifications and network.","outcome":"success","whatHappened":"An MFA push notification was sent."},
  {"category":"mfa","code":"gd_send_pn_failure","event":"Push Notification Failure","likelyCause":"The device is unreachable, or the push provider is misconfigured.","nextStep":"Offer another factor, or have the user enrol the device again.","outcome":"failure","whatHappened":"An MFA push notification could not be sent."},
  {"category":"mfa","code":"gd_send_sms","event":"SMS Sent","likelyCause":"The user uses SMS as a factor.","nextStep":"If it never arrived, check the number and the SMS provider.","outcome":"success","whatHappened":"An MFA code was sent by SMS."},
  {"category":"mfa","code":"gd_send_sms_failure","event":"SMS Send Failure","likelyCause":"An invalid number or an SMS provider error.","nextStep":"Check the number and the SMS provider, and offer another factor.","outcome":"failure","whatHappened":"An MFA text message could not be sent."},
  {"category":"mfa","code":"gd_send_voice","event":"Voice Call Made","likelyCause":"The user uses voice as a factor.","nextStep":"If no call came, check the number.","outcome":"success","whatHappened":"An MFA code was read out in a phone call."},
  {"category":"mfa","code":"gd_send_voice_failure","event":"Voice Call Failure","likelyCause":"An invalid number or a provider error.","nextStep":"Check the number and the provider, and offer another factor.","outcome":"failure","whatHappened":"An MFA phone call could not be made."},
  {"category":"mfa","code":"gd_start_auth","event":"Second Factor Started","likelyCause":"The login required a second factor.","nextStep":"Look at the next MFA event to see how it ended.","outcome":"notice","whatHappened":"An MFA challenge started."},
  {"category":"mfa","code":"gd_start_enroll","event":"Enroll Started","likelyCause":"The user was asked to enrol a factor.","nextStep":"Look for the enrolment's completion or failure.","outcome":"notice","whatHappened":"MFA enrolment started."},
  {"category":"mfa","code":"gd_start_enroll_failed","event":"Enroll Failed","likelyCause":"A wrong code during enrolment, or a provider error.","nextStep":"Ask the user to retry, and check the factor's provider.","outcome":"failure","whatHappened":"MFA enrolment failed."},
  {"category":"mfa","code":"gd_tenant_update","event":"Guardian Tenant Update","likelyCause":"An admin changed the MFA settings.","nextStep":"If MFA changed for users at that time, find who changed the settings.","outcome":"notice","whatHappened":"The tenant's MFA settings changed."},
  {"category":"mfa","code":"gd_unenroll","event":"Unenroll Device Account","likelyCause":"An admin or the user removed it.","nextStep":"The user will be asked to enrol again at their next MFA login.","outcome":"notice","whatHappened":"An MFA device was removed from the user."},
  {"category":"mfa","code":"gd_update_device_account","event":"Update Device Account","likelyCause":"A device change or registration.","nextStep":"Nothing to fix unless the user did not do it.","outcome":"notice","whatHappened":"The user's MFA device was updated."},
  {"category":"mfa","code":"gd_webauthn_challenge_failed","event":"WebAuthn Challenge Failed","likelyCause":"The user cancelled, used another key, or the browser refused.","nextStep":"Ask the user to retry with the enrolled key, or offer another factor.","outcome":"failure","whatHappened":"A security key or device biometric check failed."},
  {"category":"mfa","code":"gd_webauthn_enrollment_failed","event":"WebAuthn Enrollment Failed","likelyCause":"The user cancelled, or the browser does not support it.","nextStep":"Ask the user to retry in a supported browser.","outcome":"failure","whatHappened":"Enrolling a security key or device biometric failed."},
  {"category":"tokenExchange","code":"idjag_exchange_failed","event":"Failed Exchange of Identity Assertion Authorization Grant","likelyCause":"The assertion is invalid, or the client is not allowed to use it.","nextStep":"Pass the error to the app's owner.","outcome":"failure","whatHappened":"An identity assertion grant could not be exchanged for tokens."},
  {"category":"tokenExchange","code":"idjag_exchange_succeeded","event":"Successful Exchange of Identity Assertion Authorization Grant","likelyCause":"An app used the identity assertion grant.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"An identity assertion grant was exchanged for tokens."},
  {"category":"tokenExchange","code":"jwt_bearer_exchange_failed","event":"Failed Exchange of JWT Bearer Assertion","likelyCause":"The assertion's signature, audience or lifetime is wrong.","nextStep":"Pass the error to the app's owner.","outcome":"failure","whatHappened":"A JWT bearer assertion could not be exchanged for tokens."},
  {"category":"managementApi","code":"kms_key_management_failure","event":"Failed KMS API Operation","likelyCause":"A wrong key configuration or missing permissions.","nextStep":"Pass the details to the tenant's admin.","outcome":"failure","whatHappened":"A key management operation failed."},
  {"category":"managementApi","code":"kms_key_management_success","event":"Successful KMS API Operation","likelyCause":"An admin managed the tenant's keys.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A key management operation succeeded."},
  {"category":"managementApi","code":"kms_key_state_changed","event":"KMS Key State Changed","likelyCause":"Key rotation or an admin action.","nextStep":"If logins broke at that time, check with the tenant's admin.","outcome":"notice","whatHappened":"One of the tenant's keys changed state."},
  {"category":"limitsAndBlocks","code":"limit_delegation","event":"Too Many Calls to /delegation","likelyCause":"An app calling the legacy delegation endpoint too often.","nextStep":"Pass it to the app's owner.","outcome":"failure","whatHappened":"Delegation requests were rate-limited."},
  {"category":"limitsAndBlocks","code":"limit_mu","event":"Blocked IP Address","likelyCause":"Credential stuffing, or a shared address (office, VPN) with many failing users.","nextStep":"If the address is the customer's own network, unblock it and consider the allowlist; otherwise leave the block.","outcome":"failure","whatHappened":"An IP address was blocked after many failed logins across usernames, or many signups."},
  {"category":"limitsAndBlocks","code":"limit_phone","event":"Blocked Phone Delivery","likelyCause":"Too many codes requested in a short time.","nextStep":"Ask the user to wait before requesting another code.","outcome":"failure","whatHappened":"Sending more text messages or calls to the user was blocked for a while."},
  {"category":"limitsAndBlocks","code":"limit_signup_otp","event":"Blocked Signup Code Delivery","likelyCause":"Too many codes requested for one identifier.","nextStep":"Ask the user to wait before trying again.","outcome":"failure","whatHappened":"A signup verification code was not sent because the identifier reached its sending limit."},
  {"category":"limitsAndBlocks","code":"limit_sul","event":"Blocked Account (Logins per IP)","likelyCause":"Many logins from one address in a short time, often automation.","nextStep":"Ask the user to wait; if the traffic is legitimate, review the limits.","outcome":"failure","whatHappened":"The user was kept from logging in for a while after too many logins from one IP address."},
  {"category":"limitsAndBlocks","code":"limit_wc","event":"Blocked Account","likelyCause":"Repeated wrong passwords from the same address.","nextStep":"Confirm it is the user, then remove the brute-force block and send a password-change ticket.","outcome":"failure","whatHappened":"An IP address was blocked from one account after too many failed logins to it."},
  {"category":"mfa","code":"mfar","event":"MFA Required","likelyCause":"The MFA policy, or Adaptive MFA's risk assessment.","nextStep":"Read the risk assessment in the details and look at the next MFA event.","outcome":"notice","whatHappened":"The user was asked for a second factor."},
  {"category":"managementApi","code":"mgmt_api_read","event":"Management API Read Operation","likelyCause":"An admin or a script read settings that contain a secret.","nextStep":"Nothing for the user; review who reads secrets.","outcome":"success","whatHappened":"A Management API read returned a secret."},
  {"category":"accountChange","code":"my_account_authentication_method_failed","event":"Failed My Account Authentication Method Operation","likelyCause":"Invalid input or a provider error.","nextStep":"Ask the user to retry and read the error in the details.","outcome":"failure","whatHappened":"A user's change to their own sign-in methods failed."},
  {"category":"accountChange","code":"my_account_authentication_method_succeeded","event":"Successful My Account Authentication Method Operation","likelyCause":"The user managed their authentication methods.","nextStep":"Nothing to fix unless the user did not do it.","outcome":"success","whatHappened":"The user changed their own sign-in methods."},
  {"category":"logout","code":"oidc_backchannel_logout_failed","event":"Failed OIDC Back-Channel Logout","likelyCause":"The app's back-channel logout URL is unreachable or refused the request.","nextStep":"The user may still look signed in to that app; tell the app's owner.","outcome":"failure","whatHappened":"Auth0 could not tell an app that the session ended."},
  {"category":"logout","code":"oidc_backchannel_logout_succeeded","event":"Successful OIDC Back-Channel Logout","likelyCause":"The user logged out, or the session was revoked.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"Auth0 told an app that the session ended."},
  {"category":"accountChange","code":"organization_member_added","event":"Organization Member Added","likelyCause":"An accepted invitation, an admin, or automatic membership.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user was added to an organization."},
  {"category":"login","code":"passkey_challenge_failed","event":"Passkey Challenge Failed","likelyCause":"The user cancelled, or used a passkey not registered for this tenant.","nextStep":"Ask the user to retry or sign in another way.","outcome":"failure","whatHappened":"A native passkey challenge failed."},
  {"category":"login","code":"passkey_challenge_started","event":"Passkey Challenge Started","likelyCause":"The user chose to sign in with a passkey.","nextStep":"Look at the following events for the result.","outcome":"notice","whatHappened":"A native passkey challenge started."},
  {"category":"login","code":"pla","event":"Pre-Login Assessment","likelyCause":"Bot detection monitoring.","nextStep":"If the user was challenged, read the assessment in the details.","outcome":"notice","whatHappened":"Bot detection assessed a login before it happened."},
  {"category":"breachedPassword","code":"pwd_leak","event":"Breached Password","likelyCause":"The user reused a breached password, or an attacker tried it.","nextStep":"Contact the user through a verified channel and have them reset their password.","outcome":"failure","whatHappened":"Someone tried to log in with a password known from a data breach."},
  {"category":"breachedPassword","code":"reset_pwd_leak","event":"Breached Password on Reset","likelyCause":"The user chose a breached password.","nextStep":"Ask the user to choose another password.","outcome":"failure","whatHappened":"A password reset tried a password known from a data breach."},
  {"category":"system","code":"resource_cleanup","event":"Refresh Token Excess Warning","likelyCause":"Too many refresh tokens for one user and app.","nextStep":"Tell the app's owner; users may have to sign in again on old devices.","outcome":"notice","whatHappened":"Auth0 removed resources over a limit, usually old refresh tokens."},
  {"category":"accountChange","code":"rich_consents_access_error","event":"Rich Consent Access Error","likelyCause":"The record does not exist, or access was denied.","nextStep":"Pass the details to the app's owner.","outcome":"failure","whatHappened":"A request for a rich consent record failed."},
  {"category":"login","code":"s","event":"Success Login","likelyCause":"A normal login.","nextStep":"Nothing to fix; the login itself works.","outcome":"success","whatHappened":"The user logged in."},
  {"category":"managementApi","code":"sapi","event":"Success API Operation","likelyCause":"An admin, the Dashboard or a script changed the tenant.","nextStep":"Read the request in the details to see who changed what.","outcome":"success","whatHappened":"A Management API change succeeded; Dashboard changes appear here too."},
  {"category":"accountChange","code":"sce","event":"Success Change Email","likelyCause":"The user or an admin changed it.","nextStep":"If the user did not expect it, check who made the change.","outcome":"success","whatHappened":"The user's e-mail address was changed."},
  {"category":"login","code":"scoa","event":"Success Cross-Origin Authentication","likelyCause":"A normal embedded login.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"An embedded (cross-origin) login succeeded."},
  {"category":"accountChange","code":"scp","event":"Success Change Password","likelyCause":"The user or an admin changed it.","nextStep":"Nothing to fix; old sessions may still be valid.","outcome":"success","whatHappened":"The user's password was changed."},
  {"category":"extensibility","code":"scph","event":"Success Post Change Password Hook","likelyCause":"A password change.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The tenant's post-change-password hook ran."},
  {"category":"accountChange","code":"scpn","event":"Success Change Phone Number","likelyCause":"The user or an admin changed it.","nextStep":"Nothing to fix unless the user did not expect it.","outcome":"success","whatHappened":"The user's phone number was changed."},
  {"category":"accountChange","code":"scpr","event":"Success Change Password Request","likelyCause":"The user asked to reset their password.","nextStep":"If it never arrived, check the address and the e-mail provider.","outcome":"success","whatHappened":"A password-reset e-mail was requested and sent."},
  {"category":"accountChange","code":"scu","event":"Success Change Username","likelyCause":"The user or an admin changed it.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The username was changed."},
  {"category":"login","code":"scv","event":"Successful Credential Validation","likelyCause":"A credential check during a flow.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user's credentials were validated."},
  {"category":"tokenExchange","code":"sd","event":"Success Delegation","likelyCause":"An app used the delegation endpoint.","nextStep":"Nothing to fix; delegation is deprecated.","outcome":"success","whatHappened":"A legacy delegation token was issued."},
  {"category":"login","code":"sdel","event":"Successful Delegated Login","likelyCause":"A normal delegated login.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A delegated login succeeded."},
  {"category":"tokenExchange","code":"sdeleacft","event":"Successful Delegated Authorization Code Exchange","likelyCause":"A normal delegated login.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"An app exchanged a delegated authorization code for tokens."},
  {"category":"silentAuth","code":"sdelsa","event":"Successful Delegated Silent Authentication","likelyCause":"A valid session.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A delegated silent authentication succeeded."},
  {"category":"accountChange","code":"sdu","event":"Success User Deletion","likelyCause":"An admin, an app or a script deleted the account.","nextStep":"If unexpected, find who deleted it; the person must sign up again.","outcome":"success","whatHappened":"A user was deleted."},
  {"category":"tokenExchange","code":"seacft","event":"Success Exchange of Authorization Code for Access Token","likelyCause":"A normal login completing.","nextStep":"Nothing to fix; the app received tokens.","outcome":"success","whatHappened":"An app exchanged an authorization code for tokens."},
  {"category":"tokenExchange","code":"seccft","event":"Success Exchange of Client Credentials for Access Token","likelyCause":"A normal client credentials request.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A machine-to-machine client received a token."},
  {"category":"tokenExchange","code":"secte","event":"Successful Custom Token Exchange","likelyCause":"An app used custom token exchange.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A custom token exchange succeeded."},
  {"category":"deviceFlow","code":"sede","event":"Success Exchange of Device Code for Access Token","likelyCause":"The device flow completed.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A device received tokens after the user confirmed it."},
  {"category":"login","code":"sens","event":"Success Native Social Login","likelyCause":"A normal native social login.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A native app's social login succeeded."},
  {"category":"mfa","code":"seoobft","event":"Success Exchange of Password and OOB Challenge for Access Token","likelyCause":"The user approved the challenge.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A password login with an out-of-band MFA challenge succeeded."},
  {"category":"mfa","code":"seotpft","event":"Success Exchange of Password and OTP Challenge for Access Token","likelyCause":"The user entered a valid code.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A password login with a one-time MFA code succeeded."},
  {"category":"tokenExchange","code":"sepft","event":"Success Exchange of Password for Access Token","likelyCause":"A normal password grant.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"An app's password grant succeeded."},
  {"category":"mfa","code":"sepkoobft","event":"Successful Exchange of Passkey and OOB Challenge for Access Token","likelyCause":"The user approved the challenge.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A passkey login with an out-of-band MFA challenge succeeded."},
  {"category":"mfa","code":"sepkotpft","event":"Successful Exchange of Passkey and OTP Challenge for Access Token","likelyCause":"The user entered a valid code.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A passkey login with a one-time MFA code succeeded."},
  {"category":"mfa","code":"sepkrcft","event":"Successful Exchange of Passkey and MFA Recovery Code for Access Token","likelyCause":"The user lost access to their factor.","nextStep":"Suggest enrolling a new factor.","outcome":"success","whatHappened":"A passkey login with an MFA recovery code succeeded."},
  {"category":"mfa","code":"sercft","event":"Success Exchange of Password and MFA Recovery Code for Access Token","likelyCause":"The user lost access to their factor.","nextStep":"Suggest enrolling a new factor.","outcome":"success","whatHappened":"A password login with an MFA recovery code succeeded."},
  {"category":"tokenExchange","code":"sertft","event":"Success Exchange of Refresh Token for Access Token","likelyCause":"A normal token refresh.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"An app refreshed the user's tokens."},
  {"category":"tokenExchange","code":"seta","event":"Successful Token Vault Exchange","likelyCause":"An app called a third-party API for the user.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"Token Vault issued a token for a third-party API."},
  {"category":"accountChange","code":"si","event":"Successful Invite Accept","likelyCause":"The user followed the invitation link.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user accepted an organization invitation."},
  {"category":"breachedPassword","code":"signup_pwd_leak","event":"Breached Password on Signup","likelyCause":"The user chose a breached password.","nextStep":"Ask the user to choose another password.","outcome":"failure","whatHappened":"A signup used a password known from a data breach."},
  {"category":"logout","code":"slo","event":"Success Logout","likelyCause":"The user or an app ended the session.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user logged out."},
  {"category":"accountChange","code":"srrt","event":"Successful Refresh Token Revocation","likelyCause":"The user logged out of an app, or an admin or app revoked it.","nextStep":"The app will ask the user to sign in again.","outcome":"success","whatHappened":"A refresh token was revoked."},
  {"category":"signup","code":"ss","event":"Success Signup","likelyCause":"A normal signup.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user signed up."},
  {"category":"connector","code":"ss_sso_failure","event":"Failed Self-Service SSO Operation","likelyCause":"The customer's identity provider settings are wrong or incomplete.","nextStep":"Ask the customer's admin to check their SSO setup.","outcome":"failure","whatHappened":"A self-service single sign-on setup step failed."},
  {"category":"connector","code":"ss_sso_info","event":"Self-Service SSO Information","likelyCause":"The customer's admin is setting up SSO.","nextStep":"Nothing to fix.","outcome":"notice","whatHappened":"A self-service single sign-on setup step reported information."},
  {"category":"connector","code":"ss_sso_success","event":"Successful Self-Service SSO Operation","likelyCause":"The customer's admin set up SSO.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A self-service single sign-on setup step succeeded."},
  {"category":"silentAuth","code":"ssa","event":"Success Silent Auth","likelyCause":"The user has a valid session.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"An app's silent session check succeeded."},
  {"category":"managementApi","code":"sscim","event":"Successful SCIM Operation","likelyCause":"The directory created, changed or removed a user.","nextStep":"If an account changed unexpectedly, ask the directory's admin.","outcome":"success","whatHappened":"A SCIM provisioning request from the customer's directory succeeded."},
  {"category":"tokenExchange","code":"success_on_behalf_of_token_exchange","event":"Successful On-Behalf-Of Token Exchange","likelyCause":"A normal on-behalf-of exchange.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"An API exchanged a user's token for one to call another API."},
  {"category":"accountChange","code":"sui","event":"Success Users Import","likelyCause":"An admin imported users.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"A bulk user import finished."},
  {"category":"accountChange","code":"sv","event":"Success Verification Email","likelyCause":"The user followed the verification link.","nextStep":"Nothing to fix.","outcome":"success","whatHappened":"The user verified their e-mail address."},
  {"category":"accountChange","code":"svr","event":"Success Verification Email Request","likelyCause":"The user, an app or an admin requested it.","nextStep":"If it never arrived, check the address and the e-mail provider.","outcome":"success","whatHappened":"A verification e-mail was queued for sending."},
  {"category":"system","code":"sys_os_update_end","event":"Auth0 OS Update Ended","likelyCause":"Scheduled maintenance by Auth0.","nextStep":"Nothing for the user.","outcome":"notice","whatHappened":"An operating system update of a Private Cloud environment finished."},
  {"category":"system","code":"sys_os_update_start","event":"Auth0 OS Update Started","likelyCause":"Scheduled maintenance by Auth0.","nextStep":"Look for problems around the update's time.","outcome":"notice","whatHappened":"An operating system update of a Private Cloud environment started."},
  {"category":"system","code":"sys_update_end","event":"Auth0 Update Ended","likelyCause":"Scheduled maintenance by Auth0.","nextStep":"Nothing for the user.","outcome":"notice","whatHappened":"An Auth0 update of a Private Cloud environment finished."},
  {"category":"system","code":"sys_update_start","event":"Auth0 Update Started","likelyCause":"Scheduled maintenance by Auth0.","nextStep":"Look for problems around the update's time.","outcome":"notice","whatHappened":"An Auth0 update of a Private Cloud environment started."},
  {"category":"limitsAndBlocks","code":"ublkdu","event":"User Login Block Released","likelyCause":"An admin or the user unblocked it, or the block expired.","nextStep":"The user can try to log in again.","outcome":"success","whatHappened":"A brute-force block on the user was released."},
  {"category":"logout","code":"universal_logout_failed","event":"Failed Universal Logout","likelyCause":"A system or app error.","nextStep":"Retry the logout; tell the app's owners if sessions remain.","outcome":"failure","whatHappened":"Ending the user's sessions everywhere failed."},
  {"category":"logout","code":"universal_logout_succeeded","event":"Successful Universal Logout","likelyCause":"An admin or the identity provider ended them.","nextStep":"The user must sign in again everywhere.","outcome":"success","whatHappened":"The user's sessions were ended everywhere."},
  {"category":"login","code":"w","event":"Warnings During Login","likelyCause":"Often a rule, Action or profile sync problem.","nextStep":"Read the description; the login itself may have worked.","outcome":"notice","whatHappened":"A login completed with a warning."},
  {"category":"system","code":"wn","event":"Warning Notification","likelyCause":"An e-mail or SMS provider problem.","nextStep":"Read the description and check the provider.","outcome":"notice","whatHappened":"Sending a notification produced a warning."},
  {"category":"accountChange","code":"wum","event":"Warning User Management","likelyCause":"A partial failure during a user change.","nextStep":"Read the description and check the user's profile.","outcome":"notice","whatHappened":"A user management task produced a warning."},
];

/** Every `ActionKind`, in the core's order. */
export const ACTION_KINDS = ["removeBruteForceBlocks", "block", "unblock", "sendVerificationEmail", "createPasswordChangeTicket", "resetMfa", "deleteAuthenticationMethod", "forgetRememberedBrowsers", "revokeSessions", "revokeRefreshTokens", "assignRole", "removeRole"] as const satisfies readonly ActionKind[];

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
  /** Cancels a running job: it ends with a `cancelled` error. */
  jobCancel: (jobId: JobId): Promise<void> => call<void>("job_cancel", { jobId }),
  /** Loads a tenant's APIs, roles, permissions and members, with the findings. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  rbacSnapshot: (request: SnapshotRequest, onEvent: (event: JobEvent<RbacOverview>) => void): Promise<JobId> => job<RbacOverview>("rbac_snapshot", { request }, onEvent),
  /** A page of a role's members, from the loaded roles. */
  rbacRoleMembers: (request: MembersRequest): Promise<MemberPage> => call<MemberPage>("rbac_role_members", { request }),
  /** Searches users: Auth0's Lucene syntax, or a name or e-mail. */
  usersSearch: (request: UserSearchRequest): Promise<UsersPage> => call<UsersPage>("users_search", { request }),
  /** A user's roles and effective permissions, with their sources. */
  rbacUser: (request: UserRequest): Promise<UserRbac> => call<UserRbac>("rbac_user", { request }),
  /** Why a user has a permission on an API, by every path; or why not. */
  rbacExplain: (request: ExplainRequest): Promise<ExplainView> => call<ExplainView>("rbac_explain", { request }),
  /** A token's permissions against what its user is granted now. */
  rbacTokenCheck: (request: TokenCheckRequest): Promise<TokenCheckView> => call<TokenCheckView>("rbac_token_check", { request }),
  /** Two snapshots compared: saved files, or profiles' tenants as they are now. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  rbacDiff: (request: DiffRequest, onEvent: (event: JobEvent<DiffView>) => void): Promise<JobId> => job<DiffView>("rbac_diff", { request }, onEvent),
  /** Saves the members of a loaded role as CSV or JSON in the export folder. */
  rbacMembersExport: (request: MembersExport): Promise<ExportSaved> => call<ExportSaved>("rbac_members_export", { request }),
  /** Saves the loaded snapshot as a document to compare later. */
  rbacSnapshotSave: (profile: string | null): Promise<ExportSaved> => call<ExportSaved>("rbac_snapshot_save", { profile }),
  /** The snapshot documents saved in the export folder, newest first. */
  rbacSnapshotFiles: (): Promise<Array<SnapshotFile>> => call<Array<SnapshotFile>>("rbac_snapshot_files"),
  /** Saves a table the screen shows as CSV or JSON in the export folder. */
  exportTable: (request: TableExport): Promise<ExportSaved> => call<ExportSaved>("export_table", { request }),
  /** Connects to the profile's graph and checks it: version, constraint, counts, mapping. */
  graphStatus: (profile: string | null): Promise<GraphStatus> => call<GraphStatus>("graph_status", { profile }),
  /** A page of the graph's users whose ID or e-mail starts with the query. */
  graphSearch: (request: GraphSearchRequest): Promise<GraphPage> => call<GraphPage>("graph_search", { request }),
  /** The nodes of one user ID with their relationships, and its Auth0 user. */
  graphNode: (request: GraphNodeRequest): Promise<GraphNodeView> => call<GraphNodeView>("graph_node", { request }),
  /** Saves every user a graph search finds as CSV or JSON in the export folder. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  graphExport: (request: GraphExportRequest, onEvent: (event: JobEvent<ExportSaved>) => void): Promise<JobId> => job<ExportSaved>("graph_export", { request }, onEvent),
  /** Exports every Auth0 user with a users export job, into the export folder. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  usersExport: (request: UsersExportRequest, onEvent: (event: JobEvent<UsersExported>) => void): Promise<JobId> => job<UsersExported>("users_export", { request }, onEvent),
  /** Compares Auth0's users with the graph's and keeps the findings. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  auditRun: (request: AuditRequest, onEvent: (event: JobEvent<AuditOverview>) => void): Promise<JobId> => job<AuditOverview>("audit_run", { request }, onEvent),
  /** A page of the loaded audit's findings. */
  auditFindings: (request: FindingsRequest): Promise<FindingsPage> => call<FindingsPage>("audit_findings", { request }),
  /** Saves the findings a request matches as CSV or JSON in the export folder. */
  auditExport: (request: FindingsExport): Promise<ExportSaved> => call<ExportSaved>("audit_export", { request }),
  /** Saves the loaded audit as a report to compare later. */
  auditReportSave: (profile: string | null): Promise<ExportSaved> => call<ExportSaved>("audit_report_save", { profile }),
  /** The audit reports saved in the export folder, newest first. */
  auditReportFiles: (): Promise<Array<AuditReportFile>> => call<Array<AuditReportFile>>("audit_report_files"),
  /** The loaded audit against a saved report: new and fixed findings. */
  auditCompare: (request: AuditCompareRequest): Promise<AuditComparison> => call<AuditComparison>("audit_compare", { request }),
  /** What fixing the loaded audit's findings would do (nothing is changed). */
  auditFixPlan: (request: FixPlanRequest): Promise<FixPlanView> => call<FixPlanView>("audit_fix_plan", { request }),
  /** Applies the fix plan after the user confirmed it: links accounts, runs the Cypher. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  auditFixApply: (request: FixApplyRequest, onEvent: (event: JobEvent<FixApplied>) => void): Promise<JobId> => job<FixApplied>("audit_fix_apply", { request }, onEvent),
  /** Looks a customer up and reads their support card: account, blocks, access, logs. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  supportLookup: (request: SupportLookupRequest, onEvent: (event: JobEvent<SupportLookup>) => void): Promise<JobId> => job<SupportLookup>("support_lookup", { request }, onEvent),
  /** What a support fix will change and for whom (nothing is changed). */
  supportFixDescribe: (fix: SupportFix): Promise<FixDescription> => call<FixDescription>("support_fix_describe", { fix }),
  /** Makes a confirmed support fix, records it in the action log, reads the state again. */
  supportFixApply: (request: SupportFixRequest): Promise<SupportFixDone> => call<SupportFixDone>("support_fix_apply", { request }),
  /** A page of the action log (every fix made at a tenant), newest first. */
  actionLogList: (request: ActionLogRequest): Promise<ActionLogPage> => call<ActionLogPage>("action_log_list", { request }),
  /** Verifies the action log: its hash chain, and its end against the head in the keychain. */
  actionLogVerify: (): Promise<ActionLogVerified> => call<ActionLogVerified>("action_log_verify"),
  /** Saves the whole action log as CSV or JSON in the export folder. */
  actionLogExport: (format: ExportFormat): Promise<ExportSaved> => call<ExportSaved>("action_log_export", { format }),
  /** Searches the tenant's logs (Auth0's search, or with `all` the whole log by checkpoint, filtered here); the events stream as batches. Streams its progress, its batches of results (`kind: "batch"`) and result to `onEvent`; cancel with `jobCancel`. */
  logsSearch: (request: LogsSearchRequest, onEvent: (event: JobEvent<LogsSummary>) => void): Promise<JobId> => job<LogsSummary>("logs_search", { request }, onEvent),
  /** Follows the tenant's logs from the newest event until cancelled; the events stream as batches. Streams its progress, its batches of results (`kind: "batch"`) and result to `onEvent`; cancel with `jobCancel`. */
  logsTail: (request: LogsTailRequest, onEvent: (event: JobEvent<LogsSummary>) => void): Promise<JobId> => job<LogsSummary>("logs_tail", { request }, onEvent),
  /** Whether this build has updates on, without asking any server. */
  updateSettings: (): Promise<UpdateSettings> => call<UpdateSettings>("update_settings"),
  /** Asks the update server (when updates are on) for a newer version. */
  updateCheck: (): Promise<UpdateStatus> => call<UpdateStatus>("update_check"),
  /** Downloads the update the last check found, checks its signature and installs it. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  updateInstall: (onEvent: (event: JobEvent<UpdateInstalled>) => void): Promise<JobId> => job<UpdateInstalled>("update_install", {}, onEvent),
};
