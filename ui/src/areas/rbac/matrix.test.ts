import { describe, expect, it } from "vitest";
import { buildMatrix, matrixColumns } from "./matrix";
import { overview } from "./testFixtures";

const all = { text: "", api: null, grantedOnly: false };
const names = (m: ReturnType<typeof buildMatrix>) => ({
  roles: m.rows.map((r) => r.role.name),
  columns: m.columns.map((c) => c.name),
});

describe("the role × permission matrix", () => {
  it("has every scope of the tenant's APIs, then what roles grant that no API defines", () => {
    const columns = matrixColumns(overview);
    expect(columns.map((c) => c.name)).toEqual([
      "read:orders",
      "refund:orders",
      "=cmd",
      "read:reports",
      "read:legacy-reports",
    ]);
    expect(columns.find((c) => c.name === "read:legacy-reports")?.defined).toBe(false);
    expect(columns.some((c) => c.apiName === "Auth0 Management API")).toBe(false);
  });

  it("marks each role's grants", () => {
    const m = buildMatrix(overview, all);
    const manager = m.rows.find((r) => r.role.name === "Orders Manager");
    expect(manager?.cells).toEqual([true, true, false, false, false]);
  });

  it("filters by API", () => {
    const m = buildMatrix(overview, { ...all, api: "https://reports.test/" });
    expect(names(m).columns).toEqual(["read:reports", "read:legacy-reports"]);
    expect(m.rows).toHaveLength(4);
  });

  it("text keeps matching permissions with the roles that grant them, and matching roles with their grants", () => {
    expect(names(buildMatrix(overview, { ...all, text: "REFUND" }))).toEqual({
      roles: ["Orders Manager"],
      columns: ["refund:orders"],
    });
    expect(names(buildMatrix(overview, { ...all, text: "viewer" }))).toEqual({
      roles: ["Report Viewer"],
      columns: ["read:reports", "read:legacy-reports"],
    });
  });

  it("can hide permissions no role grants", () => {
    expect(names(buildMatrix(overview, { ...all, grantedOnly: true })).columns).not.toContain("=cmd");
  });
});
