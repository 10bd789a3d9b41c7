// The anchor of scripts/bench-support.sh: Auth0's own Node SDK (`auth0` v7,
// its ManagementClient, installed in tests/auth0-sdk) reading what one
// `idlens support EMAIL` reads for a customer, the way an SDK user writes
// it: one call after the other, one page (100) of each log list, and the
// SDK's own retries (its defaults: up to 2 retries of a 429, waiting until
// `x-ratelimit-reset`).
//
//   M2M_SECRET=… node bench/support_card_sdk.mjs SANDBOX_ORIGIN M2M_ID USER_ID
//
// The lookups, in the card's order (crates/idlens-api/src/support/): the
// user; users-by-email (the customer's other accounts); the user's blocks per identifier (e-mail, username,
// phone) and by ID; brute-force protection; roles, permissions and resource
// servers; the user's logs page; the log searches by the e-mail's local part
// (`user_name:jo@*`) and by username; authentication methods; sessions and
// refresh tokens (a 403 on plans without them is an answer, as on the
// card); then the log searches by up to 3 of the customer's IPs (last IP
// first, then those of the events read, newest first).
//
// The SDK is pointed at the sandbox by bench/auth0_sdk.mjs. Prints one
// JSON line of counts of what it read; exits 1 on any error, 2 on bad
// arguments.
import { sandboxManagement } from "./auth0_sdk.mjs";

const [origin, clientId, id] = process.argv.slice(2);
const clientSecret = process.env.M2M_SECRET;
if (!id || !clientSecret) {
  console.error("usage: M2M_SECRET=… node bench/support_card_sdk.mjs SANDBOX_ORIGIN M2M_ID USER_ID");
  process.exit(2);
}
const PAGE = 100;
const IPS_SEARCHED = 3;

const management = sandboxManagement(origin, clientId, clientSecret);

/** A Lucene phrase, as idlens-support's `phrase_term` writes it. */
const phrase = (field, value) => `${field}:"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
/** A prefix, as idlens-support's `prefix_term` writes it. */
const prefix = (field, value) => `${field}:${value.replace(/[^\p{L}\p{N}._@+-]/gu, (c) => `\\${c}`)}*`;

/** A list the plan may not have: its items, or null on Auth0's 403. */
async function unlessNotOnPlan(call) {
  try {
    return (await call()).data;
  } catch (e) {
    if (e?.statusCode === 403) return null;
    throw e;
  }
}

/** One page of a log search. */
const searchLogs = async (q) => (await management.logs.list({ search: q, per_page: PAGE, page: 0 })).data;

try {
  const user = await management.users.get(id);
  const sameEmail = user.email ? await management.users.listUsersByEmail({ email: user.email }) : [];
  const elsewhere = sameEmail.filter((u) => u.user_id !== id).flatMap((u) => u.identities ?? []);

  const identifiers = [...new Set([user.email, user.username, user.phone_number].filter(Boolean))];
  // Each block once, as the card lists them.
  const blocks = new Set();
  const addBlocks = (answer) => answer.blocked_for.forEach((b) => blocks.add(JSON.stringify([b.identifier, b.ip, b.connection])));
  for (const identifier of identifiers) addBlocks(await management.userBlocks.listByIdentifier({ identifier }));
  addBlocks(await management.userBlocks.list(id));
  await management.attackProtection.bruteForceProtection.get();
  const roles = (await management.users.roles.list(id, { per_page: PAGE })).data;
  const permissions = (await management.users.permissions.list(id, { per_page: PAGE })).data;
  const apis = (await management.resourceServers.list({ per_page: PAGE })).data;

  const lists = [(await management.users.logs.list(id, { per_page: PAGE, page: 0 })).data];
  const local = user.email?.split("@")[0];
  lists.push(await searchLogs(local ? prefix("user_name", `${local}@`) : phrase("user_name", user.email)));
  if (user.username && user.username !== user.email) lists.push(await searchLogs(phrase("user_name", user.username)));
  const mfa = (await management.users.authenticationMethods.list(id)).data;
  const sessions = await unlessNotOnPlan(() => management.users.sessions.list(id));
  const refreshTokens = await unlessNotOnPlan(() => management.users.refreshToken.list(id));

  // Only this user's events and those of no user are the story.
  const story = lists.map((list) => list.filter((e) => !e.user_id || e.user_id === id));
  const newestFirst = story.flat().sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const ips = [...new Set([user.last_ip, ...newestFirst.map((e) => e.ip)].filter(Boolean))].slice(0, IPS_SEARCHED);
  for (const ip of ips) {
    story.push((await searchLogs(phrase("ip", ip))).filter((e) => !e.user_id || e.user_id === id));
  }
  const events = new Set(story.flat().map((e) => e.log_id));

  console.log(
    JSON.stringify({
      elsewhere: elsewhere.length,
      blocks: blocks.size,
      roles: roles.length,
      permissions: permissions.length,
      apis: apis.length,
      mfa: mfa.length,
      sessions: sessions?.length ?? null,
      refresh_tokens: refreshTokens?.length ?? null,
      ips: ips.length,
      events: events.size,
    }),
  );
} catch (e) {
  console.error(`the SDK failed: ${e?.statusCode ?? ""} ${e?.message ?? e}`);
  process.exit(1);
}
