import { describe, expect, it } from "vitest";
import { PageCache } from "./pageCache";

describe("PageCache", () => {
  it("asks once for each page a visible range needs", () => {
    const cache = new PageCache<string>(100);
    expect(cache.claim(0, 30, 1066)).toEqual([0]);
    expect(cache.claim(0, 30, 1066)).toEqual([]);
    expect(cache.claim(90, 230, 1066)).toEqual([100, 200]);
  });

  it("stops at the end of the list", () => {
    const cache = new PageCache<string>(100);
    expect(cache.claim(1000, 1100, 1066)).toEqual([1000]);
    expect(cache.claim(2000, 2100, 1066)).toEqual([]);
    expect(cache.claim(0, 10, 0)).toEqual([]);
  });

  it("serves rows once their page arrives, and a failed page can be asked again", () => {
    const cache = new PageCache<string>(2);
    cache.claim(0, 4, 4);
    cache.put(2, ["c", "d"]);
    expect([cache.get(0), cache.get(2), cache.get(3)]).toEqual([undefined, "c", "d"]);
    cache.release(0);
    expect(cache.claim(0, 4, 4)).toEqual([0]);
  });
});
