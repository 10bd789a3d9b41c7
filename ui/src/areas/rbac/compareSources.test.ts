import { describe, expect, it } from "vitest";
import type { SnapshotFile } from "../../bindings";
import {
  compareBlocker,
  initialSources,
  sourceBlocker,
  toSnapshotSource,
  usableSnapshots,
  withDefaults,
  type SourceDraft,
} from "./compareSources";

const file = (name: string, problem: string | null = null): SnapshotFile => ({
  path: `/exports/${name}`,
  fileName: name,
  tenant: problem ? "" : "https://acme.eu.auth0.com/",
  takenAt: problem ? "" : "2026-11-26T20:00:00Z",
  bytes: 120_832,
  problem,
});

// Newest first, as the core lists them; the newest one is broken.
const files = [file("broken.json", "not a snapshot"), file("newer.json"), file("older.json")];
const profiles = ["sandbox", "prod"];
const context = { files, profiles, profileInUse: "sandbox" };

describe("the default sources", () => {
  it("compares the newest usable saved snapshot (A) with the profile in use now (B)", () => {
    const { a, b } = initialSources("sandbox");
    expect(withDefaults(a, context)).toMatchObject({ kind: "saved", savedPath: "/exports/newer.json" });
    expect(withDefaults(b, context)).toMatchObject({ kind: "profile", profile: "sandbox" });
  });

  it("keeps what the user chose while it is still offered", () => {
    const chosen: SourceDraft = { kind: "saved", savedPath: "/exports/older.json", profile: "prod", filePath: "x" };
    expect(withDefaults(chosen, context)).toBe(chosen);
  });

  it("replaces a saved snapshot or profile that is gone", () => {
    const gone: SourceDraft = { kind: "saved", savedPath: "/exports/deleted.json", profile: "old", filePath: "" };
    expect(withDefaults(gone, context)).toMatchObject({ savedPath: "/exports/newer.json", profile: "sandbox" });
  });

  it("never picks a file with a problem, and has nothing to pick when none is usable", () => {
    const { a } = initialSources("sandbox");
    const onlyBroken = { ...context, files: [file("broken.json", "unreadable")] };
    expect(withDefaults(a, onlyBroken).savedPath).toBe("");
    expect(usableSnapshots(files).map((f) => f.fileName)).toEqual(["newer.json", "older.json"]);
  });

  it("leaves choices alone while the lists are still loading", () => {
    const chosen: SourceDraft = { kind: "saved", savedPath: "/somewhere.json", profile: "prod", filePath: "" };
    expect(withDefaults(chosen, { files: null, profiles: null, profileInUse: "sandbox" })).toBe(chosen);
  });
});

describe("what the core is asked to compare", () => {
  const draft = (change: Partial<SourceDraft>): SourceDraft => ({
    kind: "saved",
    savedPath: "",
    profile: "",
    filePath: "",
    ...change,
  });

  it("reads saved snapshots and typed paths as files, profiles as profiles", () => {
    const saved = "/exports/a.json";
    expect(toSnapshotSource(draft({ savedPath: saved }))).toEqual({ kind: "file", path: saved });
    expect(toSnapshotSource(draft({ kind: "file", filePath: "  /tmp/b.json " }))).toEqual({
      kind: "file",
      path: "/tmp/b.json",
    });
    expect(toSnapshotSource(draft({ kind: "profile", profile: "prod" }))).toEqual({ kind: "profile", name: "prod" });
  });

  it("says why an incomplete side cannot be compared", () => {
    expect(sourceBlocker("a", draft({}))).toMatch(/no saved snapshot to use as A/);
    expect(sourceBlocker("b", draft({ kind: "file", filePath: "   " }))).toBe(
      "Enter the path of the snapshot file for B.",
    );
    expect(sourceBlocker("b", draft({ kind: "profile" }))).toBe("Choose a profile for B.");
  });

  it("lets Compare run only when both sides are complete", () => {
    const ready = draft({ kind: "profile", profile: "sandbox" });
    expect(compareBlocker(ready, ready)).toBeNull();
    expect(compareBlocker(ready, draft({ kind: "file" }))).toBe("Enter the path of the snapshot file for B.");
  });
});
