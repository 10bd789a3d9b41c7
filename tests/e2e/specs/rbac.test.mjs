// An admin audits who can do what on the sandbox tenant from Roles &
// permissions: the tenant's roles load with progress (a long load is
// cancelled with Escape, keeping what was loaded), a role of more than 1,000
// members is paged, filtered and exported, a user's effective permissions
// show where each comes from, a permission is explained (and one that is not
// granted), the session's own token is checked against the roles and goes
// stale when an admin takes a role away, a saved snapshot is compared side by
// side with the tenant as it is now, and the matrix and findings are shown.
// Secrets and profiles changed with the CLI while the app is open show when
// the user comes back to the window.
// The tenant is the real `idlens sandbox` on 127.0.0.1 with its Management
// API limited to 20 requests a second; the profile reads it as the sandbox's
// machine-to-machine application, whose secret goes to the keychain through
// the CLI's standard input.
//
// Run through ../run.mjs, which provides the display, keychain and
// tauri-driver; shared steps are in ../driver.mjs, the tenant in ../sandbox.mjs.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Key } from "webdriverio";
import {
  APP_ENV,
  browser,
  cli,
  cliWithInput,
  click,
  clickElement,
  closeApp,
  fill,
  openApp,
  screenshot,
  scrollTo,
  shown,
  testId,
} from "../driver.mjs";
import { freePort } from "../free-port.mjs";
import { keyboardPass } from "../keyboard.mjs";
import { reflowPass } from "../reflow.mjs";
import { approveDevice, sandbox, startSandbox, stopSandbox } from "../sandbox.mjs";

const EVERYONE = "rol_Ev3ryoneSandbox04";
const ADMIN_ROLE = "rol_Adm1nSandbox0001";
const SAM = "sam.support@idlens.test";
/** Loading the roles takes about 40 requests: two seconds at 20 a second. */
const LOAD_DEADLINE_MS = 30_000;

const person = (prefix) => sandbox.summary.sign_in_users.find((u) => u.email.startsWith(prefix));

/** The user ID of `email`, as `idlens users search` finds it. */
function userIdOf(email) {
  const found = cli("users", "search", `email:"${email}"`);
  assert.equal(found.users.length, 1, `one user has ${email}`);
  return found.users[0].userId;
}

/** Calls the sandbox's Management API as its machine-to-machine application, as an admin's script would. */
async function management(method, pathAndQuery, body) {
  const { issuer, m2m_client_id: clientId, m2m_client_secret: secret, management_audience: audience } =
    sandbox.summary;
  const token = await fetch(new URL("oauth/token", issuer), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "client_credentials", client_id: clientId, client_secret: secret, audience }),
  });
  assert.equal(token.status, 200, `the M2M client gets a token: ${await token.clone().text()}`);
  const { access_token: accessToken } = await token.json();
  return fetch(new URL(`api/v2/${pathAndQuery}`, issuer), {
    method,
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function openTab(id) {
  await click(`rbac-tab-${id}`);
  assert.equal(await (await shown(`rbac-tab-${id}`)).getAttribute("aria-selected"), "true");
}

/** Waits until the load bar says the roles are loaded, and returns its text. */
async function waitForLoaded(what) {
  const facts = await shown("rbac-loaded-facts");
  await browser.waitUntil(async () => /^8 roles, 5 APIs/.test(await facts.getText()), {
    timeout: LOAD_DEADLINE_MS,
    timeoutMsg: `${what}: the roles did not load: ${await facts.getText()}`,
  });
  return facts.getText();
}

/** The exports in the app's export folder whose names start with `prefix`. */
function exportsNamed(prefix) {
  return readdirSync(APP_ENV.IDLENS_EXPORT_DIR).filter((name) => name.startsWith(prefix));
}

before(async () => {
  const callbackPort = await freePort();
  sandbox.summary = await startSandbox(`http://127.0.0.1:${callbackPort}/callback`, 0, ["--mgmt-rate", "20"]);
  const { issuer, client_id: clientId, audience, m2m_client_id: m2mClient, m2m_client_secret: secret } =
    sandbox.summary;
  assert.ok(secret, "the sandbox names its machine-to-machine client's secret");
  cli(
    ...["profile", "add", "sandbox", "--issuer", issuer, "--client-id", clientId, "--audience", audience],
    ...["--callback-port", String(callbackPort), "--mgmt-client-id", m2mClient],
  );
  cliWithInput(secret, "profile", "set-mgmt-secret", "sandbox");
  assert.ok(
    cli("profile", "list").profiles[0].storedSecrets.includes("managementClientSecret"),
    "the client secret is in the keychain",
  );
  await openApp();
});

after(async () => {
  await closeApp();
  await stopSandbox();
});

describe("roles and permissions", () => {
  it("loads the tenant's roles, APIs and members on opening, and lists the roles", async () => {
    await click("nav-rbac");
    await shown("rbac-workspace");
    const facts = await waitForLoaded("on opening");
    assert.match(facts, /role memberships — loaded \d\d:\d\d:\d\d in \d+ requests/);
    assert.match(await (await shown("rbac-access")).getText(), /machine-to-machine application idlens-m2m/);
    const roles = await (await shown("rbac-role-list")).$$(".rbac-list__item");
    assert.equal(roles.length, 8);
    assert.match(await (await shown("rbac-tab-findings")).getText(), /^Findings\s*[1-9]\d*$/, "findings are counted");
    await screenshot("rbac-roles");
  });

  it("reaches every action of the loaded roles by keyboard, with focus shown", async () => {
    await keyboardPass("roles and permissions loaded");
  });

  it("reflows the loaded roles at 200 % zoom and at 320 CSS px", async () => {
    await reflowPass("rbac", async () => scrollTo(await shown("rbac-role-list"), "start"));
  });

  it("cancels a long load with Escape and keeps what was loaded before", async () => {
    // Checking every user for direct grants is ~1,000 requests: a minute at 20 a second.
    await click("rbac-include-users");
    const progress = await shown("rbac-load-progress");
    const text = await shown("rbac-load-progress-text");
    await browser.waitUntil(async () => /direct grants — \d+ of 1,000/.test(await text.getText()), {
      timeoutMsg: `the load should count the users it checks: ${await text.getText()}`,
    });
    await screenshot("rbac-loading");
    await browser.keys(Key.Escape);
    await shown("rbac-load-cancelled");
    await progress.waitForExist({ reverse: true, timeoutMsg: "the progress bar should go once cancelled" });
    assert.match(await (await shown("rbac-loaded-facts")).getText(), /^8 roles, 5 APIs/, "the earlier load stays");
    assert.equal(await (await shown("rbac-include-users")).isSelected(), false);
  });

  it("pages every member of a role past 1,000, filters them, and exports them all", async () => {
    await openTab("roles");
    await click(`rbac-role-${EVERYONE}`);
    const title = await shown("rbac-members-title");
    await browser.waitUntil(async () => /^Members \(1,\d{3}\)$/.test(await title.getText()), {
      timeoutMsg: `the role has more than 1,000 members: ${await title.getText()}`,
    });
    const total = Number((await title.getText()).replace(/\D/g, ""));
    const list = await shown("rbac-members-scroll");
    await scrollTo(list);
    // Focused as a keyboard user reaches it (a click could land on a member's link).
    await browser.execute((e) => e.focus(), list);
    await browser.keys(Key.End);
    // The header is row 1: the last member is row total + 1.
    const last = await list.$(`tbody tr[aria-rowindex="${total + 1}"]`);
    await last.waitForExist({ timeoutMsg: "the last member is rendered once scrolled to the end" });
    // textContent: WebKit's driver leaves out text that can be cut short with an ellipsis.
    await browser.waitUntil(async () => /\|/.test(await last.getProperty("textContent")), {
      timeoutMsg: "the last member's page is fetched as it scrolls into view",
    });
    const rendered = (await list.$$("tbody tr[aria-rowindex]")).length;
    assert.ok(rendered < 100, `only the rows on screen are in the page, not ${rendered}`);
    await screenshot("rbac-role-members");

    await click("rbac-members-export-csv");
    const toast = await shown("toast");
    assert.match(await toast.getText(), /^Saved 1,\d{3} rows to /);
    // A keyboard user on its Dismiss button keeps it up (and the check sees it).
    await browser.execute((e) => e.focus(), await shown("toast-dismiss"));
    await screenshot("rbac-toast");
    assert.ok(await toast.isDisplayed(), "the toast stays while focus is on Dismiss");
    await browser.keys(Key.Enter);
    await toast.waitForExist({ reverse: true, timeoutMsg: "Dismiss takes the toast away" });
    assert.equal(await browser.execute(() => document.activeElement?.id), "main", "focus goes to the content, not to nowhere");
    const [file] = exportsNamed("idlens-members-of-everyone-");
    assert.ok(file, "the CSV is in the export folder");
    const lines = readFileSync(path.join(APP_ENV.IDLENS_EXPORT_DIR, file), "utf8").trimEnd().split("\r\n");
    assert.equal(lines[0], "user_id,email,name");
    assert.equal(lines.length, total + 1, "every member, not just the rows on screen");

    // The filter counts exactly the members the file has with that prefix
    // (waiting for that count: the title passes through each typed prefix).
    const github = lines.filter((l) => l.startsWith("github|")).length;
    await fill("rbac-member-filter", "github|");
    const filtered = new RegExp(`^Members \\(${github} of 1,\\d{3}\\)$`);
    await browser.waitUntil(async () => filtered.test(await title.getText()), {
      timeoutMsg: `the filter counts the ${github} GitHub members: ${await title.getText()}`,
    });
    await fill("rbac-member-filter", "");
  });

  it("saves a snapshot of the tenant to compare later", async () => {
    await openTab("compare");
    await click("rbac-snapshot-save");
    // The export's toast may still be up: wait for this one (a new element).
    await browser.waitUntil(async () => /^Saved the snapshot to /.test(await (await shown("toast")).getText()), {
      timeoutMsg: "saving the snapshot is confirmed",
    });
    const saved = exportsNamed("idlens-rbac-snapshot-");
    assert.equal(saved.length, 1, `one snapshot saved: ${saved}`);
    const files = await shown("rbac-snapshot-files");
    await browser.waitUntil(async () => (await files.getText()).includes(saved[0]), {
      timeoutMsg: "the saved snapshot is listed",
    });
  });

  it("opens a user and shows each effective permission with where it comes from", async () => {
    await openTab("users");
    await fill("rbac-user-query", SAM);
    await click("rbac-user-search");
    await click(`rbac-user-open-${userIdOf(SAM)}`);
    await shown("rbac-user-detail");
    assert.equal(await (await shown("rbac-user-email")).getText(), SAM);
    assert.match(await (await shown("rbac-user-roles")).getText(), /Support/);
    const permissions = await shown("rbac-user-permissions");
    await browser.waitUntil(async () => (await permissions.getText()).includes("read:tokens"), {
      timeoutMsg: "Sam's permissions are listed",
    });
    const row = await permissions.$("tr*=read:tokens");
    assert.match(await row.getText(), /Support/, "read:tokens comes from the Support role");
    await screenshot("rbac-user");
  });

  it("explains why the user has a permission, and why not another", async () => {
    await click("rbac-user-explain-read:tokens");
    assert.equal(await (await shown("rbac-tab-explain")).getAttribute("aria-selected"), "true");
    const verdict = await shown("rbac-explain-verdict");
    await browser.waitUntil(async () => (await verdict.getText()) === "GRANTED", {
      timeoutMsg: "Sam has read:tokens",
    });
    assert.match(await (await shown("rbac-explain-paths")).getText(), /via role Support/);
    await screenshot("rbac-explain");

    // Opened from the user's permission, Explain asked about the IdLens API only.
    await (await shown("rbac-explain-api")).selectByIndex(0);
    await fill("rbac-explain-permission", "refund:orders");
    await click("rbac-explain-run");
    await browser.waitUntil(async () => (await (await shown("rbac-explain-verdict")).getText()) === "NOT GRANTED", {
      timeoutMsg: "Sam cannot refund orders",
    });
    await screenshot("rbac-explain-not-granted");
    assert.match(await (await shown("rbac-explain-would-grant")).getText(), /Orders Manager/);
  });

  it("checks the session's token against the roles: it matches, then goes stale when a role is taken away", async () => {
    const ada = person("ada.admin@");
    await click("nav-session");
    await click("sign-in-device");
    const code = await (await shown("device-user-code")).getText();
    await approveDevice(code, ada.email);
    await browser.waitUntil(
      async () => (await (await shown("session-view")).getAttribute("data-state")) === "signedIn",
      { timeout: 20_000, timeoutMsg: "the device sign-in completes" },
    );

    await click("nav-rbac");
    await openTab("tokenCheck");
    await click("rbac-token-source-session");
    await click("rbac-token-check");
    const verdict = await shown("rbac-token-verdict");
    await browser.waitUntil(async () => (await verdict.getAttribute("class")).includes("verdict-line--ok"), {
      timeoutMsg: `the fresh token matches: ${await verdict.getText()}`,
    });
    assert.match(await (await shown("rbac-token-verified")).getText(), /verified/i);
    assert.match(await (await shown("rbac-token-matching")).getText(), /run:audit/);
    await screenshot("rbac-token-check");

    const taken = await management("DELETE", `users/${encodeURIComponent(userIdOf(ada.email))}/roles`, {
      roles: [ADMIN_ROLE],
    });
    assert.equal(taken.status, 204, "the Admin role is taken from Ada");
    await click("rbac-token-check");
    await browser.waitUntil(
      async () => (await (await shown("rbac-token-verdict")).getAttribute("class")).includes("verdict-line--warn"),
      { timeoutMsg: "the token still carries the Admin role's permissions: stale" },
    );
    assert.match(await (await shown("rbac-token-extra")).getText(), /run:audit/);
    await screenshot("rbac-token-check-stale");
  });

  it("compares the saved snapshot with the tenant now, side by side", async () => {
    await openTab("compare");
    await click("rbac-compare-run");
    const verdict = await shown("rbac-compare-verdict");
    await browser.waitUntil(async () => /differences?/.test(await verdict.getText()), {
      timeout: LOAD_DEADLINE_MS,
      timeoutMsg: "the comparison finishes",
    });
    assert.doesNotMatch(await verdict.getText(), /No differences/);
    assert.match(await (await shown("rbac-compare-matched")).getText(), /user ID/);
    const grid = await shown("rbac-compare-grid");
    const admin = await grid.$('[data-testid="rbac-compare-line"]*=Admin');
    await admin.waitForExist({ timeoutMsg: "the Admin role is listed as changed" });
    const ada = userIdOf(person("ada.admin@").email);
    assert.ok((await grid.getProperty("textContent")).includes(ada), "Ada is only in A's Admin members");
    await scrollTo(await shown("rbac-compare-result"), "start");
    await screenshot("rbac-compare");
  });

  it("shows the role × permission matrix, filtered, and the findings", async () => {
    await openTab("matrix");
    const matrix = await shown("rbac-matrix");
    const allColumns = (await matrix.$$("thead th")).length;
    await fill("rbac-matrix-filter", "orders");
    await browser.waitUntil(async () => (await matrix.$$("thead th")).length < allColumns, {
      timeoutMsg: "the filter narrows the matrix",
    });
    assert.match(await matrix.getText(), /Orders Manager/);
    await screenshot("rbac-matrix");

    await openTab("findings");
    assert.match(await (await shown("rbac-findings-summary")).getText(), /findings in \d kinds/);
    await shown("rbac-findings-role_without_members");
    await shown("rbac-findings-undefined_permission");
    await screenshot("rbac-findings");
  });
});

/** What the window gets when the user comes back to it from a terminal. */
async function returnToWindow() {
  await browser.execute(() => window.dispatchEvent(new Event("focus")));
}

describe("changes made with the CLI while the app is open", () => {
  it("shows a secret cleared and stored again in a terminal once the user comes back", async () => {
    await click("nav-rbac");
    await shown("rbac-workspace");
    cli("profile", "clear-secret", "sandbox", "management-client-secret");
    assert.ok(await (await browser.$(testId("rbac-workspace"))).isDisplayed(), "nothing changes before the user is back");
    await returnToWindow();
    await shown("rbac-secret-missing");
    assert.match(await (await shown("management-secret-status")).getText(), /Not stored/);
    await screenshot("rbac-secret-not-stored");

    // What the screen itself suggests: `idlens profile set-mgmt-secret sandbox`.
    cliWithInput(sandbox.summary.m2m_client_secret, "profile", "set-mgmt-secret", "sandbox");
    await returnToWindow();
    await shown("rbac-workspace");
    assert.match(await (await shown("rbac-loaded-facts")).getText(), /^8 roles, 5 APIs/, "what was loaded stays");
  });

  it("sets how long a users export job may take, refusing a deadline it cannot read", async () => {
    await click("nav-settings");
    await clickElement(await (await shown("profile-item-sandbox")).$(".profile-row__main"), "the sandbox profile");
    const deadline = await shown("profile-export-job-deadline");
    assert.equal(await deadline.getValue(), "4h", "the default");
    await fill("profile-export-job-deadline", "3 days");
    await click("profile-save");
    assert.match(await (await shown("form-error")).getText(), /deadline/i);
    assert.equal(await deadline.getAttribute("aria-invalid"), "true");
    await fill("profile-export-job-deadline", "8h");
    await click("profile-save");
    await browser.waitUntil(async () => /saved/i.test(await (await shown("editor-state")).getText()), {
      timeoutMsg: "the profile is saved",
    });
    const saved = cli("profile", "list").profiles.find((p) => p.name === "sandbox");
    assert.equal(saved.exportJobDeadline, "8h", "the CLI reads the new deadline");
    await scrollTo(deadline);
    await screenshot("settings-export-deadline");
  });

  it("lists a profile added in a terminal, with its unencrypted Neo4j connection warned about", async () => {
    const { issuer, client_id: clientId } = sandbox.summary;
    cli(
      ...["profile", "add", "remote-graph", "--issuer", issuer, "--client-id", clientId],
      ...["--neo4j-uri", "bolt://graph.example:7687", "--neo4j-user", "neo4j"],
    );
    await click("nav-settings");
    await shown("profile-list");
    await returnToWindow();
    assert.match(await (await shown("profile-transport-remote-graph")).getText(), /Neo4j unencrypted/);
    await clickElement(await (await shown("profile-item-remote-graph")).$(".profile-row__main"), "the remote-graph profile");
    const notice = await shown("neo4j-transport-warning");
    assert.match(await notice.getText(), /not encrypted.*neo4j\+s:\/\//s);
    await scrollTo(notice);
    await screenshot("settings-neo4j-unencrypted");
  });

  it("says above every area when the profile file cannot be read, and reads it again on Try again", async () => {
    const file = path.join(APP_ENV.IDLENS_CONFIG_DIR, "profiles.toml");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, "[profiles.broken\nissuer = \n");
    await returnToWindow();
    const banner = await shown("global-error");
    assert.equal(await banner.getAttribute("data-code"), "config");
    assert.equal(await banner.getAttribute("role"), "alert");
    await screenshot("global-error-profile-file");
    writeFileSync(file, good);
    await clickElement(await banner.$("button"), "Try again");
    await banner.waitForExist({ reverse: true, timeoutMsg: "the banner goes once the file reads again" });
  });
});
