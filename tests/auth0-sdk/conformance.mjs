// Auth0's own Node SDK (`auth0` v7, its ManagementClient) as a client of the
// sandbox tenant: every Management API endpoint IdLens uses is called and
// its answer parsed by the SDK's own models, errors included. It proves the
// sandbox speaks Auth0's shapes, not IdLens's idea of them.
//
//   node conformance.mjs SANDBOX_ORIGIN M2M_ID M2M_SECRET LIMITED_ID LIMITED_SECRET
//
// The SDK hard-codes https://{domain}/api/v2 and has no base-URL option, so
// its `fetch` option rewrites that origin to the sandbox's. Prints one JSON
// object of what it saw; exits 1 with the reason at the first mismatch.
//
// Also a users export (`jobs.usersExports.create`, `jobs.get` until it is
// completed, its gzipped NDJSON downloaded through the same fetch and
// gunzipped with node's zlib), `connections.list` by name, and
// `roles.get`, `users.roles.assign` and `users.roles.delete` (undone at once), and
// `users.identities.link` (which changes the tenant, so it comes last);
// logs (search mode, one, a user's), user blocks and brute-force settings;
// an admin block, MFA methods, a password-change ticket, a verification
// e-mail job, sessions and refresh tokens.
import { gunzipSync } from "node:zlib";
import { ManagementClient, ManagementError } from "auth0";

const [origin, m2mId, m2mSecret, limitedId, limitedSecret] = process.argv.slice(2);
const DOMAIN = "sandbox.test";
const EVERYONE = "rol_Ev3ryoneSandbox04";

/** The SDK's requests, sent to the sandbox instead of https://sandbox.test. */
const fetchToSandbox = (input, init) => {
  const url = typeof input === "string" ? input : input.url;
  return fetch(url.replace(`https://${DOMAIN}`, origin), init);
};

function client(clientId, clientSecret) {
  return new ManagementClient({
    domain: DOMAIN,
    clientId,
    clientSecret,
    audience: `${origin}/api/v2/`,
    fetch: fetchToSandbox,
    maxRetries: 0,
  });
}

function check(condition, what) {
  if (!condition) {
    console.error(`conformance: ${what}`);
    process.exit(1);
  }
}

/** The SDK error a call throws, checked for Auth0's error body. */
async function expectError(call, statusCode, errorCode, what) {
  try {
    await call();
  } catch (e) {
    check(e instanceof ManagementError, `${what}: a ManagementError, not ${e}`);
    check(e.statusCode === statusCode, `${what}: status ${e.statusCode}, expected ${statusCode}`);
    check(e.body?.errorCode === errorCode, `${what}: errorCode ${JSON.stringify(e.body)}`);
    check(typeof e.body?.message === "string", `${what}: a message`);
    return e.body;
  }
  check(false, `${what}: the call succeeded`);
}

const seen = {};
const m2m = client(m2mId, m2mSecret);

const search = await m2m.users.list({ q: "email_verified:false", search_engine: "v3", page: 0, per_page: 5 });
check(search.data.length === 5, `users.list gave ${search.data.length} users`);
check(search.response.total > 5, "users.list has a total");
check(search.data.every((u) => u.user_id && Array.isArray(u.identities)), "users have user_id and identities");
seen.search_total = search.response.total;

const byEmail = await m2m.users.listUsersByEmail({ email: "ada.admin@idlens.test" });
check(byEmail.length === 1, "users-by-email finds the admin");
const adminId = byEmail[0].user_id;

const admin = await m2m.users.get(adminId);
check(admin.email === "ada.admin@idlens.test", "users.get");

const adminRoles = await m2m.users.roles.list(adminId);
check(adminRoles.data.map((r) => r.name).includes("Admin"), "users.roles.list");

const adminPermissions = await m2m.users.permissions.list(adminId, { per_page: 100 });
check(adminPermissions.data.length >= 6, "users.permissions.list");
check(adminPermissions.data.every((p) => p.permission_name && p.resource_server_identifier), "permission fields");
seen.admin_permissions = adminPermissions.data.length;

const roles = [];
for await (const role of await m2m.roles.list({ per_page: 3 })) roles.push(role);
check(roles.length >= 8, `roles.list over its pages gave ${roles.length} roles`);
seen.roles = roles.length;

const reportRole = await m2m.roles.get("rol_Rep0rtViewSndbx06");
check(reportRole.id === "rol_Rep0rtViewSndbx06" && typeof reportRole.name === "string", `roles.get: ${JSON.stringify(reportRole)}`);

const reportPermissions = await m2m.roles.permissions.list("rol_Rep0rtViewSndbx06");
check(reportPermissions.data.some((p) => p.permission_name === "read:legacy-reports"), "roles.permissions.list");

let members = 0;
for await (const member of await m2m.roles.users.list(EVERYONE, { take: 100 })) {
  check(member.user_id, "a member has a user_id");
  members += 1;
}
check(members > 1000, `roles.users.list followed its checkpoints to ${members} members`);
seen.everyone_members = members;

const apis = await m2m.resourceServers.list();
check(apis.data.some((a) => a.identifier === "https://api.idlens.test/"), "resourceServers.list");
seen.apis = apis.data.length;

await expectError(() => m2m.users.get("auth0|nobody"), 404, "inexistent_user", "an unknown user");
await expectError(() => m2m.users.list({ page: 10, per_page: 100 }), 400, "invalid_paging", "paging past 1000");
await expectError(() => m2m.users.list({ per_page: 101 }), 400, "invalid_query_string", "per_page over 100");
const limited = client(limitedId, limitedSecret);
const scope = await expectError(() => limited.roles.list(), 403, "insufficient_scope", "a missing scope");
check(scope.message.includes("read:roles"), "the scope error names read:roles");

// A users export, as an SDK user writes it.
const all = await m2m.users.list({ per_page: 1, include_totals: true });
const fields = [{ name: "user_id" }, { name: "email" }, { name: "identities[0].connection", export_as: "connection" }];
const created = await m2m.jobs.usersExports.create({ format: "json", fields });
check(created.type === "users_export" && created.status === "pending", `usersExports.create: ${JSON.stringify(created)}`);
check(/^job_[A-Za-z0-9]+$/.test(created.id), `a job id: ${created.id}`);
let exportJob = created;
const statuses = [];
for (let i = 0; i < 10 && !["completed", "failed"].includes(exportJob.status); i++) {
  exportJob = await m2m.jobs.get(created.id);
  statuses.push(`${exportJob.status}:${exportJob.percentage_done}`);
}
check(exportJob.status === "completed", `jobs.get ended ${statuses.join(", ")}`);
check(statuses.length >= 3, `the job progressed over several polls: ${statuses.join(", ")}`);
check(typeof exportJob.location === "string", "a completed job has a location");
const file = await fetchToSandbox(exportJob.location);
check(file.status === 200, `the export file: ${file.status}`);
const ndjson = gunzipSync(Buffer.from(await file.arrayBuffer())).toString("utf8");
const exported = ndjson.trim().split("\n").map((line) => JSON.parse(line));
check(exported.length === all.response.total, `${exported.length} users exported of ${all.response.total}`);
check(exported.every((u) => u.user_id && u.connection && !("identities" in u)), "the fields asked for, renamed");
seen.export_statuses = statuses;
seen.exported_users = exported.length;

const github = await m2m.connections.list({ name: "github" });
check(github.data.length === 1 && /^con_/.test(github.data[0].id), `connections.list by name: ${JSON.stringify(github.data)}`);

// Role assignment (changes the tenant, undone at once): the admin gets the
// report viewer role and loses it again.
const reportRoleIds = { roles: [reportRole.id] };
const roleNames = async () => (await m2m.users.roles.list(adminId)).data.map((r) => r.name);
const hadReport = (await roleNames()).includes(reportRole.name);
await expectError(() => limited.users.roles.assign(adminId, reportRoleIds), 403, "insufficient_scope", "assigning without update:users");
await expectError(() => m2m.users.roles.assign(adminId, { roles: ["rol_NoSuchRole000000"] }), 404, "inexistent_role", "assigning an unknown role");
await m2m.users.roles.assign(adminId, reportRoleIds);
check((await roleNames()).includes(reportRole.name), "users.roles.assign gave the role");
await m2m.users.roles.delete(adminId, reportRoleIds);
check(!(await roleNames()).includes(reportRole.name), "users.roles.delete took the role away");
if (hadReport) await m2m.users.roles.assign(adminId, reportRoleIds);
seen.role_assignment = "assigned and removed";

// Logs, brute-force blocks and their settings. The SDK lists logs with
// `page`, `per_page`, `include_totals` (true by default) and sends its
// search as `search` (not `q`); it has no checkpoint mode (a raw-request
// test in Rust).
let lockout;
let scanned = 0;
for await (const event of await m2m.logs.list({ per_page: 100, sort: "date:-1" })) {
  check(event.log_id && event.date && event.type, `a log event: ${JSON.stringify(event)}`);
  scanned += 1;
  if (event.type === "limit_wc") {
    lockout = event;
    break;
  }
}
check(lockout && lockout.user_id && lockout.user_name, `a seeded limit_wc among ${scanned} events`);
const firstPage = await m2m.logs.list({ page: 0, per_page: 5, include_totals: true });
check(firstPage.data.length === 5 && firstPage.response.total > 1000, `logs.list totals: ${firstPage.response.total}`);
check(firstPage.response.start === 0 && firstPage.response.limit === 5 && firstPage.response.length === 5, "the logs envelope");
const one = await m2m.logs.get(lockout.log_id);
check(one.log_id === lockout.log_id && one.type === "limit_wc", "logs.get");
const userLogs = await m2m.users.logs.list(lockout.user_id, { per_page: 20, sort: "date:-1" });
check(userLogs.data.filter((e) => e.type === "fp").length === 10, `users.logs.list: ${userLogs.data.map((e) => e.type)}`);
check(userLogs.data.every((e) => e.user_id === lockout.user_id), "only the user's events");
// A search as the SDK sends it (`search=`, which Auth0's API specification
// names beside `q`): the lockout's ten wrong passwords, filtered before
// paging, with only the fields asked for; a query with a problem is a 400.
const lockoutSearch = `type:fp AND user_id:"${lockout.user_id}"`;
const searched = await m2m.logs.list({ search: lockoutSearch, per_page: 50 });
check(searched.response.total === 10 && searched.data.length === 10, `logs.list search total: ${searched.response.total}`);
check(searched.data.every((e) => e.type === "fp" && e.user_id === lockout.user_id), `logs.list search: ${searched.data.map((e) => e.type)}`);
const narrow = await m2m.logs.list({ search: lockoutSearch, per_page: 3, fields: "type,log_id", include_fields: true });
check(narrow.data.length === 3 && narrow.data.every((e) => Object.keys(e).sort().join() === "log_id,type"), `logs.list fields: ${JSON.stringify(narrow.data)}`);
const badSearch = await expectError(() => m2m.logs.list({ search: "type:" }), 400, "invalid_query_string", "a search with a problem");
check(badSearch.message.includes("at character"), `the search error says where: ${badSearch.message}`);
seen.searched_logs = searched.data.length;
await expectError(() => m2m.logs.list({ page: 10, per_page: 100 }), 400, "invalid_paging", "logs past 1000");
await expectError(() => m2m.logs.get("900nosuchlog"), 404, "inexistent_log", "an unknown log");
await expectError(() => m2m.users.logs.list("auth0|nobody"), 404, "inexistent_user", "an unknown user's logs");
const logScope = await expectError(() => limited.logs.list(), 403, "insufficient_scope", "logs without read:logs");
check(logScope.message.includes("read:logs"), "the scope error names read:logs");

const blocks = await m2m.userBlocks.listByIdentifier({ identifier: lockout.user_name });
check(blocks.blocked_for?.length === 1 && blocks.blocked_for[0].ip === "203.0.113.7", `userBlocks.listByIdentifier: ${JSON.stringify(blocks)}`);
const byUser = await m2m.userBlocks.list(lockout.user_id);
check(byUser.blocked_for?.length === 1 && byUser.blocked_for[0].identifier === lockout.user_name.toLowerCase(), `userBlocks.list: ${JSON.stringify(byUser)}`);
await expectError(() => limited.userBlocks.deleteByIdentifier({ identifier: lockout.user_name }), 403, "insufficient_scope", "unblocking without update:users");
await m2m.userBlocks.deleteByIdentifier({ identifier: lockout.user_name });
check((await m2m.userBlocks.listByIdentifier({ identifier: lockout.user_name })).blocked_for.length === 0, "userBlocks.deleteByIdentifier");
await m2m.userBlocks.delete(lockout.user_id);
await expectError(() => m2m.userBlocks.list("auth0|nobody"), 404, "inexistent_user", "an unknown user's blocks");
const bfp = await m2m.attackProtection.bruteForceProtection.get();
check(bfp.enabled === true && bfp.max_attempts === 10 && bfp.mode === "count_per_identifier_and_ip", `bruteForceProtection.get: ${JSON.stringify(bfp)}`);
const updated = await m2m.attackProtection.bruteForceProtection.update({ max_attempts: 5, allowlist: ["198.51.100.1"] });
check(updated.max_attempts === 5 && updated.allowlist[0] === "198.51.100.1", "bruteForceProtection.update");
await m2m.attackProtection.bruteForceProtection.update({ max_attempts: 10, allowlist: [] });
seen.logs_scanned = scanned;

// A support desk's fixes: an admin block (users.update), MFA
// (authentication methods, the Guardian enrollment, remembered browsers),
// a password-change ticket, a verification e-mail job, sessions and
// refresh tokens (empty: the SDK signs no one in; the Rust tests sign in).
const blockedAdmin = await m2m.users.update(adminId, { blocked: true });
check(blockedAdmin.blocked === true, `users.update blocked: ${JSON.stringify(blockedAdmin)}`);
const unblocked = await m2m.users.update(adminId, { blocked: false });
check(unblocked.blocked !== true, "users.update unblocked");
await expectError(() => m2m.users.update(adminId, { blocked: "yes" }), 400, "invalid_body", "a patch of the wrong type");
await expectError(() => m2m.users.update("auth0|nobody", { blocked: true }), 404, "inexistent_user", "patching an unknown user");

const mfaEvent = (await m2m.logs.list({ search: "type:gd_auth_failed", per_page: 1 })).data[0];
check(mfaEvent?.user_id, "the MFA story's gd_auth_failed");
const mfaUser = mfaEvent.user_id;
const methods = await m2m.users.authenticationMethods.list(mfaUser, { page: 0, per_page: 50, include_totals: true });
check(methods.data.length === 2 && methods.data.every((m) => m.id && m.type && m.confirmed === true), `users.authenticationMethods.list: ${JSON.stringify(methods.data)}`);
const enrollments = await m2m.users.enrollments.get(mfaUser);
check(Array.isArray(enrollments) && enrollments.length === 1 && enrollments[0].status === "confirmed", `users.enrollments.get: ${JSON.stringify(enrollments)}`);
await m2m.users.multifactor.invalidateRememberBrowser(mfaUser);
await expectError(() => limited.users.authenticationMethods.list(mfaUser), 403, "insufficient_scope", "methods without read:authentication_methods");
await expectError(() => m2m.users.authenticationMethods.delete(mfaUser, "totp|dev_0000000000000000"), 404, "inexistent_authentication_method", "an unknown method");
await m2m.users.authenticationMethods.delete(mfaUser, methods.data[1].id);
await m2m.users.authenticationMethods.deleteAll(mfaUser);
check((await m2m.users.authenticationMethods.list(mfaUser)).data.length === 0, "users.authenticationMethods.deleteAll");
seen.mfa_methods = methods.data.length;

const ticket = await m2m.tickets.changePassword({ user_id: adminId, result_url: "https://app.test/done", ttl_sec: 3600 });
check(ticket.ticket?.startsWith(`${origin}/lo/reset?ticket=`), `tickets.changePassword: ${JSON.stringify(ticket)}`);
await expectError(() => limited.tickets.changePassword({ user_id: adminId }), 403, "insufficient_scope", "a ticket without create:user_tickets");
const unverified = (await m2m.users.list({ q: "email_verified:false", search_engine: "v3", per_page: 50 })).data.find((u) => u.user_id.startsWith("auth0|"));
check(unverified, "an unverified database user");
const emailJob = await m2m.jobs.verificationEmail.create({ user_id: unverified.user_id });
check(emailJob.type === "verification_email" && emailJob.status === "pending" && /^job_/.test(emailJob.id), `jobs.verificationEmail.create: ${JSON.stringify(emailJob)}`);
check((await m2m.jobs.get(emailJob.id)).status === "completed", "the verification job completes");
await expectError(() => m2m.jobs.verificationEmail.create({ user_id: adminId }), 400, "invalid_body", "a verified e-mail");

const sessions = await m2m.users.sessions.list(adminId, { take: 10 });
check(Array.isArray(sessions.data), `users.sessions.list: ${JSON.stringify(sessions.data)}`);
await m2m.users.sessions.delete(adminId);
const tokens = await m2m.users.refreshToken.list(adminId, { take: 10 });
check(Array.isArray(tokens.data), `users.refreshToken.list: ${JSON.stringify(tokens.data)}`);
await m2m.users.refreshToken.delete(adminId);
await expectError(() => limited.users.sessions.list(adminId), 403, "insufficient_scope", "sessions without read:sessions");
seen.support_fixes = "done";

// Linking: a person with a database user and a GitHub user of one e-mail.
let pair;
for await (const gh of await m2m.users.list({ q: "identities.provider:github", search_engine: "v3", per_page: 100 })) {
  const same = await m2m.users.listUsersByEmail({ email: gh.email });
  const primary = same.find((u) => u.user_id.startsWith("auth0|"));
  if (primary && gh.identities.length === 1) {
    pair = { primary, secondary: gh };
    break;
  }
}
check(pair, "a database user and a GitHub user with one e-mail");
const secondaryIdentity = pair.secondary.identities[0];
const link = { provider: "github", user_id: String(secondaryIdentity.user_id) };
await expectError(() => limited.users.identities.link(pair.primary.user_id, link), 403, "insufficient_scope", "linking without update:users");
const identities = await m2m.users.identities.link(pair.primary.user_id, link);
check(Array.isArray(identities) && identities.length === pair.primary.identities.length + 1, `users.identities.link: ${JSON.stringify(identities)}`);
const linked = identities.find((i) => i.provider === "github");
check(linked && linked.user_id === secondaryIdentity.user_id && linked.profileData?.email === pair.secondary.email, "the linked identity with its profileData");
await expectError(() => m2m.users.get(pair.secondary.user_id), 404, "inexistent_user", "the linked secondary is no longer a user");
seen.linked_identities = identities.length;

console.log(JSON.stringify(seen));
