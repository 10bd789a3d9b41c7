import { describe, expect, it } from "vitest";
import type { ProfileView } from "../bindings";
import { savedTransportWarning } from "./neo4jTransport";

const warning = { kind: "plaintext", message: "neo4j:// and bolt:// are not encrypted: …" } as const;

function profile(uri: string | null, transport: typeof warning | null): ProfileView {
  return {
    name: "prod",
    neo4j: uri ? { uri, user: "neo4j", database: null } : null,
    neo4jTransportWarning: transport,
  } as unknown as ProfileView;
}

describe("the Neo4j transport warning in the profile editor", () => {
  it("shows the saved profile's warning while the form has its URI", () => {
    expect(savedTransportWarning(profile("bolt://graph.example", warning), "bolt://graph.example")).toEqual(warning);
    expect(savedTransportWarning(profile("bolt://graph.example", warning), "  bolt://graph.example ")).toEqual(warning);
  });

  it("shows nothing once the URI is edited, for a new profile, or when the core found nothing", () => {
    expect(savedTransportWarning(profile("bolt://graph.example", warning), "neo4j+s://graph.example")).toBeNull();
    expect(savedTransportWarning(null, "bolt://graph.example")).toBeNull();
    expect(savedTransportWarning(profile("neo4j+s://graph.example", null), "neo4j+s://graph.example")).toBeNull();
    expect(savedTransportWarning(profile(null, null), "")).toBeNull();
  });
});
