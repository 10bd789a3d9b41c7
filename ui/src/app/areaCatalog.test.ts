// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { AREAS } from "./areaCatalog";
import { areaForKey } from "./shortcuts";

describe("the area catalog", () => {
  it("opens on Session, the screen in the main bundle", () => {
    expect(AREAS[0]?.id).toBe("session");
  });

  it("names every area once, with a title", () => {
    const ids = AREAS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const area of AREAS) expect(area.title.trim()).not.toBe("");
  });

  it("numbers the work areas Ctrl+1… in sidebar order and gives Settings Ctrl+,", () => {
    const work = AREAS.filter((a) => a.place === "workspace");
    expect(work.map((a) => a.shortcutKey)).toEqual(work.map((_, i) => String(i + 1)));
    expect(work.length).toBeLessThanOrEqual(9);
    expect(AREAS.filter((a) => a.place === "bottom").map((a) => [a.id, a.shortcutKey])).toEqual([["settings", ","]]);
  });

  it("opens each area with its own shortcut", () => {
    for (const area of AREAS) {
      expect(areaForKey(AREAS, { key: area.shortcutKey, code: "" })).toBe(area.id);
    }
  });
});

describe("area shortcuts", () => {
  const nine = Array.from({ length: 9 }, (_, i) => ({ id: `area${i + 1}`, shortcutKey: String(i + 1) }));
  const areas = [...nine, { id: "settings", shortcutKey: "," }];

  it("reach past the fourth area, up to Ctrl+9", () => {
    expect(areaForKey(areas, { key: "5", code: "Digit5" })).toBe("area5");
    expect(areaForKey(areas, { key: "9", code: "Digit9" })).toBe("area9");
  });

  it("follow the digit row's key code on layouts where digits need Shift", () => {
    // AZERTY: the key left of "ç" gives "_" unshifted; its code is still Digit8.
    expect(areaForKey(areas, { key: "_", code: "Digit8" })).toBe("area8");
    expect(areaForKey(areas, { key: ";", code: "Comma" })).toBe("settings");
  });

  it("ignore keys that are no area's", () => {
    expect(areaForKey(areas, { key: "0", code: "Digit0" })).toBeNull();
    expect(areaForKey(areas, { key: "k", code: "KeyK" })).toBeNull();
    expect(areaForKey(areas.slice(0, 4), { key: "5", code: "Digit5" })).toBeNull();
  });
});
