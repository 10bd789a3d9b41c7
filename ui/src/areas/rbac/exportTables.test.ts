import { describe, expect, it } from "vitest";
import { diffTable, matrixTable, rolesTable, scopesTable, userPermissionsTable } from "./exportTables";
import { buildMatrix } from "./matrix";
import { diff, overview } from "./testFixtures";

const widthsMatch = (t: { columns: string[]; rows: string[][] }) =>
  t.rows.every((row) => row.length === t.columns.length);

describe("export tables", () => {
  it("roles: one row each, with member counts and permissions", () => {
    const t = rolesTable(overview);
    expect(t.rows[0]).toEqual(["Everyone", "r1", "Everyone role", "1066", "read:orders (Orders API)"]);
    expect(widthsMatch(t)).toBe(true);
  });

  it("scopes: every API's scopes with the roles that grant them", () => {
    const t = scopesTable(overview);
    expect(t.rows).toContainEqual(["Orders API", "https://orders.test/", "read:orders", "See orders", "Everyone; Orders Manager"]);
    expect(widthsMatch(t)).toBe(true);
  });

  it("the matrix as shown, yes where a role grants", () => {
    const t = matrixTable(buildMatrix(overview, { text: "refund", api: null, grantedOnly: false }));
    expect(t).toEqual({
      name: "role permission matrix",
      columns: ["role", "refund:orders (Orders API)"],
      rows: [["Orders Manager", "yes"]],
    });
  });

  it("a user's permissions with where each comes from", () => {
    const t = userPermissionsTable({
      user: {
        userId: "auth0|sam",
        email: "sam@x.test",
        emailVerified: true,
        name: "Sam",
        connection: null,
        lastLogin: null,
        loginsCount: null,
        linked: [],
      },
      roles: [{ id: "r9", name: "Support" }],
      permissions: [
        {
          permission: { api: "https://api/", apiName: "IdLens API", name: "read:tokens", defined: true },
          sources: [{ kind: "role", id: "r9", name: "Support" }, { kind: "direct" }],
        },
      ],
    });
    expect(t.name).toBe("permissions of sam@x.test");
    expect(t.rows).toEqual([["auth0|sam", "IdLens API", "https://api/", "read:tokens", "yes", "role Support; direct"]]);
  });

  it("a diff: one row per change", () => {
    const t = diffTable(diff);
    expect(t.rows).toEqual([
      ["api", "Billing API", "only in B", ""],
      ["api", "Orders API", "scopes only in B", "export:orders"],
      ["role", "Old Role", "only in A", ""],
      ["role", "Admin", "permissions only in A", "write:graph (https://api/)"],
      ["role", "Admin", "members only in B", "auth0|nora"],
      ["role", "Admin", "description changed", ""],
    ]);
  });
});
