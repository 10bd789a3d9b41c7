// What the Support desk holds while IdLens runs: the customer typed, the
// lookup in progress and the last answer (a card, users to choose from, or
// no match), the timeline's filters and the event open.
//
// Invariants:
// - At most one lookup runs; a failed or cancelled one keeps the answer
//   shown before it (nothing partial).
// - A new answer starts the timeline's filters and open event over.
import type { ApiError, SupportLookup } from "../../bindings";
import { commands } from "../../bindings";
import { JobSlot, type Running } from "../../jobs";
import { createStore } from "../../store";
import { fixStore } from "./fixStore";
import { lookupRequest } from "./lookupInput";
import { NO_FILTER, type EventFilter } from "./logWords";

export type SupportState = {
  profile: string | null;
  /** What is typed in the customer box. */
  draft: string;
  running: Running | null;
  answer: SupportLookup | null;
  /** What the answer is for (the lookup's input). */
  answered: string | null;
  error: ApiError | null;
  /** The lookup that failed, for "Try again". */
  failed: string | null;
  filter: EventFilter;
  /** The key (`eventKey`) of the event whose detail is open. */
  openEvent: string | null;
};

const INITIAL: SupportState = {
  profile: null,
  draft: "",
  running: null,
  answer: null,
  answered: null,
  error: null,
  failed: null,
  filter: NO_FILTER,
  openEvent: null,
};

const store = createStore<SupportState>(INITIAL);
const lookupSlot = new JobSlot<SupportLookup>((running) => store.set({ running }));

export const useSupportState = store.use;

async function lookup(who: string) {
  const trimmed = who.trim();
  if (!trimmed) return;
  store.set({ error: null, failed: null });
  // Another customer: the last fix's result is not theirs.
  if (trimmed !== store.get().answered) fixStore.reset();
  const profile = store.get().profile;
  const request = lookupRequest(trimmed, profile);
  const outcome = await lookupSlot.start((onEvent) => commands.supportLookup(request, onEvent));
  if (outcome.ok) {
    store.set({ answer: outcome.value, answered: trimmed, filter: NO_FILTER, openEvent: null });
  } else if (outcome.error.code !== "cancelled") {
    store.set({ error: outcome.error, failed: trimmed });
  }
}

export const supportStore = {
  get: store.get,

  /** Starts over for another profile, cancelling its lookup. */
  forProfile(name: string) {
    if (store.get().profile === name) return;
    lookupSlot.stop();
    fixStore.reset();
    store.replace({ ...INITIAL, profile: name });
  },

  setDraft: (draft: string) => store.set({ draft }),

  /** Looks up what is typed. */
  lookUp: () => void lookup(store.get().draft),

  /** Opens one of several users (by user ID), as if it had been typed. */
  open(userId: string) {
    store.set({ draft: userId });
    void lookup(userId);
  },

  /** Reads the card shown again: what the customer did since shows up. */
  refresh() {
    const answered = store.get().answered;
    if (answered) void lookup(answered);
  },

  retry() {
    const failed = store.get().failed;
    if (failed) void lookup(failed);
  },

  cancel: () => lookupSlot.cancel(),

  setFilter: (change: Partial<EventFilter>) =>
    store.set({ filter: { ...store.get().filter, ...change }, openEvent: null }),

  openEvent: (key: string | null) => store.set({ openEvent: key }),
};
