// The Browse tab's search: what is typed becomes the search after a pause
// (or at once on Enter), and each search is its own list, paged from the core.

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 300;
/** Rows per request to the core. */
export const SEARCH_PAGE_SIZE = 200;
/** Pages held in memory at most (SEARCH_PAGE_SIZE × this rows). */
export const SEARCH_MAX_PAGES = 15;

/** The query as sent: prefixes are matched as typed, without surrounding spaces. */
export function normalizeQuery(text: string): string {
  return text.trim();
}

/** The name of one result list: a new search, or the same one after a refresh, starts over. */
export function searchKey(profile: string | null, query: string, refresh: number): string {
  return `${profile ?? ""}\u0000${query}\u0000${refresh}`;
}

type Timers = {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
};

const WINDOW_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type Debouncer<A> = {
  /** Runs `fn(arg)` once calls pause for `ms`. */
  call: (arg: A) => void;
  /** Runs the pending call now (Enter), or `fn(arg)` when one is given. */
  flush: (arg?: A) => void;
  cancel: () => void;
};

export function debounce<A>(fn: (arg: A) => void, ms: number, timers: Timers = WINDOW_TIMERS): Debouncer<A> {
  let handle: unknown = null;
  let pending: { arg: A } | null = null;
  const cancel = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
    pending = null;
  };
  return {
    call(arg) {
      cancel();
      pending = { arg };
      handle = timers.set(() => {
        handle = null;
        const p = pending;
        pending = null;
        if (p) fn(p.arg);
      }, ms);
    },
    flush(arg) {
      const p = arg === undefined ? pending : { arg };
      cancel();
      if (p) fn(p.arg);
    },
    cancel,
  };
}

/** "1,204 users", "1,204 users matching “ann”". */
export function totalWords(total: number | null, query: string): string {
  if (total === null) return "Counting…";
  const users = `${total.toLocaleString("en-US")} ${total === 1 ? "user" : "users"}`;
  return query ? `${users} whose ID or e-mail starts with “${query}”` : `${users} in the graph`;
}
