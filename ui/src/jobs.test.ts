import { describe, expect, it } from "vitest";
import type { ApiError, JobEvent, JobId, JobProgress } from "./bindings";
import { startJob } from "./jobs";

type Harness = { send: (event: JobEvent<string>) => void; cancelled: JobId[] };

function harness(id: Promise<JobId>): Harness & { run: ReturnType<typeof startJob<string>>; progress: JobProgress[] } {
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
  );
  return { send: (e) => send(e), cancelled, run, progress };
}

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

  it("a job that cannot start rejects as an ApiError", async () => {
    const h = harness(Promise.reject("command rbac_snapshot not found"));
    await expect(h.run.result).rejects.toMatchObject({ code: "internal" });
  });
});
