import { describe, expect, it } from "vitest";
import type { ApiError, JobEvent, JobId, JobProgress, LogBatch } from "./bindings";
import { logEventView } from "./areas/support/logEventView.testing";
import { JobSlot, UNEXPECTED_BATCH, startJob, type OnBatch, type Running } from "./jobs";

type Harness = { send: (event: JobEvent<string>) => void; cancelled: JobId[] };

function harness(id: Promise<JobId>, onBatch?: OnBatch): Harness & { run: ReturnType<typeof startJob<string>>; progress: JobProgress[] } {
  const progress: JobProgress[] = [];
  const cancelled: JobId[] = [];
  let send: (event: JobEvent<string>) => void = () => undefined;
  const run = startJob<string>(
    (onEvent) => {
      send = onEvent;
      return id;
    },
    (p) => progress.push(p),
    async (jobId) => {
      cancelled.push(jobId);
    },
    onBatch,
  );
  return { send: (e) => send(e), cancelled, run, progress };
}

const batchOf = (...logIds: string[]): LogBatch => ({
  events: logIds.map((logId) => logEventView(logId)),
  caughtUp: logIds.length === 0,
});

const idsOf = (batches: LogBatch[]) => batches.map((b) => b.events.map((e) => e.logId).join(",") || "caught up");

const step = (done: number): JobProgress => ({ phase: "Roles", done, total: 8, waitingUntil: null, waitNote: null });

describe("startJob", () => {
  it("reports progress, then resolves with the one result", async () => {
    const h = harness(Promise.resolve(7));
    h.send({ kind: "progress", progress: step(1) });
    h.send({ kind: "progress", progress: step(2) });
    h.send({ kind: "done", result: "snapshot" });
    h.send({ kind: "progress", progress: step(3) });
    await expect(h.run.result).resolves.toBe("snapshot");
    expect(h.progress.map((p) => p.done)).toEqual([1, 2]);
  });

  it("rejects with the job's error", async () => {
    const h = harness(Promise.resolve(7));
    const error: ApiError = { code: "forbidden", message: "needs read:roles" };
    h.send({ kind: "failed", error });
    await expect(h.run.result).rejects.toEqual(error);
  });

  it("cancels by id once the id has arrived, and not after the end", async () => {
    let giveId: (id: JobId) => void = () => undefined;
    const h = harness(new Promise<JobId>((resolve) => (giveId = resolve)));
    h.run.cancel();
    expect(h.cancelled).toEqual([]);
    giveId(42);
    await Promise.resolve();
    await Promise.resolve();
    expect(h.cancelled).toEqual([42]);
    h.send({ kind: "failed", error: { code: "cancelled", message: "Cancelled." } });
    await expect(h.run.result).rejects.toMatchObject({ code: "cancelled" });
    h.run.cancel();
    await Promise.resolve();
    expect(h.cancelled).toEqual([42]);
  });

  it("hands a streaming job's batches on in order, between its progress, and none after its end", async () => {
    const batches: LogBatch[] = [];
    const h = harness(Promise.resolve(7), (b) => batches.push(b));
    h.send({ kind: "progress", progress: step(1) });
    h.send({ kind: "batch", batch: batchOf("1", "2") });
    h.send({ kind: "batch", batch: batchOf() });
    h.send({ kind: "batch", batch: batchOf("3") });
    h.send({ kind: "done", result: "summary" });
    h.send({ kind: "batch", batch: batchOf("4") });
    await expect(h.run.result).resolves.toBe("summary");
    expect(idsOf(batches)).toEqual(["1,2", "caught up", "3"]);
    expect(h.progress.map((p) => p.done)).toEqual([1]);
  });

  it("fails and cancels a run that gets a batch with nowhere to put it, rather than drop it", async () => {
    const h = harness(Promise.resolve(7));
    h.send({ kind: "batch", batch: batchOf("1") });
    await expect(h.run.result).rejects.toEqual(UNEXPECTED_BATCH);
    await Promise.resolve();
    await Promise.resolve();
    expect(h.cancelled).toEqual([7]);
  });

  it("a job that cannot start rejects as an ApiError", async () => {
    const h = harness(Promise.reject("command rbac_snapshot not found"));
    await expect(h.run.result).rejects.toMatchObject({ code: "internal" });
  });
});

describe("JobSlot", () => {
  type Begun = { send: (event: JobEvent<string>) => void; id: JobId };

  function slot() {
    const shown: (Running | null)[] = [];
    const cancelled: JobId[] = [];
    const begun: Begun[] = [];
    const jobs = new JobSlot<string>(
      (running) => shown.push(running),
      async (id) => {
        cancelled.push(id);
      },
    );
    const begin = (onEvent: (event: JobEvent<string>) => void) => {
      const id = begun.length + 1;
      begun.push({ send: onEvent, id });
      return Promise.resolve(id);
    };
    return { jobs, begin, shown, cancelled, begun, last: () => shown.at(-1) };
  }

  it("shows the job's progress, then takes its outcome in the same moment the slot clears", async () => {
    // What a render (a microtask after the slot clears) would see: the outcome already applied.
    const seenAfterClear: (string | null)[] = [];
    let applied: string | null = null;
    const jobs = new JobSlot<string>(
      (running) => {
        if (running === null) queueMicrotask(() => seenAfterClear.push(applied));
      },
      async () => undefined,
    );
    let send: (event: JobEvent<string>) => void = () => undefined;
    const outcome = jobs.start(
      (onEvent) => {
        send = onEvent;
        return Promise.resolve(1);
      },
      (o) => (applied = o.ok ? o.value : null),
    );
    send({ kind: "progress", progress: step(3) });
    send({ kind: "done", result: "report" });
    await expect(outcome).resolves.toEqual({ ok: true, value: "report" });
    expect(seenAfterClear).toEqual(["report"]);
  });

  it("shows the job's progress while it runs, and no job once it ended", async () => {
    const s = slot();
    const outcome = s.jobs.start(s.begin);
    expect(s.last()).toEqual({ progress: null, cancelling: false, run: expect.any(Number) });
    s.begun[0]?.send({ kind: "progress", progress: step(3) });
    expect(s.last()?.progress?.done).toBe(3);
    s.begun[0]?.send({ kind: "done", result: "report" });
    await outcome;
    expect(s.last()).toBeNull();
  });

  it("cancels the job before when another starts, and delivers only the latest", async () => {
    const s = slot();
    const applied: string[] = [];
    const first = s.jobs.start(s.begin, (o) => applied.push(o.ok ? o.value : o.error.code));
    const second = s.jobs.start(s.begin, (o) => applied.push(o.ok ? o.value : o.error.code));
    await Promise.resolve();
    await Promise.resolve();
    expect(s.cancelled).toEqual([1]);
    s.begun[0]?.send({ kind: "progress", progress: step(7) });
    expect(s.last()?.progress).toBeNull();
    s.begun[0]?.send({ kind: "failed", error: { code: "cancelled", message: "Cancelled." } });
    s.begun[1]?.send({ kind: "done", result: "second" });
    await expect(second).resolves.toEqual({ ok: true, value: "second" });
    expect(applied).toEqual(["second"]);
    let firstSettled = false;
    void first.then(() => (firstSettled = true));
    await Promise.resolve();
    expect(firstSettled).toBe(false);
  });

  it("delivers the batches of the slot's job only: none of one replaced or stopped", async () => {
    const s = slot();
    const batches: string[] = [];
    const onBatch = (tag: string) => (b: LogBatch) => batches.push(`${tag}:${idsOf([b]).join("")}`);
    void s.jobs.start(s.begin, undefined, onBatch("first"));
    s.begun[0]?.send({ kind: "batch", batch: batchOf("1") });
    void s.jobs.start(s.begin, undefined, onBatch("second"));
    s.begun[0]?.send({ kind: "batch", batch: batchOf("2") });
    s.begun[1]?.send({ kind: "batch", batch: batchOf("3") });
    s.jobs.stop();
    s.begun[1]?.send({ kind: "batch", batch: batchOf("4") });
    expect(batches).toEqual(["first:1", "second:3"]);
  });

  it("marks a cancel asked for, and delivers the cancelled outcome", async () => {
    const s = slot();
    const outcome = s.jobs.start(s.begin);
    s.jobs.cancel();
    expect(s.last()).toEqual({ progress: null, cancelling: true, run: expect.any(Number) });
    await Promise.resolve();
    await Promise.resolve();
    expect(s.cancelled).toEqual([1]);
    s.begun[0]?.send({ kind: "failed", error: { code: "cancelled", message: "Cancelled." } });
    await expect(outcome).resolves.toMatchObject({ ok: false, error: { code: "cancelled" } });
    expect(s.last()).toBeNull();
  });

  it("forgets a stopped job: its outcome is never shown or applied", async () => {
    const s = slot();
    const applied: unknown[] = [];
    void s.jobs.start(s.begin, (o) => applied.push(o));
    const shownBefore = s.shown.length;
    s.jobs.stop();
    s.begun[0]?.send({ kind: "done", result: "late" });
    await Promise.resolve();
    await Promise.resolve();
    expect(applied).toEqual([]);
    expect(s.shown.length).toBe(shownBefore);
  });
});
