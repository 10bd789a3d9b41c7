import { describe, expect, it } from "vitest";
import { PageWindow } from "./pageWindow";

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `r${from + i}`);

describe("PageWindow by offset", () => {
  it("asks once for each page a range needs and serves the rows", () => {
    const w = new PageWindow<string>(10, 5, false);
    expect(w.claim(0, 25, 100)).toEqual([
      { page: 0, offset: 0, after: null },
      { page: 1, offset: 10, after: null },
      { page: 2, offset: 20, after: null },
    ]);
    expect(w.claim(0, 25, 100)).toEqual([]);
    w.put(1, rows(10, 10));
    expect(w.get(12)).toBe("r12");
    expect(w.get(2)).toBeUndefined();
    expect(w.claim(90, 120, 100).map((r) => r.page)).toEqual([9]);
  });

  it("keeps at most maxPages pages, dropping those farthest from the view", () => {
    const w = new PageWindow<string>(10, 3, false);
    for (let p = 0; p < 3; p++) {
      w.claim(p * 10, p * 10 + 10, 1000);
      w.put(p, rows(p * 10, 10));
    }
    expect(w.rowsHeld()).toBe(30);
    w.claim(500, 510, 1000);
    w.put(50, rows(500, 10));
    expect(w.rowsHeld()).toBe(30);
    expect(w.get(0)).toBeUndefined();
    expect(w.get(505)).toBe("r505");
    // A dropped page is asked for again.
    expect(w.claim(0, 5, 1000).map((r) => r.page)).toEqual([0]);
  });

  it("never drops the page of the row kept in view (it holds focus)", () => {
    const w = new PageWindow<string>(10, 3, false);
    for (let p = 0; p < 3; p++) {
      w.claim(p * 10, p * 10 + 10, 1000, 5);
      w.put(p, rows(p * 10, 10));
    }
    w.claim(500, 510, 1000, 5);
    w.put(50, rows(500, 10));
    w.claim(700, 710, 1000, 5);
    w.put(70, rows(700, 10));
    expect(w.rowsHeld()).toBe(30);
    expect(w.get(5)).toBe("r5");
    expect(w.get(15)).toBeUndefined();
    // Once focus is gone, it is dropped like any other.
    w.claim(900, 910, 1000, null);
    w.put(90, rows(900, 10));
    expect(w.get(5)).toBeUndefined();
  });

  it("lets a failed page be asked again", () => {
    const w = new PageWindow<string>(10, 3, false);
    w.claim(0, 5, 100);
    expect(w.claim(0, 5, 100)).toEqual([]);
    w.release(0);
    expect(w.claim(0, 5, 100)).toHaveLength(1);
  });
});

describe("PageWindow by keyset", () => {
  it("asks for the next page with the previous page's cursor", () => {
    const w = new PageWindow<string>(2, 10, true);
    expect(w.claim(0, 4, 10)).toEqual([{ page: 0, offset: 0, after: null }]);
    w.put(0, ["a", "b"], "b");
    expect(w.claim(0, 4, 10)).toEqual([{ page: 1, offset: 2, after: "b" }]);
  });

  it("walks to a far page through the pages before it", () => {
    const w = new PageWindow<string>(2, 2, true);
    w.claim(0, 2, 10);
    w.put(0, ["a", "b"], "b");
    // The view jumps to rows 6..8 (page 3): page 1 is asked first.
    expect(w.claim(6, 8, 10)).toEqual([{ page: 1, offset: 2, after: "b" }]);
    w.put(1, ["c", "d"], "d");
    expect(w.claim(6, 8, 10)).toEqual([{ page: 2, offset: 4, after: "d" }]);
    w.put(2, ["e", "f"], "f");
    expect(w.claim(6, 8, 10)).toEqual([{ page: 3, offset: 6, after: "f" }]);
    w.put(3, ["g", "h"], "h");
    expect(w.get(6)).toBe("g");
    // Only two pages are held; cursors stay, so going back asks directly.
    expect(w.rowsHeld()).toBe(4);
    expect(w.get(0)).toBeUndefined();
    expect(w.claim(0, 2, 10)).toEqual([{ page: 0, offset: 0, after: null }]);
  });

  it("stops at the last page", () => {
    const w = new PageWindow<string>(2, 10, true);
    w.claim(0, 2, 10);
    w.put(0, ["a", "b"], "b");
    w.claim(2, 4, 10);
    w.put(1, ["c"], null);
    expect(w.claim(0, 10, 10)).toEqual([]);
    expect(w.endsBefore(2)).toBe(false);
    expect(w.endsBefore(3)).toBe(true);
  });
});

describe("PageWindow without a page limit", () => {
  it("keeps every page, asks once for each, and stops at the end of the list", () => {
    const w = new PageWindow<string>(100, Infinity, false);
    expect(w.claim(0, 30, 1066).map((r) => r.offset)).toEqual([0]);
    expect(w.claim(0, 30, 1066)).toEqual([]);
    expect(w.claim(90, 230, 1066).map((r) => r.offset)).toEqual([100, 200]);
    expect(w.claim(1000, 1100, 1066).map((r) => r.offset)).toEqual([1000]);
    expect(w.claim(2000, 2100, 1066)).toEqual([]);
    expect(w.claim(0, 10, 0)).toEqual([]);
    for (let page = 0; page < 11; page++) w.put(page, rows(page * 100, page === 10 ? 66 : 100));
    expect(w.rowsHeld()).toBe(1066);
    expect(w.get(1065)).toBe("r1065");
  });

  it("asks again for a page that failed", () => {
    const w = new PageWindow<string>(2, Infinity, false);
    w.claim(0, 4, 4);
    w.put(1, ["c", "d"]);
    expect([w.get(0), w.get(2), w.get(3)]).toEqual([undefined, "c", "d"]);
    w.release(0);
    expect(w.claim(0, 4, 4).map((r) => r.page)).toEqual([0]);
  });
});
