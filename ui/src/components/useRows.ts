import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "../bindings";
import { toApiError } from "../ipc";
import { PageWindow, type PageRequest } from "./pageWindow";

export type { PageRequest } from "./pageWindow";

/** One page as the core answers it. */
export type RowsPage<T> = {
  rows: T[];
  /** Rows in all; null when the page does not say (later keyset pages). */
  total: number | null;
  /** Keyset: the cursor of the next page, null on the last. Offset paging leaves it out. */
  nextAfter?: string | null;
};

export type RowsOptions<T> = {
  /** Names the list (a role and a filter, a search): a new key starts over; late pages of an old key are dropped. */
  key: string;
  pageSize: number;
  /** Pages held in memory at most; the farthest from the view are dropped and fetched again. Default: all. */
  maxPages?: number;
  /** `offset`: any page can be asked for at once; `keyset`: page p+1 is asked for with page p's cursor. */
  paging: "offset" | "keyset";
  fetchPage: (request: PageRequest) => Promise<RowsPage<T>>;
};

/** A long list paged from the core, as a table or a list shows it. */
export type Rows<T> = {
  /** Rows in all; null until the first page arrives. */
  total: number | null;
  row: (index: number) => T | undefined;
  /** Whether row `index` is known to be past the end (the list shrank since it was counted). */
  pastEnd: (index: number) => boolean;
  /**
   * Call with the visible range `start`..`end` (exclusive): fetches the pages
   * it needs; `keep`, a row still shown outside it (it holds focus), keeps its page.
   */
  onRange: (start: number, end: number, keep?: number | null) => void;
  error: ApiError | null;
  /** Asks again for the pages that failed. */
  retry: () => void;
  /** Rows held in memory now. */
  held: number;
  /** Whether the first page is on its way. */
  loading: boolean;
};

/**
 * A long list fetched from the core a page at a time as it scrolls into
 * view, by offset or by keyset cursor, holding at most `maxPages` pages (see
 * PageWindow).
 */
export function useRows<T>({ key, pageSize, maxPages = Infinity, paging, fetchPage }: RowsOptions<T>): Rows<T> {
  const keyset = paging === "keyset";
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [held, setHeld] = useState(0);
  const [, setVersion] = useState(0);
  const win = useRef(new PageWindow<T>(pageSize, maxPages, keyset));
  const current = useRef(key);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const range = useRef<[number, number]>([0, pageSize]);
  const kept = useRef<number | null>(null);
  const totalRef = useRef<number | null>(null);

  const fetchAll: (requests: PageRequest[]) => void = useCallback(
    (requests: PageRequest[]) => {
      for (const request of requests) {
        const forKey = current.current;
        const forWindow = win.current;
        fetcher.current(request).then(
          (page) => {
            if (current.current !== forKey || win.current !== forWindow) return;
            forWindow.put(request.page, page.rows, page.nextAfter ?? null);
            // Offset pages each count the list again; keyset pages after the first may not count it.
            if (page.total !== null && (totalRef.current === null || !keyset)) {
              totalRef.current = page.total;
              setTotal(page.total);
            } else if (totalRef.current === null) {
              totalRef.current = page.rows.length;
              setTotal(page.rows.length);
            }
            setHeld(forWindow.rowsHeld());
            setVersion((v) => v + 1);
            // Keyset walks go on from the page that just came, toward the view.
            const [start, end] = range.current;
            if (totalRef.current !== null) fetchAll(forWindow.claim(start, end, totalRef.current, kept.current));
          },
          (e: unknown) => {
            if (current.current !== forKey || win.current !== forWindow) return;
            forWindow.release(request.page);
            setError(toApiError(e));
          },
        );
      }
    },
    [keyset],
  );

  useEffect(() => {
    current.current = key;
    win.current = new PageWindow<T>(pageSize, maxPages, keyset);
    totalRef.current = null;
    range.current = [0, pageSize];
    kept.current = null;
    setTotal(null);
    setError(null);
    setHeld(0);
    fetchAll(win.current.claim(0, pageSize, Number.MAX_SAFE_INTEGER));
  }, [key, pageSize, maxPages, keyset, fetchAll]);

  const onRange = useCallback(
    (start: number, end: number, keep: number | null = null) => {
      range.current = [start, end];
      kept.current = keep;
      if (total === null) return;
      fetchAll(win.current.claim(start, end, total, keep));
    },
    [total, fetchAll],
  );

  const retry = useCallback(() => {
    setError(null);
    // Before the first page the view has no rows to ask for: the first page is what failed.
    const [start, end] = totalRef.current === null ? [0, pageSize] : range.current;
    fetchAll(win.current.claim(start, end, totalRef.current ?? Number.MAX_SAFE_INTEGER, kept.current));
  }, [fetchAll, pageSize]);

  return {
    total,
    row: (i) => win.current.get(i),
    pastEnd: (i) => win.current.endsBefore(i),
    onRange,
    error,
    retry,
    held,
    loading: total === null && error === null,
  };
}
