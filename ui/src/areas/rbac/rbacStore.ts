// What the Roles & permissions screen holds while IdLens runs: the loaded
// overview of the profile's tenant (members stay in the core and are paged
// from there), the load in progress, and where the user was (tab, the role,
// API or user open). Module state, so it survives switching areas; nothing
// here is written anywhere.
//
// Invariants:
// - At most one load runs; a new load cancels the one before it, and the
//   answer of a load that is not the latest is dropped.
// - A failed or cancelled load keeps the overview loaded before it on screen
//   (marked as what it is), never a partial one.
import { useSyncExternalStore } from "react";
import type { ApiError, JobProgress, RbacOverview } from "../../bindings";
import { commands } from "../../bindings";
import { startJob, type JobRun } from "../../jobs";

export type RbacTab = "roles" | "apis" | "users" | "matrix" | "explain" | "tokenCheck" | "findings" | "compare";

export type Loading = { progress: JobProgress | null; cancelling: boolean; includeUsers: boolean };

export type ExplainDraft = { userId: string; permission: string; api: string | null };

export type TokenSource = "session" | "pasted" | "inspector";

export type RbacState = {
  /** The profile the rest is about. */
  profile: string | null;
  overview: RbacOverview | null;
  loading: Loading | null;
  /** Why the last load failed (`cancelled` when the user stopped it). */
  error: ApiError | null;
  tab: RbacTab;
  roleId: string | null;
  api: string | null;
  userId: string | null;
  explain: ExplainDraft;
  tokenSource: TokenSource;
};

const INITIAL: RbacState = {
  profile: null,
  overview: null,
  loading: null,
  error: null,
  tab: "roles",
  roleId: null,
  api: null,
  userId: null,
  explain: { userId: "", permission: "", api: null },
  tokenSource: "session",
};

let state: RbacState = INITIAL;
let running: JobRun<RbacOverview> | null = null;
let generation = 0;
const listeners = new Set<() => void>();

function set(change: Partial<RbacState>) {
  state = { ...state, ...change };
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRbacState(): RbacState {
  return useSyncExternalStore(subscribe, () => state);
}

export const rbacStore = {
  get: () => state,

  /**
   * Starts over for another profile (cancelling any load of the old one);
   * the open tab and the token source stay, they are the user's habits.
   */
  forProfile(profile: string) {
    if (state.profile === profile) return;
    running?.cancel();
    running = null;
    generation++;
    state = { ...INITIAL, profile, tab: state.tab, tokenSource: state.tokenSource };
    listeners.forEach((l) => l());
  },

  /** Loads (or reloads) the tenant's roles, permissions and members as a job. */
  load(includeUsers: boolean) {
    const profile = state.profile;
    running?.cancel();
    const mine = ++generation;
    set({ loading: { progress: null, cancelling: false, includeUsers }, error: null });
    const run = startJob<RbacOverview>(
      (onEvent) => commands.rbacSnapshot({ profile, includeUsers }, onEvent),
      (progress) => {
        if (mine === generation && state.loading) set({ loading: { ...state.loading, progress } });
      },
    );
    running = run;
    run.result.then(
      (overview) => {
        if (mine !== generation) return;
        running = null;
        set({ overview, loading: null, error: null });
      },
      (error: ApiError) => {
        if (mine !== generation) return;
        running = null;
        set({ loading: null, error });
      },
    );
  },

  cancel() {
    if (!running || !state.loading) return;
    set({ loading: { ...state.loading, cancelling: true } });
    running.cancel();
  },

  dismissError: () => set({ error: null }),
  setTab: (tab: RbacTab) => set({ tab }),
  openRole: (roleId: string | null) => set({ roleId, tab: "roles" }),
  openApi: (api: string | null) => set({ api, tab: "apis" }),
  openUser: (userId: string | null) => set({ userId, tab: "users" }),
  setExplain: (change: Partial<ExplainDraft>) => set({ explain: { ...state.explain, ...change } }),
  /** Opens Explain with a question filled in. */
  explain: (draft: ExplainDraft) => set({ explain: draft, tab: "explain" }),
  setTokenSource: (tokenSource: TokenSource) => set({ tokenSource }),
  /** Opens Token check on the Inspector's token (from the Inspector). */
  checkInspectorToken: () => set({ tokenSource: "inspector", tab: "tokenCheck" }),
};
