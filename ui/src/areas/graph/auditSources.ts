// What the audit compares, as the form holds it, and the request it becomes.
import type { AuditAuth0Source, AuditGraphSource, AuditRequest } from "../../bindings";

export type Auth0SourceKind = AuditAuth0Source["kind"];
export type GraphSourceKind = AuditGraphSource["kind"];

export type AuditDraft = {
  auth0: Auth0SourceKind;
  auth0Path: string;
  graph: GraphSourceKind;
  graphPath: string;
  skipBadLines: boolean;
};

export const INITIAL_AUDIT_DRAFT: AuditDraft = {
  auth0: "export",
  auth0Path: "",
  graph: "neo4j",
  graphPath: "",
  skipBadLines: false,
};

export const AUTH0_SOURCE_CHOICES: readonly { kind: Auth0SourceKind; label: string; detail: string }[] = [
  {
    kind: "api",
    label: "Management API search",
    detail: "Pages through the users with the Management API. Auth0 returns at most 1,000 users this way: use an export job for more.",
  },
  {
    kind: "export",
    label: "Users export job",
    detail: "Asks Auth0 for a users export job and reads its file: every user, however many.",
  },
  {
    kind: "file",
    label: "A file",
    detail: "A users export (NDJSON, gzipped or not) or a JSON file of user objects on this machine.",
  },
];

export const GRAPH_SOURCE_CHOICES: readonly { kind: GraphSourceKind; label: string; detail: string }[] = [
  { kind: "neo4j", label: "Neo4j (live)", detail: "Streams the user nodes from the profile’s Neo4j database." },
  {
    kind: "file",
    label: "A file",
    detail: "A CSV or JSON export of the user nodes from Neo4j Browser, with columns named like the mapping.",
  },
];

export type DraftResult = { ok: true; request: AuditRequest } | { ok: false; problem: string; field: "auth0Path" | "graphPath" };

export function toAuditRequest(draft: AuditDraft, profile: string | null): DraftResult {
  const auth0Path = draft.auth0Path.trim();
  const graphPath = draft.graphPath.trim();
  if (draft.auth0 === "file" && !auth0Path) {
    return { ok: false, problem: "Give the path of the Auth0 users file.", field: "auth0Path" };
  }
  if (draft.graph === "file" && !graphPath) {
    return { ok: false, problem: "Give the path of the graph export file.", field: "graphPath" };
  }
  const auth0: AuditAuth0Source = draft.auth0 === "file" ? { kind: "file", path: auth0Path } : { kind: draft.auth0 };
  const graph: AuditGraphSource = draft.graph === "file" ? { kind: "file", path: graphPath } : { kind: "neo4j" };
  return { ok: true, request: { profile, auth0, graph, skipBadLines: draft.skipBadLines } };
}

/** The draft that reads the Auth0 side from `path` (after "Export all Auth0 users"). */
export function withAuth0File(draft: AuditDraft, path: string): AuditDraft {
  return { ...draft, auth0: "file", auth0Path: path };
}
