import { beforeEach, describe, expect, it, vi } from "vitest";
import type { JobEvent, JobId, LogsSummary, LogsTailRequest } from "../../bindings";
import { liveLogsStore } from "./liveLogsStore";
import { logEventView } from "./logEventView.testing";

type Send = (event: JobEvent<LogsSummary>) => void;

const core = vi.hoisted(() => ({
  logsTail: vi.fn<(request: LogsTailRequest, onEvent: (event: JobEvent<LogsSummary>) => void) => Promise<JobId>>(),
  jobCancel: vi.fn<(id: JobId) => Promise<void>>(),
}));
vi.mock("../../bindings", async (original) => ({
  ...(await original<typeof import("../../bindings")>()),
  commands: core,
}));

/** Each tail started: its request, and how to send it events. */
let tails: { request: LogsTailRequest; send: Send }[] = [];

const batch = (...ids: string[]): JobEvent<LogsSummary> => ({
  kind: "batch",
  batch: { events: ids.map((id) => logEventView(id)), caughtUp: ids.length === 0 },
});

const shownIds = () => liveLogsStore.get().list.events.map((e) => e.logId);
const settle = async () => {
  for (let i = 0; i < 4; i++) await Promise.resolve();
};

let profiles = 0;

beforeEach(() => {
  tails = [];
  core.logsTail.mockReset();
  core.jobCancel.mockReset();
  core.logsTail.mockImplementation((request, onEvent) => {
    tails.push({ request, send: onEvent });
    return Promise.resolve(tails.length);
  });
  core.jobCancel.mockResolvedValue(undefined);
  // A profile of its own for each test: the store starts over.
  liveLogsStore.forProfile(`profile-${++profiles}`);
});

describe("liveLogsStore", () => {
  it("tails with the filter and category chosen, and lists what comes newest first", () => {
    liveLogsStore.setFilter("  type:fp  ");
    liveLogsStore.setCategory("login");
    liveLogsStore.start();
    expect(tails[0]?.request).toEqual({
      profile: `profile-${profiles}`,
      filter: "type:fp",
      category: "login",
      pollIntervalMs: null,
    });
    tails[0]?.send(batch("1", "2"));
    expect(liveLogsStore.get().caughtUp).toBe(false);
    tails[0]?.send(batch());
    expect(liveLogsStore.get().caughtUp).toBe(true);
    tails[0]?.send(batch("3"));
    expect(shownIds()).toEqual(["3", "2", "1"]);
    expect(liveLogsStore.get().caughtUp).toBe(false);
  });

  it("Stop cancels the core's job and keeps the events shown", async () => {
    liveLogsStore.start();
    tails[0]?.send(batch("1"));
    liveLogsStore.stop();
    await settle();
    expect(core.jobCancel).toHaveBeenCalledWith(1);
    expect(liveLogsStore.get().running).toBeNull();
    tails[0]?.send(batch("2"));
    expect(shownIds()).toEqual(["1"]);
  });

  it("shows the core's error when the tail fails (a bad filter), and no running tail", async () => {
    liveLogsStore.setFilter("type:(");
    liveLogsStore.start();
    tails[0]?.send({ kind: "failed", error: { code: "invalidInput", message: "The filter is not Lucene: …" } });
    await settle();
    expect(liveLogsStore.get().error?.code).toBe("invalidInput");
    expect(liveLogsStore.get().running).toBeNull();
  });

  it("a category chosen while following starts again with it; while stopped, waits for Start", () => {
    liveLogsStore.setCategory("mfa");
    expect(tails).toHaveLength(0);
    liveLogsStore.start();
    tails[0]?.send(batch("1"));
    liveLogsStore.setCategory("login");
    expect(tails.map((t) => t.request.category)).toEqual(["mfa", "login"]);
    expect(shownIds()).toEqual([]);
  });

  it("Start again begins a new list, and the tail before it adds nothing more", async () => {
    liveLogsStore.start();
    tails[0]?.send(batch("1"));
    liveLogsStore.start();
    expect(shownIds()).toEqual([]);
    tails[0]?.send(batch("2"));
    tails[1]?.send(batch("3"));
    expect(shownIds()).toEqual(["3"]);
    await settle();
    expect(core.jobCancel).toHaveBeenCalledWith(1);
  });
});
