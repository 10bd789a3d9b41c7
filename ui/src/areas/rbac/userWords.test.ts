import { describe, expect, it } from "vitest";
import type { UserSummary, UsersPage } from "../../bindings";
import { overview } from "./testFixtures";
import {
  ANY_API,
  apiChoices,
  hasNextPage,
  hasPreviousPage,
  isCompleteQuestion,
  lastLoginWords,
  pageRangeText,
  pathWords,
  scopeOptions,
  sourceChipText,
  userLabel,
  verifiedWords,
} from "./userWords";

const user = (userId: string, change: Partial<UserSummary> = {}): UserSummary => ({
  userId,
  email: null,
  emailVerified: null,
  name: null,
  connection: null,
  lastLogin: null,
  loginsCount: null,
  linked: [],
  ...change,
});

const page = (index: number, shown: number, total: number | null): UsersPage => ({
  users: Array.from({ length: shown }, (_, i) => user(`auth0|${index * 50 + i}`)),
  total,
  page: index,
  perPage: 50,
  capped: total !== null && total > 1000,
});

describe("pageRangeText", () => {
  it("counts the users a page shows against all that match", () => {
    expect(pageRangeText(page(0, 50, 1234))).toBe("1–50 of 1,234");
    expect(pageRangeText(page(1, 50, 1234))).toBe("51–100 of 1,234");
    expect(pageRangeText(page(2, 7, 107))).toBe("101–107 of 107");
  });

  it("says when nothing matches", () => {
    expect(pageRangeText(page(0, 0, 0))).toBe("No users match");
  });

  it("says the number matching is unknown when Auth0 gave no total", () => {
    expect(pageRangeText(page(1, 50, null))).toBe("51–100 (Auth0 gave no total: how many match is unknown)");
  });
});

describe("paging", () => {
  it("goes back from any page but the first", () => {
    expect(hasPreviousPage(page(0, 50, 120))).toBe(false);
    expect(hasPreviousPage(page(1, 50, 120))).toBe(true);
  });

  it("goes on while more users match", () => {
    expect(hasNextPage(page(0, 50, 120))).toBe(true);
    expect(hasNextPage(page(2, 20, 120))).toBe(false);
    expect(hasNextPage(page(1, 50, 100))).toBe(false);
  });

  it("without a total, goes on after a full page only", () => {
    expect(hasNextPage(page(0, 50, null))).toBe(true);
    expect(hasNextPage(page(1, 20, null))).toBe(false);
    expect(hasNextPage(page(19, 50, null))).toBe(false);
  });

  it("stops at the 1,000th result of a capped search", () => {
    expect(hasNextPage(page(18, 50, 5000))).toBe(true);
    expect(hasNextPage(page(19, 50, 5000))).toBe(false);
  });
});

describe("users in words", () => {
  it("names a user by e-mail, then name, then ID", () => {
    expect(userLabel(user("auth0|1", { email: "nora@example.com", name: "Nora" }))).toBe("nora@example.com");
    expect(userLabel(user("auth0|1", { name: "Nora" }))).toBe("Nora");
    expect(userLabel(user("auth0|1"))).toBe("auth0|1");
  });

  it("says whether the e-mail is verified, or that nobody knows", () => {
    expect(verifiedWords(true)).toBe("Verified");
    expect(verifiedWords(false)).toBe("Not verified");
    expect(verifiedWords(null)).toBe("Unknown");
  });

  it("shows the last login as a local date and time", () => {
    const at = new Date(2026, 10, 26, 9, 5);
    expect(lastLoginWords(at.toISOString())).toBe("2026-11-26 09:05");
    expect(lastLoginWords(null)).toBe("Never");
    expect(lastLoginWords("yesterday")).toBe("yesterday");
  });
});

describe("sources", () => {
  const role = { kind: "role", id: "r1", name: "Support" } as const;
  const direct = { kind: "direct" } as const;

  it("labels chips by role or as direct", () => {
    expect(sourceChipText(role)).toBe("Role Support");
    expect(sourceChipText(direct)).toBe("Direct");
  });

  it("words the paths of an explanation", () => {
    expect(pathWords(role)).toBe("via role Support");
    expect(pathWords(direct)).toBe("given directly");
  });
});

describe("Explain's question", () => {
  it("needs a user and a permission, not an API", () => {
    expect(isCompleteQuestion({ userId: "auth0|1", permission: "read:orders", api: null })).toBe(true);
    expect(isCompleteQuestion({ userId: " ", permission: "read:orders", api: null })).toBe(false);
    expect(isCompleteQuestion({ userId: "auth0|1", permission: "", api: "https://orders.test/" })).toBe(false);
  });

  it("suggests every scope once, sorted, with the APIs that define it", () => {
    const options = scopeOptions(overview);
    expect(options.map((o) => o.value)).toEqual(["=cmd", "read:orders", "read:reports", "read:users", "refund:orders"]);
    expect(options.find((o) => o.value === "read:orders")?.apis).toEqual(["Orders API"]);
    expect(scopeOptions(null)).toEqual([]);
  });

  it("offers any API, then the tenant's own APIs but not Auth0's", () => {
    expect(apiChoices(overview, null)).toEqual([
      ANY_API,
      { kind: "https://orders.test/", label: "Orders API" },
      { kind: "https://reports.test/", label: "Reports API" },
    ]);
  });

  it("keeps an API asked about that the overview does not list", () => {
    expect(apiChoices(null, "https://gone.test/")).toEqual([
      ANY_API,
      { kind: "https://gone.test/", label: "https://gone.test/" },
    ]);
    expect(apiChoices(overview, "https://orders.test/")).toHaveLength(3);
  });
});
