// @vitest-environment jsdom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { PageRequest } from "./pageWindow";
import { useRows, type RowsOptions, type RowsPage } from "./useRows";

afterEach(cleanup);

/** A core whose pages answer when the test says so, each request remembered. */
function fakeCore<T>() {
  const asked: { request: PageRequest; resolve: (page: RowsPage<T>) => void; reject: (e: unknown) => void }[] = [];
  const fetchPage = (request: PageRequest) =>
    new Promise<RowsPage<T>>((resolve, reject) => {
      asked.push({ request, resolve, reject });
    });
  return { asked, fetchPage };
}

const names = (from: number, n: number) => Array.from({ length: n }, (_, i) => `u${from + i}`);

describe("useRows by offset", () => {
  it("fetches the first page, then the pages a range needs, once each", async () => {
    const core = fakeCore<string>();
    const { result } = renderHook(() =>
      useRows<string>({ key: "a", pageSize: 10, paging: "offset", fetchPage: core.fetchPage }),
    );
    expect(result.current.loading).toBe(true);
    expect(core.asked.map((a) => a.request.offset)).toEqual([0]);
    await act(async () => core.asked[0]!.resolve({ rows: names(0, 10), total: 35 }));
    expect(result.current.total).toBe(35);
    expect(result.current.row(3)).toBe("u3");
    act(() => result.current.onRange(5, 25));
    act(() => result.current.onRange(5, 25));
    expect(core.asked.map((a) => a.request.offset)).toEqual([0, 10, 20]);
    await act(async () => core.asked[2]!.resolve({ rows: names(20, 10), total: 35 }));
    expect(result.current.row(21)).toBe("u21");
    expect(result.current.row(11)).toBeUndefined();
    expect(result.current.held).toBe(20);
  });

  it("starts over on a new key and drops the old key's late pages", async () => {
    const core = fakeCore<string>();
    const { result, rerender } = renderHook(({ key }: { key: string }) =>
      useRows<string>({ key, pageSize: 10, paging: "offset", fetchPage: core.fetchPage }),
      { initialProps: { key: "old" } },
    );
    rerender({ key: "new" });
    expect(core.asked).toHaveLength(2);
    await act(async () => core.asked[0]!.resolve({ rows: ["stale"], total: 1 }));
    expect(result.current.total).toBeNull();
    await act(async () => core.asked[1]!.resolve({ rows: ["fresh"], total: 1 }));
    expect(result.current.row(0)).toBe("fresh");
  });

  it("reports a failed page and asks for it again on retry", async () => {
    const core = fakeCore<string>();
    const { result } = renderHook(() =>
      useRows<string>({ key: "a", pageSize: 10, paging: "offset", fetchPage: core.fetchPage }),
    );
    await act(async () => core.asked[0]!.reject({ code: "network", message: "The core is away." }));
    expect(result.current.error).toEqual({ code: "network", message: "The core is away." });
    expect(result.current.loading).toBe(false);
    act(() => result.current.retry());
    expect(result.current.error).toBeNull();
    expect(core.asked.map((a) => a.request.offset)).toEqual([0, 0]);
    await act(async () => core.asked[1]!.resolve({ rows: names(0, 3), total: 3 }));
    expect(result.current.row(2)).toBe("u2");
  });

  it("asks for the first page again on retry even when the view, still empty, asked for no rows", async () => {
    const core = fakeCore<string>();
    const { result } = renderHook(() =>
      useRows<string>({ key: "a", pageSize: 10, paging: "offset", fetchPage: core.fetchPage }),
    );
    act(() => result.current.onRange(0, 0));
    await act(async () => core.asked[0]!.reject({ code: "io", message: "x" }));
    act(() => result.current.retry());
    expect(core.asked.map((a) => a.request.offset)).toEqual([0, 0]);
  });

  it("holds at most maxPages pages, fetching a dropped one again when it comes back into view", async () => {
    const core = fakeCore<string>();
    const { result } = renderHook(() =>
      useRows<string>({ key: "a", pageSize: 10, maxPages: 2, paging: "offset", fetchPage: core.fetchPage }),
    );
    await act(async () => core.asked[0]!.resolve({ rows: names(0, 10), total: 100 }));
    act(() => result.current.onRange(40, 60));
    await act(async () => {
      core.asked[1]!.resolve({ rows: names(40, 10), total: 100 });
      core.asked[2]!.resolve({ rows: names(50, 10), total: 100 });
    });
    expect(result.current.held).toBe(20);
    expect(result.current.row(0)).toBeUndefined();
    act(() => result.current.onRange(0, 5));
    expect(core.asked.at(-1)!.request.offset).toBe(0);
  });
});

describe("useRows by keyset", () => {
  it("walks to a page by the cursors of the pages before it", async () => {
    const core = fakeCore<string>();
    const options: RowsOptions<string> = { key: "a", pageSize: 10, paging: "keyset", fetchPage: core.fetchPage };
    const { result } = renderHook(() => useRows<string>(options));
    await act(async () => core.asked[0]!.resolve({ rows: names(0, 10), total: 25, nextAfter: "u9" }));
    act(() => result.current.onRange(20, 25));
    // Page 2's cursor is unknown: page 1 comes first, then page 2 with page 1's cursor.
    expect(core.asked.map((a) => a.request.after)).toEqual([null, "u9"]);
    await act(async () => core.asked[1]!.resolve({ rows: names(10, 10), total: null, nextAfter: "u19" }));
    expect(core.asked.map((a) => a.request.after)).toEqual([null, "u9", "u19"]);
    await act(async () => core.asked[2]!.resolve({ rows: names(20, 3), total: null, nextAfter: null }));
    expect(result.current.total).toBe(25);
    expect(result.current.row(22)).toBe("u22");
    expect(result.current.pastEnd(23)).toBe(true);
    expect(result.current.pastEnd(22)).toBe(false);
  });
});
