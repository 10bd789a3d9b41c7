import { describe, expect, it } from "vitest";
import { INITIAL_AUDIT_DRAFT, toAuditRequest, withAuth0File } from "./auditSources";

describe("toAuditRequest", () => {
  it("reads the Management API and Neo4j by default", () => {
    expect(toAuditRequest(INITIAL_AUDIT_DRAFT, "prod")).toEqual({
      ok: true,
      request: { profile: "prod", auth0: { kind: "export" }, graph: { kind: "neo4j" }, skipBadLines: false },
    });
  });

  it("takes trimmed file paths and the skip option", () => {
    const draft = { ...withAuth0File(INITIAL_AUDIT_DRAFT, " /tmp/users.json.gz "), graph: "file" as const, graphPath: "/tmp/g.csv", skipBadLines: true };
    expect(toAuditRequest(draft, null)).toEqual({
      ok: true,
      request: {
        profile: null,
        auth0: { kind: "file", path: "/tmp/users.json.gz" },
        graph: { kind: "file", path: "/tmp/g.csv" },
        skipBadLines: true,
      },
    });
  });

  it("asks for a path a file source lacks", () => {
    expect(toAuditRequest({ ...INITIAL_AUDIT_DRAFT, auth0: "file", auth0Path: " " }, null)).toMatchObject({
      ok: false,
      field: "auth0Path",
    });
    expect(toAuditRequest({ ...INITIAL_AUDIT_DRAFT, graph: "file" }, null)).toMatchObject({ ok: false, field: "graphPath" });
  });

  it("sends the export job as it is", () => {
    const result = toAuditRequest({ ...INITIAL_AUDIT_DRAFT, auth0: "export", auth0Path: "ignored" }, "p");
    expect(result.ok && result.request.auth0).toEqual({ kind: "export" });
  });
});
