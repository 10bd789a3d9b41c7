// What the Users tab remembers while IdLens runs: the search box, the last
// search with its page of results, and which user to put focus back on when
// the user view closes. Module state, so switching tabs or areas keeps it; it
// belongs to one profile and is forgotten when another one is used. Nothing
// here is written anywhere.
import type { UsersPage } from "../../bindings";

/** A search that was answered: what was asked and the page that came back. */
export type UsersSearch = { query: string; page: number; result: UsersPage };

export type UsersMemory = {
  /** The text in the search box. */
  draft: string;
  last: UsersSearch | null;
  /** The user whose view was just closed: their row takes focus again. */
  returnTo: string | null;
};

const EMPTY: UsersMemory = { draft: "", last: null, returnTo: null };

let owner: string | null = null;
let memory: UsersMemory = EMPTY;

export const usersMemory = {
  /** What is remembered for `profile`; nothing when it was another profile's. */
  recall(profile: string | null): UsersMemory {
    return profile === owner ? memory : EMPTY;
  },

  remember(profile: string | null, change: Partial<UsersMemory>) {
    const base = profile === owner ? memory : EMPTY;
    owner = profile;
    memory = { ...base, ...change };
  },
};
