import { useCallback, useEffect } from "react";
import type { Navigate } from "../../app/navigation";
import {
  commands,
  type Auth0Side,
  type GraphNodeView,
  type NodeView,
  type ProfileView,
  type PropertyView,
  type RelationshipView,
} from "../../bindings";
import { DataTable, type Column } from "../../components/DataTable";
import { ErrorNotice } from "../../components/ErrorNotice";
import { FactList } from "../../components/FactList";
import { IconSettings } from "../../components/Icons";
import { Notice } from "../../components/Notice";
import { plural } from "../../components/plural";
import { lastLoginWords, verifiedWords } from "../rbac/userWords";
import { useLatestRequest } from "../rbac/useLatestRequest";
import { DetailHeader } from "./DetailHeader";
import { graphStore } from "./graphStore";
import { auth0SideTitle, propertyText, relationshipLabel, sortedRelationships } from "./graphWords";

const PROPERTY_COLUMNS: Column<PropertyView>[] = [
  { id: "name", header: "Property", className: "mono", cell: (p) => p.name },
  { id: "value", header: "Value", className: "mono", cell: (p) => propertyText(p.value) },
];

const RELATIONSHIP_COLUMNS: Column<RelationshipView>[] = [
  { id: "type", header: "Relationship", className: "mono", cellProps: (r) => ({ title: r.direction }), cell: relationshipLabel },
  { id: "count", header: "Count", cell: (r) => r.count.toLocaleString("en-US") },
];

/** One user ID: its node(s) in the graph with properties and relationships, and its Auth0 user beside them. */
export function NodeDetail({ profile, id, navigate }: { profile: ProfileView; id: string; navigate: Navigate }) {
  const request = useLatestRequest<GraphNodeView>();
  const { start } = request;
  const load = useCallback(() => start(() => commands.graphNode({ profile: profile.name, id })), [start, profile.name, id]);
  useEffect(load, [load]);
  const view = request.value;

  return (
    <section className="graph-detail" aria-label={`User ${id}`} data-testid="graph-node-detail">
      <DetailHeader
        id={id}
        idWords="user ID"
        titleTestId="graph-node-id"
        onClose={() => graphStore.select(null)}
        closeLabel="Close this user"
        closeTestId="graph-node-close"
      />
      {request.error ? (
        <ErrorNotice title="The user could not be read" error={request.error} onRetry={load} testId="graph-node-error" />
      ) : null}
      {request.running && !view ? (
        <p className="loading-state" role="status" data-testid="graph-node-loading">
          <span className="loading-state__spinner" aria-hidden="true" />
          Reading the nodes and the Auth0 user…
        </p>
      ) : null}
      {view ? <NodeSides view={view} profile={profile} navigate={navigate} /> : null}
    </section>
  );
}

function NodeSides({ view, profile, navigate }: { view: GraphNodeView; profile: ProfileView; navigate: Navigate }) {
  return (
    <div className="graph-sides">
      <div className="graph-side" data-testid="graph-node-side">
        <h3 className="rbac-section-title">
          Graph{view.nodes.length > 1 ? ` — ${plural(view.nodes.length, "node", "nodes")}` : ""}
        </h3>
        {view.nodes.length === 0 ? (
          <Notice tone="warning" testId="graph-node-none">
            No node holds this ID now: it was deleted or re-keyed since the search.
          </Notice>
        ) : null}
        {view.nodes.length > 1 ? (
          <Notice tone="danger" title="Duplicate nodes" testId="graph-node-duplicate">
            <p>
              {plural(view.nodes.length, "node holds", "nodes hold")} this user ID. The audit reports it as a duplicate
              node; the fix plan keeps the first and joins the others to it with{" "}
              <code className="inline-code">HAS_ALIAS</code>.
            </p>
          </Notice>
        ) : null}
        {view.nodes.map((node, i) => (
          <NodeCard key={i} node={node} index={i} of={view.nodes.length} />
        ))}
      </div>
      <Auth0Column side={view.auth0} profile={profile} navigate={navigate} />
    </div>
  );
}

function NodeCard({ node, index, of }: { node: NodeView; index: number; of: number }) {
  const rels = sortedRelationships(node.relationships);
  return (
    <div className="graph-node" data-testid={`graph-node-${index}`}>
      <div className="graph-node__labels">
        {of > 1 ? <strong>Node {index + 1}</strong> : null}
        {node.labels.map((l) => (
          <span key={l} className="chip chip--small chip--accent">
            :{l}
          </span>
        ))}
      </div>
      <DataTable
        label="Properties"
        className="data-table data-table--two"
        wrapClassName={null}
        testId="graph-node-properties"
        columns={PROPERTY_COLUMNS}
        rows={node.properties}
        rowKey={(p) => p.name}
        rowAttributes={(p) => ({ "data-testid": `graph-node-property-${p.name}` })}
        emptyRow="No properties"
      />
      <DataTable
        label="Relationships"
        className="data-table data-table--two"
        wrapClassName={null}
        testId="graph-node-relationships"
        columns={RELATIONSHIP_COLUMNS}
        rows={rels}
        rowKey={(r) => `${r.relType} ${r.direction}`}
        rowAttributes={(r) => ({ "data-testid": `graph-node-rel-${r.direction}-${r.relType}` })}
        emptyRow="No relationships"
      />
    </div>
  );
}

function Auth0Column({ side, profile, navigate }: { side: Auth0Side; profile: ProfileView; navigate: Navigate }) {
  return (
    <div className="graph-side" data-testid="graph-auth0-side" data-state={side.kind}>
      <h3 className="rbac-section-title">{auth0SideTitle(side)}</h3>
      {side.kind === "found" ? (
        <FactList
          facts={[
            { label: "User ID", testId: "graph-auth0-id", value: <code className="inline-code">{side.user.userId}</code> },
            { label: "E-mail", testId: "graph-auth0-email", value: side.user.email ?? "—" },
            { label: "E-mail verified", value: verifiedWords(side.user.emailVerified) },
            { label: "Name", testId: "graph-auth0-name", value: side.user.name ?? "—" },
            { label: "Connection", value: side.user.connection ?? "—" },
            {
              label: "Linked identities",
              value: side.user.linked.length ? side.user.linked.join(", ") : <span className="text-muted">None</span>,
            },
            { label: "Last login", value: lastLoginWords(side.user.lastLogin) },
            { label: "Logins", value: side.user.loginsCount === null ? "—" : side.user.loginsCount.toLocaleString("en-US") },
          ]}
        />
      ) : side.kind === "notFound" ? (
        <Notice tone="warning" testId="graph-auth0-not-found">
          The tenant has no user with this ID: the node is an orphan, or an identity linked into another user.
        </Notice>
      ) : side.kind === "notConfigured" ? (
        <Notice tone="info" testId="graph-auth0-not-configured">
          <p>{side.reason}</p>
          <div className="notice__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => navigate("settings", { mode: "edit", profile: profile.name, focus: "management" })}
              data-testid="graph-auth0-settings"
            >
              <IconSettings />
              Management API settings
            </button>
          </div>
        </Notice>
      ) : (
        <Notice tone="danger" testId="graph-auth0-failed">
          {side.message}
        </Notice>
      )}
    </div>
  );
}
