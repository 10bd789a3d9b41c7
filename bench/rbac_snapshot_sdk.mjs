// The anchor of scripts/bench-rbac.sh: Auth0's own Node SDK (`auth0` v7,
// its ManagementClient, installed in tests/auth0-sdk) reading what an
// `idlens rbac snapshot` reads — the APIs, every role, each role's
// permissions and each role's members (checkpoint paging, `take` 100) — the
// way an SDK user writes it: one call after the other, the SDK's paginators
// followed with `for await`, 100 a page, and the SDK's own retries (its
// defaults: up to 2 retries of a 429, waiting until `x-ratelimit-reset`).
//
//   M2M_SECRET=… node bench/rbac_snapshot_sdk.mjs SANDBOX_ORIGIN M2M_ID OUT.json
//
// The SDK is pointed at the sandbox by bench/auth0_sdk.mjs. Writes what it
// read to OUT.json and prints one JSON line of counts ({apis, roles,
// permissions, members}); exits 1 on any error.
import { writeFileSync } from "node:fs";
import { sandboxManagement } from "./auth0_sdk.mjs";

const [origin, clientId, out] = process.argv.slice(2);
const clientSecret = process.env.M2M_SECRET;
if (!out || !clientSecret) {
  console.error("usage: M2M_SECRET=… node bench/rbac_snapshot_sdk.mjs SANDBOX_ORIGIN M2M_ID OUT.json");
  process.exit(2);
}

const management = sandboxManagement(origin, clientId, clientSecret);

/** Every item of a paginated listing, page after page. */
async function all(pages) {
  const items = [];
  for await (const item of await pages) items.push(item);
  return items;
}

try {
  const apis = await all(management.resourceServers.list({ per_page: 100 }));
  const roles = await all(management.roles.list({ per_page: 100 }));
  const snapshot = { apis, roles: [] };
  for (const role of roles) {
    const permissions = await all(management.roles.permissions.list(role.id, { per_page: 100 }));
    const members = await all(management.roles.users.list(role.id, { take: 100 }));
    snapshot.roles.push({ ...role, permissions, members });
  }
  writeFileSync(out, JSON.stringify(snapshot, null, 2));
  const sum = (key) => snapshot.roles.reduce((n, r) => n + r[key].length, 0);
  console.log(
    JSON.stringify({
      apis: apis.length,
      roles: roles.length,
      permissions: sum("permissions"),
      members: sum("members"),
    }),
  );
} catch (e) {
  console.error(`the SDK failed: ${e?.statusCode ?? ""} ${e?.message ?? e}`);
  process.exit(1);
}
