// A small module-level store (state that survives switching areas), and a
// slot for one job at a time whose late answers are dropped.
import { useSyncExternalStore } from "react";
import type { ApiError, JobEvent, JobId, JobProgress } from "../../bindings";
import { startJob, type JobRun } from "../../jobs";

export type Store<S> = {
  get: () => S;
  set: (change: Partial<S>) => void;
  replace: (next: S) => void;
  use: () => S;
};

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    get: () => state,
    set(change) {
      state = { ...state, ...change };
      notify();
    },
    replace(next) {
      state = next;
      notify();
    },
    use: () => useSyncExternalStore(subscribe, () => state),
  };
}

/** A job on screen: its last progress, and whether cancel was asked for. */
export type Running = { progress: JobProgress | null; cancelling: boolean };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * One job at a time: starting another cancels the one before, and only the
 * latest one's progress and outcome are delivered.
 */
export class JobSlot<T> {
  private run: JobRun<T> | null = null;
  private generation = 0;

  constructor(private readonly show: (running: Running | null) => void) {}

  private running: Running | null = null;

  private update(running: Running | null) {
    this.running = running;
    this.show(running);
  }

  start(begin: (onEvent: (event: JobEvent<T>) => void) => Promise<JobId>): Promise<Outcome<T>> {
    this.run?.cancel();
    const mine = ++this.generation;
    this.update({ progress: null, cancelling: false });
    const run = startJob<T>(begin, (progress) => {
      if (mine === this.generation && this.running) this.update({ ...this.running, progress });
    });
    this.run = run;
    return new Promise((resolve) => {
      run.result.then(
        (value) => {
          if (mine !== this.generation) return;
          this.run = null;
          this.update(null);
          resolve({ ok: true, value });
        },
        (error: ApiError) => {
          if (mine !== this.generation) return;
          this.run = null;
          this.update(null);
          resolve({ ok: false, error });
        },
      );
    });
  }

  cancel = () => {
    if (!this.run || !this.running) return;
    this.update({ ...this.running, cancelling: true });
    this.run.cancel();
  };

  /** Cancels the job and forgets it: its outcome is never delivered. */
  stop() {
    this.run?.cancel();
    this.run = null;
    this.generation++;
    this.running = null;
  }
}
