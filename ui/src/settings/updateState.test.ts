import { describe, expect, it } from "vitest";
import type { ApiError, UpdateAvailable, UpdateSettings } from "../bindings";
import {
  availableTitle,
  failureView,
  initialUpdateState,
  installedText,
  publishedOn,
  updateReducer,
  type UpdateEvent,
  type UpdateState,
} from "./updateState";

const on: UpdateSettings = { currentVersion: "0.1.0", enabled: true, endpoint: "updates.example.com" };
const off: UpdateSettings = { currentVersion: "0.1.0", enabled: false, endpoint: null };
const update: UpdateAvailable = { version: "0.2.0", date: "2026-11-20T10:00:00Z", notes: "Faster audits." };
const error = (code: ApiError["code"]): ApiError => ({ code, message: `${code}.` });

function run(events: UpdateEvent[], from: UpdateState = initialUpdateState): UpdateState {
  return events.reduce(updateReducer, from);
}

const available: UpdateEvent[] = [
  { type: "settings", settings: on },
  { type: "checkStarted" },
  { type: "checked", status: { ...on, available: update } },
];

describe("update state", () => {
  it("is off, with nothing to check, when the build has no endpoint", () => {
    const state = run([{ type: "settings", settings: off }, { type: "checkStarted" }, { type: "installStarted" }]);
    expect(state).toEqual({ kind: "off", settings: off });
  });

  it("says up to date after a check that found nothing", () => {
    const state = run([{ type: "settings", settings: on }, { type: "checkStarted" }, { type: "checked", status: { ...on, available: null } }]);
    expect(state).toEqual({ kind: "on", settings: on, checking: false, checked: { available: null }, failure: null });
  });

  it("offers an update, installs it with progress, and asks for a restart", () => {
    const progress = { phase: "Downloading IdLens 0.2.0 (KiB)", done: 10, total: 100, waitingUntil: null, waitNote: null };
    const installing = run([...available, { type: "installStarted" }, { type: "progress", progress }]);
    expect(installing).toEqual({ kind: "installing", settings: on, update, progress, cancelling: false });
    const done = run([{ type: "installed", installed: { version: "0.2.0", restartNeeded: true } }], installing);
    expect(done).toEqual({ kind: "installed", settings: on, installed: { version: "0.2.0", restartNeeded: true } });
    expect(installedText({ version: "0.2.0", restartNeeded: true })).toBe("Installed; restart IdLens to use 0.2.0.");
  });

  it("keeps offering the update after a cancelled or failed install", () => {
    const cancelled = run([...available, { type: "installStarted" }, { type: "cancelRequested" }, { type: "installFailed", error: error("cancelled") }]);
    expect(cancelled).toMatchObject({ kind: "on", checked: { available: update }, failure: { during: "install" } });
    expect(failureView({ during: "install", error: error("cancelled") })).toMatchObject({ tone: "info", installAgain: true });
    expect(failureView({ during: "install", error: error("network") })).toMatchObject({ tone: "warning", installAgain: true });
  });

  it("offers no second try of a refused update", () => {
    const refused = run([...available, { type: "installStarted" }, { type: "installFailed", error: error("updateRefused") }]);
    expect(refused).toMatchObject({ kind: "on", failure: { during: "install", error: { code: "updateRefused" } } });
    expect(failureView({ during: "install", error: error("updateRefused") })).toEqual({
      tone: "danger",
      title: "The update was refused",
      installAgain: false,
    });
  });

  it("keeps what it knew when a check fails, and clears the failure on the next check", () => {
    const failed = run([...available, { type: "checkStarted" }, { type: "checkFailed", error: error("network") }]);
    expect(failed).toMatchObject({ checking: false, checked: { available: update }, failure: { during: "check" } });
    expect(failureView({ during: "check", error: error("network") }).installAgain).toBe(false);
    expect(run([{ type: "checkStarted" }], failed)).toMatchObject({ checking: true, failure: null });
  });

  it("ignores late answers and double starts", () => {
    const installing = run([...available, { type: "installStarted" }]);
    expect(run([{ type: "installStarted" }], installing)).toBe(installing);
    expect(run([{ type: "checked", status: { ...on, available: null } }], installing)).toBe(installing);
    const done = run([{ type: "installed", installed: { version: "0.2.0", restartNeeded: true } }], installing);
    expect(run([{ type: "progress", progress: { phase: "x", done: 1, total: null, waitingUntil: null, waitNote: null } }], done)).toBe(done);
    // Nothing checked yet: nothing to install.
    const ready = run([{ type: "settings", settings: on }]);
    expect(run([{ type: "installStarted" }], ready)).toBe(ready);
  });

  it("words the offer and the date", () => {
    expect(availableTitle(update)).toBe("IdLens 0.2.0 is available");
    expect(publishedOn("2026-11-20T10:00:00Z")).toBe("20 November 2026");
    expect(publishedOn("yesterday")).toBeNull();
    expect(publishedOn(null)).toBeNull();
  });
});
