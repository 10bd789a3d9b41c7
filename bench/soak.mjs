#!/usr/bin/env node
// The long-session memory check: the real IdLens app signed in to the sandbox
// tenant, N distinct tokens pasted into the token inspector (more than its
// history holds), then the Session screen left open for M minutes while it
// renews a short-lived access token again and again. Resident memory of the
// app and its WebKit processes is sampled throughout; the run passes when it
// does not grow over the soak. Normally started by scripts/bench-soak.sh.
//
//   node bench/soak.mjs [--minutes 60] [--tokens 1000] [--bin PATH] [--token-lifetime 150]
//
// The app runs as in the end-to-end tests (tests/e2e/environment.mjs): a
// throwaway HOME, a private D-Bus session with an unlocked gnome-keyring,
// Xvfb and tauri-driver. The tenant is `idlens sandbox --token-lifetime S`:
// the core renews the access token once it has under 120 s left, and the
// Session screen asks it 110 s before expiry (at most a minute apart), so
// 150-second tokens are renewed about every 40 s.
//
// Memory is VmRSS from /proc/PID/status of the app's process and every
// process below it (WebKitWebProcess, WebKitNetworkProcess, ...), each and
// summed: at the first screen, signed in, every 100 tokens, after the
// tokens, then every 30 s of the soak. Refreshes are counted as the Session
// screen shows them: its access token's expiry time changing (read every
// 10 s). Every sample goes to bench/results/soak-<time>.json; the summary
// goes to standard output (see soak_summary.mjs for the verdict).
//
// The page is read with scripts that return plain values: WebKit's
// WebDriver keeps every element it hands out alive until the page unloads,
// which would grow the very memory being measured. Only the few one-time
// steps (signing in, setting up the inspector) use element handles.
//
// Exit status: 0 no growth and every check held; 1 GROWTH or a check failed
// (history not at its cap, signed out at the end, no refresh); 2 the run
// could not be done (setup, the app died, a step timed out); 130 interrupted.

import { once } from "node:events";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { driverEnv, findApp, findTauriDriver, SetupError, startEnvironment, stopEnvironment } from "../tests/e2e/environment.mjs";
import { freePort } from "../tests/e2e/free-port.mjs";
import { findDescendant, isRunning, treeMemory } from "./process_memory.mjs";
import { summarize, summaryText } from "./soak_summary.mjs";

/**
 * A screenshot for the record, never a reason to lose the run: WebKit's
 * snapshot of a page painted without GPU compositing (the app's default) can
 * wait for a paint a still page never makes, so it gets 20 s.
 */
async function pictureOf(name) {
  const gaveUp = delay(20_000).then(() => "no screenshot: WebKit's snapshot did not answer within 20 s");
  const taken = drive.screenshot(name, { accessibility: false }).then(() => null, (e) => `no screenshot: ${e.message}`);
  const problem = await Promise.race([taken, gaveUp]);
  if (problem) console.log(`[soak] ${problem}`);
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(HERE, "results");
const INSPECTOR_MEMORY = path.join(HERE, "../ui/src/areas/inspector/inspectorMemory.ts");
const SAMPLE_EVERY_MS = 30_000;
const EXPIRY_READ_EVERY_MS = 10_000;
const SAMPLE_EVERY_TOKENS = 100;
const VERDICT_DEADLINE_MS = 20_000;
const SIGN_IN_DEADLINE_MS = 30_000;
/** The app's process shows up under tauri-driver within this once the session is open. */
const APP_PROCESS_DEADLINE_MS = 10_000;
/** The audience of the pasted tokens, entered as the expected one in the inspector. */
const API = "https://api.soak.test/";
/** WebDriver's code for the Enter key. */
const ENTER_KEY = "\uE007";

/** A step that did not happen: the run ends with exit status 2. */
class SoakError extends Error {}

function say(message) {
  console.log(`[soak] ${message}`);
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      minutes: { type: "string", default: "60" },
      tokens: { type: "string", default: "1000" },
      bin: { type: "string" },
      "token-lifetime": { type: "string", default: "150" },
    },
  });
  const number = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min) {
      throw new SetupError(`--${name} takes a number of at least ${min}, not ${values[name]}`);
    }
    return value;
  };
  if (values.bin) process.env.IDLENS_BIN = values.bin;
  return {
    minutes: number("minutes", 0.5),
    tokens: Math.round(number("tokens", 1)),
    tokenLifetime: Math.round(number("token-lifetime", 1)),
    bin: findApp(),
  };
}

/** The inspector's history cap, as the UI's source says (HISTORY_LIMIT). */
function historyLimit() {
  const limit = /const HISTORY_LIMIT = (\d+)/.exec(readFileSync(INSPECTOR_MEMORY, "utf8"))?.[1];
  if (!limit) throw new SetupError(`no HISTORY_LIMIT in ${INSPECTOR_MEMORY}`);
  return Number(limit);
}

/** What the run records; written as JSON at the end (or when interrupted). */
const run = {
  started: new Date().toISOString(),
  finished: null,
  outcome: "running",
  options: null,
  machine: { host: os.hostname(), cpus: os.cpus().length, node: process.version, kernel: os.release() },
  app: null,
  samples: [],
  inspector: null,
  session: null,
  summary: null,
};
const runStartMs = Date.now();
const resultsFile = path.join(RESULTS_DIR, `soak-${run.started.replace(/[:.]/g, "").replace("T", "-").slice(0, 17)}.json`);

/** Loaded once the environment is up: driver.mjs reads its settings on import. */
let drive = null;
let tenant = null;
let issuer = null;

// --- Memory --------------------------------------------------------------------

/** Samples the app's processes, records the sample with `details`, and prints a line. */
function sample(phase, details = {}) {
  if (!isRunning(run.app.pid)) throw new SoakError(`the app (pid ${run.app.pid}) is gone`);
  const memory = treeMemory(run.app.pid);
  const taken = {
    phase,
    at: new Date().toISOString(),
    seconds: (Date.now() - runStartMs) / 1000,
    ...details,
    load: os.loadavg()[0],
    ...memory,
  };
  run.samples.push(taken);
  const parts = memory.processes.map((p) => `${p.name} ${(p.rssKb / 1024).toFixed(1)}`).join(", ");
  const where = phase === "soak" ? `soak ${(details.soakSeconds / 60).toFixed(1)} min` : phase;
  say(`${where}: ${(memory.totalKb / 1024).toFixed(1)} MiB (${parts})`);
  return taken;
}

/** The app's process: the one running the app binary below tauri-driver. */
async function findAppProcess(driverPid, bin) {
  const deadline = Date.now() + APP_PROCESS_DEADLINE_MS;
  for (;;) {
    const pid = findDescendant(driverPid, bin);
    if (pid) return pid;
    if (Date.now() > deadline) throw new SoakError(`no process runs ${bin} below tauri-driver (pid ${driverPid})`);
    await delay(100);
  }
}

// --- The page, read without element handles -----------------------------------

/** The Session screen's state and its access token's expiry, as shown. */
function sessionShown() {
  return drive.browser.execute(() => ({
    state: document.querySelector('[data-testid="session-view"]')?.getAttribute("data-state") ?? null,
    expiresAt: document.querySelector('[data-testid="session-expires-at"] time')?.getAttribute("datetime") ?? null,
    error: document.querySelector('[data-testid="session-error"]')?.textContent ?? null,
  }));
}

async function waitForSessionState(expected, what, timeout = SIGN_IN_DEADLINE_MS) {
  let seen = null;
  await drive.browser.waitUntil(
    async () => {
      seen = (await sessionShown()).state;
      return seen === expected;
    },
    { timeout, interval: 250, timeoutMsg: `${what}: the Session screen stays "${seen}", expected "${expected}"` },
  );
}

/** Resolves once two animation frames have passed: whatever changed last is painted. */
function painted() {
  return drive.browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

function historyLength() {
  return drive.browser.execute(() => document.querySelectorAll('[data-testid="inspector-history-item"]').length);
}

/**
 * Pastes `token` into the token box as Ctrl+V does (a paste event carrying
 * the text) and waits in the page until the verdict for it is current; the
 * verdict's name, or why there is none.
 */
function pasteAndAwaitVerdict(token) {
  return drive.browser.executeAsync(
    (text, deadlineMs, done) => {
      const input = document.querySelector('[data-testid="inspector-input"]');
      if (!input) return done({ problem: "there is no token box" });
      input.focus();
      const data = new DataTransfer();
      data.setData("text/plain", text);
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      const started = performance.now();
      const check = () => {
        const verdict = document.querySelector('[data-testid="inspector-verdict"]');
        const error = document.querySelector(".inspector__error:not(.is-stale) [data-testid='inspector-error']");
        const boxHasIt = input.value === text;
        if (boxHasIt && verdict?.getAttribute("data-current") === "true") {
          return done({ verdict: verdict.getAttribute("data-verdict") });
        }
        if (boxHasIt && error) return done({ problem: `the inspector failed: ${error.textContent}` });
        if (performance.now() - started > deadlineMs) {
          return done({ problem: `no current verdict within ${deadlineMs} ms (token in the box: ${boxHasIt})` });
        }
        setTimeout(check, 5);
      };
      check();
    },
    token,
    VERDICT_DEADLINE_MS,
  );
}

// --- Tokens and their issuer -----------------------------------------------------

/** jose, from the end-to-end tests' packages. */
async function importJose() {
  const e2eRequire = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
  return import(pathToFileURL(e2eRequire.resolve("jose")).href);
}

/** A tenant of the run's own on 127.0.0.1: discovery and a JWKS, whose key signs the pasted tokens. */
async function startIssuer(jose) {
  const { publicKey, privateKey } = await jose.generateKeyPair("RS256");
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: "soak-key-1", alg: "RS256", use: "sig" };
  const server = http.createServer((req, res) => {
    const documents = {
      "/.well-known/openid-configuration": () => ({ issuer: url, jwks_uri: `${url}.well-known/jwks.json` }),
      "/.well-known/jwks.json": () => ({ keys: [jwk] }),
    };
    const document = documents[req.url];
    server.requests += 1;
    res.writeHead(document ? 200 : 404, { "content-type": "application/json", "cache-control": "max-age=600" });
    res.end(JSON.stringify(document ? document() : { error: "not_found" }));
  });
  server.requests = 0;
  server.listen(await freePort(), "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { server, url, privateKey, kid: jwk.kid };
}

/** `count` access tokens that differ in subject, ID and claims, valid for a day. */
async function mintTokens(jose, count) {
  const now = Math.floor(Date.now() / 1000);
  const tokens = [];
  for (let i = 0; i < count; i++) {
    const token = await new jose.SignJWT({
      sub: `auth0|soak${String(i).padStart(20, "0")}`,
      azp: "soak-client",
      aud: API,
      scope: "openid read:users",
      permissions: ["read:users", `read:things-${i}`],
      "https://soak.test/ticket": `SOAK-${i}`,
    })
      .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: issuer.kid })
      .setIssuer(issuer.url)
      .setJti(`soak-${i}`)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 86_400)
      .sign(issuer.privateKey);
    tokens.push(token);
  }
  return tokens;
}

// --- Steps -------------------------------------------------------------------------

/** The sandbox tenant with short-lived tokens, and a profile for it in use. */
async function startTenant(tokenLifetime) {
  const callbackPort = await freePort();
  tenant.sandbox.summary = await tenant.startSandbox(`http://127.0.0.1:${callbackPort}/callback`, 0, [
    "--token-lifetime",
    String(tokenLifetime),
  ]);
  const { issuer: url, client_id: clientId, audience } = tenant.sandbox.summary;
  drive.cli(
    ...["profile", "add", "sandbox", "--issuer", url, "--client-id", clientId, "--audience", audience],
    ...["--callback-port", String(callbackPort)],
  );
}

/** Signs in on the Session screen with a device code, approved over the sandbox's hook. */
async function signIn() {
  const admin = tenant.sandbox.summary.sign_in_users.find((u) => u.email.startsWith("ada.admin@"));
  await drive.click("sign-in-device");
  const code = await (await drive.shown("device-user-code")).getText();
  await tenant.approveDevice(code, admin.email);
  await waitForSessionState("signedIn", "after approving the device code");
}

/** Opens the inspector with the run's issuer as the key source and its API as the expected audience. */
async function prepareInspector() {
  await drive.click("nav-inspector");
  await drive.shown("area-inspector");
  const keys = await drive.shown("inspector-keys");
  await drive.scrollTo(keys);
  await keys.selectByAttribute("value", "issuer");
  await drive.fill("inspector-issuer-url", issuer.url);
  const audience = await drive.browser.$("#inspector-audiences");
  await drive.clickElement(audience, "the expected audience");
  await audience.addValue(API);
  await drive.browser.keys(ENTER_KEY);
  const chips = await drive.browser.execute(() =>
    [...document.querySelectorAll('[data-testid="inspector-audiences"] .chips-input__text')].map((c) => c.textContent),
  );
  if (chips.join() !== API) throw new SoakError(`the expected audience did not take: ${JSON.stringify(chips)}`);
}

/** Pastes every token, each once its predecessor's verdict is shown; how long each took. */
async function pasteTokens(tokens) {
  const durations = [];
  const verdicts = {};
  for (const [i, token] of tokens.entries()) {
    const started = performance.now();
    const { verdict, problem } = await pasteAndAwaitVerdict(token);
    if (problem) throw new SoakError(`token ${i + 1} of ${tokens.length}: ${problem}`);
    durations.push(performance.now() - started);
    verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
    if ((i + 1) % SAMPLE_EVERY_TOKENS === 0) sample("tokens", { tokens: i + 1 });
  }
  return { durations, verdicts };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
}

async function inspectTokens(count, limit) {
  const jose = await importJose();
  issuer = await startIssuer(jose);
  const tokens = await mintTokens(jose, count);
  await prepareInspector();
  say(`pasting ${count} token${count === 1 ? "" : "s"} into the inspector`);
  const started = performance.now();
  const { durations, verdicts } = await pasteTokens(tokens);
  const seconds = (performance.now() - started) / 1000;
  run.inspector = {
    tokens: count,
    seconds,
    medianMs: median(durations),
    slowestMs: Math.max(...durations),
    verdicts,
    notValid: count - (verdicts.valid ?? 0),
    historyLength: await historyLength(),
    historyLimit: limit,
    issuerRequests: issuer.server.requests,
  };
  await painted();
  sample("afterTokens");
  await pictureOf(path.basename(resultsFile, ".json") + "-inspector");
}

/** Counts access-token renewals as the Session screen shows them: a later expiry than the last one seen. */
function refreshWatch(first) {
  const watch = { expiries: [{ at: new Date().toISOString(), expiresAt: first.expiresAt }], states: {} };
  watch.read = async () => {
    const shown = await sessionShown();
    watch.states[shown.state] = (watch.states[shown.state] ?? 0) + 1;
    const last = watch.expiries.at(-1).expiresAt;
    if (shown.expiresAt && Date.parse(shown.expiresAt) > Date.parse(last)) {
      watch.expiries.push({ at: new Date().toISOString(), expiresAt: shown.expiresAt });
    }
    return shown;
  };
  return watch;
}

/** The Session screen for `minutes`: memory every 30 s, the expiry every 10 s. */
async function soak(minutes) {
  await drive.click("nav-session");
  await waitForSessionState("signedIn", "back on the Session screen");
  const first = await sessionShown();
  if (!first.expiresAt) throw new SoakError("the Session screen shows no access-token expiry");
  const watch = refreshWatch(first);
  const startedMs = Date.now();
  const endMs = startedMs + minutes * 60_000;
  let nextSample = startedMs;
  let nextRead = startedMs + EXPIRY_READ_EVERY_MS;
  say(`soaking on the Session screen for ${minutes} min`);
  for (;;) {
    const now = Date.now();
    if (now >= nextRead) {
      await watch.read();
      nextRead += EXPIRY_READ_EVERY_MS;
    }
    if (now >= nextSample || now >= endMs) {
      const soakSeconds = Math.min((now - startedMs) / 1000, minutes * 60);
      sample("soak", { soakSeconds: Math.round(soakSeconds), refreshes: watch.expiries.length - 1 });
      nextSample += SAMPLE_EVERY_MS;
    }
    if (now >= endMs) break;
    await delay(Math.max(0, Math.min(nextRead, nextSample, endMs) - Date.now()));
  }
  const last = await watch.read();
  await pictureOf(path.basename(resultsFile, ".json") + "-session");
  return sessionRecord(watch, last);
}

function sessionRecord(watch, last) {
  const times = watch.expiries.map((e) => Date.parse(e.at));
  const refreshes = watch.expiries.length - 1;
  return {
    refreshes,
    meanRefreshSeconds: refreshes > 1 ? (times.at(-1) - times[1]) / 1000 / (refreshes - 1) : null,
    expiries: watch.expiries,
    statesSeen: watch.states,
    stateAtEnd: last.state,
    errorAtEnd: last.error,
    signedInAtEnd: last.state === "signedIn" && !last.error,
  };
}

// --- The run -------------------------------------------------------------------------

function writeResults() {
  mkdirSync(RESULTS_DIR, { recursive: true });
  run.finished = new Date().toISOString();
  writeFileSync(resultsFile, `${JSON.stringify(run, null, 2)}\n`);
  return resultsFile;
}

async function main() {
  run.options = readOptions();
  const { bin, minutes, tokens, tokenLifetime } = run.options;
  run.options.binModified = statSync(bin).mtime.toISOString();
  const limit = historyLimit();
  const driver = findTauriDriver();
  say(`app ${bin} (built ${run.options.binModified}); ${tokens} tokens, then ${minutes} min on the Session screen`);

  const { env, port, driverPid } = await startEnvironment("soak", driver);
  mkdirSync(RESULTS_DIR, { recursive: true });
  Object.assign(process.env, driverEnv({ env, port, app: bin, screenshots: RESULTS_DIR }));
  drive = await import("../tests/e2e/driver.mjs");
  tenant = await import("../tests/e2e/sandbox.mjs");

  await startTenant(tokenLifetime);
  await drive.openApp();
  run.app = { pid: await findAppProcess(driverPid, bin) };
  await waitForSessionState("signedOut", "the first screen");
  await painted();
  sample("firstScreen");

  await signIn();
  await painted();
  sample("signedIn");

  await inspectTokens(tokens, limit);
  run.session = await soak(minutes);
  run.outcome = "finished";
  run.summary = summarize(run);
  say(`samples: ${writeResults()}`);
  console.log(`\n${summaryText(run, run.summary)}`);
  return run.summary.growth || run.summary.failures.length ? 1 : 0;
}

/** Quits the app, stops the tenants and the environment; safe to call twice. */
async function cleanUp() {
  const quit = drive?.closeApp().catch(() => {});
  // A hung WebDriver must not keep the rest running.
  if (quit) await Promise.race([quit, delay(10_000)]);
  await tenant?.stopSandbox().catch(() => {});
  issuer?.server.closeAllConnections();
  issuer?.server.close();
  issuer = null;
  await stopEnvironment();
}

/** Set by a signal: the run's own ending (steps failing as things stop) is then left to the signal. */
let interrupted = false;

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: stopping everything`);
    run.outcome = `interrupted (${signal})`;
    if (run.options) say(`samples so far: ${writeResults()}`);
    cleanUp().finally(() => process.exit(130));
  });
}

main().then(
  async (code) => {
    if (interrupted) return;
    await cleanUp();
    process.exit(code);
  },
  async (error) => {
    if (interrupted) return;
    run.outcome = `failed: ${error.message}`;
    if (run.options) say(`samples so far: ${writeResults()}`);
    await cleanUp();
    console.error(`[soak] ${error instanceof SetupError || error instanceof SoakError ? error.message : error.stack}`);
    process.exit(2);
  },
);
