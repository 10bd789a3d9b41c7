import type { Navigate } from "../../app/navigation";
import type { ApiError, GraphStatus, Neo4jInput, ProfileView } from "../../bindings";
import { BusyButton } from "../../components/BusyButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { IconCheckCircle, IconDatabase, IconRefresh, IconSettings, IconWarning } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { TextWithCode } from "../../components/TextWithCode";
import { Neo4jTransportNotice } from "../../profile/Neo4jTransportNotice";
import { graphStore, type GraphState } from "./graphStore";
import { mappingWords, serverWords } from "./graphWords";

const PROPERTY_ROLES: Record<string, string> = {
  id: "ID",
  email: "E-mail",
  name: "Name",
  emailVerified: "E-mail verified",
};

/** The graph's connection: server, database, user nodes, mapping, and what is wrong with them. */
export function ConnectionStrip({
  state,
  neo4j,
  profile,
  navigate,
}: {
  state: GraphState;
  neo4j: Neo4jInput;
  profile: ProfileView;
  navigate: Navigate;
}) {
  const openSettings = () => navigate("settings", { mode: "edit", profile: profile.name, focus: "neo4j" });
  const status = state.status;
  return (
    <section className="graph-strip" aria-label="Neo4j connection" data-testid="graph-status" aria-busy={state.statusLoading}>
      <div className="graph-strip__row">
        <span className="graph-strip__icon" aria-hidden="true">
          <IconDatabase />
        </span>
        {status ? (
          <StatusFacts status={status} />
        ) : state.statusLoading ? (
          <p className="loading-state graph-strip__facts" role="status" data-testid="graph-status-loading">
            <span className="loading-state__spinner" aria-hidden="true" />
            Connecting to <code className="inline-code">{neo4j.uri}</code> as <code className="inline-code">{neo4j.user}</code>…
          </p>
        ) : (
          <p className="graph-strip__facts text-muted">
            <code className="inline-code">{neo4j.uri}</code>
          </p>
        )}
        <div className="graph-strip__actions">
          <BusyButton
            busy={state.statusLoading}
            busyLabel="Checking…"
            icon={<IconRefresh />}
            className="button button--small"
            onClick={() => void graphStore.loadStatus()}
            testId="graph-status-refresh"
          >
            Check again
          </BusyButton>
          <button type="button" className="button button--ghost button--small" onClick={openSettings}>
            <IconSettings />
            Settings
          </button>
        </div>
      </div>
      <Neo4jTransportNotice warning={profile.neo4jTransportWarning} />
      {state.statusError ? <StatusError error={state.statusError} onSettings={openSettings} navigate={navigate} /> : null}
      {status && status.warnings.length > 0 ? (
        <Notice tone="warning" title="Check the graph before trusting the audit" role="alert" testId="graph-status-warnings">
          <ul className="graph-warnings">
            {status.warnings.map((w) => (
              <li key={w} data-testid="graph-status-warning">
                <TextWithCode text={w} />
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </section>
  );
}

function StatusFacts({ status }: { status: GraphStatus }) {
  return (
    <dl className="graph-strip__facts graph-facts">
      <div>
        <dt>Server</dt>
        <dd data-testid="graph-status-server" title={status.uri}>
          {serverWords(status)}
        </dd>
      </div>
      <div>
        <dt>Database</dt>
        <dd data-testid="graph-status-database">{status.database ?? <span className="text-muted">server default</span>}</dd>
      </div>
      <div>
        <dt>User nodes</dt>
        <dd data-testid="graph-status-nodes">
          {status.userNodes.toLocaleString("en-US")} <span className="text-muted">:{status.mapping.label}</span>
        </dd>
      </div>
      <div>
        <dt>Unique IDs</dt>
        <dd data-testid="graph-status-constraint" data-ok={status.idUniqueConstraint}>
          {status.idUniqueConstraint ? (
            <span className="text-ok">
              <IconCheckCircle /> constraint on {status.mapping.idProperty}
            </span>
          ) : (
            <span className="text-warning">
              <IconWarning /> no constraint
            </span>
          )}
        </dd>
      </div>
      <div className="graph-facts__wide">
        <dt>Mapping</dt>
        <dd data-testid="graph-status-mapping">
          <code className="inline-code">{mappingWords(status.mapping)}</code>
          {status.properties.length > 0 ? (
            <span className="graph-facts__coverage" data-testid="graph-status-properties">
              {status.properties.map((p) => (
                <span
                  key={p.role}
                  className={`chip chip--small${p.nodesWithIt === 0 ? " chip--warning" : ""}`}
                  title={`${p.nodesWithIt.toLocaleString("en-US")} of ${status.userNodes.toLocaleString("en-US")} user nodes have ${p.property}`}
                >
                  {PROPERTY_ROLES[p.role] ?? p.role}: {p.nodesWithIt.toLocaleString("en-US")}
                </span>
              ))}
            </span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

function StatusError({ error, onSettings, navigate }: { error: ApiError; onSettings: () => void; navigate: Navigate }) {
  return (
    <ErrorNotice
      title="The graph could not be reached"
      error={error}
      onRetry={() => void graphStore.loadStatus()}
      retryTestId="graph-status-retry"
      testId="graph-status-error"
      actions={
        error.code === "signInRequired" ? (
          <button type="button" className="button button--small" onClick={() => navigate("session")}>
            Go to Session
          </button>
        ) : (
          <button type="button" className="button button--small" onClick={onSettings}>
            <IconSettings />
            Neo4j settings
          </button>
        )
      }
    />
  );
}
