// What the Compare tab holds while IdLens runs: the two chosen sources, the
// saved snapshots and profiles to choose from, the compare in progress and
// the last result. Module state, so switching tabs or areas keeps it; a
// compare that ends while the tab is closed is there when it opens again.
//
// Invariants:
// - At most one compare runs; a new one cancels the one before it, and the
//   answer of a compare that is not the latest is dropped.
// - A compare that fails or is cancelled leaves no result: nothing partial.
// - Another profile starts over (its own defaults); the lists stay.
import { useSyncExternalStore } from "react";
import type { ApiError, DiffView, JobProgress, SnapshotFile } from "../../bindings";
import { commands } from "../../bindings";
import { toApiError } from "../../ipc";
import { startJob, type JobRun } from "../../jobs";
import {
  compareBlocker,
  initialSources,
  toSnapshotSource,
  withDefaults,
  type CompareSide,
  type SourceDraft,
} from "./compareSources";

export type Comparing = { progress: JobProgress | null; cancelling: boolean };

export type CompareState = {
  /** The profile the defaults are for; undefined until the tab first opens. */
  profile: string | null | undefined;
  a: SourceDraft;
  b: SourceDraft;
  /** Saved snapshots, newest first; null until first listed. */
  files: SnapshotFile[] | null;
  filesLoading: boolean;
  filesError: ApiError | null;
  /** Names of the configured profiles; null until listed. */
  profiles: string[] | null;
  profilesError: ApiError | null;
  running: Comparing | null;
  result: DiffView | null;
  /** Why the last compare failed (`cancelled` when the user stopped it). */
  error: ApiError | null;
};

const INITIAL: CompareState = {
  profile: undefined,
  ...initialSources(null),
  files: null,
  filesLoading: false,
  filesError: null,
  profiles: null,
  profilesError: null,
  running: null,
  result: null,
  error: null,
};

let state: CompareState = INITIAL;
let running: JobRun<DiffView> | null = null;
let generation = 0;
const listeners = new Set<() => void>();

function set(change: Partial<CompareState>) {
  state = { ...state, ...change };
  listeners.forEach((l) => l());
}

/** Sets lists or sources, then fills in the defaults they allow. */
function setWithDefaults(change: Partial<CompareState>) {
  const next = { ...state, ...change };
  const context = { files: next.files, profiles: next.profiles, profileInUse: next.profile ?? null };
  set({ ...change, a: withDefaults(next.a, context), b: withDefaults(next.b, context) });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCompareMemory(): CompareState {
  return useSyncExternalStore(subscribe, () => state);
}

function stopRunning() {
  running?.cancel();
  running = null;
  generation++;
}

export const compareMemory = {
  get: () => state,

  /** Starts over for another profile (cancelling its compare); the lists stay. */
  forProfile(profile: string | null) {
    if (state.profile === profile) return;
    stopRunning();
    setWithDefaults({ profile, ...initialSources(profile), running: null, result: null, error: null });
  },

  /** Lists the saved snapshots again. */
  async refreshFiles(): Promise<void> {
    set({ filesLoading: true });
    try {
      const files = await commands.rbacSnapshotFiles();
      setWithDefaults({ files, filesLoading: false, filesError: null });
    } catch (e) {
      set({ filesLoading: false, filesError: toApiError(e) });
    }
  },

  /** Lists the configured profiles again. */
  async refreshProfiles(): Promise<void> {
    try {
      const list = await commands.profileList();
      setWithDefaults({ profiles: list.profiles.map((p) => p.name), profilesError: null });
    } catch (e) {
      set({ profilesError: toApiError(e) });
    }
  },

  setSource(side: CompareSide, change: Partial<SourceDraft>) {
    set(side === "a" ? { a: { ...state.a, ...change } } : { b: { ...state.b, ...change } });
  },

  swap: () => set({ a: state.b, b: state.a }),

  /** Compares A with B as a job; the result replaces the last one. */
  run() {
    const a = toSnapshotSource(state.a);
    const b = toSnapshotSource(state.b);
    if (compareBlocker(state.a, state.b) !== null || a === null || b === null) return;
    stopRunning();
    const mine = generation;
    set({ running: { progress: null, cancelling: false }, result: null, error: null });
    const run = startJob<DiffView>(
      (onEvent) => commands.rbacDiff({ a, b }, onEvent),
      (progress) => {
        if (mine === generation && state.running) set({ running: { ...state.running, progress } });
      },
    );
    running = run;
    run.result.then(
      (result) => finish(mine, { result }),
      (error: ApiError) => finish(mine, { error }),
    );
  },

  cancel() {
    if (!running || !state.running) return;
    set({ running: { ...state.running, cancelling: true } });
    running.cancel();
  },

  dismissError: () => set({ error: null }),
};

/** Takes the outcome of compare `mine`, unless a later one replaced it. */
function finish(mine: number, outcome: { result: DiffView } | { error: ApiError }) {
  if (mine !== generation) return;
  running = null;
  if ("result" in outcome) set({ running: null, result: outcome.result, error: null });
  else set({ running: null, result: null, error: outcome.error });
}
