import { describe, expect, it } from "vitest";
import { lookedUpLabel, lookupRequest, looksLikeToken } from "./lookupInput";

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxIn0.c2ln";

describe("the customer box", () => {
  it("sends names as typed and a pasted token as the token", () => {
    expect(lookupRequest(" jo@example.com ", "p")).toEqual({ profile: "p", who: "jo@example.com", token: null });
    expect(lookupRequest("auth0|123", null)).toEqual({ profile: null, who: "auth0|123", token: null });
    expect(lookupRequest(`  ${TOKEN}\n`, "p")).toEqual({ profile: "p", who: "", token: TOKEN });
  });

  it("tells tokens from names that have dots", () => {
    expect(looksLikeToken(TOKEN)).toBe(true);
    expect(looksLikeToken("jo.doe.smith")).toBe(false);
    expect(looksLikeToken("eyJ.a b.c")).toBe(false);
  });

  it("never shows a token as what was looked up", () => {
    expect(lookedUpLabel(TOKEN)).toBe("the pasted token");
    expect(lookedUpLabel(" jo ")).toBe("jo");
  });
});
