// Auth0's own Node SDK (`auth0` v7, installed in tests/auth0-sdk) pointed at
// the sandbox: the anchors of the rate-limited benchmarks
// (bench/rbac_snapshot_sdk.mjs, bench/support_card_sdk.mjs) share it.
//
// As in tests/auth0-sdk/conformance.mjs, the SDK hard-codes
// https://{domain}/api/v2 and its `fetch` option rewrites that origin to the
// sandbox's. The SDK keeps its defaults (its retries: up to 2 retries of a
// 429, waiting until `x-ratelimit-reset`).
import { createRequire } from "node:module";

// The SDK lives in tests/auth0-sdk/node_modules, not next to this file.
const require = createRequire(new URL("../tests/auth0-sdk/package.json", import.meta.url));
const { ManagementClient } = require("auth0");

const DOMAIN = "sandbox.test";

/** A ManagementClient of the sandbox at `origin` for the M2M client `clientId`. */
export function sandboxManagement(origin, clientId, clientSecret) {
  /** The SDK's requests, sent to the sandbox instead of https://sandbox.test. */
  const fetchToSandbox = (input, init) => {
    const url = typeof input === "string" ? input : input.url;
    return fetch(url.replace(`https://${DOMAIN}`, origin), init);
  };
  return new ManagementClient({
    domain: DOMAIN,
    clientId,
    clientSecret,
    audience: `${origin}/api/v2/`,
    fetch: fetchToSandbox,
  });
}
