import { describe, expect, it } from "vitest";
import { nextSort, sortRows } from "./tableSort";

describe("sortRows", () => {
  const rows = [
    { name: "role10", n: 3 },
    { name: "Role2", n: null },
    { name: "role1", n: 12 },
    { name: "admin", n: 3 },
  ];

  it("orders text as people read it (case aside, numbers by value)", () => {
    expect(sortRows(rows, (r) => r.name, "ascending").map((r) => r.name)).toEqual(["admin", "role1", "Role2", "role10"]);
    expect(sortRows(rows, (r) => r.name, "descending").map((r) => r.name)).toEqual(["role10", "Role2", "role1", "admin"]);
  });

  it("orders numbers by value, keeps equal rows in order, and puts missing values last both ways", () => {
    expect(sortRows(rows, (r) => r.n, "ascending").map((r) => r.name)).toEqual(["role10", "admin", "role1", "Role2"]);
    expect(sortRows(rows, (r) => r.n, "descending").map((r) => r.name)).toEqual(["role1", "role10", "admin", "Role2"]);
  });
});

describe("nextSort", () => {
  it("sorts a new column ascending, then turns it around", () => {
    expect(nextSort(null, "a")).toEqual({ column: "a", direction: "ascending" });
    expect(nextSort({ column: "a", direction: "ascending" }, "a")).toEqual({ column: "a", direction: "descending" });
    expect(nextSort({ column: "a", direction: "descending" }, "a")).toEqual({ column: "a", direction: "ascending" });
    expect(nextSort({ column: "a", direction: "descending" }, "b")).toEqual({ column: "b", direction: "ascending" });
  });
});
