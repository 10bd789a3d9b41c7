// What every spec needs to drive IdLens: the environment run.mjs hands over
// (checked on import), the WebDriver session that is one run of the app
// (openApp, closeApp, and `browser`, always the app now running), steps that
// find, scroll to, click and type into elements by data-testid the way a user
// would, screenshots taken once the last step is painted, and the CLI run
// against the same config dir and keychain as the app.
//
// Lives outside specs/ because run.mjs runs every specs/*.test.mjs as a spec.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { Key, remote } from "webdriverio";
import { checkAccessibility } from "./accessibility.mjs";

const { IDLENS_E2E_PORT, IDLENS_BIN, IDLENS_E2E_SCREENSHOTS, IDLENS_E2E_APP_ENV } = process.env;
if (!IDLENS_E2E_PORT) {
  throw new Error("run the specs with `node tests/e2e/run.mjs`: it starts the display, keychain and tauri-driver");
}

/** The IdLens binary under test. */
export const APP_BIN = IDLENS_BIN;
/** HOME, XDG dirs, config dir and session bus the app sees: give them to anything that must share its files and keychain. */
export const APP_ENV = JSON.parse(IDLENS_E2E_APP_ENV);

/**
 * The app now running, as a WebDriver session; set by openApp and cleared by
 * closeApp (an imported binding follows it).
 * @type {WebdriverIO.Browser | undefined}
 */
export let browser;

/** Starts IdLens (one WebDriver session is one run of the app) and makes it `browser`. */
export async function openApp() {
  browser = await remote({
    hostname: "127.0.0.1",
    port: Number(IDLENS_E2E_PORT),
    logLevel: "warn",
    waitforTimeout: 15_000,
    capabilities: { "tauri:options": { application: IDLENS_BIN } },
  });
  return browser;
}

/** Quits the app now running, if any. */
export async function closeApp() {
  const running = browser;
  browser = undefined;
  await running?.deleteSession();
}

export const testId = (id) => `[data-testid="${id}"]`;

/** The element `id` (within `within`), once it is displayed. */
export async function shown(id, within = browser) {
  const element = await within.$(testId(id));
  await element.waitForDisplayed({ timeoutMsg: `[data-testid="${id}"] is not displayed` });
  return element;
}

/** Scrolls `element` to `block` at once (the app scrolls smoothly, which a screenshot or click would catch mid-way). */
export async function scrollTo(element, block = "center") {
  await browser.execute((e, b) => e.scrollIntoView({ block: b, behavior: "instant" }), element, block);
}

/**
 * Clicks like a user: only once `element` is in view, enabled and nothing
 * (a toast, say) covers it. `what` names it in failures.
 */
export async function clickElement(element, what) {
  await element.waitForDisplayed({ timeoutMsg: `${what} is not displayed` });
  await scrollTo(element);
  await element.waitForClickable({ timeoutMsg: `${what} stays disabled or covered` });
  await element.click();
}

/** Clicks the element `id` like a user (see clickElement). */
export async function click(id) {
  await clickElement(await browser.$(testId(id)), `[data-testid="${id}"]`);
}

/**
 * Replaces the text of the input `id` with `value` (empty: leaves it cleared),
 * once it is in view and can be typed into. It is cleared as a user clears it
 * (select all, delete), so the UI sees the change: WebDriver's own clear sets
 * the value without the input events React listens to.
 */
export async function fill(id, value) {
  const input = await shown(id);
  await scrollTo(input);
  await input.waitForClickable({ timeoutMsg: `[data-testid="${id}"] cannot be typed into` });
  await input.click();
  await browser.keys([Key.Ctrl, "a"]);
  await browser.keys(Key.Backspace);
  if (value) await input.addValue(value);
}

/**
 * Saves a screenshot named `name`, once the last step is painted, checks the
 * state against WCAG 2.1 AA (unless `accessibility` is false: the soak, whose
 * memory figure must not include axe-core), and returns the file's absolute path.
 */
export async function screenshot(name, { accessibility = true } = {}) {
  // Two animation frames: whatever the last step changed has been painted.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  const file = path.join(IDLENS_E2E_SCREENSHOTS, `${name}.png`);
  await browser.saveScreenshot(file);
  console.log(`screenshot: ${file}`);
  // Every state a spec looks at is also checked against WCAG 2.1 AA.
  if (accessibility) await checkAccessibility(name);
  return file;
}

/** `idlens ARGS --json` against the config dir and keychain the app uses; its parsed output. Fails the test when it fails. */
export function cli(...args) {
  return cliWithInput(null, ...args);
}

/** `cli` with `input` on standard input (a secret, which never goes in ARGS). */
export function cliWithInput(input, ...args) {
  const result = spawnSync(IDLENS_BIN, [...args, "--json"], {
    env: { PATH: process.env.PATH, ...APP_ENV },
    encoding: "utf8",
    input: input ?? undefined,
  });
  assert.equal(result.status, 0, `idlens ${args.join(" ")} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
