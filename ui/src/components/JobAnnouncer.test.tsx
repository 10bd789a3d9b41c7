// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { JobEvent, JobProgress } from "../bindings";
import { JobSlot, type Running } from "../jobs";
import { createStore } from "../store";
import { JobAnnouncer } from "./JobAnnouncer";
import { JobProgressBar } from "./JobProgressBar";

afterEach(cleanup);

const users = (done: number): JobProgress => ({ phase: "Users", done, total: 100, waitingUntil: null, waitNote: null });

/** A screen with a job slot and its bar, and the app's one announcer beside it. */
function setUp() {
  const running = createStore<{ job: Running | null }>({ job: null });
  const slot = new JobSlot<string>((job) => running.set({ job }), async () => undefined);
  let send: (event: JobEvent<string>) => void = () => undefined;
  function Screen() {
    const { job } = running.use();
    return <JobProgressBar title="Exporting users" job={job} onCancel={slot.cancel} testId="export" />;
  }
  render(
    <>
      <Screen />
      <JobAnnouncer />
    </>,
  );
  const start = () =>
    act(() => {
      void slot.start((onEvent) => {
        send = onEvent;
        return Promise.resolve(1);
      });
    });
  const emit = async (event: JobEvent<string>) => {
    await act(async () => send(event));
  };
  return { slot, start, emit };
}

const region = () => screen.getByTestId("job-announcer");

describe("JobAnnouncer", () => {
  it("is the one polite live region for jobs; the bar itself is not live", async () => {
    const { start, emit } = setUp();
    start();
    await emit({ kind: "progress", progress: users(5) });
    expect(region().getAttribute("aria-live")).toBe("polite");
    expect(screen.getByTestId("export").closest("[aria-live]")).toBeNull();
  });

  it("says the start, each tenth once, and the end after the bar is gone", async () => {
    const { start, emit } = setUp();
    start();
    expect(region().textContent).toBe("Exporting users: Starting…");
    await emit({ kind: "progress", progress: users(1) });
    expect(region().textContent).toBe("Users — 1 of 100");
    const texts: string[] = [];
    for (const done of [2, 5, 9, 10, 11, 19, 20]) {
      await emit({ kind: "progress", progress: users(done) });
      texts.push(region().textContent ?? "");
    }
    expect(texts).toEqual([
      "Users — 1 of 100",
      "Users — 1 of 100",
      "Users — 1 of 100",
      "Users — 10 of 100 (10 %)",
      "Users — 10 of 100 (10 %)",
      "Users — 10 of 100 (10 %)",
      "Users — 20 of 100 (20 %)",
    ]);
    await emit({ kind: "done", result: "saved" });
    expect(screen.queryByTestId("export")).toBeNull();
    expect(region().textContent).toBe("Exporting users: done.");
  });

  it("says cancel was asked for, then that the job was cancelled", async () => {
    const { slot, start, emit } = setUp();
    start();
    await emit({ kind: "progress", progress: users(30) });
    act(() => slot.cancel());
    expect(region().textContent).toBe("Exporting users: Cancelling…");
    await emit({ kind: "failed", error: { code: "cancelled", message: "Cancelled." } });
    expect(region().textContent).toBe("Exporting users: cancelled; nothing partial is kept.");
  });
});
