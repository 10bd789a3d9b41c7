// An admin signs in to the sandbox tenant from the Session screen: with a
// device code approved elsewhere (here over the sandbox's HTTP hook, as a
// phone would), sees who they are, what the access token allows and when it
// expires, reveals the token and opens it in the inspector, signs out, is
// told when a sign-in is denied, cancels one started by mistake, signs in with
// the browser, finds the session again after restarting IdLens, and sees the
// access token renewed on its own before it expires. The tenant is the real
// `idlens sandbox` on 127.0.0.1, started and stopped here.
//
// Run through ../run.mjs, which provides the display, keychain and
// tauri-driver; the steps shared by all specs are in ../driver.mjs, the sandbox
// tenant in ../sandbox.mjs.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { Key } from "webdriverio";
import {
  APP_ENV,
  browser,
  cli,
  click,
  closeApp,
  openApp,
  screenshot,
  scrollTo,
  shown,
  testId,
} from "../driver.mjs";
import { freePort } from "../free-port.mjs";
import { keyboardPass } from "../keyboard.mjs";
import { reflowPass } from "../reflow.mjs";
import { approveDevice, denyDevice, sandbox, startSandbox, stopSandbox } from "../sandbox.mjs";

/** Device polling is every second (--device-interval 1), so approval shows within a few. */
const SIGN_IN_DEADLINE_MS = 20_000;

/** The profile's loopback port for the browser sign-in (a free one, so parallel runs do not collide). */
let callbackPort = 0;

async function gone(id, what) {
  const element = await browser.$(testId(id));
  await element.waitForExist({ reverse: true, timeoutMsg: `${what}: [data-testid="${id}"] is still there` });
}

/** The state the Session screen is in: loading, signedOut, pending, signedIn or unavailable. */
async function sessionState() {
  return (await shown("session-view")).getAttribute("data-state");
}

async function waitForSessionState(expected, what, timeout = undefined) {
  let seen = null;
  await browser.waitUntil(
    async () => {
      seen = await sessionState();
      return seen === expected;
    },
    { timeout, timeoutMsg: `${what}: the Session screen stays "${seen}", expected "${expected}"` },
  );
}

/**
 * Does in "the browser" what a person does: opens the sign-in page, signs in
 * and allows, and follows the tenant's redirect back to IdLens's loopback listener.
 */
async function signInWithBrowser(authorizeUrl, user) {
  const page = await fetch(authorizeUrl, { redirect: "manual" });
  assert.equal(page.status, 200, "the tenant shows its sign-in page");
  const tx = /name="tx" value="([^"]+)"/.exec(await page.text())?.[1];
  assert.ok(tx, "the sign-in page carries its transaction");
  const login = await fetch(new URL("authorize/login", sandbox.summary.issuer), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ tx, email: user.email, password: user.password, action: "allow" }),
  });
  assert.ok([302, 303].includes(login.status), `signing in on the tenant's page failed: ${login.status}`);
  const callback = login.headers.get("location");
  assert.ok(callback.startsWith(`http://127.0.0.1:${callbackPort}/callback?`), `redirected to ${callback}`);
  const back = await fetch(callback, { redirect: "manual" });
  assert.equal(back.status, 200, "IdLens's loopback listener accepts the redirect");
}

function storedSecrets() {
  const list = cli("profile", "list");
  return list.profiles.find((p) => p.name === "sandbox").storedSecrets;
}

/** The refresh token in the app's keychain, read with libsecret's own tool (never printed). */
function storedRefreshToken() {
  const result = spawnSync("secret-tool", ["lookup", "service", "idlens", "username", "sandbox/refresh-token"], {
    env: { PATH: process.env.PATH, ...APP_ENV },
    encoding: "utf8",
  });
  assert.ok(result.status === 0 && result.stdout.length > 0, "a refresh token should be in the keychain");
  return result.stdout;
}

/** The texts of the chips in the fact `id`. */
async function chips(id) {
  const texts = [];
  for (const item of await (await shown(id)).$$(".value-chip")) texts.push(await item.getText());
  return texts;
}

function base64urlJson(part) {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

before(async () => {
  callbackPort = await freePort();
  sandbox.summary = await startSandbox(`http://127.0.0.1:${callbackPort}/callback`);
  const { issuer, client_id: clientId, audience } = sandbox.summary;
  // Port 0 picked a real port, and the summary names it.
  assert.match(issuer, /^http:\/\/127\.0\.0\.1:\d+\/$/, "the sandbox should name its issuer URL");
  assert.notEqual(new URL(issuer).port, "0", "the issuer should carry the port that was bound, not 0");
  const discovery = await fetch(new URL(".well-known/openid-configuration", issuer));
  assert.equal(discovery.status, 200, "the sandbox should serve discovery at the issuer it names");
  assert.equal((await discovery.json()).issuer, issuer);

  // The profile exists before the app starts, as for an admin who set it up in a terminal.
  cli(
    ...["profile", "add", "sandbox", "--issuer", issuer, "--client-id", clientId, "--audience", audience],
    ...["--callback-port", String(callbackPort)],
  );
  assert.equal(cli("profile", "list").current, "sandbox", "the first profile added is the one in use");

  await openApp();
});

after(async () => {
  await closeApp();
  await stopSandbox();
});

describe("session", () => {
  const admin = () => sandbox.summary.sign_in_users.find((u) => u.email.startsWith("ada.admin@"));

  it("opens signed out, naming the profile and tenant, with both ways to sign in", async () => {
    await shown("area-session");
    await waitForSessionState("signedOut", "a profile that never signed in");
    assert.equal(await (await shown("session-profile")).getText(), "sandbox");
    assert.equal(await (await shown("session-tenant-host")).getText(), new URL(sandbox.summary.issuer).host);
    await shown("sign-in-device");
    await shown("sign-in-browser");
    assert.equal(await (await browser.$(testId("session-notice"))).isExisting(), false, "nothing to warn about yet");
    assert.equal(await (await browser.$(testId("session-indicator"))).isExisting(), false);
    await screenshot("session-signed-out");
  });

  it("shows a device code to approve, with its page, QR code and countdown", async () => {
    await click("sign-in-device");
    const flow = await shown("device-sign-in");
    const code = await (await shown("device-user-code", flow)).getText();
    assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/, "the user code is shown in full");
    const page = await (await shown("device-verification-uri", flow)).getText();
    assert.ok(page.startsWith(sandbox.summary.issuer), `the verification page ${page} is on the tenant`);
    await shown("device-qr", flow);
    const left = Number(await (await shown("device-countdown", flow)).getAttribute("data-seconds"));
    assert.ok(left > 850 && left <= 900, `the code's validity counts down from 15 min, saw ${left} s`);
    assert.equal(await (await shown("session-indicator")).getAttribute("data-state"), "pending");
    await screenshot("session-device-code");

    // The smallest window the app allows still shows the code and the QR code.
    await browser.setWindowSize(960, 600);
    await scrollTo(await shown("device-user-code"));
    assert.equal(await (await shown("device-user-code")).isDisplayed({ withinViewport: true }), true);
    await screenshot("session-device-code-narrow");
    await browser.setWindowSize(1280, 800);
    await scrollTo(await shown("area-session"), "start");
  });

  it("signs in once the code is approved, and shows the user, scopes, permissions and expiry", async () => {
    const code = await (await shown("device-user-code")).getText();
    const user = admin();
    await approveDevice(code, user.email);
    await waitForSessionState("signedIn", "after approving the device code", SIGN_IN_DEADLINE_MS);
    await scrollTo(await shown("area-session"), "start");
    await screenshot("session-signed-in");

    assert.equal(await (await shown("session-user-name")).getText(), user.name);
    assert.equal(await (await shown("session-user-email")).getText(), user.email);
    assert.equal(await (await shown("session-email-verified")).getAttribute("data-verified"), "true");
    assert.match(await (await shown("session-sub")).getText(), /^auth0\|/);
    assert.equal(await (await shown("session-connection")).getText(), "auth0");
    const scopes = await chips("session-scopes");
    for (const scope of ["openid", "profile", "email", "offline_access"]) {
      assert.ok(scopes.includes(scope), `scope ${scope} should be listed: ${scopes}`);
    }
    const permissions = await chips("session-permissions");
    assert.ok(permissions.length > 0, "the admin's permissions on the API are listed as chips");
    assert.ok(permissions.includes("read:users"), `the admin can read users: ${permissions}`);
    assert.equal(await (await shown("session-audience")).getText(), sandbox.summary.audience);
    const expiry = await shown("session-expiry");
    // Sandbox tokens live 24 h.
    assert.match(await expiry.getText(), /^expires in (23 h 5\d min|24 h)$/);
    assert.equal(await expiry.getAttribute("data-tone"), "ok");
    assert.equal(await (await shown("session-refresh-place")).getAttribute("data-place"), "keychain");
    await shown("claim-email", await shown("session-id-claims"));

    const indicator = await shown("session-indicator");
    // textContent: WebKit's driver leaves out text that can be cut short with an ellipsis.
    assert.equal(await indicator.getProperty("textContent"), `Signed in as ${user.name}`);
    // The refresh token went to the OS keychain, where the command line finds it too.
    assert.ok(storedSecrets().includes("refreshToken"), "the refresh token should be in the keychain");

    await browser.setWindowSize(960, 600);
    await scrollTo(await shown("area-session"), "start");
    await screenshot("session-signed-in-narrow");
    await browser.setWindowSize(1280, 800);
  });

  it("reaches every action of the signed-in Session by keyboard, with focus shown", async () => {
    await keyboardPass("session signed in");
  });

  it("reflows the signed-in Session at 200 % zoom and at 320 CSS px", async () => {
    await reflowPass("session", async () => scrollTo(await shown("session-view"), "start"));
  });

  it("renews the session on request", async () => {
    await click("session-refresh");
    const refresh = await shown("session-refresh");
    await browser.waitUntil(async () => (await refresh.isEnabled()) && (await refresh.getText()) === "Refresh now", {
      timeoutMsg: "the refresh did not finish",
    });
    assert.equal(await sessionState(), "signedIn");
    assert.equal(await (await browser.$(testId("session-error"))).isExisting(), false, "the refresh should succeed");
    assert.equal(await (await shown("session-user-email")).getText(), admin().email);
  });

  it("reveals the access token on request, opens it in the inspector, and hides it", async () => {
    assert.equal(await (await browser.$(testId("revealed-token"))).isExisting(), false, "no token is shown unasked");
    await click("reveal-access");
    const box = await shown("revealed-token");
    const token = await box.getValue();
    const parts = token.split(".");
    assert.equal(parts.length, 3, "the access token is a JWT: three dot-separated parts");
    assert.ok(parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p)), "each part is base64url");
    const claims = base64urlJson(parts[1]);
    assert.equal(claims.iss, sandbox.summary.issuer);
    assert.ok([claims.aud].flat().includes(sandbox.summary.audience), "the token is for the sandbox API");

    await click("revealed-open-inspector");
    await shown("area-inspector");
    assert.equal(await (await shown("inspector-input")).getValue(), token, "the inspector opens with the token");
    const verdict = await shown("inspector-verdict");
    await browser.waitUntil(
      async () => (await verdict.getAttribute("data-current")) === "true" && (await verdict.getAttribute("data-valid")) === "true",
      { timeoutMsg: "the inspector should verify the session's access token with the profile's keys" },
    );

    await click("nav-session");
    await waitForSessionState("signedIn", "back on the Session screen");
    assert.equal(await (await browser.$(testId("revealed-token"))).isExisting(), false, "leaving the screen hides the token");
    await click("reveal-access");
    await scrollTo(await shown("revealed-token"));
    await screenshot("session-token-revealed");
    await click("revealed-hide");
    await gone("revealed-token", "after Hide");
  });

  it("signs out: the signed-out view returns and the refresh token is revoked and deleted", async () => {
    await click("session-sign-out");
    await waitForSessionState("signedOut", "after signing out");
    await shown("sign-in-device");
    assert.equal(
      await (await browser.$(testId("session-notice"))).isExisting(),
      false,
      "the sandbox confirmed the revocation, so there is nothing to warn about",
    );
    await gone("session-indicator", "after signing out");
    assert.ok(!storedSecrets().includes("refreshToken"), "the refresh token should be gone from the keychain");
  });

  it("says so when a device sign-in is denied, and offers to try again", async () => {
    await click("sign-in-device");
    await denyDevice(await (await shown("device-user-code")).getText());
    const failure = await shown("sign-in-failure");
    await waitForSessionState("signedOut", "after the sign-in was denied");
    assert.match(await failure.getText(), /denied/i, "the message says the sign-in was denied");
    await shown("sign-in-device");
    await scrollTo(failure);
    await screenshot("session-denied");

    await click("sign-in-try-again");
    const code = await (await shown("device-user-code")).getText();
    assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/, "trying again shows a new code");
    await gone("sign-in-failure", "once a new sign-in starts");
    await click("sign-in-cancel");
    await waitForSessionState("signedOut", "after cancelling the second try");
  });

  it("cancels a device sign-in with Escape, and with the Cancel button, without an error", async () => {
    for (const how of ["Escape", "Cancel button"]) {
      await click("sign-in-device");
      await shown("device-user-code");
      if (how === "Escape") {
        // Keyboard users land on what to do next, and Tab reaches its controls.
        const focused = () => browser.execute(() => document.activeElement?.id ?? "");
        await browser.waitUntil(async () => (await focused()) === "device-sign-in-title", {
          timeoutMsg: "focus should move to the device sign-in's heading",
        });
        await browser.keys([Key.Tab]);
        const inFlow = await browser.execute(
          () => document.activeElement?.tagName === "BUTTON" && !!document.activeElement.closest('[data-testid="device-sign-in"]'),
        );
        assert.equal(inFlow, true, "Tab moves to the first control of the sign-in");
        await browser.keys([Key.Escape]);
      }
      else await click("sign-in-cancel");
      await waitForSessionState("signedOut", `after cancelling with ${how}`);
      await shown("sign-in-device");
      await shown("sign-in-browser");
      for (const id of ["sign-in-failure", "session-error", "session-notice", "device-sign-in"]) {
        assert.equal(await (await browser.$(testId(id))).isExisting(), false, `${id} after cancelling with ${how}`);
      }
    }
  });

  it("signs in with the browser: shows the page and the redirect URI, and finishes when the browser comes back", async () => {
    await click("sign-in-browser");
    const flow = await shown("browser-sign-in");
    const authorizeUrl = await (await shown("browser-authorize-url", flow)).getText();
    assert.ok(authorizeUrl.startsWith(`${sandbox.summary.issuer}authorize?`), `the sign-in page is the tenant's: ${authorizeUrl}`);
    assert.equal(await (await shown("browser-redirect-uri", flow)).getText(), `http://127.0.0.1:${callbackPort}/callback`);
    // $BROWSER is a no-op here, which counts as opened: no warning.
    assert.equal(await (await browser.$(testId("browser-problem"))).isExisting(), false);
    const left = Number(await (await shown("browser-countdown", flow)).getAttribute("data-seconds"));
    assert.ok(left > 250 && left <= 300, `IdLens waits 5 min for the browser, saw ${left} s`);
    await screenshot("session-browser");

    const user = sandbox.summary.sign_in_users.find((u) => u.email.startsWith("sam.support@"));
    await signInWithBrowser(authorizeUrl, user);
    await waitForSessionState("signedIn", "after the browser came back", SIGN_IN_DEADLINE_MS);
    assert.equal(await (await shown("session-user-email")).getText(), user.email);
    assert.deepEqual((await chips("session-permissions")).sort(), ["read:tokens", "read:users"]);
  });

  it("resumes the session from the keychain after a restart, then signs out", async () => {
    await closeApp();
    await openApp();
    await shown("area-session");
    await waitForSessionState("signedIn", "after restarting IdLens", SIGN_IN_DEADLINE_MS);
    const user = sandbox.summary.sign_in_users.find((u) => u.email.startsWith("sam.support@"));
    assert.equal(await (await shown("session-user-email")).getText(), user.email);
    assert.equal(await (await shown("session-indicator")).getAttribute("data-state"), "signedIn");
  });

  it("forgets a stored sign-in the tenant no longer accepts, and says to sign in again", async () => {
    // A new sandbox on the same address knows nothing of the refresh tokens the old one issued.
    await closeApp();
    const { issuer } = sandbox.summary;
    await stopSandbox();
    sandbox.summary = await startSandbox(`http://127.0.0.1:${callbackPort}/callback`, Number(new URL(issuer).port));
    assert.equal(sandbox.summary.issuer, issuer);

    await openApp();
    await shown("area-session");
    await waitForSessionState("signedOut", "with a refresh token the tenant refuses", SIGN_IN_DEADLINE_MS);
    assert.match(await (await shown("session-notice")).getText(), /no longer works.*Sign in again/s);
    await shown("sign-in-device");
    assert.ok(!storedSecrets().includes("refreshToken"), "the dead refresh token should be deleted from the keychain");
    await screenshot("session-stale-sign-in");
  });

  it("renews the access token on its own shortly before it expires", async () => {
    // Tokens that live 130 s: the core renews within 120 s of expiry, and the
    // app asks it again 110 s before, i.e. about 20 s after signing in.
    const { issuer } = sandbox.summary;
    await stopSandbox();
    sandbox.summary = await startSandbox(`http://127.0.0.1:${callbackPort}/callback`, Number(new URL(issuer).port), [
      "--token-lifetime",
      "130",
    ]);
    await click("sign-in-device");
    const code = await (await shown("device-user-code")).getText();
    await approveDevice(code, admin().email);
    await waitForSessionState("signedIn", "after approving the device code", SIGN_IN_DEADLINE_MS);
    const expiresAt = async () => (await shown("session-expires-at")).$("time").then((t) => t.getAttribute("datetime"));
    const first = await expiresAt();
    assert.match(await (await shown("session-expiry")).getText(), /^expires in 2 min( \d+ s)?$/);
    const before = storedRefreshToken();
    await browser.waitUntil(async () => (await expiresAt()) !== first, {
      timeout: 60_000,
      interval: 500,
      timeoutMsg: `the access token expiring at ${first} was not renewed before its refresh window`,
    });
    assert.ok(Date.parse(await expiresAt()) > Date.parse(first), "the renewed token expires later");
    assert.equal(await sessionState(), "signedIn");
    assert.ok(storedRefreshToken() !== before, "the rotated refresh token replaced the old one in the keychain");
  });
});
