import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce, normalizeQuery, searchKey, totalWords } from "./searchState";

describe("debounce", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs once typing pauses, with the last value", () => {
    const seen: string[] = [];
    const d = debounce((q: string) => seen.push(q), 300);
    d.call("a");
    vi.advanceTimersByTime(200);
    d.call("an");
    vi.advanceTimersByTime(299);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["an"]);
  });

  it("runs at once on flush (Enter), and not again when the pause ends", () => {
    const seen: string[] = [];
    const d = debounce((q: string) => seen.push(q), 300);
    d.call("ann");
    d.flush();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(["ann"]);
    d.flush("bob");
    expect(seen).toEqual(["ann", "bob"]);
    d.flush();
    expect(seen).toEqual(["ann", "bob"]);
  });

  it("drops a pending call on cancel", () => {
    const seen: string[] = [];
    const d = debounce((q: string) => seen.push(q), 300);
    d.call("x");
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([]);
  });
});

describe("search words", () => {
  it("normalises the query and keys each list", () => {
    expect(normalizeQuery("  auth0|ab ")).toBe("auth0|ab");
    expect(searchKey("prod", "a", 0)).not.toBe(searchKey("prod", "a", 1));
    expect(searchKey("prod", "a", 0)).not.toBe(searchKey("prod", "ab", 0));
  });

  it("says how many users match", () => {
    expect(totalWords(null, "")).toBe("Counting…");
    expect(totalWords(1, "")).toBe("1 user in the graph");
    expect(totalWords(12034, "ann")).toBe("12,034 users whose ID or e-mail starts with “ann”");
  });
});
