// Long work in the core (a tenant snapshot, a diff) runs as a job: the core
// answers at once with the job's id, then streams progress and exactly one
// result or error. `startJob` turns that into a promise of the result, a
// progress callback and a cancel that works before the id has arrived.
import type { ApiError, JobEvent, JobId, JobProgress } from "./bindings";
import { commands } from "./bindings";
import { toApiError } from "./ipc";

export type JobRun<T> = {
  /** The job's result; rejects with an ApiError (`cancelled` after `cancel`). */
  result: Promise<T>;
  /** Asks the core to stop the job; its result then rejects with `cancelled`. */
  cancel: () => void;
};

type Start<T> = (onEvent: (event: JobEvent<T>) => void) => Promise<JobId>;
type Cancel = (id: JobId) => Promise<void>;

export function startJob<T>(
  start: Start<T>,
  onProgress: (progress: JobProgress) => void,
  cancelJob: Cancel = commands.jobCancel,
): JobRun<T> {
  let settle: { resolve: (value: T) => void; reject: (error: ApiError) => void } | null = null;
  const result = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let ended = false;
  const end = (outcome: { ok: true; value: T } | { ok: false; error: ApiError }) => {
    if (ended || !settle) return;
    ended = true;
    if (outcome.ok) settle.resolve(outcome.value);
    else settle.reject(outcome.error);
  };
  const id = start((event) => {
    if (ended) return;
    if (event.kind === "progress") onProgress(event.progress);
    else if (event.kind === "done") end({ ok: true, value: event.result });
    else end({ ok: false, error: event.error });
  });
  id.catch((e: unknown) => end({ ok: false, error: toApiError(e) }));
  const cancel = () => {
    if (ended) return;
    id.then((jobId) => cancelJob(jobId)).catch(() => {
      // The job ended or never started: its result says which.
    });
  };
  return { result, cancel };
}
