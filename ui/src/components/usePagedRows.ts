import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "../bindings";
import { toApiError } from "../ipc";
import { PageCache } from "./pageCache";

export type Page<T> = { total: number; rows: T[] };

export type PagedRows<T> = {
  /** Rows in all (from the first page); null until it arrives. */
  total: number | null;
  row: (index: number) => T | undefined;
  /** Call with the visible range: fetches the pages it needs. */
  onRange: (start: number, end: number) => void;
  error: ApiError | null;
};

/**
 * A long list fetched from the core a page at a time as it scrolls. `key`
 * names the list (a role and a filter): a new key starts over, and pages of
 * an old key that arrive late are dropped.
 */
export function usePagedRows<T>(
  key: string,
  pageSize: number,
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
): PagedRows<T> {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [, setVersion] = useState(0);
  const cache = useRef(new PageCache<T>(pageSize));
  const current = useRef(key);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const fetchAt = useCallback(
    (offset: number) => {
      const forKey = current.current;
      fetcher.current(offset, pageSize).then(
        (page) => {
          if (current.current !== forKey) return;
          cache.current.put(offset, page.rows);
          setTotal(page.total);
          setVersion((v) => v + 1);
        },
        (e: unknown) => {
          if (current.current !== forKey) return;
          cache.current.release(offset);
          setError(toApiError(e));
        },
      );
    },
    [pageSize],
  );

  useEffect(() => {
    current.current = key;
    cache.current = new PageCache<T>(pageSize);
    setTotal(null);
    setError(null);
    cache.current.claim(0, pageSize, Number.MAX_SAFE_INTEGER);
    fetchAt(0);
  }, [key, pageSize, fetchAt]);

  const onRange = useCallback(
    (start: number, end: number) => {
      if (total === null) return;
      for (const offset of cache.current.claim(start, end, total)) fetchAt(offset);
    },
    [total, fetchAt],
  );

  return { total, row: (i) => cache.current.get(i), onRange, error };
}
