import type { AuditFindingView, Auth0UserView, GraphUserView } from "../../bindings";
import { CopyButton } from "../../components/CopyButton";
import { IconClose } from "../../components/Icons";
import { lastLoginWords } from "../rbac/userWords";
import { auditStore } from "./auditStore";
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
      <div className="rbac-toolbar rbac-toolbar--center">
        <span className={`graph-kind graph-kind--${words.tone}`}>{words.title}</span>
        <h2 className="card__title rbac-toolbar__grow graph-detail__title" data-testid="audit-finding-key">
          <span className="mono">{finding.key}</span> <CopyButton text={finding.key} what="ID" compact />
        </h2>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => auditStore.select(null)}
          data-testid="audit-finding-close"
          aria-label="Close this finding"
        >
          <IconClose />
          Close
        </button>
      </div>
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

function DriftTable({ finding }: { finding: AuditFindingView }) {
  return (
    <table className="data-table graph-drift" data-testid="audit-finding-drift">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Auth0</th>
          <th scope="col">Graph</th>
        </tr>
      </thead>
      <tbody>
        {finding.fields.map((f) => (
          <tr key={f.field} data-testid={`audit-drift-${f.field}`}>
            <th scope="row">{fieldLabel(f.field)}</th>
            <td className="graph-drift__auth0 mono" data-testid={`audit-drift-${f.field}-auth0`}>
              {driftValue(f.auth0)}
            </td>
            <td className="graph-drift__graph mono" data-testid={`audit-drift-${f.field}-graph`}>
              {driftValue(f.graph)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
      <div className="data-table-wrap">
        <table className="data-table" data-testid="audit-finding-accounts">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">E-mail verified</th>
              <th scope="col">Connection</th>
              <th scope="col">Logins</th>
              <th scope="col">Created</th>
              <th scope="col">Last login</th>
            </tr>
          </thead>
          <tbody>
            {finding.auth0.map((u) => (
              <tr key={u.userId} data-testid={`audit-account-${u.userId}`} className={u.userId === finding.primaryId ? "graph-primary-row" : undefined}>
                <td className="mono">
                  {u.userId}
                  {u.userId === finding.primaryId ? <span className="chip chip--small chip--accent">primary</span> : null}
                </td>
                <td>{flagText(u.emailVerified)}</td>
                <td>{u.connection ?? "—"}</td>
                <td>{u.loginsCount === null ? "—" : u.loginsCount.toLocaleString("en-US")}</td>
                <td>{u.createdAt ? lastLoginWords(u.createdAt) : "—"}</td>
                <td>{lastLoginWords(u.lastLogin)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Row = { label: string; field: string | null; auth0: string; graph: string[] };

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
  const extra: [string, string][] = user
    ? [
        ["Connection", user.connection ?? "—"],
        ["Logins", user.loginsCount === null ? "—" : user.loginsCount.toLocaleString("en-US")],
        ["Last login", lastLoginWords(user.lastLogin)],
      ]
    : [];
  return (
    <div className="data-table-wrap">
      <table className="data-table graph-sides-table" data-testid="audit-finding-sides">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Field</span>
            </th>
            <th scope="col" data-testid="audit-finding-auth0">
              {user ? "Auth0" : "Auth0 — no user"}
            </th>
            {nodes.length === 0 ? (
              <th scope="col" data-testid="audit-finding-graph">
                Graph — no node
              </th>
            ) : (
              nodes.map((_, i) => (
                <th scope="col" key={i} data-testid={i === 0 ? "audit-finding-graph" : undefined}>
                  {nodes.length > 1 ? `Graph node ${i + 1}` : "Graph"}
                </th>
              ))
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const drifts = r.field !== null && drift.has(r.field);
            return (
              <tr key={r.label} className={drifts ? "graph-drift-row" : undefined} data-drift={drifts || undefined}>
                <th scope="row">
                  {r.label}
                  {drifts ? <span className="chip chip--small chip--warning">differs</span> : null}
                </th>
                <td className="mono">{r.auth0 || <span className="text-muted">—</span>}</td>
                {nodes.length === 0 ? (
                  <td className="text-muted">—</td>
                ) : (
                  r.graph.map((v, i) => (
                    <td className="mono" key={i}>
                      {v}
                    </td>
                  ))
                )}
              </tr>
            );
          })}
          {extra.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
              <td colSpan={Math.max(1, nodes.length)} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
