// The Support desk's guarded fixes on screen: the fix asked for with the
// core's description of it (the confirmation dialog's words), the change
// under way, and its result or error. Only the dialog's confirm button sends
// `confirmed: true`; a cancelled dialog changes nothing.
import type { ApiError, FixDescription, SupportFix, SupportFixDone } from "../../bindings";
import { commands } from "../../bindings";
import { toApiError } from "../../ipc";
import { createStore } from "../../store";

export type FixState = {
  /** The fix awaiting confirmation, with what it will change. */
  asking: { fix: SupportFix; description: FixDescription } | null;
  applying: boolean;
  /** The last fix made: the title it had and what the core answered. */
  done: { title: string; result: SupportFixDone } | null;
  error: { title: string; error: ApiError } | null;
};

const INITIAL: FixState = { asking: null, applying: false, done: null, error: null };

const store = createStore<FixState>(INITIAL);

export const useFixState = store.use;

export const fixStore = {
  get: store.get,

  /** Starts over (another profile, another customer). */
  reset: () => store.replace(INITIAL),

  /** Opens the confirmation for `fix`, with the core's words for it. */
  async ask(fix: SupportFix) {
    try {
      const description = await commands.supportFixDescribe(fix);
      store.set({ asking: { fix, description }, error: null });
    } catch (e) {
      store.set({ error: { title: "The change could not be described", error: toApiError(e) } });
    }
  },

  cancel: () => store.set({ asking: null }),

  /** Makes the confirmed fix; `then` runs after it succeeded (re-reading the card). */
  async confirm(profile: string | null, then: () => void) {
    const asking = store.get().asking;
    if (!asking || store.get().applying) return;
    store.set({ applying: true, done: null, error: null });
    const title = asking.description.title;
    try {
      const result = await commands.supportFixApply({ profile, fix: asking.fix, confirmed: true });
      store.set({ asking: null, applying: false, done: { title, result } });
      then();
    } catch (e) {
      store.set({ asking: null, applying: false, error: { title, error: toApiError(e) } });
    }
  },

  dismiss: () => store.set({ done: null, error: null }),
};
