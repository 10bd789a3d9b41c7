// What the Live view holds while IdLens runs: the filter and category typed,
// the tail running (a `logs_tail` job, one at a time), the events it handed
// on (bounded, newest first: liveEvents.ts), whether it has caught up, and
// the event open.
//
// Invariants:
// - At most one tail runs; Start again (or another profile) stops the one
//   before, and only the running tail's batches reach the list.
// - Stop keeps the events shown; Start (or another category while running)
//   begins a new list.
// - A tail that fails (a bad filter, a missing scope) shows the core's error
//   and keeps what it had shown.
import type { ApiError, LogBatch, LogCategory, LogsSummary } from "../../bindings";
import { commands } from "../../bindings";
import { JobSlot, type Running } from "../../jobs";
import { createStore } from "../../store";
import { EMPTY_LIVE_LIST, appendBatch, type LiveList } from "./liveEvents";

export type LiveState = {
  profile: string | null;
  /** The filter typed (Lucene, the subset Auth0's log search understands). */
  filter: string;
  category: LogCategory | "all";
  running: Running | null;
  /** Whether a tail was started since the view opened (the list is its). */
  started: boolean;
  list: LiveList;
  /** The running tail has read everything there is and waits for new events. */
  caughtUp: boolean;
  error: ApiError | null;
  /** The key (`liveKey`) of the event whose detail is open. */
  openEvent: string | null;
};

const INITIAL: LiveState = {
  profile: null,
  filter: "",
  category: "all",
  running: null,
  started: false,
  list: EMPTY_LIVE_LIST,
  caughtUp: false,
  error: null,
  openEvent: null,
};

const store = createStore<LiveState>(INITIAL);
const tailSlot = new JobSlot<LogsSummary>((running) => store.set({ running }));

export const useLiveState = store.use;

function onBatch(batch: LogBatch) {
  const { list, caughtUp } = store.get();
  if (batch.caughtUp) {
    if (!caughtUp) store.set({ caughtUp: true });
  }
  else store.set({ list: appendBatch(list, batch.events), caughtUp: false });
}

async function start() {
  const { profile, filter, category } = store.get();
  store.set({ started: true, list: EMPTY_LIVE_LIST, caughtUp: false, error: null, openEvent: null });
  const request = {
    profile,
    filter: filter.trim() === "" ? null : filter.trim(),
    category: category === "all" ? null : category,
    pollIntervalMs: null,
  };
  const outcome = await tailSlot.start((onEvent) => commands.logsTail(request, onEvent), undefined, onBatch);
  if (!outcome.ok && outcome.error.code !== "cancelled") store.set({ error: outcome.error, caughtUp: false });
}

export const liveLogsStore = {
  get: store.get,

  /** Starts over for another profile, stopping its tail. */
  forProfile(name: string) {
    if (store.get().profile === name) return;
    tailSlot.stop();
    store.replace({ ...INITIAL, profile: name });
  },

  setFilter: (filter: string) => store.set({ filter }),
  /** Chooses the category; a running tail starts again with it (a new list). */
  setCategory(category: LogCategory | "all") {
    store.set({ category });
    if (store.get().running) void start();
  },

  /** Follows the tenant's logs with the filter and category chosen, from now on. */
  start: () => void start(),

  /** Stops the tail (the core's job is cancelled); the events shown stay. */
  stop() {
    if (!store.get().running) return;
    tailSlot.stop();
    store.set({ running: null, caughtUp: false });
  },

  openEvent: (key: string | null) => store.set({ openEvent: key }),
};
