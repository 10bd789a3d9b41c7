#!/usr/bin/env node
// Runs the end-to-end specs against the real IdLens binary, the way a user
// meets it on first start: an empty config directory, a real OS keychain
// (a private D-Bus session with an unlocked gnome-keyring), a display (Xvfb),
// and WebDriver through tauri-driver. Every spec file gets all of that afresh
// (its own throwaway user, one app session), so no spec depends on another's
// leftovers or order. Everything it starts is stopped, and each temporary
// HOME deleted, however the run ends. That environment is started and
// stopped by ./environment.mjs (bench/soak.mjs uses it too).
//
//   node tests/e2e/run.mjs [name-pattern]
//
// Environment:
//   IDLENS_BIN               the app binary (default $CARGO_TARGET_DIR/debug/idlens,
//                            CARGO_TARGET_DIR defaulting to ~/.cache/idlens/target)
//   TAURI_DRIVER             tauri-driver (default: on PATH, else ~/.cache/idlens/tools/bin)
//   IDLENS_E2E_SCREENSHOTS   where screenshots go (default tests/e2e/screenshots)
//   IDLENS_E2E_KEEP=1        keep the temporary HOME (config, keyring) for debugging
//
// Logs of the display, bus, keyring and driver go to tests/e2e/logs/.

import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  adoptProcess,
  driverEnv,
  findApp,
  findTauriDriver,
  forgetProcess,
  log,
  LOGS_DIR,
  SetupError,
  startEnvironment,
  stopEnvironment,
} from "./environment.mjs";

// IdLens paints without GPU compositing (src-tauri/webview_settings.rs), and
// WebKit's snapshot of such a page (WebDriver's screenshot) waits for a paint a
// still page never makes. The specs therefore run the app with WebKit's
// compositing forced on; scripts/test-packages.sh opens the installed app with
// the default and checks its screen, and the benchmarks run the default too.
process.env.WEBKIT_FORCE_COMPOSITING_MODE = "1";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SPECS_DIR = path.join(HERE, "specs");

function specFiles(filter) {
  return readdirSync(SPECS_DIR)
    .filter((f) => f.endsWith(".test.mjs"))
    .filter((f) => !filter || f.includes(filter))
    .sort()
    .map((f) => path.join(SPECS_DIR, f));
}

/** What WebKit's driver says when the web process itself died (not a failed step). */
const WEB_PROCESS_CRASH = "session deleted because of page crash";

/**
 * Runs the spec files; their exit code, and whether WebKit's web process
 * crashed under them (their output passes through as it comes).
 */
async function runSpecs(files, env) {
  // In its own process group too, so an interrupted run stops the specs first.
  const child = spawn(process.execPath, ["--test", "--test-reporter=spec", ...files], {
    env,
    stdio: ["inherit", "pipe", "pipe"],
    detached: true,
  });
  const entry = adoptProcess("specs", child);
  let crashed = false;
  const pass = (from, to) =>
    from.on("data", (chunk) => {
      crashed ||= chunk.toString().includes(WEB_PROCESS_CRASH);
      to.write(chunk);
    });
  pass(child.stdout, process.stdout);
  pass(child.stderr, process.stderr);
  const [code, signal] = await once(child, "exit");
  forgetProcess(entry);
  return { code: signal ? 1 : code, crashed };
}

async function main() {
  const filter = process.argv[2];
  const app = findApp();
  const driver = findTauriDriver();
  const screenshots = path.resolve(process.env.IDLENS_E2E_SCREENSHOTS || path.join(HERE, "screenshots"));
  mkdirSync(screenshots, { recursive: true });
  mkdirSync(LOGS_DIR, { recursive: true });
  const files = specFiles(filter);
  if (files.length === 0) throw new SetupError(`no spec in ${SPECS_DIR} matches ${filter ?? "*.test.mjs"}`);
  log(`app ${app}`);
  log(`screenshots go to ${screenshots}`);

  const failedSpecs = [];
  for (const file of files) {
    const code = await runSpecFile(file, { app, driver, screenshots });
    if (code !== 0) failedSpecs.push(path.basename(file));
  }
  log(`screenshots: ${screenshots}`);
  if (failedSpecs.length) {
    log(`failed spec files: ${failedSpecs.join(", ")}; driver and app logs: ${LOGS_DIR}`);
    return 1;
  }
  log(`all ${files.length} spec files passed`);
  return 0;
}

/**
 * Runs one spec file in a fresh user, bus, keyring, display and driver; its
 * exit code. When WebKit's web process crashed under it (the browser engine,
 * not a step of the spec), the spec runs once more from the start, and says
 * so; a step that fails on its own is never run again.
 */
async function runSpecFile(file, options) {
  const spec = path.basename(file, ".test.mjs");
  const first = await runSpecFileOnce(file, options);
  if (first.code === 0 || !first.crashed) return first.code;
  log(`${spec}: WebKit's web process crashed under it; running it once more from the start`);
  return (await runSpecFileOnce(file, options)).code;
}

async function runSpecFileOnce(file, { app, driver, screenshots }) {
  const spec = path.basename(file, ".test.mjs");
  try {
    const { env, home, port } = await startEnvironment(spec, driver);
    log(`${spec}: display ${env.DISPLAY}, tauri-driver on 127.0.0.1:${port}, temp HOME ${home}`);

    const specEnv = { ...process.env, ...driverEnv({ env, port, app, screenshots }) };
    const run = await runSpecs([file], specEnv);
    if (run.code !== 0) log(`${spec} failed; its logs: ${path.join(LOGS_DIR, `${spec}-*.log`)}`);
    return run;
  } finally {
    await stopEnvironment();
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    log(`${signal}: stopping everything`);
    stopEnvironment().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    await stopEnvironment();
    console.error(`[e2e] ${error instanceof SetupError ? error.message : error.stack}`);
    process.exit(1);
  },
);
