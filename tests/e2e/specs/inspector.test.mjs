// A support engineer's day in the token inspector: paste a customer's access
// token and see it verified against the tenant's keys, paste an expired one and
// be told how to fix it, reopen one from the history, decode an ID token
// without verifying it, and redact it for a ticket. The tenant is a tiny OIDC
// issuer started here on 127.0.0.1 whose tokens are minted by `jose`; every
// request it receives is recorded, to check that no token ever reaches it.
//
// Run through ../run.mjs, which provides the display, keychain and
// tauri-driver; the steps shared by all specs are in ../driver.mjs.

import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { Key } from "webdriverio";
import { browser, cli, click, clickElement, closeApp, openApp, screenshot, scrollTo, shown, testId } from "../driver.mjs";
import { keyboardPass } from "../keyboard.mjs";
import { reflowPass } from "../reflow.mjs";

const KID = "e2e-signing-key-1";
const CLIENT_ID = "e2e-client";
const API = "https://api.e2e.test/";
const EMAIL = "jane.doe@example.com";

/** The local tenant: its URL, its requests, and the key its tokens are signed with. */
const tenant = { server: null, issuer: "", requests: [], privateKey: null, jwk: null };
const tokens = {};

/** Serves discovery and the JWKS, as an Auth0 tenant does, and records every request. */
async function startTenant() {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  tenant.privateKey = privateKey;
  tenant.jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: "RS256", use: "sig" };
  tenant.server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      tenant.requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      const send = (status, value) => {
        res.writeHead(status, { "content-type": "application/json", "cache-control": "max-age=600" });
        res.end(JSON.stringify(value));
      };
      if (req.url === "/.well-known/openid-configuration") {
        send(200, {
          issuer: tenant.issuer,
          jwks_uri: `${tenant.issuer}.well-known/jwks.json`,
          authorization_endpoint: `${tenant.issuer}authorize`,
          token_endpoint: `${tenant.issuer}oauth/token`,
          id_token_signing_alg_values_supported: ["RS256"],
        });
      } else if (req.url === "/.well-known/jwks.json") {
        send(200, { keys: [tenant.jwk] });
      } else {
        send(404, { error: "not_found" });
      }
    });
  });
  tenant.server.listen(0, "127.0.0.1");
  await once(tenant.server, "listening");
  tenant.issuer = `http://127.0.0.1:${tenant.server.address().port}/`;
}

async function mint(claims, { typ = "at+jwt", issuedAgo = 60, expiresIn = 3600 } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ, kid: KID })
    .setIssuer(tenant.issuer)
    .setIssuedAt(now - issuedAgo)
    .setExpirationTime(now + expiresIn)
    .sign(tenant.privateKey);
}

/**
 * Pastes `text` into the token box the way Ctrl+V does: a paste event with
 * the text on its clipboard data. (The system clipboard of the test display
 * is not something the test controls.)
 */
async function paste(text) {
  const input = await shown("inspector-input");
  await browser.execute(
    (element, value) => {
      element.focus();
      const data = new DataTransfer();
      data.setData("text/plain", value);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    input,
    text,
  );
  await browser.waitUntil(async () => (await input.getValue()) === text, {
    timeoutMsg: "the pasted token did not replace the content of the token box",
  });
}

/** Waits for a current (not out-of-date) verdict that matches `expected`, and returns the banner. */
async function verdictFor(expected, what) {
  const verdict = await shown("inspector-verdict");
  let seen = {};
  await browser.waitUntil(
    async () => {
      seen = {
        current: await verdict.getAttribute("data-current"),
        valid: await verdict.getAttribute("data-valid"),
        unverified: await verdict.getAttribute("data-unverified"),
        kind: await (await browser.$(testId("inspector-kind"))).getText(),
      };
      return seen.current === "true" && Object.entries(expected).every(([k, v]) => seen[k] === v);
    },
    { timeoutMsg: `no current verdict for ${what}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}` },
  );
  return verdict;
}

async function checkStatus(name) {
  const row = await browser.$(testId(`check-${name}`));
  await row.waitForExist({ timeoutMsg: `there is no row for the ${name} check` });
  return row.getAttribute("data-status");
}

before(async () => {
  await startTenant();
  const userClaims = { sub: "auth0|64f1c0ffee5ca1ab1e000001", azp: CLIENT_ID };
  tokens.access = await mint({
    ...userClaims,
    aud: [API, `${tenant.issuer}userinfo`],
    scope: "openid profile email read:users",
    permissions: ["read:users", "read:roles"],
    "https://e2e.test/email": EMAIL,
  });
  tokens.expired = await mint(
    { ...userClaims, aud: API, scope: "read:users", permissions: ["read:users"] },
    { issuedAgo: 3 * 3600, expiresIn: -2 * 3600 },
  );
  tokens.id = await mint(
    {
      ...userClaims,
      aud: CLIENT_ID,
      email: EMAIL,
      email_verified: true,
      name: "Jane Doe",
      nickname: "jane.doe",
      nonce: "n-0S6_WzA2Mj",
      auth_time: Math.floor(Date.now() / 1000) - 120,
    },
    { typ: "JWT" },
  );

  // The profile exists before the app starts, as for a user who set it up in a terminal.
  cli("profile", "add", "e2e", "--issuer", tenant.issuer, "--client-id", CLIENT_ID, "--audience", API);

  await openApp();
});

after(async () => {
  await closeApp();
  if (tenant.server) {
    tenant.server.closeAllConnections();
    tenant.server.close();
    await once(tenant.server, "close");
  }
});

describe("token inspector", () => {
  it("opens with an explanation of what it accepts, verifying with the profile in use by default", async () => {
    await shown("area-session");
    await click("nav-inspector");
    const area = await shown("area-inspector");
    await shown("empty-state", area);
    const keys = await shown("inspector-keys");
    assert.equal(await keys.getValue(), "profile", "the profile in use should be the default key source");
    assert.match(await (await shown("inspector-privacy")).getText(), /only key fetches go out/i);
    assert.match(await (await shown("inspector-history")).getText(), /./);
    assert.match(await area.getText(), /kept in memory only, cleared when IdLens exits/i);
    await screenshot("inspector-empty");
  });

  it("says what is wrong with typed input that is not a token", async () => {
    await click("inspector-input");
    // Typed, not pasted: the box inspects once typing pauses.
    await (await shown("inspector-input")).setValue("eyJhbGciOiJub25lIn0.e30");
    await verdictFor({ valid: "false", unverified: "true", kind: "Not a token" }, "two-part input");
    assert.equal(await (await shown("inspector-verdict-label")).getText(), "NOT A TOKEN");
    assert.equal(await checkStatus("format"), "failed");
    assert.match(await (await shown("check-format")).getText(), /2 parts/);
    const remembered = await (await shown("inspector-history")).$$(testId("inspector-history-item"));
    assert.equal(remembered.length, 0, "input that is not a token is not kept in the history");
  });

  it("verifies a valid RS256 access token against the tenant's keys", async () => {
    await paste(tokens.access);
    const verdict = await verdictFor({ valid: "true", unverified: "false", kind: "API access token" }, "the valid token");
    assert.equal(await (await shown("inspector-verdict-label")).getText(), "VALID");
    for (const check of ["signature", "issuer", "audience", "expiry"]) {
      assert.equal(await checkStatus(check), "passed", `the ${check} check should pass`);
    }
    assert.match(await (await shown("inspector-key-kid")).getText(), new RegExp(KID));
    assert.match(await (await shown("inspector-tenant")).getText(), /127\.0\.0\.1/);

    const parts = await shown("inspector-parts");
    assert.equal(await parts.getAttribute("data-shape"), "jws");
    assert.deepEqual(
      await parts.$$("[data-part]").map((p) => p.getAttribute("data-part")),
      ["header", "payload", "signature"],
      "the token should be shown as three coloured parts",
    );
    const permissions = await shown("claim-permissions-value");
    assert.match(await permissions.getText(), /read:users[\s\S]*read:roles/);
    assert.match(await (await shown("time-exp")).getText(), /^expires in 5\d min$/);

    await scrollTo(await shown("area-inspector"), "start");
    await screenshot("inspector-valid");
    await scrollTo(verdict, "start");
    await screenshot("inspector-valid-checks");
  });

  it("reaches every action of a verified token's report by keyboard, with focus shown", async () => {
    await keyboardPass("inspector with a valid token");
  });

  it("reflows a verified token's report at 200 % zoom and at 320 CSS px", async () => {
    await reflowPass("inspector", async () => scrollTo(await shown("inspector-verdict"), "start"));
  });

  it("fails an expired token on its expiry, with a hint, and says it is invalid", async () => {
    await paste(tokens.expired);
    await verdictFor({ valid: "false", unverified: "false" }, "the expired token");
    assert.equal(await (await shown("inspector-verdict-label")).getText(), "INVALID");
    assert.equal(await checkStatus("expiry"), "failed");
    assert.equal(await checkStatus("signature"), "passed", "the signature of the expired token is still genuine");
    const hint = await shown("check-expiry-hint");
    assert.match(await hint.getText(), /^How to fix: .{20,}/, "the failed expiry check should say what to do");
    assert.match(await (await shown("time-exp")).getText(), /^expired 2 h( \d+ min)? ago$/);
    assert.equal(await (await shown("time-exp")).getAttribute("data-tone"), "bad");

    await scrollTo(await shown("inspector-verdict"), "start");
    await screenshot("inspector-invalid");
  });

  it("keeps both tokens in the history, newest first, and reopens one with a click", async () => {
    const history = await shown("inspector-history");
    const items = await history.$$(testId("inspector-history-item"));
    assert.deepEqual(
      await items.map((i) => i.getAttribute("data-verdict")),
      ["invalid", "valid"],
      "the history should list the expired token, then the valid one",
    );
    await clickElement(items[1], "the history entry of the valid token");
    await verdictFor({ valid: "true" }, "the token reopened from the history");
    assert.equal(await (await shown("inspector-input")).getValue(), tokens.access);
  });

  it("verifies an ID token against the profile's client ID, then decodes it only, labelled UNVERIFIED", async () => {
    await paste(tokens.id);
    await verdictFor({ valid: "true", kind: "ID token" }, "the ID token");

    const keys = await shown("inspector-keys");
    await scrollTo(keys);
    await keys.selectByAttribute("value", "none");
    const verdict = await verdictFor({ valid: "false", unverified: "true", kind: "ID token" }, "the decoded-only ID token");
    assert.equal(await verdict.getAttribute("data-verdict"), "unverified");
    assert.equal(await (await shown("inspector-verdict-label")).getText(), "UNVERIFIED");
    assert.equal(await checkStatus("signature"), "skipped", "decoding only must not claim a signature check");
    assert.equal(await (await shown("claim-email-value")).getText(), EMAIL);
  });

  it("masks personal claims everywhere when redacting, and copies the redacted report", async () => {
    await click("inspector-redact");
    const toggle = await shown("inspector-redact");
    assert.equal(await toggle.getAttribute("aria-checked"), "true");

    for (const claim of ["email", "name", "sub"]) {
      const value = await shown(`claim-${claim}-value`);
      const text = await value.getText();
      assert.match(text, /redacted/, `the ${claim} claim should be masked`);
    }
    const claims = await shown("inspector-claims");
    assert.doesNotMatch(await claims.getText(), /jane/i, "no personal data may remain in the claims table");
    assert.equal(await (await shown("claim-aud-value")).getText(), CLIENT_ID, "claims that are not personal stay readable");

    const payload = await (await shown("inspector-parts")).$('[data-part="payload"]');
    assert.equal(await payload.getAttribute("data-redacted"), "true");
    assert.match(await payload.getText(), /^•+$/, "the payload must be masked in the token view");
    const history = await shown("inspector-history");
    assert.doesNotMatch(await history.getText(), /auth0\|/, "subjects in the history are masked too");

    const copy = await shown("inspector-copy-json");
    assert.match(await copy.getText(), /redacted/i);
    await clickElement(copy, "Copy as JSON");
    await browser.waitUntil(async () => (await copy.getText()) === "Copied", {
      timeoutMsg: "Copy as JSON did not say Copied",
    });

    await scrollTo(await shown("inspector-verdict"), "start");
    await screenshot("inspector-redacted");
    await scrollTo(claims, "start");
    await screenshot("inspector-redacted-claims");
  });

  it("leaves the token box with Escape and inspects again with Ctrl+Enter", async () => {
    const input = await shown("inspector-input");
    await clickElement(input, "the token box");
    assert.equal(await input.isFocused(), true);
    await browser.keys(Key.Escape);
    assert.equal(await input.isFocused(), false, "Escape should move focus out of the token box");

    const verdict = await shown("inspector-verdict");
    const inspectedAt = await verdict.getAttribute("data-inspected-at");
    await clickElement(input, "the token box");
    await browser.keys([Key.Ctrl, Key.Enter]);
    await browser.waitUntil(async () => (await verdict.getAttribute("data-inspected-at")) !== inspectedAt, {
      timeoutMsg: "Ctrl+Enter did not inspect the token again",
    });
    await verdictFor({ unverified: "true" }, "the token inspected again");
  });

  it("fits a 960×600 window, one column, with the verdict under the token", async () => {
    await browser.setWindowSize(960, 600);
    const verdict = await shown("inspector-verdict");
    await scrollTo(verdict, "start");
    assert.equal(await verdict.isDisplayed({ withinViewport: true }), true);
    await screenshot("inspector-narrow");
    await scrollTo(await shown("area-inspector"), "start");
    await screenshot("inspector-narrow-top");
  });

  it("never sent a token to the issuer: only discovery and key fetches reached it", async () => {
    assert.ok(tenant.requests.length > 0, "the app should have fetched the issuer's keys");
    const everyPart = Object.values(tokens).flatMap((t) => t.split("."));
    for (const request of tenant.requests) {
      assert.equal(request.method, "GET");
      assert.ok(
        ["/.well-known/openid-configuration", "/.well-known/jwks.json"].includes(request.url),
        `unexpected request ${request.method} ${request.url}`,
      );
      const seen = JSON.stringify(request);
      for (const part of everyPart) assert.ok(!seen.includes(part), `a request to the issuer carried part of a token: ${seen}`);
    }
  });
});
