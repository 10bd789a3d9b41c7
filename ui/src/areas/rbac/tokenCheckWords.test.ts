import { describe, expect, it } from "vitest";
import type { TokenCheckView } from "../../bindings";
import { checkTitle, checkTone, expiryWords, secondsLeft, tokenPreview, tokenToCheck } from "./tokenCheckWords";

const view = (change: Partial<TokenCheckView>): TokenCheckView => ({
  api: "https://orders.test/",
  subject: "auth0|nora",
  user: null,
  verified: true,
  verdict: "",
  fromClaim: "permissions",
  matching: ["read:orders"],
  missing: [],
  extra: [],
  expiresIn: 3600,
  stale: false,
  matches: true,
  ...change,
});

describe("checkTone", () => {
  it("is ok when the token matches today's grants", () => {
    expect(checkTone(view({}))).toBe("ok");
    expect(checkTitle(view({}))).toBe("The token matches what the user is granted now");
  });

  it("warns when the token carries revoked permissions", () => {
    const stale = view({ extra: ["refund:orders"], stale: true, matches: false });
    expect(checkTone(stale)).toBe("warn");
    expect(checkTitle(stale)).toBe("Stale: the token carries revoked permissions");
    const expired = view({ extra: ["refund:orders"], stale: false, matches: false, expiresIn: -5 });
    expect(checkTone(expired)).toBe("warn");
    expect(checkTitle(expired)).toBe("The token carried revoked permissions");
  });

  it("is bad when the token lacks permissions, stale or not", () => {
    expect(checkTone(view({ missing: ["export:orders"], matches: false }))).toBe("bad");
    expect(checkTone(view({ missing: ["export:orders"], extra: ["x"], stale: true, matches: false }))).toBe("bad");
  });
});

describe("time left", () => {
  it("counts down from when the token was checked", () => {
    expect(secondsLeft(600, 1000, 1000)).toBe(600);
    expect(secondsLeft(600, 1000, 1060)).toBe(540);
    expect(secondsLeft(600, 1000, 990)).toBe(600);
    expect(secondsLeft(null, 1000, 2000)).toBeNull();
  });

  it("words it in hours and minutes, or as expired", () => {
    expect(expiryWords(3 * 3600 + 12 * 60 + 30)).toBe("expires in 3 h 12 min");
    expect(expiryWords(45)).toBe("expires in 45 s");
    expect(expiryWords(0)).toBe("expired");
    expect(expiryWords(-300)).toBe("expired");
    expect(expiryWords(null)).toBe("never expires");
  });
});

describe("tokenPreview", () => {
  it("shows a token by its first and last 8 characters", () => {
    const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdXRoMHxub3JhIn0.c2lnbmF0dXJl-LASTEIGHT";
    expect(tokenPreview(token)).toBe("eyJhbGci…ASTEIGHT");
    expect(tokenPreview(`  ${token}\n`)).toBe("eyJhbGci…ASTEIGHT");
  });

  it("shows only the start of a text too short to be a token, and nothing for none", () => {
    expect(tokenPreview("abcdefghij")).toBe("abcd…");
    expect(tokenPreview("   ")).toBeNull();
    expect(tokenPreview("")).toBeNull();
  });
});

describe("tokenToCheck", () => {
  it("asks for the session's token only when signed in", () => {
    expect(tokenToCheck("session", "", "", true)).toEqual({ kind: "session" });
    expect(tokenToCheck("session", "pasted", "inspected", false)).toBeNull();
  });

  it("sends a pasted or inspected token trimmed, and nothing when there is none", () => {
    expect(tokenToCheck("pasted", " a.b.c\n", "x.y.z", true)).toEqual({ kind: "pasted", token: "a.b.c" });
    expect(tokenToCheck("pasted", "  ", "x.y.z", true)).toBeNull();
    expect(tokenToCheck("inspector", "a.b.c", "x.y.z ", false)).toEqual({ kind: "pasted", token: "x.y.z" });
    expect(tokenToCheck("inspector", "a.b.c", "", false)).toBeNull();
  });
});
