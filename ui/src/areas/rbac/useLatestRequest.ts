// One request at a time for a tab: only the answer to the latest one counts,
// and nothing is applied once the tab is gone.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "../../bindings";
import { toApiError } from "../../ipc";

/** The last answer (kept while the next request runs and when it fails), whether one runs, and why the last failed. */
export type RequestState<T> = { running: boolean; value: T | null; error: ApiError | null };

export type LatestRequest<T> = RequestState<T> & {
  /** Runs `work`; `onDone` runs with its answer if it is still the latest. */
  start: (work: () => Promise<T>, onDone?: (value: T) => void) => void;
  /** Forgets the answer and drops any request in flight. */
  reset: () => void;
};

export function useLatestRequest<T>(initial: T | null = null): LatestRequest<T> {
  const [state, setState] = useState<RequestState<T>>({ running: false, value: initial, error: null });
  const latest = useRef(0);
  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );

  const start = useCallback((work: () => Promise<T>, onDone?: (value: T) => void) => {
    const mine = ++latest.current;
    setState((s) => ({ ...s, running: true, error: null }));
    work().then(
      (value) => {
        if (mine !== latest.current) return;
        setState({ running: false, value, error: null });
        onDone?.(value);
      },
      (e: unknown) => {
        if (mine !== latest.current) return;
        setState((s) => ({ ...s, running: false, error: toApiError(e) }));
      },
    );
  }, []);

  const reset = useCallback(() => {
    latest.current += 1;
    setState({ running: false, value: null, error: null });
  }, []);

  return { ...state, start, reset };
}
