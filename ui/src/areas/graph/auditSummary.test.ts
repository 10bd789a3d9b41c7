import { describe, expect, it } from "vitest";
import { FINDING_KINDS, type AuditComparison, type AuditSourceView, type FindingKind } from "../../bindings";
import {
  changedKinds,
  findingsCountWords,
  compareHeadline,
  countOf,
  kindChangeText,
  orderedSummary,
  sourceLine,
  summaryTotal,
  unconfirmedCountWarning,
} from "./auditSummary";

describe("summary", () => {
  it("orders every kind and fills in the missing ones with 0", () => {
    const ordered = orderedSummary([
      { kind: "duplicate_account", count: 2 },
      { kind: "missing_in_graph", count: 5 },
    ]);
    expect(ordered.map((k) => k.kind)).toEqual(FINDING_KINDS);
    const given: Partial<Record<FindingKind, number>> = { duplicate_account: 2, missing_in_graph: 5 };
    expect(ordered.map((k) => k.count)).toEqual(FINDING_KINDS.map((kind) => given[kind] ?? 0));
    expect(summaryTotal(ordered)).toBe(7);
    expect(countOf(ordered, null)).toBe(7);
    expect(countOf(ordered, "duplicate_account")).toBe(2);
    expect(countOf(ordered, "field_drift")).toBe(0);
  });
});

describe("sourceLine", () => {
  it("says what each side read and the bad lines skipped", () => {
    const source = (kind: string, name: string, records: number, badLines: number): AuditSourceView => ({
      kind,
      name,
      records,
      badLines,
      notCompared: [],
      countUnconfirmed: false,
    });
    expect(sourceLine("auth0", source("api", "acme", 12400, 0))).toBe("Auth0: 12,400 users from the Management API");
    expect(sourceLine("auth0", source("file", "users.json.gz", 1, 2))).toBe(
      "Auth0: 1 user from the file users.json.gz (2 bad lines skipped)",
    );
    expect(sourceLine("graph", source("neo4j", "bolt://g:7687", 3, 1))).toBe(
      "Graph: 3 rows from Neo4j at bolt://g:7687 (1 bad line skipped)",
    );
  });

  it("names the fields the graph file did not let the audit compare", () => {
    const source = { kind: "file", name: "graph.csv", records: 3, badLines: 0, notCompared: ["email_verified", "name"], countUnconfirmed: false };
    expect(sourceLine("graph", source)).toBe("Graph: 3 rows from the file graph.csv; not compared: email_verified, name");
  });
});

describe("unconfirmedCountWarning", () => {
  it("warns only when no total confirmed Auth0's count", () => {
    const api: AuditSourceView = { kind: "api", name: "acme", records: 300, badLines: 0, notCompared: [], countUnconfirmed: true };
    expect(unconfirmedCountWarning(api)).toMatch(/^The Auth0 side is the 300 users .* no total .* users export/);
    expect(unconfirmedCountWarning({ ...api, countUnconfirmed: false })).toBeNull();
  });
});

describe("comparison", () => {
  const base: AuditComparison = {
    baseCreatedAt: "2026-11-26T21:30:00Z",
    baseFile: "audit.json",
    newFindings: 3,
    fixed: 1200,
    unchanged: 40,
    byKind: [
      { kind: "duplicate_account", newFindings: 0, fixed: 2 },
      { kind: "orphan_in_graph", newFindings: 0, fixed: 0 },
      { kind: "missing_in_graph", newFindings: 3, fixed: 1198 },
    ],
    newRows: [],
    fixedRows: [],
  };

  it("says what is new and what was fixed since the report", () => {
    expect(compareHeadline(base, "UTC")).toBe("3 new findings since 26 Nov 2026, 21:30, 1,200 fixed");
    expect(compareHeadline({ ...base, newFindings: 0, fixed: 0 }, "UTC")).toBe(
      "No change since 26 Nov 2026, 21:30: 40 findings as before",
    );
  });

  it("lists the kinds that changed, in order", () => {
    const kinds = changedKinds(base.byKind);
    expect(kinds.map((k) => k.kind)).toEqual(["missing_in_graph", "duplicate_account"]);
    expect(kindChangeText(kinds[0]!)).toBe("+3 new, −1,198 fixed");
  });
});

describe("findingsCountWords", () => {
  it("counts what the filters show", () => {
    expect(findingsCountWords(null, 10, null, "")).toBe("Loading the findings…");
    expect(findingsCountWords(6000, 6000, null, "")).toBe("6,000 findings");
    expect(findingsCountWords(1, 1, null, "")).toBe("1 finding");
    expect(findingsCountWords(1000, 1000, "Duplicate accounts", "")).toBe("1,000 duplicate accounts");
    expect(findingsCountWords(12, 1000, "Field drift", "ann")).toBe("12 of 1,000 field drift match “ann”");
    expect(findingsCountWords(3, 6000, null, "x")).toBe("3 of 6,000 findings match “x”");
  });
});
