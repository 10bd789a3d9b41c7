// An admin compares the sandbox tenant's users with a drifted Neo4j user
// graph from Users & sync: the connection's checks (no uniqueness
// constraint), browsing the graph's users page by page and opening a
// duplicated node beside its Auth0 user, an audit from a users export job
// against the live graph whose counts are the drift the graph was seeded
// with, filtering the findings and opening one, and the fix plan previewed,
// confirmed and applied (account links in Auth0, the graph in write
// transactions) and re-audited: everything but the orphans (never deleted
// by a plan) is gone and the comparison says so.
// The tenant is the real `idlens sandbox` (which writes its drifted graph as
// a CSV), the graph a real Neo4j 5.26 started by ../neo4j.mjs and seeded
// from that CSV; the profile's secrets go to the keychain through the CLI.
//
// Run through ../run.mjs, which provides the display, keychain and
// tauri-driver; shared steps are in ../driver.mjs.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Key } from "webdriverio";
import { APP_ENV, browser, cli, cliWithInput, click, closeApp, fill, openApp, screenshot, scrollTo, shown, testId } from "../driver.mjs";
import { freePort } from "../free-port.mjs";
import { keyboardPass } from "../keyboard.mjs";
import { NEO4J_PASSWORD, startNeo4j } from "../neo4j.mjs";
import { reflowPass } from "../reflow.mjs";
import { sandbox, startSandbox, stopSandbox } from "../sandbox.mjs";

/** An export job over a few polls, then the whole comparison: seconds on a debug build. */
const AUDIT_DEADLINE_MS = 60_000;

let neo4j = null;
let graphCsv = "";

/** The ids the seeded CSV holds more than once (its first column). */
function duplicatedIds() {
  const seen = new Map();
  for (const line of readFileSync(graphCsv, "utf8").trim().split("\n").slice(1)) {
    const id = line.split(",")[0];
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

async function openTab(id) {
  await click(`graph-tab-${id}`);
  assert.equal(await (await shown(`graph-tab-${id}`)).getAttribute("aria-selected"), "true");
}

/** The counts the summary shows for `kinds`, by kind. */
async function shownCounts(kinds) {
  const counts = {};
  for (const kind of kinds) {
    counts[kind] = Number((await (await shown(`audit-count-${kind}`)).getText()).replace(/\D/g, ""));
  }
  return counts;
}

/** The element with focus: its test id, whether it is in the page, and its row's position in its list. */
async function focused() {
  return browser.execute(() => {
    const e = document.activeElement;
    const row = e?.closest('[role="listitem"]');
    return {
      testId: e?.getAttribute("data-testid") ?? e?.tagName ?? null,
      connected: Boolean(e?.isConnected),
      position: row ? Number(row.getAttribute("aria-posinset")) : null,
    };
  });
}

/** Runs the audit with the form as it is and waits for its result. */
async function runAudit(what) {
  await click("audit-run");
  const result = await shown("audit-result");
  await browser.waitUntil(async () => (await result.isDisplayed()) && !(await (await browser.$('[data-testid="audit-progress"]')).isExisting()), {
    timeout: AUDIT_DEADLINE_MS,
    timeoutMsg: `${what}: the audit did not finish`,
  });
  // Said to screen readers once, after the bar is gone.
  const announcer = await browser.$(testId("job-announcer"));
  await browser.waitUntil(async () => (await announcer.getProperty("textContent")) === "Auditing Auth0 users against the graph: done.", {
    timeoutMsg: `${what}: the audit's end is announced: ${await announcer.getProperty("textContent")}`,
  });
}

before(async () => {
  const callbackPort = await freePort();
  graphCsv = path.join(APP_ENV.IDLENS_EXPORT_DIR, "..", "demo-graph.csv");
  sandbox.summary = await startSandbox(`http://127.0.0.1:${callbackPort}/callback`, 0, ["--graph-csv", graphCsv]);
  neo4j = await startNeo4j(graphCsv);
  const { issuer, client_id: clientId, audience, m2m_client_id: m2mClient, m2m_client_secret: secret } =
    sandbox.summary;
  cli(
    ...["profile", "add", "sandbox", "--issuer", issuer, "--client-id", clientId, "--audience", audience],
    ...["--callback-port", String(callbackPort), "--mgmt-client-id", m2mClient],
    ...["--neo4j-uri", neo4j.uri, "--neo4j-user", "neo4j"],
  );
  cliWithInput(secret, "profile", "set-mgmt-secret", "sandbox");
  cliWithInput(NEO4J_PASSWORD, "profile", "set-secret", "sandbox", "neo4j-password");
  await openApp();
});

after(async () => {
  await closeApp();
  await stopSandbox();
  await neo4j?.stop();
});

describe("users and sync", () => {
  it("connects to the graph and shows its checks, warning that no constraint keeps ids unique", async () => {
    await click("nav-graph");
    const nodes = await shown("graph-status-nodes");
    await browser.waitUntil(async () => /\d/.test(await nodes.getText()), { timeoutMsg: "the node count is shown" });
    const rows = sandbox.summary.graph_csv.rows;
    assert.match((await nodes.getText()).replace(/,/g, ""), new RegExp(`\\b${rows}\\b`));
    assert.match(await (await shown("graph-status-server")).getText(), /5\.26/);
    assert.equal(await (await shown("graph-status-constraint")).getAttribute("data-ok"), "false");
    assert.match(await (await shown("graph-status-warnings")).getText(), /uniqueness constraint/i);
    await screenshot("graph-status");
  });

  it("keeps keyboard focus on a user row while the list scrolls far away, and goes on from that row", async () => {
    const list = await shown("graph-rows");
    await (await list.$('[data-testid^="graph-row-"]')).waitForExist({ timeoutMsg: "the first users are listed" });
    const size = Number(await (await list.$('[role="listitem"]')).getAttribute("aria-setsize"));
    assert.ok(size > 300, `the list is long enough to scroll far: ${size} rows`);
    // Reached from the keyboard: the list, then its first row's button; Down twice to the third row.
    await browser.execute((e) => e.focus(), list);
    await browser.keys(Key.Tab);
    assert.equal((await focused()).position, 1);
    await browser.keys(Key.ArrowDown);
    await browser.keys(Key.ArrowDown);
    const third = await focused();
    assert.equal(third.position, 3);
    assert.match(third.testId, /^graph-row-/);
    // Scrolled to the end, as the wheel would: the row with focus is not in view any more.
    await browser.execute((e) => {
      e.scrollTop = e.scrollHeight;
    }, list);
    await (await list.$(`[role="listitem"][aria-posinset="${size}"]`)).waitForExist({ timeoutMsg: "the last row is rendered" });
    assert.deepEqual(await focused(), third, "focus stays on the third row's button, still in the page");
    assert.equal(await (await browser.$(testId(third.testId))).isDisplayed({ withinViewport: true }), false);
    await screenshot("graph-browse-focus-kept");
    // Down goes on from that row: the fourth, scrolled back into view.
    await browser.keys(Key.ArrowDown);
    const fourth = await focused();
    assert.equal(fourth.position, 4);
    assert.equal(await (await browser.$(testId(fourth.testId))).isDisplayed({ withinViewport: true }), true);
    // The list is one tab stop: Tab leaves it, Shift+Tab comes back to the row last used.
    await browser.keys(Key.Tab);
    assert.equal((await focused()).position, null, "Tab leaves the list rather than walking its rows");
    await browser.keys([Key.Shift, Key.Tab]);
    assert.deepEqual(await focused(), fourth);
    await browser.keys(Key.ArrowDown);
    assert.equal((await focused()).position, 5);
    // Enter opens the row with focus beside the list.
    await browser.keys(Key.Enter);
    await shown("graph-node-detail");
  });

  it("searches the graph's users and opens a duplicated node beside its Auth0 user", async () => {
    await fill("graph-search", "github|");
    const total = await shown("graph-search-total");
    await browser.waitUntil(async () => /\d/.test(await total.getText()), { timeoutMsg: "the search counts its matches" });
    await screenshot("graph-browse");
    const duplicate = duplicatedIds().find((id) => id.startsWith("auth0|") || id.startsWith("google-oauth2|") || id.startsWith("github|"));
    assert.ok(duplicate, "the seeded graph has a duplicated id");
    await fill("graph-search", duplicate);
    await click(`graph-row-${duplicate}`);
    await shown("graph-node-duplicate");
    assert.ok(await (await shown("graph-node-1")).isDisplayed(), "both nodes are shown");
    const side = await shown("graph-auth0-side");
    await browser.waitUntil(async () => (await side.getAttribute("data-state")) !== null, { timeoutMsg: "the Auth0 side loads" });
    assert.match(await side.getAttribute("data-state"), /^(found|notFound)$/);
    await screenshot("graph-node-duplicate");
  });

  it("audits a users export against the live graph and finds exactly the seeded drift", async () => {
    await openTab("audit");
    assert.equal(await (await shown("audit-auth0-source")).getValue(), "export");
    await runAudit("first audit");
    // The sandbox's seeded drift names every kind, in the report's order.
    const expected = sandbox.summary.graph_csv.expected_findings;
    assert.deepEqual(await shownCounts(Object.keys(expected)), expected);
    await screenshot("graph-audit");
  });

  it("reaches every action of the audit and its findings by keyboard, with focus shown", async () => {
    await keyboardPass("users and sync with an audit");
  });

  it("reflows the audit and its findings at 200 % zoom and at 320 CSS px", async () => {
    await reflowPass("graph", async () => scrollTo(await shown("audit-result"), "start"));
  });

  it("filters the findings by kind and opens one with both sides' values", async () => {
    await click("audit-kind-field_drift");
    const total = await shown("audit-findings-total");
    const drift = sandbox.summary.graph_csv.expected_findings.field_drift;
    await browser.waitUntil(async () => (await total.getText()).replace(/,/g, "").includes(String(drift)), {
      timeoutMsg: `the filter keeps the ${drift} drifted users: ${await total.getText()}`,
    });
    const first = await (await shown("audit-findings")).$('[data-testid^="audit-finding-row-field_drift-"]');
    await first.click();
    const detail = await shown("audit-finding-detail");
    assert.equal(await detail.getAttribute("data-kind"), "field_drift");
    await shown("audit-finding-drift");
    await screenshot("graph-finding");
  });

  it("previews the fix plan, applies it after confirmation, and the re-audit shows the fixes", async () => {
    await openTab("fix");
    const script = await shown("fix-plan-cypher");
    const cypher = await script.getProperty("textContent");
    assert.match(cypher, /UNWIND \$rows AS row/);
    assert.match(cypher, /`User`/);
    await screenshot("graph-fix-plan");
    // Both: the duplicate accounts linked in Auth0, and the graph joined to match.
    const links = await shown("fix-apply-links");
    if (!(await links.isSelected())) await links.click();
    const graph = await shown("fix-apply-graph");
    if (!(await graph.isSelected())) await graph.click();
    // The confirmation is a modal: focus goes in, Esc closes it and gives focus back.
    await click("fix-apply");
    await shown("fix-apply-confirm");
    assert.equal((await focused()).testId, "fix-apply-confirm-name");
    await browser.keys(Key.Escape);
    await (await browser.$(testId("fix-apply-confirm"))).waitForExist({ reverse: true, timeoutMsg: "Esc closes the confirmation" });
    assert.equal((await focused()).testId, "fix-apply");
    await click("fix-apply");
    await shown("fix-apply-confirm");
    await screenshot("graph-fix-confirm");
    await fill("fix-apply-confirm-name", "sandbox");
    await click("fix-apply-confirm-button");
    const log = await shown("fix-apply-log", browser);
    await browser.waitUntil(async () => /committed/.test(await log.getProperty("textContent")), {
      timeout: AUDIT_DEADLINE_MS,
      timeoutMsg: "the apply log shows committed batches",
    });
    await click("fix-rerun-audit");
    const headline = await shown("audit-compare-headline");
    const expected = sandbox.summary.graph_csv.expected_findings;
    const fixed = Object.entries(expected).reduce((sum, [k, n]) => (k === "orphan_in_graph" ? sum : sum + n), 0);
    await browser.waitUntil(async () => /fixed/.test(await headline.getText()), {
      timeout: AUDIT_DEADLINE_MS,
      timeoutMsg: "the re-audit is compared with the audit before the fix",
    });
    assert.match((await headline.getText()).replace(/,/g, ""), new RegExp(`\\b0 new[\\s\\S]*\\b${fixed} fixed`));
    await screenshot("graph-fixed");
  });

  it("says the graph cannot be reached once Neo4j is gone, and offers to try again", async () => {
    await neo4j.stop();
    neo4j = null;
    await click("graph-status-refresh");
    const error = await shown("graph-status-error");
    assert.equal(await error.getAttribute("role"), "alert");
    assert.match(await error.getText(), /Try again/);
    await screenshot("graph-neo4j-unreachable");
  });
});
