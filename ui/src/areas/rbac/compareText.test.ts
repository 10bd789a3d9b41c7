import { describe, expect, it } from "vitest";
import {
  countDifferences,
  firstValues,
  isEmptyCell,
  matchedByText,
  savedSnapshotLabel,
  sideCell,
  sizeText,
  takenAtText,
  verdictOf,
} from "./compareText";
import { sideBySide } from "./diffSides";
import { diff } from "./testFixtures";

const identical = {
  ...diff,
  identical: true,
  apisAdded: [],
  apisChanged: [],
  rolesRemoved: [],
  rolesChanged: [],
};

describe("sizes and times of saved snapshots", () => {
  it("says sizes the way file managers do", () => {
    expect(sizeText(1)).toBe("1 byte");
    expect(sizeText(900)).toBe("900 bytes");
    expect(sizeText(120_832)).toBe("118 KB");
    expect(sizeText(1024 * 1024 - 100)).toBe("1.0 MB");
    expect(sizeText(2_516_582)).toBe("2.4 MB");
  });

  it("says when a snapshot was taken, or that nobody knows", () => {
    expect(takenAtText("2026-11-26T20:00:00Z", "UTC")).toBe("26 Nov 2026, 20:00");
    expect(takenAtText("")).toBe("unknown");
    expect(takenAtText("yesterday")).toBe("yesterday");
  });

  it("offers a saved snapshot by when and which tenant", () => {
    const saved = {
      path: "/x/a.json",
      fileName: "a.json",
      tenant: "https://acme.eu.auth0.com/",
      takenAt: "2026-11-26T20:00:00Z",
      bytes: 10,
      problem: null,
    };
    expect(savedSnapshotLabel(saved, "UTC")).toBe("26 Nov 2026, 20:00 · acme.eu.auth0.com");
  });
});

describe("the result of a comparison", () => {
  it("says how members were matched", () => {
    expect(matchedByText("user_id")).toBe("by user ID (same tenant)");
    expect(matchedByText("email")).toBe("by e-mail (two tenants)");
  });

  it("counts every single difference", () => {
    // Billing API (only B), one scope of Orders API, Old Role (only A), and
    // Admin: a permission, a member and its description.
    expect(countDifferences(sideBySide(diff))).toBe(6);
  });

  it("gives the verdict", () => {
    expect(verdictOf(diff, sideBySide(diff))).toEqual({
      tone: "warn",
      text: "6 differences",
      detail: "2 APIs and 2 roles differ",
    });
    expect(verdictOf(identical, [])).toEqual({ tone: "ok", text: "No differences", detail: null });
    const oneRole = { ...identical, identical: false, rolesRemoved: ["Old Role"] };
    expect(verdictOf(oneRole, sideBySide(oneRole))).toEqual({
      tone: "warn",
      text: "1 difference",
      detail: "1 role differs",
    });
  });

  it("puts on each side only what that side has", () => {
    const [billing, orders, oldRole, admin] = sideBySide(diff);
    if (!billing || !orders || !oldRole || !admin) throw new Error("the fixture has four lines");
    expect(isEmptyCell(sideCell(billing, "a"))).toBe(true);
    expect(sideCell(billing, "b")).toEqual({ whole: "The whole API", groups: [] });
    expect(sideCell(oldRole, "a")).toEqual({ whole: "The whole role", groups: [] });
    expect(sideCell(orders, "b").groups).toEqual([{ label: "Scopes", values: ["export:orders"] }]);
    expect(sideCell(admin, "a").groups).toEqual([{ label: "Permissions", values: ["write:graph (https://api/)"] }]);
    expect(sideCell(admin, "b").groups).toEqual([{ label: "Members", values: ["auth0|nora"] }]);
  });

  it("shows the first values of a long list and says how many more", () => {
    expect(firstValues(["a", "b", "c"], 2)).toEqual({ shown: ["a", "b"], more: 1 });
    expect(firstValues(["a"], 2)).toEqual({ shown: ["a"], more: 0 });
  });
});
