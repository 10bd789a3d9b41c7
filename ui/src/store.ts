// The one way the UI holds state that outlives a component: a module-level
// store (state that survives switching areas) that React components read
// with `use()`. Every store of the app (session, rbac, compare, inspector,
// graph, audit, updates) is built on it; what a store may do lives in the
// store's own module, as functions that call `set`.
import { useSyncExternalStore } from "react";

export type Store<S> = {
  /** The state now. */
  get: () => S;
  /** Merges `change` into the state and tells every subscriber. */
  set: (change: Partial<S>) => void;
  /** Replaces the whole state (starting over, or a reducer's next state). */
  replace: (next: S) => void;
  /** Calls `listener` after every change until the returned function is called. */
  subscribe: (listener: () => void) => () => void;
  /** The state in a React component, which renders again when it changes. */
  use: () => S;
};

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  const get = () => state;
  const replace = (next: S) => {
    state = next;
    listeners.forEach((listener) => listener());
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    get,
    set: (change) => replace({ ...state, ...change }),
    replace,
    subscribe,
    use: () => useSyncExternalStore(subscribe, get),
  };
}
