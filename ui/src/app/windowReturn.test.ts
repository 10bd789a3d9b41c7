import { describe, expect, it } from "vitest";
import { keepIfSame, watchWindowReturn, type VisibilitySource } from "./windowReturn";

class FakeDocument extends EventTarget implements VisibilitySource {
  visibilityState: DocumentVisibilityState = "visible";

  show(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

/** A re-read that finishes when the test says so. */
function reads() {
  const finishers: (() => void)[] = [];
  const read = () => new Promise<void>((resolve) => finishers.push(resolve));
  return {
    read,
    get count() {
      return finishers.length;
    },
    async finishAll() {
      finishers.forEach((finish) => finish());
      // Let `finally` run.
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe("re-reading when the user comes back to the window", () => {
  it("re-reads on focus and when the page becomes visible, not when it is hidden", async () => {
    const win = new EventTarget();
    const doc = new FakeDocument();
    const r = reads();
    watchWindowReturn(win, doc, r.read);

    win.dispatchEvent(new Event("focus"));
    expect(r.count).toBe(1);
    await r.finishAll();

    doc.show("hidden");
    expect(r.count).toBe(1);
    doc.show("visible");
    expect(r.count).toBe(2);
    await r.finishAll();

    win.dispatchEvent(new Event("blur"));
    expect(r.count).toBe(2);
  });

  it("drops a return while a re-read is running, and re-reads on the next one", async () => {
    const win = new EventTarget();
    const doc = new FakeDocument();
    const r = reads();
    watchWindowReturn(win, doc, r.read);

    win.dispatchEvent(new Event("focus"));
    doc.show("visible");
    win.dispatchEvent(new Event("focus"));
    expect(r.count).toBe(1);
    await r.finishAll();
    win.dispatchEvent(new Event("focus"));
    expect(r.count).toBe(2);
  });

  it("stops watching when asked", () => {
    const win = new EventTarget();
    const doc = new FakeDocument();
    const r = reads();
    const stop = watchWindowReturn(win, doc, r.read);
    stop();
    win.dispatchEvent(new Event("focus"));
    doc.show("visible");
    expect(r.count).toBe(0);
  });
});

describe("keeping unchanged answers", () => {
  it("keeps the old object when the fresh one holds the same data, takes the fresh one otherwise", () => {
    const old = { profiles: [{ name: "a", storedSecrets: [] }], current: "a" };
    expect(keepIfSame(old, { profiles: [{ name: "a", storedSecrets: [] }], current: "a" })).toBe(old);
    const changed = { profiles: [{ name: "a", storedSecrets: ["managementClientSecret"] }], current: "a" };
    expect(keepIfSame(old, changed)).toBe(changed);
    expect(keepIfSame(null, changed)).toBe(changed);
    expect(keepIfSame(old, null)).toBeNull();
  });
});
