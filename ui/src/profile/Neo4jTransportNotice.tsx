import type { Neo4jTransportWarningView } from "../bindings";
import { Notice } from "../components/Notice";
import { TRANSPORT_WORDS } from "./neo4jTransport";

/** The core's warning that the Neo4j password and data travel unprotected; IdLens still connects. */
export function Neo4jTransportNotice({ warning }: { warning: Neo4jTransportWarningView | null }) {
  if (!warning) return null;
  return (
    <Notice tone="warning" title={TRANSPORT_WORDS[warning.kind].title} testId="neo4j-transport-warning">
      <p>{warning.message}</p>
    </Notice>
  );
}
