// How the graph's connection and nodes read: the server line, the mapping,
// a property's value, relationship counts, and the Auth0 side of a node.
import type { Auth0Side, GraphMappingInput, GraphStatus, RelationshipView } from "../../bindings";

/** "Neo4j 5.26.0 Enterprise". */
export function serverWords(status: Pick<GraphStatus, "serverVersion" | "edition">): string {
  const edition = status.edition ? status.edition.charAt(0).toUpperCase() + status.edition.slice(1) : "";
  return `Neo4j ${status.serverVersion}${edition ? ` ${edition}` : ""}`;
}

/** "(:User {id: sub, email: email, name: name, verified: email_verified})"; unmapped ones say "none". */
export function mappingWords(m: GraphMappingInput): string {
  const or = (p: string) => p || "none";
  return `(:${m.label} {id: ${m.idProperty}, email: ${m.emailProperty}, name: ${or(m.nameProperty)}, verified: ${or(m.emailVerifiedProperty)}})`;
}

/** A property's value (JSON text from the core) as shown: strings without their quotes. */
export function propertyText(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "string" ? value : json;
  } catch {
    return json;
  }
}

/** "→ HAS_ALIAS" for outgoing, "← MEMBER_OF" for incoming. */
export function relationshipLabel(r: RelationshipView): string {
  return `${r.direction === "incoming" ? "←" : "→"} ${r.relType}`;
}

/** Relationships ordered by type, outgoing before incoming. */
export function sortedRelationships(rels: readonly RelationshipView[]): RelationshipView[] {
  return [...rels].sort(
    (a, b) => a.relType.localeCompare(b.relType) || (a.direction === "outgoing" ? -1 : 1) - (b.direction === "outgoing" ? -1 : 1),
  );
}

/** A heading for the Auth0 column of a node. */
export function auth0SideTitle(side: Auth0Side): string {
  switch (side.kind) {
    case "found":
      return "Auth0 user";
    case "notFound":
      return "No Auth0 user has this ID";
    case "notConfigured":
      return "Auth0 is not read";
    case "failed":
      return "The Auth0 user could not be read";
  }
}

/** "true", "false" or "—" for an optional flag. */
export function flagText(value: boolean | null): string {
  return value === null ? "—" : value ? "true" : "false";
}
