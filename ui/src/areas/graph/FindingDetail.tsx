import type { AuditFindingView, Auth0UserView, FieldDriftView, GraphUserView } from "../../bindings";
import { DataTable, type Column } from "../../components/DataTable";
import { lastLoginWords } from "../rbac/userWords";
import { auditStore } from "./auditStore";
import { DetailHeader } from "./DetailHeader";
import {
  confidenceWords,
  driftingFields,
  driftValue,
  fieldLabel,
  KIND_WORDS,
  primaryRuleWords,
} from "./findingWords";
import { graphStore } from "./graphStore";
import { flagText } from "./graphWords";

/** One finding: what is wrong, and both sides' data with what differs marked. */
export function FindingDetail({ finding }: { finding: AuditFindingView }) {
  const words = KIND_WORDS[finding.kind];
  const inGraph = finding.graph.length > 0 && finding.kind !== "duplicate_account";
  return (
    <section className="graph-detail" aria-label={`Finding ${finding.key}`} data-testid="audit-finding-detail" data-kind={finding.kind}>
      <DetailHeader
        lead={<span className={`graph-kind graph-kind--${words.tone}`}>{words.title}</span>}
        id={finding.key}
        idWords="ID"
        titleTestId="audit-finding-key"
        onClose={() => auditStore.select(null)}
        closeLabel="Close this finding"
        closeTestId="audit-finding-close"
      />
      <p data-testid="audit-finding-summary">{finding.summary}</p>
      <p className="text-muted">{words.about}</p>

      {finding.kind === "missing_in_graph" && finding.cause ? (
        <p data-testid="audit-finding-cause">
          <strong>Likely cause:</strong> {finding.cause}
        </p>
      ) : null}
      {finding.kind === "linked_secondary_in_graph" && finding.primaryId ? (
        <p data-testid="audit-finding-primary">
          Linked into <code className="inline-code">{finding.primaryId}</code>: the fix re-keys this node to the primary’s ID,
          or joins it to the primary’s node with <code className="inline-code">HAS_ALIAS</code>.
        </p>
      ) : null}
      {finding.kind === "field_drift" ? <DriftTable finding={finding} /> : null}
      {finding.kind === "duplicate_account" ? <DuplicateAccounts finding={finding} /> : null}
      {finding.kind !== "duplicate_account" ? <SideBySide finding={finding} /> : null}
      {inGraph ? (
        <div>
          <button
            type="button"
            className="button button--small"
            onClick={() => graphStore.openInBrowse(finding.graph[0]!.id)}
            data-testid="audit-finding-open-node"
          >
            Open the node in Browse
          </button>
        </div>
      ) : null}
    </section>
  );
}

const DRIFT_COLUMNS: Column<FieldDriftView>[] = [
  { id: "field", header: "Field", rowHeader: true, cell: (f) => fieldLabel(f.field) },
  {
    id: "auth0",
    header: "Auth0",
    className: "graph-drift__auth0 mono",
    cellProps: (f) => ({ "data-testid": `audit-drift-${f.field}-auth0` }),
    cell: (f) => driftValue(f.auth0),
  },
  {
    id: "graph",
    header: "Graph",
    className: "graph-drift__graph mono",
    cellProps: (f) => ({ "data-testid": `audit-drift-${f.field}-graph` }),
    cell: (f) => driftValue(f.graph),
  },
];

function DriftTable({ finding }: { finding: AuditFindingView }) {
  return (
    <DataTable
      label="Fields that differ"
      className="data-table graph-drift"
      wrapClassName={null}
      testId="audit-finding-drift"
      columns={DRIFT_COLUMNS}
      rows={finding.fields}
      rowKey={(f) => f.field}
      rowAttributes={(f) => ({ "data-testid": `audit-drift-${f.field}` })}
    />
  );
}

function DuplicateAccounts({ finding }: { finding: AuditFindingView }) {
  return (
    <>
      <p data-testid="audit-finding-primary">
        Suggested primary: <code className="inline-code">{finding.primaryId ?? "—"}</code>
        {finding.primaryRule ? (
          <span data-testid="audit-finding-rule" data-rule={finding.primaryRule}>
            {" "}
            — {primaryRuleWords(finding.primaryRule)}
          </span>
        ) : null}
        . The fix plan lets you choose another.
      </p>
      {finding.confidence ? (
        <p
          className={finding.confidence === "high" ? "text-ok" : "text-warning"}
          data-testid="audit-finding-confidence"
          data-confidence={finding.confidence}
        >
          {confidenceWords(finding.confidence)}.
        </p>
      ) : null}
      <DataTable
        label="Duplicate accounts"
        testId="audit-finding-accounts"
        columns={accountColumns(finding.primaryId)}
        rows={finding.auth0}
        rowKey={(u) => u.userId}
        rowAttributes={(u) => ({
          "data-testid": `audit-account-${u.userId}`,
          className: u.userId === finding.primaryId ? "graph-primary-row" : undefined,
        })}
      />
    </>
  );
}

function accountColumns(primaryId: string | null): Column<Auth0UserView>[] {
  return [
    {
      id: "account",
      header: "Account",
      className: "mono",
      cell: (u) => (
        <>
          {u.userId}
          {u.userId === primaryId ? <span className="chip chip--small chip--accent">primary</span> : null}
        </>
      ),
    },
    { id: "verified", header: "E-mail verified", cell: (u) => flagText(u.emailVerified) },
    { id: "connection", header: "Connection", sortValue: (u) => u.connection, cell: (u) => u.connection ?? "—" },
    {
      id: "logins",
      header: "Logins",
      sortValue: (u) => u.loginsCount,
      cell: (u) => (u.loginsCount === null ? "—" : u.loginsCount.toLocaleString("en-US")),
    },
    { id: "created", header: "Created", sortValue: (u) => u.createdAt, cell: (u) => (u.createdAt ? lastLoginWords(u.createdAt) : "—") },
    { id: "lastLogin", header: "Last login", sortValue: (u) => u.lastLogin, cell: (u) => lastLoginWords(u.lastLogin) },
  ];
}

/** A field on both sides; `graph` is null for the facts only Auth0 has. */
type Row = { label: string; field: string | null; auth0: string; graph: string[] | null };

/** Both sides' fields in one grid: Auth0's user, and each graph node with the ID. */
function SideBySide({ finding }: { finding: AuditFindingView }) {
  const user: Auth0UserView | undefined = finding.auth0[0];
  const nodes: GraphUserView[] = finding.graph;
  const drift = driftingFields(finding);
  const rows: Row[] = [
    { label: "ID", field: null, auth0: user?.userId ?? "", graph: nodes.map((n) => n.id) },
    { label: "E-mail", field: "email", auth0: user ? (user.email ?? "—") : "", graph: nodes.map((n) => n.email ?? "—") },
    {
      label: "E-mail verified",
      field: "email_verified",
      auth0: user ? flagText(user.emailVerified) : "",
      graph: nodes.map((n) => flagText(n.emailVerified)),
    },
    { label: "Name", field: "name", auth0: user ? (user.name ?? "—") : "", graph: nodes.map((n) => n.name ?? "—") },
  ];
  const extra: Row[] = user
    ? [
        { label: "Connection", field: null, auth0: user.connection ?? "—", graph: null },
        { label: "Logins", field: null, auth0: user.loginsCount === null ? "—" : user.loginsCount.toLocaleString("en-US"), graph: null },
        { label: "Last login", field: null, auth0: lastLoginWords(user.lastLogin), graph: null },
      ]
    : [];
  const drifts = (r: Row) => r.field !== null && drift.has(r.field);
  return (
    <DataTable
      label="Auth0 and the graph side by side"
      className="data-table graph-sides-table"
      testId="audit-finding-sides"
      columns={sideColumns(user !== undefined, nodes.length, drifts)}
      rows={[...rows, ...extra]}
      rowKey={(r) => r.label}
      rowAttributes={(r) => ({ className: drifts(r) ? "graph-drift-row" : undefined, "data-drift": drifts(r) || undefined })}
    />
  );
}

/** The field's name, Auth0's value, and one column per graph node (one "no node" column when there is none). */
function sideColumns(hasUser: boolean, nodeCount: number, drifts: (r: Row) => boolean): Column<Row>[] {
  const label: Column<Row> = {
    id: "label",
    header: <span className="visually-hidden">Field</span>,
    rowHeader: true,
    cell: (r) => (
      <>
        {r.label}
        {drifts(r) ? <span className="chip chip--small chip--warning">differs</span> : null}
      </>
    ),
  };
  const auth0: Column<Row> = {
    id: "auth0",
    header: hasUser ? "Auth0" : "Auth0 — no user",
    headerTestId: "audit-finding-auth0",
    cellProps: (r) => ({ className: r.graph === null ? undefined : "mono" }),
    cell: (r) => r.auth0 || <span className="text-muted">—</span>,
  };
  if (nodeCount === 0) {
    const none: Column<Row> = {
      id: "graph",
      header: "Graph — no node",
      headerTestId: "audit-finding-graph",
      cellProps: (r) => ({ className: r.graph === null ? undefined : "text-muted" }),
      cell: (r) => (r.graph === null ? null : "—"),
    };
    return [label, auth0, none];
  }
  const graph = Array.from(
    { length: nodeCount },
    (_, i): Column<Row> => ({
      id: `graph-${i}`,
      header: nodeCount > 1 ? `Graph node ${i + 1}` : "Graph",
      headerTestId: i === 0 ? "audit-finding-graph" : undefined,
      // Auth0's own facts leave the graph columns empty, as one cell across them.
      cellProps: (r) => (r.graph === null ? (i === 0 ? { colSpan: nodeCount } : {}) : { className: "mono" }),
      cell: (r) => r.graph?.[i] ?? null,
    }),
  );
  return [label, auth0, ...graph];
}
