import { describe, expect, it } from "vitest";
import type { JobProgress } from "../bindings";
import type { Running } from "../jobs";
import { endAnnouncement, endingOf, nextAnnouncement, type Heard } from "./progressAnnouncement";

const TITLE = "Loading roles";

const at = (phase: string, done: number, total: number | null, waitingUntil: number | null = null): Running => ({
  progress: { phase, done, total, waitingUntil, waitNote: null } satisfies JobProgress,
  cancelling: false,
});

/** Feeds `jobs` in turn, as a bar would, and returns what was said at each. */
function said(jobs: Running[]): (string | null)[] {
  let heard: Heard | null = null;
  return jobs.map((job) => {
    const next = nextAnnouncement(TITLE, heard, job, 1_000_000);
    heard = next.heard;
    return next.say;
  });
}

describe("nextAnnouncement", () => {
  it("says the job started, with its title, before any progress", () => {
    expect(said([{ progress: null, cancelling: false }])).toEqual(["Loading roles: Starting…"]);
  });

  it("says each new phase, with its count", () => {
    expect(said([{ progress: null, cancelling: false }, at("Roles", 0, 8), at("Roles", 1, 8), at("Members of Everyone", 0, 1066)])).toEqual([
      "Loading roles: Starting…",
      "Roles — 0 of 8",
      "Roles — 1 of 8 (10 %)",
      "Members of Everyone — 0 of 1,066",
    ]);
  });

  it("says each tenth of a known total once, skipping tenths crossed between two ticks", () => {
    const ticks = [0, 40, 99, 100, 101, 150, 199, 350, 360, 999, 1000].map((done) => at("Users", done, 1000));
    expect(said(ticks)).toEqual([
      "Loading roles: Users — 0 of 1,000",
      null,
      null,
      "Users — 100 of 1,000 (10 %)",
      null,
      null,
      null,
      "Users — 350 of 1,000 (30 %)",
      null,
      "Users — 999 of 1,000 (90 %)",
      "Users — 1,000 of 1,000 (100 %)",
    ]);
  });

  it("does not say a tenth again when the count goes back within a phase", () => {
    expect(said([at("Users", 250, 1000), at("Users", 150, 1000), at("Users", 260, 1000), at("Users", 300, 1000)])).toEqual([
      "Loading roles: Users — 250 of 1,000",
      null,
      null,
      "Users — 300 of 1,000 (30 %)",
    ]);
  });

  it("says a count with no total known at each power of ten", () => {
    const ticks = [0, 5, 10, 60, 99, 100, 950, 1000, 9999, 10_000].map((done) => at("Users", done, null));
    expect(said(ticks)).toEqual([
      "Loading roles: Users",
      null,
      "Users — 10",
      null,
      null,
      "Users — 100",
      null,
      "Users — 1,000",
      null,
      "Users — 10,000",
    ]);
  });

  it("says when a rate-limit wait begins, once", () => {
    const waiting = at("Roles", 3, 8, 1_000_004);
    const lines = said([at("Roles", 2, 8), waiting, waiting, at("Roles", 3, 8)]);
    expect(lines[1]).toMatch(/^Rate limited by the Management API: resumes in 4 s/);
    expect(lines.slice(2)).toEqual([null, null]);
  });

  it("says once that cancel was asked for", () => {
    const cancelling = { ...at("Roles", 2, 8), cancelling: true };
    expect(said([at("Roles", 2, 8), cancelling, cancelling])).toEqual(["Loading roles: Roles — 2 of 8", "Loading roles: Cancelling…", null]);
  });
});

describe("the end of a job", () => {
  it("is said under the job's title: done, failed or cancelled", () => {
    expect(endAnnouncement(TITLE, endingOf({ ok: true, value: 1 }))).toBe("Loading roles: done.");
    expect(endAnnouncement(TITLE, endingOf({ ok: false, error: { code: "network", message: "down" } }))).toBe("Loading roles: failed.");
    expect(endAnnouncement(TITLE, endingOf({ ok: false, error: { code: "cancelled", message: "stop" } }))).toBe(
      "Loading roles: cancelled; nothing partial is kept.",
    );
  });
});
