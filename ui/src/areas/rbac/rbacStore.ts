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
import type { ApiError, RbacOverview } from "../../bindings";
import { commands } from "../../bindings";
import { JobSlot, type Running } from "../../jobs";
import { createStore } from "../../store";

export type RbacTab = "roles" | "apis" | "users" | "matrix" | "explain" | "tokenCheck" | "findings" | "compare";

export type Loading = Running & { includeUsers: boolean };

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

const store = createStore<RbacState>(INITIAL);
const set = store.set;
let includingUsers = false;
const loadSlot = new JobSlot<RbacOverview>((running) =>
  set({ loading: running ? { ...running, includeUsers: includingUsers } : null }),
);

export const useRbacState = store.use;

export const rbacStore = {
  get: store.get,

  /**
   * Starts over for another profile (cancelling any load of the old one);
   * the open tab and the token source stay, they are the user's habits.
   */
  forProfile(profile: string) {
    const state = store.get();
    if (state.profile === profile) return;
    loadSlot.stop();
    store.replace({ ...INITIAL, profile, tab: state.tab, tokenSource: state.tokenSource });
  },

  /** Loads (or reloads) the tenant's roles, permissions and members as a job. */
  load(includeUsers: boolean) {
    const profile = store.get().profile;
    includingUsers = includeUsers;
    set({ error: null });
    void loadSlot.start(
      (onEvent) => commands.rbacSnapshot({ profile, includeUsers }, onEvent),
      (outcome) => set(outcome.ok ? { overview: outcome.value, error: null } : { error: outcome.error }),
    );
  },

  cancel: () => loadSlot.cancel(),

  dismissError: () => set({ error: null }),
  setTab: (tab: RbacTab) => set({ tab }),
  openRole: (roleId: string | null) => set({ roleId, tab: "roles" }),
  openApi: (api: string | null) => set({ api, tab: "apis" }),
  openUser: (userId: string | null) => set({ userId, tab: "users" }),
  setExplain: (change: Partial<ExplainDraft>) => set({ explain: { ...store.get().explain, ...change } }),
  /** Opens Explain with a question filled in. */
  explain: (draft: ExplainDraft) => set({ explain: draft, tab: "explain" }),
  setTokenSource: (tokenSource: TokenSource) => set({ tokenSource }),
  /** Opens Token check on the Inspector's token (from the Inspector). */
  checkInspectorToken: () => set({ tokenSource: "inspector", tab: "tokenCheck" }),
};
