import { describe, expect, it } from "vitest";
import type { ProfileView } from "../bindings";
import { draftFieldOfCoreField, draftFromProfile, draftToInput, emptyDraft, type ProfileDraft } from "./profileDraft";

const base: ProfileDraft = {
  ...emptyDraft(),
  name: "prod",
  issuer: "acme.eu.auth0.com",
  clientId: "abc",
  neo4jUri: "neo4j+s://graph.example.com",
  neo4jUser: "neo4j",
};

/** A saved profile as the core shows it, without the fields a test adds. */
const savedProfile = {
  name: "prod",
  issuer: "https://acme.eu.auth0.com/",
  provider: "auto",
  clientId: "abc",
  audience: null,
  callbackPort: 8400,
  scopes: [],
  management: { kind: "disabled" },
  neo4j: null,
};

describe("graph mapping in the profile draft", () => {
  it("starts with the default mapping and sends it with the connection", () => {
    const converted = draftToInput(base);
    expect(converted.ok && converted.input.neo4j).toEqual({
      uri: "neo4j+s://graph.example.com",
      user: "neo4j",
      database: null,
      mapping: { label: "User", idProperty: "sub", emailProperty: "email", nameProperty: "name", emailVerifiedProperty: "email_verified" },
    });
  });

  it("sends the names trimmed, an empty optional property as none", () => {
    const converted = draftToInput({ ...base, neo4jLabel: " Person ", neo4jIdProperty: "auth0Id", neo4jNameProperty: " ", neo4jVerifiedProperty: "" });
    expect(converted.ok && converted.input.neo4j?.mapping).toEqual({
      label: "Person",
      idProperty: "auth0Id",
      emailProperty: "email",
      nameProperty: "",
      emailVerifiedProperty: "",
    });
  });

  it("needs the label, the ID and the e-mail property", () => {
    expect(draftToInput({ ...base, neo4jIdProperty: "" })).toMatchObject({ ok: false, problem: { field: "neo4jIdProperty" } });
    expect(draftToInput({ ...base, neo4jLabel: " " })).toMatchObject({ ok: false, problem: { field: "neo4jLabel" } });
    // Without a graph the mapping does not matter.
    const noGraph = draftToInput({ ...base, neo4jUri: "", neo4jUser: "", neo4jLabel: "" });
    expect(noGraph.ok && noGraph.input.neo4j).toBeNull();
  });

  it("reads a saved profile's mapping", () => {
    const profile = {
      ...savedProfile,
      neo4j: {
        uri: "bolt://g",
        user: "neo4j",
        database: null,
        mapping: { label: "Person", idProperty: "uid", emailProperty: "mail", nameProperty: "", emailVerifiedProperty: "" },
      },
    } as unknown as ProfileView;
    const draft = draftFromProfile(profile);
    expect([draft.neo4jLabel, draft.neo4jIdProperty, draft.neo4jEmailProperty, draft.neo4jNameProperty]).toEqual([
      "Person",
      "uid",
      "mail",
      "",
    ]);
  });

  it("marks the mapping field the core's message names", () => {
    expect(draftFieldOfCoreField("neo4jMapping", 'id property "a b" is not a valid name')).toBe("neo4jIdProperty");
    expect(draftFieldOfCoreField("neo4jMapping", 'e-mail-verified property "1x" is not a valid name')).toBe(
      "neo4jVerifiedProperty",
    );
    expect(draftFieldOfCoreField("neo4jMapping", 'label "" is not a valid name')).toBe("neo4jLabel");
    expect(draftFieldOfCoreField("neo4jUri")).toBe("neo4jUri");
    expect(draftFieldOfCoreField("unknown")).toBeNull();
  });
});

describe("users export deadline in the profile draft", () => {
  it("sends the users export deadline trimmed, empty for the default, and marks it when the core refuses it", () => {
    const converted = draftToInput({ ...base, exportJobDeadline: " 90m " });
    expect(converted.ok && converted.input.exportJobDeadline).toBe("90m");
    const unset = draftToInput(base);
    expect(unset.ok && unset.input.exportJobDeadline).toBe("");
    const profile = { ...savedProfile, exportJobDeadline: "1h30m" } as unknown as ProfileView;
    expect(draftFromProfile(profile).exportJobDeadline).toBe("1h30m");
    expect(draftFieldOfCoreField("exportJobDeadline")).toBe("exportJobDeadline");
  });
});

describe("log retention", () => {
  it("sends the days, 0 for none, and refuses what is not 1 to 365", () => {
    const draft = { ...emptyDraft(), name: "p", issuer: "acme.auth0.com", clientId: "c" };
    const set = draftToInput({ ...draft, logRetentionDays: " 10 " });
    expect(set.ok && set.input.logRetentionDays).toBe(10);
    const unset = draftToInput({ ...draft, logRetentionDays: "" });
    expect(unset.ok && unset.input.logRetentionDays).toBe(0);
    for (const bad of ["0", "366", "ten", "1.5"]) {
      const refused = draftToInput({ ...draft, logRetentionDays: bad });
      expect(refused.ok ? null : refused.problem.field).toBe("logRetentionDays");
    }
  });
});
