// Long work in the core (a tenant snapshot, a diff) runs as a job: the core
// answers at once with the job's id, then streams progress and exactly one
// result or error. `startJob` turns that into a promise of the result, a
// progress callback and a cancel that works before the id has arrived. A
// streaming job (the logs jobs, `stream_job` in the command table) also
// sends batches of partial results before its end, in order: they go to
// `onBatch`, and a batch with nowhere to go fails the run rather than being
// dropped.
import type { ApiError, JobEvent, JobId, JobProgress, LogBatch } from "./bindings";
import { commands } from "./bindings";
import { announceJobEnd, forgetJobRun } from "./components/JobAnnouncer";
import { toApiError } from "./ipc";

export type JobRun<T> = {
  /** The job's result; rejects with an ApiError (`cancelled` after `cancel`). */
  result: Promise<T>;
  /** Asks the core to stop the job; its result then rejects with `cancelled`. */
  cancel: () => void;
};

type Start<T> = (onEvent: (event: JobEvent<T>) => void) => Promise<JobId>;
type Cancel = (id: JobId) => Promise<void>;

/** Where a streaming job's batches go, in the order the core sent them. */
export type OnBatch = (batch: LogBatch) => void;

/** The error a run ends with when a batch comes and the run has nowhere to put it. */
export const UNEXPECTED_BATCH: ApiError = {
  code: "internal",
  message: "This job sent partial results and the screen that started it has nowhere to show them: it was stopped. Report this as a bug in IdLens.",
};

export function startJob<T>(
  start: Start<T>,
  onProgress: (progress: JobProgress) => void,
  cancelJob: Cancel = commands.jobCancel,
  onBatch?: OnBatch,
): JobRun<T> {
  let settle: { resolve: (value: T) => void; reject: (error: ApiError) => void } | null = null;
  const result = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let ended = false;
  const end = (outcome: Outcome<T>) => {
    if (ended || !settle) return;
    ended = true;
    if (outcome.ok) settle.resolve(outcome.value);
    else settle.reject(outcome.error);
  };
  const askCancel = () => {
    id.then((jobId) => cancelJob(jobId)).catch(() => {
      // The job ended or never started: its result says which.
    });
  };
  const id = start((event) => {
    if (ended) return;
    if (event.kind === "progress") onProgress(event.progress);
    else if (event.kind === "batch") {
      if (onBatch) onBatch(event.batch);
      else {
        end({ ok: false, error: UNEXPECTED_BATCH });
        askCancel();
      }
    } else if (event.kind === "done") end({ ok: true, value: event.result });
    else end({ ok: false, error: event.error });
  });
  id.catch((e: unknown) => end({ ok: false, error: toApiError(e) }));
  const cancel = () => {
    if (!ended) askCancel();
  };
  return { result, cancel };
}

/** A job on screen: its last progress, and whether cancel was asked for. */
export type Running = {
  progress: JobProgress | null;
  cancelling: boolean;
  /** Names this run of the job (`nextJobRun`): what is announced of it follows it (components/JobAnnouncer). */
  run?: number;
};

let runs = 0;

/** A new run's name, unique in the app. */
export function nextJobRun(): number {
  return ++runs;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * One job at a time, shown through `show` (usually a store field): starting
 * another cancels the one before, and only the latest one's progress and
 * outcome are delivered.
 */
export class JobSlot<T> {
  private run: JobRun<T> | null = null;
  private generation = 0;
  private running: Running | null = null;

  constructor(
    private readonly show: (running: Running | null) => void,
    private readonly cancelJob: Cancel = commands.jobCancel,
  ) {}

  private update(running: Running | null) {
    this.running = running;
    this.show(running);
  }

  /**
   * Starts `begin`'s job. `apply` takes its outcome in the same moment the
   * slot shows no job any more, so nothing sees the job ended without its
   * outcome (the promise resolves a moment later). A streaming job's
   * batches go to `onBatch` while it is the slot's job.
   */
  start(begin: Start<T>, apply?: (outcome: Outcome<T>) => void, onBatch?: OnBatch): Promise<Outcome<T>> {
    this.run?.cancel();
    this.forget();
    const mine = ++this.generation;
    const name = nextJobRun();
    this.update({ progress: null, cancelling: false, run: name });
    const run = startJob<T>(
      begin,
      (progress) => {
        if (mine === this.generation && this.running) this.update({ ...this.running, progress });
      },
      this.cancelJob,
      onBatch &&
        ((batch) => {
          if (mine === this.generation) onBatch(batch);
        }),
    );
    this.run = run;
    const settle = (outcome: Outcome<T>, resolve: (outcome: Outcome<T>) => void) => {
      if (mine !== this.generation) return;
      this.run = null;
      this.update(null);
      apply?.(outcome);
      announceJobEnd(name, outcome);
      resolve(outcome);
    };
    return new Promise((resolve) => {
      run.result.then(
        (value) => settle({ ok: true, value }, resolve),
        (error: ApiError) => settle({ ok: false, error }, resolve),
      );
    });
  }

  /** Nothing more is said of the run shown now, if any: its outcome will not be delivered. */
  private forget() {
    if (this.running?.run !== undefined) forgetJobRun(this.running.run);
  }

  cancel = () => {
    if (!this.run || !this.running) return;
    this.update({ ...this.running, cancelling: true });
    this.run.cancel();
  };

  /** Cancels the job and forgets it: its outcome is never delivered. */
  stop() {
    this.run?.cancel();
    this.forget();
    this.run = null;
    this.generation++;
    this.running = null;
  }
}
