import { describe, expect, it } from "vitest";
import {
  parsePreference,
  readPreference,
  resolveTheme,
  THEME_STORAGE_KEY,
  themeHint,
  writePreference,
  type ThemePreference,
} from "./theme";

/** A Storage holding `entries`, whose reads or writes can be made to throw as a locked-down web view's do. */
function storage(entries: Record<string, string> = {}, { failReads = false, failWrites = false } = {}) {
  return {
    entries,
    getItem(key: string) {
      if (failReads) throw new DOMException("denied", "SecurityError");
      return entries[key] ?? null;
    },
    setItem(key: string, value: string) {
      if (failWrites) throw new DOMException("full", "QuotaExceededError");
      entries[key] = value;
    },
  };
}

describe("resolveTheme", () => {
  it("follows the system under System", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
  });

  it("keeps Light and Dark whatever the system says", () => {
    for (const systemDark of [true, false]) {
      expect(resolveTheme("light", systemDark)).toBe("light");
      expect(resolveTheme("dark", systemDark)).toBe("dark");
    }
  });
});

describe("parsePreference", () => {
  it("reads the three stored choices", () => {
    for (const p of ["system", "light", "dark"] as ThemePreference[]) expect(parsePreference(p)).toBe(p);
  });

  it("reads nothing, and anything unknown, as System", () => {
    for (const bad of [null, "", "Dark", "auto", "dark ", '"dark"', "__proto__", "toString"]) {
      expect(parsePreference(bad)).toBe("system");
    }
  });
});

describe("readPreference and writePreference", () => {
  it("reads back what was written, under the app's key", () => {
    const s = storage();
    expect(writePreference(s, "dark")).toBe(true);
    expect(s.entries[THEME_STORAGE_KEY]).toBe("dark");
    expect(readPreference(s)).toBe("dark");
  });

  it("starts with System when nothing is stored, the stored value is bad, or there is no storage", () => {
    expect(readPreference(storage())).toBe("system");
    expect(readPreference(storage({ [THEME_STORAGE_KEY]: "purple" }))).toBe("system");
    expect(readPreference(null)).toBe("system");
  });

  it("starts with System when storage refuses to be read", () => {
    expect(readPreference(storage({ [THEME_STORAGE_KEY]: "dark" }, { failReads: true }))).toBe("system");
  });

  it("says so when the choice could not be kept", () => {
    expect(writePreference(storage({}, { failWrites: true }), "light")).toBe(false);
    expect(writePreference(null, "light")).toBe(false);
  });
});

describe("themeHint", () => {
  it("says which theme System shows now", () => {
    expect(themeHint("system", true, true)).toBe("Follows the system’s setting, which is dark now.");
    expect(themeHint("system", false, true)).toBe("Follows the system’s setting, which is light now.");
  });

  it("says a fixed choice ignores the system, and when it will not be remembered", () => {
    expect(themeHint("dark", false, true)).toBe("Always dark, whatever the system’s setting.");
    expect(themeHint("light", true, false)).toMatch(/^Always light.*could not save this choice, so it lasts until IdLens exits\.$/);
  });
});
