// The world IdLens runs in for the end-to-end specs and the soak benchmark
// (bench/soak.mjs): a throwaway user (HOME, XDG dirs, an empty IdLens config
// dir), a real OS keychain (a private D-Bus session with an unlocked
// gnome-keyring), a display (Xvfb), and WebDriver through tauri-driver.
// Every process started here runs in a process group of its own and is
// stopped, in reverse order, by stopEnvironment, which also deletes the
// temporary HOME (unless IDLENS_E2E_KEEP=1).
//
// Logs of the display, bus, keyring and driver go to tests/e2e/logs/<name>-<process>.log.

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
  readFileSync,
  rmSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const LOGS_DIR = path.join(HERE, "logs");
const READY_DEADLINE_MS = 30_000;
const STOP_DEADLINE_MS = 5_000;

/** Every process group started here, stopped in reverse order by stopEnvironment. */
const started = [];
/** The throwaway user's directory, deleted by stopEnvironment. */
let userRoot = null;
/** Names the logs of the environment being started: logs/<name>-<process>.log. */
let logPrefix = "";

export function log(message) {
  console.log(`[e2e] ${message}`);
}

/** A problem with the machine or the build, reported as one message without a stack. */
export class SetupError extends Error {}

/** The app binary: $IDLENS_BIN, else the debug build in $CARGO_TARGET_DIR (default ~/.cache/idlens/target). */
export function findApp() {
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), ".cache/idlens/target");
  const app = process.env.IDLENS_BIN || path.join(targetDir, "debug/idlens");
  if (!existsSync(app)) {
    throw new SetupError(`no IdLens binary at ${app}: build it first (npm --prefix ui run build && cargo build)`);
  }
  return path.resolve(app);
}

/** tauri-driver: $TAURI_DRIVER, else on PATH, else ~/.cache/idlens/tools/bin. */
export function findTauriDriver() {
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

/**
 * Has `child` (started `detached`, so it leads a process group) stopped with
 * the environment, after everything started before it. Returns the entry to
 * hand to `forgetProcess` once it has exited on its own.
 */
export function adoptProcess(name, child) {
  const entry = { name, child, exit: once(child, "exit").catch(() => {}) };
  started.push(entry);
  return entry;
}

export function forgetProcess(entry) {
  const index = started.indexOf(entry);
  if (index >= 0) started.splice(index, 1);
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

/** Starts tauri-driver on a free port once it answers; its port and process id. */
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
  return { port, pid: entry.child.pid };
}

/**
 * Starts a fresh user, bus, keyring, display and tauri-driver; `name` names
 * their logs. Returns the environment the app runs in (`env`), the temporary
 * HOME, and tauri-driver's port and process id (the app runs below it).
 */
export async function startEnvironment(name, driver) {
  mkdirSync(LOGS_DIR, { recursive: true });
  logPrefix = `${name}-`;
  const dirs = makeUserDirs();
  userRoot = dirs.root;
  const env = userEnv(dirs);
  env.DBUS_SESSION_BUS_ADDRESS = await startSessionBus(env, dirs);
  await startKeyring(env);
  env.DISPLAY = await startDisplay(env);
  env.GDK_BACKEND = "x11";
  const { port, pid } = await startTauriDriver(driver, env);
  return { env, home: dirs.home, port, driverPid: pid };
}

/**
 * What tests/e2e/driver.mjs reads from its environment: the driver's port, the
 * app, where screenshots go, and what the app sees (so specs can prepare and
 * check its files through the CLI).
 */
export function driverEnv({ env, port, app, screenshots }) {
  return {
    IDLENS_E2E_PORT: String(port),
    IDLENS_BIN: app,
    IDLENS_E2E_SCREENSHOTS: screenshots,
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

/** Stops everything started here and deletes the temporary HOME (kept with IDLENS_E2E_KEEP=1). */
export async function stopEnvironment() {
  await stopAll();
  if (!userRoot) return;
  if (process.env.IDLENS_E2E_KEEP === "1") log(`kept ${userRoot}`);
  else rmSync(userRoot, { recursive: true, force: true });
  userRoot = null;
}
