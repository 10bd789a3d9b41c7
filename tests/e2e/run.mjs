#!/usr/bin/env node
// Runs the end-to-end specs against the real IdLens binary, the way a user
// meets it on first start: an empty config directory, a real OS keychain
// (a private D-Bus session with an unlocked gnome-keyring), a display (Xvfb),
// and WebDriver through tauri-driver. Every spec file gets all of that afresh
// (its own throwaway user, one app session), so no spec depends on another's
// leftovers or order. Everything it starts is stopped, and each temporary
// HOME deleted, however the run ends.
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

import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SPECS_DIR = path.join(HERE, "specs");
const LOGS_DIR = path.join(HERE, "logs");
const READY_DEADLINE_MS = 30_000;
const STOP_DEADLINE_MS = 5_000;

/** Every process group started here, stopped in reverse order on exit. */
const started = [];
/** The throwaway user's directory, deleted on exit. */
let userRoot = null;
/** Names the logs of the spec file being run: logs/<spec>-<process>.log. */
let logPrefix = "";

function log(message) {
  console.log(`[e2e] ${message}`);
}

class SetupError extends Error {}

function findApp() {
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), ".cache/idlens/target");
  const app = process.env.IDLENS_BIN || path.join(targetDir, "debug/idlens");
  if (!existsSync(app)) {
    throw new SetupError(`no IdLens binary at ${app}: build it first (npm --prefix ui run build && cargo build)`);
  }
  return path.resolve(app);
}

function findTauriDriver() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const candidate = path.join(dir, "tauri-driver");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  const cached = path.join(os.homedir(), ".cache/idlens/tools/bin/tauri-driver");
  if (existsSync(cached)) return cached;
  throw new SetupError("tauri-driver is not installed: run scripts/setup.sh --deps-only");
}

/**
 * Starts `command` in a process group of its own (so whatever it starts,
 * like WebKitWebDriver and the app under tauri-driver, is stopped with it).
 * Output the caller does not pipe goes to logs/<name>.log.
 */
function startProcess(name, command, args, { env, stdio = [] }) {
  const logPath = path.join(LOGS_DIR, `${logPrefix}${name}.log`);
  const logFd = openSync(logPath, "w");
  const io = ["ignore", logFd, logFd];
  stdio.forEach((s, i) => {
    if (s) io[i] = s;
  });
  const child = spawn(command, args, { env, stdio: io, detached: true });
  const entry = { name, child, logPath, exit: once(child, "exit").catch(() => {}) };
  child.on("error", (e) => {
    entry.error = e;
  });
  started.push(entry);
  return entry;
}

function logTail(entry, lines = 30) {
  try {
    const text = readFileSync(entry.logPath, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    return text ? `\n--- last lines of ${entry.logPath}\n${text}` : ` (${entry.logPath} is empty)`;
  } catch {
    return "";
  }
}

function hasExited(entry) {
  return entry.error !== undefined || entry.child.exitCode !== null || entry.child.signalCode !== null;
}

/** Reads one line (without the newline) from `stream`, or fails when `entry` exits first. */
async function readLine(stream, entry, what) {
  let buffer = "";
  const deadline = Date.now() + READY_DEADLINE_MS;
  stream.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (hasExited(entry)) finish(new SetupError(`${entry.name} exited before printing ${what}${logTail(entry)}`));
      else if (Date.now() > deadline) finish(new SetupError(`${entry.name} did not print ${what} in time${logTail(entry)}`));
    }, 50);
    function finish(error, value) {
      clearInterval(timer);
      stream.removeAllListeners("data");
      if (error) reject(error);
      else resolve(value);
    }
    stream.on("data", (chunk) => {
      buffer += chunk;
      const newline = buffer.indexOf("\n");
      if (newline >= 0) finish(null, buffer.slice(0, newline).trim());
    });
  });
}

/** Polls `check` until it returns true; fails when `entry` exits or the deadline passes. */
async function pollUntil(check, entry, what) {
  const deadline = Date.now() + READY_DEADLINE_MS;
  for (;;) {
    if (await check()) return;
    if (hasExited(entry)) throw new SetupError(`${entry.name} exited before ${what}${logTail(entry)}`);
    if (Date.now() > deadline) throw new SetupError(`${entry.name}: timed out waiting until ${what}${logTail(entry)}`);
    await delay(50);
  }
}

/** A throwaway user: HOME, XDG dirs and an empty IdLens config dir. */
function makeUserDirs() {
  const root = mkdtempSync(path.join(os.tmpdir(), "idlens-e2e-"));
  const dirs = {
    root,
    home: path.join(root, "home"),
    config: path.join(root, "idlens-config"),
    runtime: path.join(root, "runtime"),
    data: path.join(root, "data"),
    xdgConfig: path.join(root, "config"),
    cache: path.join(root, "cache"),
    exports: path.join(root, "exports"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  chmodSync(dirs.runtime, 0o700);
  return dirs;
}

function userEnv(dirs) {
  const env = { ...process.env };
  for (const name of ["DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "IDLENS_PROFILE", "XAUTHORITY"]) {
    delete env[name];
  }
  return {
    ...env,
    HOME: dirs.home,
    XDG_RUNTIME_DIR: dirs.runtime,
    XDG_DATA_HOME: dirs.data,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.cache,
    IDLENS_CONFIG_DIR: dirs.config,
    // Exports (CSV, JSON, snapshots) go here, where specs read them.
    IDLENS_EXPORT_DIR: dirs.exports,
    // Sign-ins "open the system browser" through $BROWSER: a no-op here, so no real browser starts.
    BROWSER: "true",
  };
}

async function startSessionBus(env, dirs) {
  const bus = startProcess(
    "dbus-daemon",
    "dbus-daemon",
    ["--session", "--nofork", "--print-address=1", `--address=unix:path=${path.join(dirs.root, "bus")}`],
    { env, stdio: [null, "pipe"] },
  );
  // dbus-daemon prints its address once it accepts connections.
  return readLine(bus.child.stdout, bus, "its address");
}

function nameHasOwner(address, name) {
  const result = spawnSync(
    "dbus-send",
    [
      `--bus=${address}`,
      "--print-reply",
      "--dest=org.freedesktop.DBus",
      "/org/freedesktop/DBus",
      "org.freedesktop.DBus.NameHasOwner",
      `string:${name}`,
    ],
    { encoding: "utf8" },
  );
  return result.stdout?.includes("boolean true") ?? false;
}

async function startKeyring(env) {
  const keyring = startProcess(
    "gnome-keyring",
    "gnome-keyring-daemon",
    ["--foreground", "--unlock", "--components=secrets"],
    { env, stdio: ["pipe"] },
  );
  // --unlock reads the login keyring's password up to end of input.
  keyring.child.stdin.end("idlens-e2e-login-password");
  await pollUntil(
    () => nameHasOwner(env.DBUS_SESSION_BUS_ADDRESS, "org.freedesktop.secrets"),
    keyring,
    "the Secret Service is on the bus",
  );
}

async function startDisplay(env) {
  // -displayfd: Xvfb picks a free display and writes its number once it is ready.
  const xvfb = startProcess("xvfb", "Xvfb", ["-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], {
    env,
    stdio: [null, null, null, "pipe"],
  });
  const display = await readLine(xvfb.child.stdio[3], xvfb, "a display number");
  return `:${display}`;
}

async function startTauriDriver(driver, env) {
  const port = await freePort();
  const nativePort = await freePort();
  const entry = startProcess("tauri-driver", driver, ["--port", String(port), "--native-port", String(nativePort)], {
    env,
  });
  await pollUntil(
    async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/status`);
        return response.ok;
      } catch {
        return false;
      }
    },
    entry,
    `it answers on 127.0.0.1:${port}`,
  );
  return port;
}

function specFiles(filter) {
  return readdirSync(SPECS_DIR)
    .filter((f) => f.endsWith(".test.mjs"))
    .filter((f) => !filter || f.includes(filter))
    .sort()
    .map((f) => path.join(SPECS_DIR, f));
}

async function runSpecs(files, env) {
  // In its own process group too, so an interrupted run stops the specs first.
  const child = spawn(process.execPath, ["--test", "--test-reporter=spec", ...files], {
    env,
    stdio: "inherit",
    detached: true,
  });
  const entry = { name: "specs", child, exit: once(child, "exit").catch(() => {}) };
  started.push(entry);
  const [code, signal] = await once(child, "exit");
  started.splice(started.indexOf(entry), 1);
  return signal ? 1 : code;
}

async function stopAll() {
  for (const entry of started.reverse()) {
    const group = -entry.child.pid;
    if (!entry.child.pid) continue;
    signalGroup(group, "SIGTERM");
    const deadline = Date.now() + STOP_DEADLINE_MS;
    while (groupAlive(group) && Date.now() < deadline) await delay(50);
    if (groupAlive(group)) {
      log(`${entry.name} ignored SIGTERM; killing it`);
      signalGroup(group, "SIGKILL");
    }
    await entry.exit;
  }
  started.length = 0;
}

function signalGroup(group, signal) {
  try {
    process.kill(group, signal);
  } catch {
    // already gone
  }
}

function groupAlive(group) {
  try {
    process.kill(group, 0);
    return true;
  } catch {
    return false;
  }
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

/** Runs one spec file in a fresh user, bus, keyring, display and driver; its exit code. */
async function runSpecFile(file, { app, driver, screenshots }) {
  const spec = path.basename(file, ".test.mjs");
  logPrefix = `${spec}-`;
  const dirs = makeUserDirs();
  userRoot = dirs.root;
  try {
    const env = userEnv(dirs);
    env.DBUS_SESSION_BUS_ADDRESS = await startSessionBus(env, dirs);
    await startKeyring(env);
    env.DISPLAY = await startDisplay(env);
    env.GDK_BACKEND = "x11";
    const port = await startTauriDriver(driver, env);
    log(`${spec}: display ${env.DISPLAY}, tauri-driver on 127.0.0.1:${port}, temp HOME ${dirs.home}`);

    const specEnv = {
      ...process.env,
      IDLENS_E2E_PORT: String(port),
      IDLENS_BIN: app,
      IDLENS_E2E_SCREENSHOTS: screenshots,
      // What the app sees, so specs can prepare and check its files through the CLI.
      IDLENS_E2E_APP_ENV: JSON.stringify({
        HOME: env.HOME,
        XDG_RUNTIME_DIR: env.XDG_RUNTIME_DIR,
        XDG_DATA_HOME: env.XDG_DATA_HOME,
        XDG_CONFIG_HOME: env.XDG_CONFIG_HOME,
        IDLENS_CONFIG_DIR: env.IDLENS_CONFIG_DIR,
        IDLENS_EXPORT_DIR: env.IDLENS_EXPORT_DIR,
        DBUS_SESSION_BUS_ADDRESS: env.DBUS_SESSION_BUS_ADDRESS,
      }),
    };
    const code = await runSpecs([file], specEnv);
    if (code !== 0) log(`${spec} failed; its logs: ${path.join(LOGS_DIR, `${logPrefix}*.log`)}`);
    return code;
  } finally {
    await cleanUp();
  }
}

async function cleanUp() {
  await stopAll();
  if (!userRoot) return;
  if (process.env.IDLENS_E2E_KEEP === "1") log(`kept ${userRoot}`);
  else rmSync(userRoot, { recursive: true, force: true });
  userRoot = null;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    log(`${signal}: stopping everything`);
    cleanUp().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    await cleanUp();
    console.error(`[e2e] ${error instanceof SetupError ? error.message : error.stack}`);
    process.exit(1);
  },
);
