// What the Support area's action-log tab holds while IdLens runs: the log's
// newest lines (and older ones loaded with "Load more"), its last
// verification, and what is being read.
//
// Invariants:
// - Only the newest read counts: an answer to a read started before a
//   reload is dropped (`generation`), so a slow page never overwrites a
//   fresher list.
// - A list that changed under a "Load more" is read again from the top
//   (see actionLogPaging), never patched together.
// - A verdict describes the log it read: when the log is seen to change,
//   the verdict shown is dropped.
import type { ApiError, ActionLogVerified } from "../../bindings";
import { commands } from "../../bindings";
import { toApiError } from "../../ipc";
import { createStore } from "../../store";
import { firstRequest, heldFrom, olderPageOutcome, olderRequest, sameTop, type HeldLog } from "./actionLogPaging";

export type ActionLogState = {
  log: HeldLog | null;
  /** The first page is being read (opening the tab, or after a change). */
  loading: boolean;
  loadingMore: boolean;
  /** Why the log could not be listed. */
  error: ApiError | null;
  verifying: boolean;
  verdict: ActionLogVerified | null;
  verifyError: ApiError | null;
};

const INITIAL: ActionLogState = {
  log: null,
  loading: false,
  loadingMore: false,
  error: null,
  verifying: false,
  verdict: null,
  verifyError: null,
};

const store = createStore<ActionLogState>(INITIAL);
let generation = 0;

export const useActionLogState = store.use;

/** Reads the newest page afresh, dropping older pages held. */
async function reload(): Promise<void> {
  const mine = ++generation;
  store.set({ loading: true, loadingMore: false, error: null });
  try {
    const page = await commands.actionLogList(firstRequest());
    if (mine !== generation) return;
    const changed = store.get().log !== null && !sameTop(store.get().log!, page);
    store.set({ log: heldFrom(page), loading: false, ...(changed ? { verdict: null } : {}) });
  } catch (e) {
    if (mine === generation) store.set({ loading: false, error: toApiError(e) });
  }
}

/** Reads the newest page and takes it only when the log changed (the window came back). */
async function reread(): Promise<void> {
  const held = store.get().log;
  if (held === null || store.get().loading) return reload();
  const mine = generation;
  try {
    const page = await commands.actionLogList(firstRequest());
    if (mine !== generation || sameTop(held, page)) return;
    ++generation;
    store.set({ log: heldFrom(page), loadingMore: false, error: null, verdict: null });
  } catch (e) {
    if (mine === generation) store.set({ error: toApiError(e) });
  }
}

async function loadMore(): Promise<void> {
  const held = store.get().log;
  const request = held ? olderRequest(held) : null;
  if (!held || !request || store.get().loadingMore) return;
  const mine = generation;
  store.set({ loadingMore: true, error: null });
  try {
    const page = await commands.actionLogList(request);
    if (mine !== generation) return;
    const outcome = olderPageOutcome(held, page);
    if (outcome.kind === "restart") return reload();
    store.set({ log: outcome.log, loadingMore: false });
  } catch (e) {
    if (mine === generation) store.set({ loadingMore: false, error: toApiError(e) });
  }
}

async function verify(): Promise<void> {
  if (store.get().verifying) return;
  store.set({ verifying: true, verdict: null, verifyError: null });
  try {
    store.set({ verifying: false, verdict: await commands.actionLogVerify() });
  } catch (e) {
    store.set({ verifying: false, verifyError: toApiError(e) });
  }
}

export const actionLogStore = {
  get: store.get,
  /** Opening the tab: the list is read afresh. */
  reload,
  /** The window came back: the CLI may have appended meanwhile. */
  reread,
  loadMore: () => void loadMore(),
  verify: () => void verify(),
};
