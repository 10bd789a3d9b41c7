import { describe, expect, it } from "vitest";
import { auth0SideTitle, flagText, mappingWords, propertyText, relationshipLabel, serverWords, sortedRelationships } from "./graphWords";

describe("graph words", () => {
  it("names the server and the mapping", () => {
    expect(serverWords({ serverVersion: "5.26.0", edition: "enterprise" })).toBe("Neo4j 5.26.0 Enterprise");
    expect(serverWords({ serverVersion: "5.1", edition: "" })).toBe("Neo4j 5.1");
    expect(
      mappingWords({ label: "User", idProperty: "sub", emailProperty: "email", nameProperty: "", emailVerifiedProperty: "email_verified" }),
    ).toBe("(:User {id: sub, email: email, name: none, verified: email_verified})");
  });

  it("shows string properties without quotes and others as JSON", () => {
    expect(propertyText('"auth0|1"')).toBe("auth0|1");
    expect(propertyText("true")).toBe("true");
    expect(propertyText('["a","b"]')).toBe('["a","b"]');
    expect(propertyText("not json")).toBe("not json");
  });

  it("orders relationships by type, outgoing first", () => {
    const rels = sortedRelationships([
      { relType: "MEMBER_OF", direction: "outgoing", count: 1 },
      { relType: "HAS_ALIAS", direction: "incoming", count: 2 },
      { relType: "HAS_ALIAS", direction: "outgoing", count: 1 },
    ]);
    expect(rels.map(relationshipLabel)).toEqual(["→ HAS_ALIAS", "← HAS_ALIAS", "→ MEMBER_OF"]);
  });

  it("titles the Auth0 side", () => {
    expect(auth0SideTitle({ kind: "notFound" })).toBe("No Auth0 user has this ID");
    expect(auth0SideTitle({ kind: "failed", message: "x" })).toMatch(/could not/);
    expect(flagText(null)).toBe("—");
    expect(flagText(false)).toBe("false");
  });
});
