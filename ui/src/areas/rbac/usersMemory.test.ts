import { describe, expect, it } from "vitest";
import type { UsersPage } from "../../bindings";
import { usersMemory } from "./usersMemory";

const result: UsersPage = { users: [], total: 0, page: 0, perPage: 50, capped: false };

describe("usersMemory", () => {
  it("keeps the search box and the last search for the profile", () => {
    usersMemory.remember("sandbox", { draft: "nora" });
    usersMemory.remember("sandbox", { last: { query: "nora", page: 1, result } });
    expect(usersMemory.recall("sandbox")).toEqual({
      draft: "nora",
      last: { query: "nora", page: 1, result },
      returnTo: null,
    });
  });

  it("remembers nothing of one profile for another", () => {
    usersMemory.remember("sandbox", { draft: "nora", returnTo: "auth0|nora" });
    expect(usersMemory.recall("production")).toEqual({ draft: "", last: null, returnTo: null });
    usersMemory.remember("production", { draft: "sam" });
    expect(usersMemory.recall("production").draft).toBe("sam");
    expect(usersMemory.recall("sandbox").draft).toBe("");
  });
});
