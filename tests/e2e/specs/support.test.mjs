// A support agent answers "why can't this customer sign in?" from the
// Support area: a customer locked out by brute-force protection is looked up
// by e-mail, and the card shows the block (which IP, until when) beside the
// failed attempts that caused it, each event explained from the core's table
// of Auth0's log codes; the timeline filters by category and application and
// opens an event whole. An e-mail of several accounts asks which one; an
// unknown one says no account has it. The Action log tab lists the fixes
// made from IdLens (none yet), verifies the log as intact, and reports a
// tampered log (a line that is not a record) in danger tone.
// The tenant is the real `idlens sandbox` on 127.0.0.1, whose seeded logs
// hold the support stories; the profile reads it as the sandbox's
// machine-to-machine application.
//
// Run through ../run.mjs, which provides the display, keychain and
// tauri-driver; shared steps are in ../driver.mjs, the tenant in ../sandbox.mjs.

import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Key } from "webdriverio";
import { APP_ENV, browser, cli, click, closeApp, fill, openApp, screenshot, scrollTo, shown } from "../driver.mjs";
import { freePort } from "../free-port.mjs";
import { keyboardPass } from "../keyboard.mjs";
import { reflowPass } from "../reflow.mjs";
import { sandbox, signInAtLoginPage, startSandboxWithProfile, stopSandbox } from "../sandbox.mjs";

const story = (name) => {
  const found = sandbox.summary.support_stories.find((s) => s.story === name);
  assert.ok(found, `the sandbox seeds the ${name} story`);
  return found;
};

/** Looks `who` up from the customer box with Enter, and waits for the lookup to end. */
async function lookUp(who) {
  await fill("support-who", who);
  await browser.keys(Key.Enter);
  const button = await shown("support-look-up");
  await browser.waitUntil(async () => (await button.getText()) === "Look up", {
    timeout: 30_000,
    timeoutMsg: `the lookup of ${who} should end`,
  });
}

let callbackUrl;

before(async () => {
  callbackUrl = await startSandboxWithProfile(freePort);
  await openApp();
});

after(async () => {
  await closeApp();
  await stopSandbox();
});

/** The action log the app and the CLI append to (idlens-actions' FILE_NAME in the config dir). */
const ACTION_LOG = path.join(APP_ENV.IDLENS_CONFIG_DIR, "actions.jsonl");

/** The window comes back to the user (WebKit's focus on activation): the open tab re-reads the log. */
async function windowReturns() {
  await browser.execute(() => window.dispatchEvent(new Event("focus")));
}

/** Verifies the log from the tab and returns the verdict's element once it is shown. */
async function verifyLog() {
  await click("action-log-verify");
  return shown("action-log-verdict");
}

// Before the support desk's steps, which make a fix: the log is empty here.
describe("action log", () => {
  after(() => rmSync(ACTION_LOG, { force: true }));

  it("says no fix has been made yet, and verifies the empty log as intact", async () => {
    await shown("nav-support");
    await browser.keys([Key.Ctrl, "5"]);
    await click("support-tab-actionLog");
    assert.match(await (await shown("action-log-empty")).getText(), /^No fix has been made from IdLens yet/);
    assert.match(await (await shown("action-log-count")).getText(), /^0 entries/);
    const verdict = await verifyLog();
    assert.equal(await verdict.getAttribute("data-tone"), "success");
    assert.match(await verdict.getText(), /intact: 0 records/);
    // The CLI reads the same log and agrees.
    assert.equal(cli("support", "actions", "--verify").intact, true);
    await screenshot("support-action-log-empty");
  });

  it("reaches every action of the action log by keyboard, with focus shown", async () => {
    await keyboardPass("support action log");
  });

  it("shows a line that is not a record and reports the log as tampered, naming the line", async () => {
    writeFileSync(ACTION_LOG, '{"seq":1,"bogus":true}\n');
    // Written behind the app's back, as the CLI would: seen when the window comes back.
    await windowReturns();
    const action = await shown("action-log-action");
    assert.match(await action.getText(), /^Not a record/);
    assert.equal((await browser.$$('[data-testid="action-log-row"]')).length, 1);
    const verdict = await verifyLog();
    assert.equal(await verdict.getAttribute("data-tone"), "danger");
    assert.equal(await verdict.getAttribute("data-intact"), "false");
    assert.match(await verdict.getText(), /line 1 is not a record/i);
    await screenshot("support-action-log-tampered");
  });

  it("reflows the action log at 200 % zoom and at 320 CSS px", async () => {
    await reflowPass("support-action-log", async () => scrollTo(await shown("action-log-table"), "end"));
  });

  it("is empty again once the file is gone, and the customer tab is as it was", async () => {
    rmSync(ACTION_LOG);
    await windowReturns();
    await shown("action-log-empty");
    await click("support-tab-customer");
    await shown("support-who");
  });
});

describe("support desk", () => {
  it("opens with Ctrl+5 and asks for a customer", async () => {
    // The sidebar lists the area under its shortcut once the app is up.
    await shown("nav-support");
    await browser.keys([Key.Ctrl, "5"]);
    await shown("area-support");
    await shown("support-start");
    await screenshot("support-start");
  });

  it("shows a locked-out customer's block beside the failures that caused it", async () => {
    const locked = story("locked_out");
    await lookUp(locked.email);
    await shown("support-card");
    assert.equal(await (await shown("support-user-id")).getText(), locked.user_id);
    const first = await shown("support-cause");
    assert.equal(await first.getAttribute("data-kind"), "brute_force_blocked", "the block is the first cause");
    assert.match(await first.getText(), /^Blocks sign-in/i);
    assert.match(await first.getText(), /203\.0\.113\.7/);
    const blocks = await (await shown("support-blocks-list")).getText();
    assert.match(blocks, /blocked from IP 203\.0\.113\.7/);
    assert.match(await (await shown("support-brute-force")).getText(), /^On: 10 failed attempts block/);
    const codes = await browser.$$('[data-testid="support-event"]').map((e) => e.getAttribute("data-code"));
    assert.ok(codes.includes("limit_wc"), `the block's event is on the timeline: ${codes}`);
    assert.ok(codes.filter((c) => c === "fp").length >= 9, `the wrong passwords are too: ${codes}`);
    await screenshot("support-card");
  });

  it("opens the event a cause cites", async () => {
    const cited = await (await shown("support-cause")).$("button");
    await cited.click();
    const detail = await shown("support-event-detail");
    assert.match(await detail.getText(), /limit_wc/);
    await browser.keys(Key.Escape);
    await detail.waitForExist({ reverse: true, timeoutMsg: "Escape closes the event" });
  });

  it("filters the timeline by category and opens an event whole", async () => {
    const category = await shown("support-filter-category");
    await category.selectByAttribute("value", "limitsAndBlocks");
    const codes = await browser.$$('[data-testid="support-event"]').map((e) => e.getAttribute("data-code"));
    assert.deepEqual([...new Set(codes)], ["limit_wc"], "only limits and blocks are listed");
    await click("support-event");
    const detail = await shown("support-event-detail");
    assert.match(await (await shown("support-event-next")).getText(), /\S/, "the event says what to do next");
    assert.match(await detail.getText(), /203\.0\.113\.7/);
    await scrollTo(detail);
    await screenshot("support-event-detail");
    await browser.keys(Key.Escape);
    await detail.waitForExist({ reverse: true, timeoutMsg: "Escape closes the event" });
    await category.selectByAttribute("value", "all");
  });

  it("reaches every action of the card by keyboard, with focus shown", async () => {
    await keyboardPass("support card");
  });

  it("reflows the card at 200 % zoom and at 320 CSS px", async () => {
    await reflowPass("support", async () => scrollTo(await shown("support-card"), "start"));
  });

  it("asks which account when several have the e-mail, and opens the one chosen", async () => {
    const shared = findShared();
    assert.ok(shared, "the sandbox seeds an e-mail with two accounts");
    await lookUp(shared);
    const list = await shown("support-candidates");
    const candidates = await list.$$('[data-testid="support-candidate"]');
    assert.ok(candidates.length >= 2, "each account is listed");
    await screenshot("support-candidates");
    const chosen = await candidates[0].getText();
    await candidates[0].click();
    await browser.waitUntil(async () => (await (await shown("support-user-id")).getText()) === chosen, {
      timeout: 30_000,
      timeoutMsg: "the account chosen opens",
    });
  });

  it("unblocks a customer locked out by ten wrong passwords, who then signs in, and the action log says so", async () => {
    const customer = sandbox.summary.sign_in_users.find((u) => !u.email.startsWith("ada."));
    assert.ok(customer, "the sandbox names a customer who signs in");
    for (let attempt = 1; attempt <= 10; attempt++) {
      assert.equal((await signInAtLoginPage(customer.email, "not-the-password", callbackUrl)).signedIn, false, `attempt ${attempt} fails`);
    }
    assert.equal((await signInAtLoginPage(customer.email, customer.password, callbackUrl)).signedIn, false, "blocked: the right password fails too");

    await lookUp(customer.email);
    const first = await shown("support-cause");
    assert.equal(await first.getAttribute("data-kind"), "brute_force_blocked");
    assert.match(await (await shown("support-blocks-list")).getText(), /blocked from IP 127\.0\.0\.1/);
    await screenshot("support-live-lockout");

    await click("support-fix-remove-blocks");
    const dialog = await shown("support-fix-confirm");
    assert.match(await (await shown("support-fix-changes")).getText(), new RegExp(`every brute-force block on ${customer.email.replace(/[.]/g, "\\.")}`));
    await screenshot("support-fix-confirm");
    await click("support-fix-confirm-button");
    await dialog.waitForExist({ reverse: true, timeoutMsg: "the dialog closes once the change is made" });
    const done = await shown("support-fix-done");
    assert.match(await done.getText(), /No brute-force block is left/);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="support-no-blocks"]').length) === 1, {
      timeout: 30_000,
      timeoutMsg: "the card is read again and shows no block",
    });
    await screenshot("support-fix-done");

    assert.equal((await signInAtLoginPage(customer.email, customer.password, callbackUrl)).signedIn, true, "the customer signs in");
    const log = cli("support", "actions");
    assert.equal(log.total, 1, JSON.stringify(log));
    assert.equal(log.entries[0].record.action, "removeBruteForceBlocks");
    const verified = cli("support", "actions", "--verify");
    assert.equal(verified.intact, true, JSON.stringify(verified));

    // The Support area's action log shows the record, and verifies it.
    await click("support-tab-actionLog");
    await shown("action-log-row");
    assert.equal(await (await shown("action-log-action")).getText(), "Removed the brute-force blocks of an identifier");
    assert.equal(await (await shown("action-log-result")).getText(), "ok");
    const verdict = await verifyLog();
    assert.equal(await verdict.getAttribute("data-tone"), "success");
    assert.match(await verdict.getText(), /intact: 1 record chains correctly/);
    await screenshot("support-action-log");
    await click("support-tab-customer");
  });

  it("assigns a role from the card and takes it away again, each confirmed", async () => {
    await click("support-tab-customer");
    await fill("support-assign-role", "Admin");
    await click("support-fix-assign-role");
    assert.match(await (await shown("support-fix-changes")).getText(), /the role Admin/);
    await click("support-fix-confirm-button");
    assert.match(await (await shown("support-fix-done")).getText(), /roles now: .*Admin/);
    await browser.waitUntil(async () => /Admin/.test(await (await shown("support-roles")).getText()), {
      timeout: 30_000,
      timeoutMsg: "the card is read again with the role",
    });
    const removes = await browser.$$('[data-testid="support-fix-remove-role"]');
    const names = await browser.$$('[data-testid="support-roles"] li span').map((e) => e.getText());
    await removes[names.indexOf("Admin")].click();
    await click("support-fix-confirm-button");
    await browser.waitUntil(async () => !/Admin/.test(await (await shown("support-roles")).getText()), {
      timeout: 30_000,
      timeoutMsg: "the role is gone once the card is read again",
    });
  });

  it("says when no account has the e-mail", async () => {
    await lookUp("nobody-here@example.test");
    assert.match(await (await shown("support-no-match")).getText(), /in any connection/);
    assert.equal(await (await shown("support-cause")).getAttribute("data-kind"), "no_account");
    await screenshot("support-no-match");
  });
});

/** An e-mail two of the tenant's accounts have, found with the CLI's user search. */
function findShared() {
  const seen = new Set();
  for (let page = 0; page < 20; page++) {
    const found = cli("users", "search", "", "--page", String(page)).users;
    for (const user of found) {
      const email = user.email?.toLowerCase();
      if (!email) continue;
      if (seen.has(email)) return email;
      seen.add(email);
    }
    if (found.length === 0) break;
  }
  return null;
}
