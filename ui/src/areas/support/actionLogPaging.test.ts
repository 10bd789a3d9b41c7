import { describe, expect, it } from "vitest";
import { firstRequest, hasOlder, heldFrom, olderPageOutcome, olderRequest, sameTop } from "./actionLogPaging";
import { entry, page } from "./actionLogTesting";

describe("action log paging", () => {
  it("reads the newest page first, then older pages after those held", () => {
    expect(firstRequest(2)).toEqual({ offset: 0, limit: 2 });
    const held = heldFrom(page(5, 5, 4));
    expect(hasOlder(held)).toBe(true);
    expect(olderRequest(held, 2)).toEqual({ offset: 2, limit: 2 });
  });

  it("appends an older page of the same log, newest first, never repeating a line", () => {
    const held = heldFrom(page(5, 5, 4));
    const outcome = olderPageOutcome(held, page(5, 4, 2));
    expect(outcome.kind).toBe("appended");
    if (outcome.kind !== "appended") return;
    expect(outcome.log.entries.map((e) => e.line)).toEqual([5, 4, 3, 2]);
    expect(olderRequest(outcome.log, 2)).toEqual({ offset: 4, limit: 2 });
  });

  it("asks for nothing more once every line is held, and an empty log has nothing", () => {
    const all = heldFrom(page(2, 2, 1));
    expect(hasOlder(all)).toBe(false);
    expect(olderRequest(all)).toBeNull();
    expect(olderRequest(heldFrom(page(0, 0, 1)))).toBeNull();
  });

  it("starts over when the log changed between pages (the CLI appended)", () => {
    const held = heldFrom(page(5, 5, 4));
    expect(olderPageOutcome(held, page(6, 4, 3))).toEqual({ kind: "restart" });
  });

  it("keeps what is held when the log's top is unchanged, and takes a fresh one when not", () => {
    const held = heldFrom(page(5, 5, 1));
    expect(sameTop(held, page(5, 5, 4))).toBe(true);
    // Appended: more lines.
    expect(sameTop(held, page(6, 6, 5))).toBe(false);
    // The newest line rewritten in place: same count, another hash.
    expect(sameTop(held, { ...page(5, 5, 4), entries: [entry(5, { hash: "other" }), entry(4)] })).toBe(false);
    // A line turned unreadable.
    expect(sameTop(held, { ...page(5, 5, 4), entries: [{ line: 5, unreadable: "not JSON" }, entry(4)] })).toBe(false);
    // Emptied.
    expect(sameTop(held, page(0, 0, 1))).toBe(false);
  });
});
