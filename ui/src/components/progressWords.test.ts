import { describe, expect, it } from "vitest";
import { progressLine } from "./progressWords";

describe("progressLine", () => {
  it("counts against a known total", () => {
    const line = progressLine({ phase: "Members of Everyone", done: 400, total: 1066, waitingUntil: null, waitNote: null }, 0);
    expect(line.text).toBe("Members of Everyone — 400 of 1,066");
    expect(line.fraction).toBeCloseTo(400 / 1066);
    expect(line.waiting).toBeNull();
  });

  it("is indeterminate without a total", () => {
    expect(progressLine({ phase: "APIs", done: 0, total: null, waitingUntil: null, waitNote: null }, 0)).toEqual({
      text: "APIs",
      fraction: null,
      waiting: null,
      note: null,
    });
    expect(progressLine({ phase: "Users", done: 12, total: null, waitingUntil: null, waitNote: null }, 0).text).toBe("Users — 12");
    expect(progressLine(null, 0).text).toBe("Starting…");
  });

  it("says when a rate-limit wait ends", () => {
    const line = progressLine({ phase: "Roles", done: 3, total: 8, waitingUntil: 1_000_004, waitNote: null }, 1_000_000.2);
    expect(line.waiting).toMatch(/^Rate limited by the Management API: resumes in 4 s \(at \d\d:\d\d:\d\d\)$/);
    const over = progressLine({ phase: "Roles", done: 3, total: 8, waitingUntil: 1_000_000, waitNote: null }, 1_000_001);
    expect(over.waiting).toBe("Rate limited by the Management API: resuming now");
  });

  it("says, while it waits, that the tenant's headers look wrong", () => {
    const note = "The tenant asked to wait until 2100-01-01 00:00 UTC (x-ratelimit-reset); IdLens waits at most 60 s: its rate-limit headers look wrong.";
    const line = progressLine({ phase: "Roles", done: 100, total: 150, waitingUntil: 1_000_060, waitNote: note }, 1_000_000);
    expect(line.waiting).toMatch(/resumes in 60 s/);
    expect(line.note).toBe(note);
    expect(progressLine({ phase: "Roles", done: 100, total: 150, waitingUntil: null, waitNote: note }, 0).note).toBeNull();
  });

  it("never shows more than all of it", () => {
    expect(progressLine({ phase: "x", done: 12, total: 10, waitingUntil: null, waitNote: null }, 0).fraction).toBe(1);
  });
});
