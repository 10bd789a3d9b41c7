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
exportJobDeadline: string, storedSecrets: Array<SecretKindView>, };

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
exportJobDeadline?: string, };

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

export type JobEvent<T> = { "kind": "progress", progress: JobProgress, } | { "kind": "done", result: T, } | { "kind": "failed", error: ApiError, };

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
  /** Whether this build has updates on, without asking any server. */
  updateSettings: (): Promise<UpdateSettings> => call<UpdateSettings>("update_settings"),
  /** Asks the update server (when updates are on) for a newer version. */
  updateCheck: (): Promise<UpdateStatus> => call<UpdateStatus>("update_check"),
  /** Downloads the update the last check found, checks its signature and installs it. Streams its progress and result to `onEvent`; cancel with `jobCancel`. */
  updateInstall: (onEvent: (event: JobEvent<UpdateInstalled>) => void): Promise<JobId> => job<UpdateInstalled>("update_install", {}, onEvent),
};
