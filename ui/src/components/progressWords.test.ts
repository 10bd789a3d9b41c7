import { describe, expect, it } from "vitest";
import { progressLine } from "./progressWords";

describe("progressLine", () => {
  it("counts against a known total", () => {
    const line = progressLine({ phase: "Members of Everyone", done: 400, total: 1066, waitingUntil: null }, 0);
    expect(line.text).toBe("Members of Everyone — 400 of 1,066");
    expect(line.fraction).toBeCloseTo(400 / 1066);
    expect(line.waiting).toBeNull();
  });

  it("is indeterminate without a total", () => {
    expect(progressLine({ phase: "APIs", done: 0, total: null, waitingUntil: null }, 0)).toEqual({
      text: "APIs",
      fraction: null,
      waiting: null,
    });
    expect(progressLine({ phase: "Users", done: 12, total: null, waitingUntil: null }, 0).text).toBe("Users — 12");
    expect(progressLine(null, 0).text).toBe("Starting…");
  });

  it("says when a rate-limit wait ends", () => {
    const line = progressLine({ phase: "Roles", done: 3, total: 8, waitingUntil: 1_000_004 }, 1_000_000.2);
    expect(line.waiting).toMatch(/^Rate limited by the Management API: resumes in 4 s \(at \d\d:\d\d:\d\d\)$/);
    const over = progressLine({ phase: "Roles", done: 3, total: 8, waitingUntil: 1_000_000 }, 1_000_001);
    expect(over.waiting).toBe("Rate limited by the Management API: resuming now");
  });

  it("never shows more than all of it", () => {
    expect(progressLine({ phase: "x", done: 12, total: 10, waitingUntil: null }, 0).fraction).toBe(1);
  });
});
