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
import type { ApiError, DiffView, SnapshotFile } from "../../bindings";
import { commands } from "../../bindings";
import { toApiError } from "../../ipc";
import { JobSlot, type Running } from "../../jobs";
import { createStore } from "../../store";
import {
  compareBlocker,
  initialSources,
  toSnapshotSource,
  withDefaults,
  type CompareSide,
  type SourceDraft,
} from "./compareSources";

export type Comparing = Running;

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

const store = createStore<CompareState>(INITIAL);
const set = store.set;
const compareSlot = new JobSlot<DiffView>((running) => set({ running }));

/** Sets lists or sources, then fills in the defaults they allow. */
function setWithDefaults(change: Partial<CompareState>) {
  const next = { ...store.get(), ...change };
  const context = { files: next.files, profiles: next.profiles, profileInUse: next.profile ?? null };
  set({ ...change, a: withDefaults(next.a, context), b: withDefaults(next.b, context) });
}

export const useCompareMemory = store.use;

export const compareMemory = {
  get: store.get,

  /** Starts over for another profile (cancelling its compare); the lists stay. */
  forProfile(profile: string | null) {
    if (store.get().profile === profile) return;
    compareSlot.stop();
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
    const { a, b } = store.get();
    set(side === "a" ? { a: { ...a, ...change } } : { b: { ...b, ...change } });
  },

  swap: () => set({ a: store.get().b, b: store.get().a }),

  /** Compares A with B as a job; the result replaces the last one. A failed or cancelled one leaves none. */
  run() {
    const state = store.get();
    const a = toSnapshotSource(state.a);
    const b = toSnapshotSource(state.b);
    if (compareBlocker(state.a, state.b) !== null || a === null || b === null) return;
    set({ result: null, error: null });
    void compareSlot.start(
      (onEvent) => commands.rbacDiff({ a, b }, onEvent),
      (outcome) => set(outcome.ok ? { result: outcome.value, error: null } : { result: null, error: outcome.error }),
    );
  },

  cancel: () => compareSlot.cancel(),

  dismissError: () => set({ error: null }),
};
