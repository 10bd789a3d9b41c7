import type { Neo4jTransportKind, Neo4jTransportWarningView, ProfileView } from "../bindings";

/**
 * Short words for a Neo4j connection the core found unprotected (the rule
 * and its message live in the core, `Neo4jSettings::transport_warning`).
 */
export const TRANSPORT_WORDS: Record<Neo4jTransportKind, { title: string; chip: string }> = {
  plaintext: { title: "The Neo4j connection is not encrypted", chip: "Neo4j unencrypted" },
  certificateNotVerified: { title: "The Neo4j server’s certificate is not verified", chip: "Neo4j unverified" },
};

/**
 * The saved profile's warning while the form still shows its Neo4j URI; none
 * once the URI is edited, since the core judges a URI when it is saved.
 */
export function savedTransportWarning(profile: ProfileView | null, draftUri: string): Neo4jTransportWarningView | null {
  if (!profile?.neo4j || !profile.neo4jTransportWarning) return null;
  return draftUri.trim() === profile.neo4j.uri ? profile.neo4jTransportWarning : null;
}
