import { describe, expect, it } from "vitest";
import { sideBySide } from "./diffSides";
import { diff } from "./testFixtures";

describe("the side-by-side diff", () => {
  it("puts what only A has on the left and what only B has on the right", () => {
    const lines = sideBySide(diff);
    expect(lines.map((l) => [l.what, l.name, l.status])).toEqual([
      ["api", "Billing API", "onlyB"],
      ["api", "Orders API", "changed"],
      ["role", "Old Role", "onlyA"],
      ["role", "Admin", "changed"],
    ]);
    const admin = lines[3];
    expect(admin?.items).toEqual([
      { label: "Permissions", a: ["write:graph (https://api/)"], b: [] },
      { label: "Members", a: [], b: ["auth0|nora"] },
    ]);
    expect(admin?.note).toBe("Description changed");
  });

  it("has nothing to show for identical snapshots", () => {
    expect(
      sideBySide({ ...diff, identical: true, apisAdded: [], apisChanged: [], rolesRemoved: [], rolesChanged: [] }),
    ).toEqual([]);
  });
});
