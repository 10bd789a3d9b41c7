// A support agent watches the tenant's logs live from the Support area
// (Ctrl+5, "Live logs"): a filter Auth0's log search understands (a bad one
// shows the core's error), Start, and a customer's failed sign-in at the
// sandbox appears at the top as it happens, explained, and opens whole;
// Stop (or Escape) ends the tail and keeps what was shown.
// The tenant is the real `idlens sandbox` on 127.0.0.1; the event is caused
// the way a customer causes it, by posting a wrong password to its login page.
//
// Run through ../run.mjs, which provides the display, keychain and
// tauri-driver; shared steps are in ../driver.mjs, the tenant in ../sandbox.mjs.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Key } from "webdriverio";
import { browser, click, closeApp, fill, openApp, screenshot, scrollTo, shown } from "../driver.mjs";
import { freePort } from "../free-port.mjs";
import { keyboardPass } from "../keyboard.mjs";
import { reflowPass } from "../reflow.mjs";
import { failSignIn, sandbox, startSandboxWithProfile, stopSandbox } from "../sandbox.mjs";

/** A tail reads the newest event, then follows; once caught up it asks again every 5 s. */
const LIVE_DEADLINE_MS = 30_000;

let callback = "";

before(async () => {
  callback = await startSandboxWithProfile(freePort);
  await openApp();
});

after(async () => {
  await closeApp();
  await stopSandbox();
});

/** Waits until the tail says it has caught up: it is live, and what happens next is new. */
async function waitUntilLive() {
  const status = await shown("live-status");
  await browser.waitUntil(async () => (await status.getAttribute("data-caught-up")) === "true", {
    timeout: LIVE_DEADLINE_MS,
    timeoutMsg: "the tail should catch up with the tenant's logs",
  });
  assert.match(await status.getText(), /^Caught up — waiting for new events/);
}

/** Ends the tail with `how` and waits for Start to come back. */
async function stopWith(how) {
  await how();
  await shown("live-start");
  assert.match(await (await shown("live-status")).getText(), /^Stopped\./);
}

describe("live logs", () => {
  it("opens in the Support area's Live tab, ready to start", async () => {
    await shown("nav-support");
    await browser.keys([Key.Ctrl, "5"]);
    await shown("area-support");
    await click("support-tab-live");
    const start = await shown("live-start");
    await scrollTo(start);
    assert.match(await (await shown("live-status")).getText(), /^Start to follow/);
  });

  it("shows the core's error for a filter it cannot read", async () => {
    await fill("live-filter", "type:(");
    await click("live-start");
    const notice = await shown("live-error");
    assert.match(await notice.getText(), /cannot be read/);
    await shown("live-start");
    await scrollTo(notice);
    await screenshot("support-live-error");
  });

  it("shows a customer's failed sign-in as it happens, explained, newest first", async () => {
    const customer = sandbox.summary.sign_in_users[0].email;
    await fill("live-filter", "type:fp");
    await browser.keys(Key.Enter);
    await shown("live-stop");
    await waitUntilLive();
    await failSignIn(customer, callback);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="live-event"]').length) >= 1, {
      timeout: LIVE_DEADLINE_MS,
      timeoutMsg: "the failed sign-in should appear in the live list",
    });
    const rows = await (await shown("live-events")).$$("tbody tr");
    assert.equal(rows.length, 1, "only the event the filter asks for is listed");
    const row = await rows[0].getText();
    assert.match(row, /fp/);
    assert.match(row, new RegExp(customer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    assert.match(row, /wrong password|password/i, "the event is explained");
    await waitUntilLive();
    await screenshot("support-live");
  });

  it("opens the event whole, and Escape closes it without stopping the tail", async () => {
    await click("live-event");
    const detail = await shown("support-event-detail");
    assert.match(await (await shown("support-event-next")).getText(), /\S/, "the event says what to do next");
    assert.match(await detail.getText(), /not-the-password|Wrong email or password/i, "its description is shown");
    await scrollTo(detail);
    await screenshot("support-live-event");
    await browser.keys(Key.Escape);
    await detail.waitForExist({ reverse: true, timeoutMsg: "Escape closes the event" });
    await shown("live-stop");
  });

  it("reaches every control by keyboard, with focus shown", async () => {
    await keyboardPass("support live");
  });

  it("reflows the live view at 200 % zoom and at 320 CSS px", async () => {
    await reflowPass("support-live", async () => scrollTo(await shown("live-events"), "start"));
  });

  it("Stop ends the tail and keeps the events shown; Escape stops too", async () => {
    await stopWith(() => click("live-stop"));
    assert.equal((await browser.$$('[data-testid="live-event"]')).length, 1, "the event stays");
    await scrollTo(await shown("live-status"));
    await screenshot("support-live-stopped");
    await click("live-start");
    await shown("live-stop");
    await stopWith(() => browser.keys(Key.Escape));
  });
});
