import { describe, expect, it } from "vitest";
import { blockScope, bruteForceWords, unavailableWords } from "./supportWords";

describe("support words", () => {
  it("says why a part is missing, and nothing when it is there", () => {
    expect(unavailableWords({ state: "available", value: [] })).toBeNull();
    expect(unavailableWords({ state: "missingScope", scope: "read:logs" })).toContain("read:logs");
    expect(unavailableWords({ state: "notOnPlan", message: "Enterprise only" })).toContain("Enterprise only");
  });

  it("tells the two brute-force modes apart", () => {
    const block = { identifier: "jo@example.com", ip: null, connection: null };
    expect(blockScope({ ...block, ip: "203.0.113.7" }, "count_per_identifier_and_ip")).toBe("from IP 203.0.113.7");
    expect(blockScope(block, "count_per_identifier")).toBe("from every IP");
    expect(bruteForceWords({ enabled: true, mode: "count_per_identifier", maxAttempts: 10 })).toContain("any IP");
    expect(bruteForceWords({ enabled: false, mode: "count_per_identifier", maxAttempts: 10 })).toMatch(/^Off/);
  });
});

describe("MFA words", () => {
  it("names known kinds and keeps unknown ones", async () => {
    const { mfaKindWords, mfaMethodWords } = await import("./supportWords");
    expect(mfaKindWords("totp")).toMatch(/Authenticator app/);
    expect(mfaKindWords("brand-new")).toBe("brand-new");
    expect(mfaMethodWords(false)).toMatch(/cannot use it yet/);
  });
});
